package com.enrollflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/**
 * Two transactions that each move two opportunities of one campus, in opposite orders, commit both (the PostgreSQL
 * pass only: tag {@code postgres-only}; H2's summary triggers run at each statement, not at commit). The summaries
 * written at commit (open_pipeline here, funnel_day and funnel_month with it) are counter rows per campus: without the
 * campus lock of V49, the first transaction held the rows of its first move and waited for the second's, which held
 * the rows of its own first move and waited for the first's — PostgreSQL's deadlock detector then failed one
 * (decision 388). The deferred triggers are made to fire at a chosen moment with {@code set constraints all
 * immediate}, as a commit would fire them.
 */
@EnrollFlowTest
@Tag("postgres-only")
class SummaryLockTests {

    private static final OffsetDateTime RECEIVED = OffsetDateTime.parse("1998-04-01T09:00:00+08:00");

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    private long opportunity() {
        long customer = Leads.customer(jdbc, "锁序", RECEIVED);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into opportunity (customer_id, status, stage, channel, campus_code, owner_group, received_at) "
                + "values (?, 'OPEN', 'RECEIVED', 'PHONE', 'SH-PD', 'callCenter', ?)").params(customer, RECEIVED)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Runs the update and fires the deferred triggers now, as the commit would. */
    private static void moveAndCount(Connection c, String update, long opportunity) throws SQLException {
        try (PreparedStatement move = c.prepareStatement("update opportunity set " + update + " where id = ?")) {
            move.setLong(1, opportunity);
            move.executeUpdate();
        }
        try (Statement now = c.createStatement()) {
            now.execute("set constraints all immediate");
        }
    }

    @Test
    void shouldCommitTwoTransactionsThatCountOneCampusesRowsInOppositeOrders() throws Exception {
        // X: 上海浦东's counters of new leads without a team and of the 1:1 team's; Y: the class team's valid and intent
        long a1 = opportunity();
        long b2 = opportunity();
        long a2 = opportunity();
        long b1 = opportunity();
        jdbc.sql("update opportunity set team_id = 'SHPDCLASS', valid_at = ? where id in (?, ?)")
                .params(RECEIVED.plusHours(1), a2, b1).update();
        String toTeam = "team_id = 'SHPD1V1'";
        String toIntent = "intent_at = timestamp with time zone '1998-04-01 12:00:00+08'";
        ExecutorService second = Executors.newSingleThreadExecutor();
        try (Connection one = dataSource.getConnection(); Connection two = dataSource.getConnection()) {
            one.setAutoCommit(false);
            two.setAutoCommit(false);
            moveAndCount(one, toTeam, a1);
            // the second counts Y, then X; the first counted X and counts Y after it
            Future<?> other = second.submit(() -> {
                moveAndCount(two, toIntent, a2);
                moveAndCount(two, toTeam, b2);
                two.commit();
                return null;
            });
            try {
                other.get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException waiting) {
                // the second waits for the first's campus lock before it writes any of 上海浦东's counters
            }
            assertThat(other.isDone()).as("the second waits while the first holds 上海浦东's counters").isFalse();
            moveAndCount(one, toIntent, b1);
            one.commit();
            other.get(30, TimeUnit.SECONDS);
        } finally {
            second.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from opportunity where id in (?, ?) and team_id = 'SHPD1V1'")
                .params(a1, b2).query(Long.class).single()).as("both moves to the 1:1 team committed").isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from opportunity where id in (?, ?) and intent_at is not null")
                .params(a2, b1).query(Long.class).single()).as("both intents committed").isEqualTo(2);
        long kept = jdbc.sql("select coalesce(sum(opportunities), 0) from open_pipeline where campus_code = 'SH-PD'")
                .query(Long.class).single();
        long counted = jdbc.sql("select count(*) from opportunity where campus_code = 'SH-PD' and status = 'OPEN' "
                + "and renewal_of_id is null and paid_at is null").query(Long.class).single();
        assertThat(kept).as("上海浦东's open pipeline after both").isEqualTo(counted);
    }

    /**
     * V49's condition is the union of the conditions of the summary triggers that run at commit, written out again:
     * an update that fires one of them must take the campus lock first. Read from PostgreSQL's own definitions, so a
     * summary trigger that comes to watch another column fails here until the lock watches it too.
     */
    @Test
    void shouldTakeTheCampusLockForEveryUpdateASummaryCounts() {
        // each column a condition compares, as "old.x IS DISTINCT FROM new.x" or "(old.x)::text IS DISTINCT FROM …"
        Pattern watched = Pattern.compile("\\bold\\.(\\w+)");
        Set<String> counted = new TreeSet<>();
        Set<String> locked = new TreeSet<>();
        jdbc.sql("select t.tgname, pg_get_triggerdef(t.oid) from pg_trigger t "
                + "where t.tgrelid = 'opportunity'::regclass and t.tgconstraint <> 0 and t.tgname like '%update'")
                .query(rs -> {
                    Matcher m = watched.matcher(rs.getString(2));
                    Set<String> into = rs.getString(1).startsWith("a_summary_campus_lock") ? locked : counted;
                    while (m.find()) {
                        into.add(m.group(1));
                    }
                });
        assertThat(counted).as("the columns the summaries at commit count").contains("team_id", "campaign", "status");
        assertThat(locked).as("the columns whose change takes the campus lock").containsAll(counted);
    }
}
