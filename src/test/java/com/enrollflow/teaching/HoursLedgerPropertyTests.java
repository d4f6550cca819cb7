package com.enrollflow.teaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.jdbcx.JdbcDataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.Upserts;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The hours ledger's invariants, for any sequence of consumptions, corrections, rebookings and direct writes: the
 * ledger's own tables (taken from the V11 migration, checks included) on an in-memory H2, driven through
 * {@link HoursLedger}, transfers (转课) included. Whatever the order: remaining ≥ 0, consumed ≤ purchased + gifted + transferred in, a
 * consumption succeeds exactly when something is left, and the entries add up to the line.
 */
class HoursLedgerPropertyTests {

    enum Op { CONSUME, RESTORE, REBOOK, TRANSFER, OVERDRAW_REFUND, OVERDRAW_CONSUMED, NEGATIVE }

    private static JdbcClient jdbc;
    private static HoursLedger ledger;
    private static final AtomicLong CONTRACTS = new AtomicLong();

    @BeforeContainer
    static void schema() throws IOException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:ledger-properties;DB_CLOSE_DELAY=-1");
        jdbc = JdbcClient.create(ds);
        // the tables the ledger refers to, reduced to the columns it reads
        jdbc.sql("create table contract (id bigint primary key, quote_id bigint not null)").update();
        jdbc.sql("create table quote_line (quote_id bigint not null, line_no integer not null, kind varchar(16) not null, "
                + "description varchar(200) not null, lessons integer not null, final_amount numeric(12,2) not null)")
                .update();
        jdbc.sql("create table lesson (id bigint primary key)").update();
        // the ledger exactly as the migration creates it
        String v11 = new ClassPathResource("db/migration/V11__lesson_attendance_and_hours_ledger.sql")
                .getContentAsString(StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
        Arrays.stream(v11.split(";")).map(String::strip)
                .filter(st -> st.startsWith("create table hours_") || st.startsWith("create index ix_hours_"))
                .forEach(st -> jdbc.sql(st).update());
        // the roll call an entry names (V68) and the class a class line names (V69)
        jdbc.sql("alter table hours_entry add column class_session_id bigint").update();
        jdbc.sql("alter table hours_ledger add column class_code varchar(32)").update();
        jdbc.sql("alter table quote_line add column item_code varchar(48) default 'ONE-ON-ONE'").update();
        ledger = new HoursLedger(jdbc, Clock.systemUTC(),
                new Upserts(new org.springframework.jdbc.datasource.DataSourceTransactionManager(ds)));
    }

    private static long contract(int purchased, int gifted) {
        long id = CONTRACTS.incrementAndGet();
        jdbc.sql("insert into contract (id, quote_id) values (?, ?)").params(id, id).update();
        jdbc.sql("insert into quote_line (quote_id, line_no, kind, description, lessons, final_amount) "
                + "values (?, 1, 'LESSONS', '一对一课时', ?, 1000.00)").params(id, purchased).update();
        if (gifted > 0) {
            jdbc.sql("insert into quote_line (quote_id, line_no, kind, description, lessons, "
                    + "final_amount) values (?, 2, 'LESSONS', '一对一课时（赠送）', 0, 0)").param(id).update();
            ledger.accounts(id);
            jdbc.sql("update hours_ledger set kind = 'GIFT', gifted = ? where contract_id = ? and line_no = 2")
                    .params(gifted, id).update();
        }
        return id;
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        return Arbitraries.of(Op.class).list().ofMaxSize(60);
    }

