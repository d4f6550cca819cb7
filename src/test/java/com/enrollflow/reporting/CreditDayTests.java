package com.enrollflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/**
 * credit_day, the sales credit per day that the 业绩 report reads, stays what V30's statement (the rebuild) counts
 * from the credits and reversals themselves, whatever the triggers did (H2: CreditDayTrigger, PostgreSQL: V31's
 * functions): after the other tests' writes, a deal shared by two people of one team (one order of the team and the
 * campus), a renewal shared by people of two teams (one order of each team, one of the campus) and reversals. The
 * report's own figures are counted by hand in CreditReportTests.
 */
@EnrollFlowTest
class CreditDayTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    private static String rebuild() throws java.io.IOException {
        String insert = com.enrollflow.bench.BoardLoad.creditDayRebuild();
        return insert.substring(insert.indexOf("select x.credited_on, g.grain"));
    }

    private Map<String, String> recount() throws java.io.IOException {
        Map<String, String> rows = new TreeMap<>();
        jdbc.sql(rebuild()).query(rs -> {
            put(rows, rs.getObject(1, java.time.LocalDate.class) + " " + rs.getString(2) + " " + rs.getString(3) + "/"
                    + rs.getString(4) + "/" + rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8),
                    rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getLong(11), rs.getLong(12), rs.getLong(13));
        });
        return rows;
    }

    private Map<String, String> kept() {
        Map<String, String> rows = new TreeMap<>();
        jdbc.sql("select credited_on, grain, campus_code, team_id, user_id, orders, renewal_orders, credited, reversed, "
                + "renewal_net, first_touch, last_touch, even_split from credit_day").query(rs -> {
                    put(rows, rs.getObject(1, java.time.LocalDate.class) + " " + rs.getString(2) + " "
                            + rs.getString(3) + "/" + rs.getString(4) + "/" + rs.getString(5), rs.getLong(6),
                            rs.getLong(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10),
                            rs.getLong(11), rs.getLong(12), rs.getLong(13));
                });
        return rows;
    }

    private static void put(Map<String, String> rows, String key, long orders, long renewalOrders, BigDecimal credited,
            BigDecimal reversed, BigDecimal renewalNet, long first, long last, long even) {
        String figures = orders + " orders (" + renewalOrders + " renewals) ¥" + credited.setScale(2) + " −¥"
                + reversed.setScale(2) + " renewal net ¥" + renewalNet.setScale(2) + " policies " + first + "/" + last
                + "/" + even;
        if (!figures.equals("0 orders (0 renewals) ¥0.00 −¥0.00 renewal net ¥0.00 policies 0/0/0")) {
            rows.put(key, figures);
        }
    }

    private void assertKeptIsTheRecount(String after) throws java.io.IOException {
        assertThat(kept()).as("credit_day after " + after).isEqualTo(recount());
    }

    private long deal(String campus, String team, Long renewalOf) {
        OffsetDateTime when = OffsetDateTime.parse("1995-03-01T09:00:00+08:00");
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into customer (name, phone, created_at, updated_at) values ('业绩汇总', ?, ?, ?)")
                .params("+86" + Leads.newPhone(), when, when).update(keys, "id");
        long customer = keys.getKey().longValue();
        keys = new GeneratedKeyHolder();
        jdbc.sql("insert into opportunity (customer_id, status, stage, channel, campus_code, product_line, owner_group, "
                + "received_at, paid_at, team_id, renewal_of_id) values (?, 'WON', 'ASSIGNED', 'PHONE', ?, 'ONE_ON_ONE', "
                + "'consultant', ?, ?, ?, ?)").params(customer, campus, when, when, team, renewalOf)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    private void credit(long deal, String user, String amount, String policy, String at) {
        jdbc.sql("insert into sales_credit (opportunity_id, user_id, amount, policy, credited_at) values (?, ?, ?, ?, ?)")
                .params(deal, user, new BigDecimal(amount), policy, OffsetDateTime.parse(at)).update();
    }

    private long count(String grain, String campus, String team, String user, String day) {
        return jdbc.sql("select coalesce(sum(orders), 0) from credit_day where grain = ? and campus_code = ? "
                + "and team_id = ? and user_id = ? and credited_on = ?").params(grain, campus, team, user,
                        java.time.LocalDate.parse(day)).query(Long.class).single();
    }

    @Test
    void shouldStayTheRebuildThroughSharedDealsRenewalsAndReversals() throws Exception {
        assertKeptIsTheRecount("the other tests' writes");
        // 23:30 in Beijing on the 1st is still the 1st there
        long shared = deal("BJ-HD", "BJHD1V1", null);
        transaction.executeWithoutResult(t -> {
            credit(shared, "liwei", "4500.00", "EVEN_SPLIT", "1995-03-01T23:30:00+08:00");
            credit(shared, "chenjing", "4500.00", "EVEN_SPLIT", "1995-03-01T23:30:00+08:00");
        });
        assertKeptIsTheRecount("a deal shared by two people of one team");
        assertThat(count("P", "BJ-HD", "BJHD1V1", "liwei", "1995-03-01")).isOne();
        assertThat(count("T", "BJ-HD", "BJHD1V1", "", "1995-03-01")).as("one order of the team, not two").isOne();
        assertThat(count("C", "BJ-HD", "", "", "1995-03-01")).isOne();
        // a renewal has no team: liwei counts for 海淀一对一组, zhaolei for 海淀班课组, the campus once
        long renewal = deal("BJ-HD", null, shared);
        transaction.executeWithoutResult(t -> {
            credit(renewal, "liwei", "1200.00", "EVEN_SPLIT", "1995-03-02T10:00:00+08:00");
            credit(renewal, "zhaolei", "1200.00", "EVEN_SPLIT", "1995-03-02T10:00:00+08:00");
        });
        assertKeptIsTheRecount("a renewal shared across two teams");
        assertThat(count("T", "BJ-HD", "BJHD1V1", "", "1995-03-02")).isOne();
        assertThat(count("T", "BJ-HD", "BJHDCLASS", "", "1995-03-02")).isOne();
        assertThat(count("C", "BJ-HD", "", "", "1995-03-02")).as("one order of the campus").isOne();
        // reversals of both, on later days
        for (Object[] r : new Object[][] {{shared, "liwei", "900.00"}, {renewal, "zhaolei", "300.00"}}) {
            long customer = jdbc.sql("select customer_id from opportunity where id = ?").param(r[0]).query(Long.class)
                    .single();
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("insert into contract (number, campus_code, contract_year, seq, quote_id, opportunity_id, "
                    + "customer_id, final_price, status, issued_by, issued_at, sha256, pdf_size) values (?, 'BJ-HD', "
                    + "1995, ?, ?, ?, ?, 9000.00, 'ISSUED', 'zhaomin', ?, ?, 0)")
                    .params("YJ-CD-" + r[0], (int) ((Long) r[0] % 100000), -((Long) r[0]), r[0], customer,
                            OffsetDateTime.parse("1995-03-01T09:00:00+08:00"), "0".repeat(64)).update(keys, "id");
            long contract = keys.getKey().longValue();
            keys = new GeneratedKeyHolder();
            jdbc.sql("insert into refund (refund_no, contract_id, opportunity_id, customer_id, campus_code, reason, "
                    + "status, paid, consumed_value, fees, fee_name, amount, shortfall, consumed_lessons, "
                    + "purchased_lessons, unit_price, computation, requested_by, requested_at) values (?, ?, ?, ?, "
                    + "'BJ-HD', 'PERSONAL', 'PAID', 9000.00, 0, 0, '无', 900.00, 0, 0, 40, 225.00, '测试', 'chenxi', ?)")
                    .params("CD" + r[0], contract, r[0], customer, OffsetDateTime.parse("1995-03-05T09:00:00+08:00"))
                    .update(keys, "id");
            jdbc.sql("insert into sales_credit_reversal (refund_id, user_id, amount, reversed_at) values (?, ?, ?, ?)")
                    .params(keys.getKey().longValue(), r[1], new BigDecimal((String) r[2]),
                            OffsetDateTime.parse("1995-03-05T09:00:00+08:00")).update();
        }
        assertKeptIsTheRecount("two reversals");
        assertThat(jdbc.sql("select renewal_net from credit_day where grain = 'C' and campus_code = 'BJ-HD' "
                + "and credited_on = ?").param(java.time.LocalDate.parse("1995-03-05")).query(BigDecimal.class)
                .single()).as("the renewal's reversal comes off the renewals' net").isEqualByComparingTo("-300.00");
    }
}
