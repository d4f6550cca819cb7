package com.enrollflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/**
 * assignment_day, the activity counts per day that 销售过程 reads, stays equal to a recount of the assignment events
 * joined to their opportunities made here in Java, independently of the triggers (H2: AssignmentDayTrigger,
 * PostgreSQL: V36's functions): after whatever the other tests of this database wrote before, and after events of
 * every shape, an opportunity's campus, call centre, product line and renewal mark changed, several writes in one
 * transaction, deletes, and V37's rebuild.
 */
@EnrollFlowTest
class AssignmentDayTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    /** key → events, recounted from the events of opportunities that are not renewals ('' for an empty code). */
    private Map<String, Long> recount() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select e.occurred_at, o.campus_code, o.call_centre, o.product_line, e.team_id, e.kind, e.from_user, "
                + "e.to_user from assignment_event e join opportunity o on o.id = e.opportunity_id "
                + "where o.renewal_of_id is null").query(rs -> {
                    String campus = rs.getString("campus_code");
                    counts.merge(key(BusinessTime.dateOf(rs.getObject("occurred_at", OffsetDateTime.class)), campus,
                            campus == null ? rs.getString("call_centre") : null, rs.getString("product_line"),
                            rs.getString("team_id"), rs.getString("kind"), rs.getString("from_user"),
                            rs.getString("to_user")), 1L, Long::sum);
                });
        return counts;
    }

    /** assignment_day as kept, rows that came back to zero left out. */
    private Map<String, Long> kept() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select * from assignment_day where events <> 0").query(rs -> {
            counts.put(key(rs.getObject("occurred_on", LocalDate.class), rs.getString("campus_code"),
                    rs.getString("call_centre"), rs.getString("product_line"), rs.getString("team_id"),
                    rs.getString("kind"), rs.getString("from_user"), rs.getString("to_user")), rs.getLong("events"));
        });
        return counts;
    }

    private static String key(LocalDate day, String... codes) {
        StringBuilder key = new StringBuilder(day.toString());
        for (String code : codes) {
            key.append(" ").append(code == null ? "" : code);
        }
        return key.toString();
    }

    private void assertKeptIsTheRecount(String after) {
        assertThat(kept()).as("assignment_day after " + after).isEqualTo(recount());
    }

    private long opportunity(String campus, String productLine, Long renewalOf) {
        OffsetDateTime received = OffsetDateTime.parse("1995-03-01T09:00:00+08:00");
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into customer (name, phone, created_at, updated_at) values ('活动', ?, ?, ?)")
                .params("+86" + Leads.newPhone(), received, received).update(keys, "id");
        long customer = keys.getKey().longValue();
        keys = new GeneratedKeyHolder();
        jdbc.sql("insert into opportunity (customer_id, status, stage, channel, campus_code, call_centre, "
                + "product_line, owner_group, renewal_of_id, received_at) values (?, 'OPEN', 'RECEIVED', 'PHONE', ?, ?, ?, "
                + "'callCenter', ?, ?)")
                .params(customer, campus, campus == null ? "HQCC" : null, productLine, renewalOf, received)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    private void event(long opportunity, String team, String kind, String from, String to, OffsetDateTime at) {
        jdbc.sql("insert into assignment_event (opportunity_id, team_id, kind, from_user, to_user, actor, occurred_at) "
                + "values (?, ?, ?, ?, ?, 'system', ?)").params(opportunity, team, kind, from, to, at).update();
    }

    @Test
    void shouldStayTheRecountThroughEveryKindOfWrite() {
        assertKeptIsTheRecount("the other tests' writes");
        // 23:30 in Beijing is 15:30 UTC: the Beijing day counts, not the UTC one
        OffsetDateTime late = OffsetDateTime.parse("1995-03-01T23:30:00+08:00");
        long a = opportunity("BJ-HD", "ONE_ON_ONE", null);
        long b = opportunity(null, null, null);
        event(a, "BJHD1V1", "ROUTED", null, null, late);
        event(a, "BJHD1V1", "ASSIGNED", null, "liwei", late.plusMinutes(40));
        event(a, "BJHD1V1", "ASSIGNED", null, "liwei", late.plusMinutes(45));
        event(b, null, "ROUTED", null, null, late);
        assertKeptIsTheRecount("events of a campus's lead and of a call centre's, around midnight in Beijing");
        assertThat(jdbc.sql("select events from assignment_day where occurred_on = ? and to_user = 'liwei' "
                + "and kind = 'ASSIGNED'").param(LocalDate.parse("1995-03-02")).query(Long.class).single())
                .as("two assignments after midnight in one row").isEqualTo(2);

        jdbc.sql("update opportunity set campus_code = 'SH-PD', product_line = 'CLASS' where id = ?").param(b).update();
        jdbc.sql("update opportunity set product_line = 'CLASS' where id = ?").param(a).update();
        assertKeptIsTheRecount("a campus set at intent, product lines changed: the events move with them");

        // an owner, a status or a stage counts nothing: the summary does not move
        Map<String, Long> before = kept();
        jdbc.sql("update opportunity set owner_user = 'liwei', status = 'LOST', valid_at = ? where id = ?")
                .params(late, a).update();
        assertThat(kept()).isEqualTo(before);

        // several writes in one transaction: an event, a campus change that must move it, another event
        transaction.executeWithoutResult(t -> {
            event(a, "BJHD1V1", "RETURNED", "liwei", null, late.plusDays(1));
            jdbc.sql("update opportunity set campus_code = 'BJ-CY' where id = ?").param(a).update();
            event(a, "BJCY1V1", "CLAIMED", null, "wangfang", late.plusDays(2));
        });
        assertKeptIsTheRecount("an event, a move and an event in one transaction");

        long renewal = opportunity("BJ-HD", "ONE_ON_ONE", a);
        event(renewal, "BJHD1V1", "ASSIGNED", null, "liwei", late);
        assertKeptIsTheRecount("a renewal's event (never counted)");
        jdbc.sql("update opportunity set renewal_of_id = null where id = ?").param(renewal).update();
        assertKeptIsTheRecount("a renewal that was none after all");

        jdbc.sql("delete from assignment_event where opportunity_id = ? and kind = 'ASSIGNED'").param(a).update();
        jdbc.sql("update assignment_event set to_user = 'chenjing' where opportunity_id = ?").param(renewal).update();
        assertKeptIsTheRecount("events deleted and one corrected");
        jdbc.sql("delete from assignment_event where opportunity_id in (?, ?, ?)").params(a, b, renewal).update();
        jdbc.sql("delete from opportunity where id in (?, ?, ?)").params(renewal, a, b).update();
        assertKeptIsTheRecount("the opportunities deleted with their events");
    }

    /**
     * An event not yet committed while another transaction moves its opportunity to another campus: the move waits
     * for the event (it locks its opportunity's row while it is counted) and moves it too.
     */
    @Test
    void shouldMoveAnEventCommittedWhileItsOpportunityChangesCampus() throws Exception {
        long a = opportunity("BJ-HD", "ONE_ON_ONE", null);
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var event = pool.submit(() -> transaction.executeWithoutResult(t -> {
                event(a, "BJHD1V1", "ASSIGNED", null, "liwei", OffsetDateTime.parse("1995-05-01T10:00:00+08:00"));
                written.countDown();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            written.await();
            var move = pool.submit(() -> jdbc.sql("update opportunity set campus_code = 'BJ-CY' where id = ?")
                    .param(a).update());
            event.get(30, java.util.concurrent.TimeUnit.SECONDS);
            move.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertKeptIsTheRecount("an event and a campus change at the same time");
        assertThat(jdbc.sql("select coalesce(sum(events), 0) from assignment_day where occurred_on = ? "
                + "and campus_code = 'BJ-CY' and to_user = 'liwei'").param(LocalDate.parse("1995-05-01"))
                .query(Long.class).single()).isEqualTo(1);
    }

    /** V37's insert … select is also the rebuild (docs/operations.md): run on today's data, it gives the recount. */
    @Test
    void shouldRebuildToTheRecount() throws java.io.IOException {
        long a = opportunity("BJ-CY", "ONE_ON_ONE", null);
        event(a, "BJCY1V1", "ASSIGNED", null, "wangfang", OffsetDateTime.parse("1995-04-01T00:10:00+08:00"));
        String rebuild = com.enrollflow.bench.BoardLoad.assignmentDayRebuild();
        transaction.executeWithoutResult(t -> {
            jdbc.sql("delete from assignment_day").update();
            jdbc.sql(rebuild).update();
        });
        assertKeptIsTheRecount("the rebuild");
    }
}