    @Property(tries = 200)
    void theLedgerHoldsItsInvariantsWhateverHappens(@ForAll @IntRange(min = 0, max = 12) int purchased,
            @ForAll @IntRange(min = 0, max = 3) int gifted, @ForAll("operations") List<Op> ops) {
        long id = contract(purchased, gifted);
        int consumed = 0;
        BigDecimal movedValue = BigDecimal.ZERO;
        for (Op op : ops) {
            int before = left(id);
            switch (op) {
                case CONSUME -> {
                    if (before > 0) {
                        HoursLedger.Line line = ledger.consumeOne(id, null, "t");
                        consumed++;
                        if (line.kind().equals("GIFT")) {
                            assertThat(ledger.accounts(id).stream().filter(l -> l.kind().equals("LESSONS"))
                                    .mapToInt(HoursLedger.Line::remaining).sum()).as("bought lessons go first").isZero();
                        }
                    } else {
                        assertThatThrownBy(() -> ledger.consumeOne(id, null, "t"))
                                .isInstanceOf(ConflictException.class).hasMessageContaining("剩余 0 课时");
                    }
                }
                case RESTORE -> {
                    int line = consumedOf(id, 2) > 0 ? 2 : 1;
                    if (consumedOf(id, line) > 0) {
                        ledger.restoreOne(id, line, null, "t");
                        consumed--;
                    }
                }
                case REBOOK -> ledger.rebooked(id, null, "t");
                case TRANSFER -> {
                    int bought = ledger.accounts(id).stream().filter(l -> l.kind().equals("LESSONS"))
                            .mapToInt(HoursLedger.Line::remaining).sum();
                    if (bought > 0) {
                        HoursLedger.Moved m = ledger.transferOut(id, "转课", n -> BigDecimal.valueOf(n * 90L), "t");
                        assertThat(m.lessons()).as("every bought lesson left moves").isEqualTo(bought);
                        movedValue = movedValue.add(m.valueOut());
                    } else {
                        assertThatThrownBy(() -> ledger.transferOut(id, "转课", n -> BigDecimal.ONE, "t"))
                                .isInstanceOf(ConflictException.class);
                    }
                }
                case OVERDRAW_REFUND -> assertThatThrownBy(() -> jdbc.sql("update hours_ledger set refunded = "
                        + "refunded + ? where contract_id = ? and line_no = 1").params(before + 1 + gifted, id).update())
                        .isInstanceOf(DataIntegrityViolationException.class);
                case OVERDRAW_CONSUMED -> assertThatThrownBy(() -> jdbc.sql("update hours_ledger set consumed = "
                        + "purchased + gifted + transferred_in + 1 where contract_id = ? and line_no = 1").param(id)
                        .update()).isInstanceOf(DataIntegrityViolationException.class);
                case NEGATIVE -> assertThatThrownBy(() -> jdbc.sql("update hours_ledger set rebooked = -1 "
                        + "where contract_id = ?").param(id).update())
                        .isInstanceOf(DataIntegrityViolationException.class);
            }
            BigDecimal valueOfMoves = BigDecimal.ZERO;
            for (HoursLedger.Line line : ledger.accounts(id)) {
                BigDecimal out = LessonValue.of(line.kind(), line.finalAmount(), line.basis(), line.transferredOut());
                assertThat(out).as("a line never gives away more than its price").isLessThanOrEqualTo(line.finalAmount());
                valueOfMoves = valueOfMoves.add(out);
                assertThat(line.remaining()).isGreaterThanOrEqualTo(0);
                assertThat(line.consumed()).isLessThanOrEqualTo(line.purchased() + line.gifted() + line.transferredIn());
            }
            assertThat(left(id) + consumed).as("what is left and what was consumed make up what was bought")
                    .isEqualTo(purchased + gifted);
            assertThat(valueOfMoves).as("the value moved, summed move by move, is each line's value moved, rounded once")
                    .isEqualByComparingTo(movedValue);
        }
        Integer entries = jdbc.sql("select coalesce(sum(lessons), 0) from hours_entry where contract_id = ? "
                + "and kind in ('CONSUMED', 'RESTORED')").param(id).query(Integer.class).single();
        assertThat(entries).as("the entries add up to the line").isEqualTo(consumed);
    }

    private static int left(long contractId) {
        return ledger.accounts(contractId).stream().mapToInt(HoursLedger.Line::remaining).sum();
    }

    private static int consumedOf(long contractId, int lineNo) {
        return jdbc.sql("select coalesce(max(consumed), 0) from hours_ledger where contract_id = ? and line_no = ?")
                .params(contractId, lineNo).query(Integer.class).single();
    }
}
