package com.enrollflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * funnel_day, the funnel counted per day that the board reads, stays equal to a recount of the opportunities made
 * here in Java, independently of the triggers (H2: FunnelDayTrigger, PostgreSQL: V26's functions): after whatever
 * the other tests of this database wrote before, and after inserts, moves, stage dates, renewals, splits, deletes,
 * several changes in one transaction and concurrent intakes on the same day.
 */
@EnrollFlowTest
class FunnelDayTests {

    private static final List<String[]> STAGES = List.of(new String[] {"leads", "received_at"},
            new String[] {"valid", "valid_at"}, new String[] {"intent", "intent_at"},
            new String[] {"agreed", "agreed_at"}, new String[] {"visited", "visited_at"},
            new String[] {"planned", "planned_at"}, new String[] {"paid", "paid_at"});

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    /** key → count, counted from the opportunities as the summary means them (no renewals, empty codes ''). */
    private Map<String, Long> recount() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select campus_code, call_centre, team_id, split_from_id, received_at, valid_at, intent_at, agreed_at, "
                + "visited_at, planned_at, paid_at from opportunity where renewal_of_id is null").query(rs -> {
                    String campus = rs.getString("campus_code");
                    String centre = campus == null && rs.getString("call_centre") != null ? rs.getString("call_centre")
                            : "";
                    String team = rs.getString("team_id") == null ? "" : rs.getString("team_id");
                    boolean lead = rs.getObject("split_from_id") == null;
                    for (String[] stage : STAGES) {
                        OffsetDateTime at = rs.getObject(stage[1], OffsetDateTime.class);
                        if (at != null) {
                            counts.merge(key(BusinessTime.dateOf(at), stage[0], campus == null ? "" : campus, centre,
                                    team, lead), 1L, Long::sum);
                        }
                    }
                });
        return counts;
    }

    private Map<String, Long> summary() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select reached_on, stage, campus_code, call_centre, team_id, is_lead, opportunities from funnel_day "
                + "where opportunities <> 0").query(rs -> {
                    counts.put(key(rs.getObject("reached_on", LocalDate.class), rs.getString("stage"),
                            rs.getString("campus_code"), rs.getString("call_centre"), rs.getString("team_id"),
                            rs.getBoolean("is_lead")), rs.getLong("opportunities"));
                });
        return counts;
    }

    private static String key(LocalDate day, String stage, String campus, String centre, String team, boolean lead) {
        return day + " " + stage + " " + campus + "/" + centre + " " + team + (lead ? " lead" : " split");
    }

    private void assertSummaryIsTheRecount(String after) {
        assertThat(summary()).as("funnel_day after " + after).isEqualTo(recount());
    }

    private long opportunity(String campus, String team, OffsetDateTime received, Long splitFrom, Long renewalOf) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into customer (name, phone, created_at, updated_at) values ('汇总', ?, ?, ?)")
                .params("+86" + Leads.newPhone(), received, received).update(keys, "id");
        long customer = keys.getKey().longValue();
        keys = new GeneratedKeyHolder();
        jdbc.sql("insert into opportunity (customer_id, status, stage, channel, campus_code, call_centre, owner_group, "
                + "team_id, split_from_id, renewal_of_id, received_at) values (?, 'OPEN', 'RECEIVED', 'PHONE', ?, "
                + "?, 'callCenter', ?, ?, ?, ?)")
                .params(customer, campus, campus == null ? "CC-BJ" : null, team, splitFrom, renewalOf, received)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    @Test
    void shouldStayTheRecountThroughEveryKindOfWrite() {
        assertSummaryIsTheRecount("the other tests' writes");
        // 23:30 in Beijing is 15:30 UTC: the Beijing day counts, not the UTC one
        OffsetDateTime late = OffsetDateTime.parse("1996-05-31T23:30:00+08:00");
        long a = opportunity("BJ-HD", null, late, null, null);
        long b = opportunity(null, null, late.plusHours(1), null, null);
        assertSummaryIsTheRecount("two leads, one of a call centre without a campus");
        jdbc.sql("update opportunity set valid_at = ?, intent_at = ?, team_id = 'BJHD1V1' where id = ?")
                .params(late.plusDays(1), late.plusDays(2), a).update();
        jdbc.sql("update opportunity set campus_code = 'SH-PD', team_id = 'SHPD1V1' where id = ?").param(b).update();
        assertSummaryIsTheRecount("stage dates, a team, a campus set at intent");
        long split = opportunity("BJ-HD", "BJHDCLASS", late, a, null);
        jdbc.sql("update opportunity set intent_at = ? where id = ?").params(late.plusDays(2), split).update();
        long renewal = opportunity("BJ-HD", "BJHD1V1", late, null, a);
        jdbc.sql("update opportunity set paid_at = ? where id = ?").params(late.plusDays(3), renewal).update();
        assertSummaryIsTheRecount("a split (no second lead) and a renewal (never in the funnel)");
        // an owner, a status or a contact attempt counts nothing: the summary does not move
        Map<String, Long> before = summary();
        jdbc.sql("update opportunity set owner_user = 'liwei', status = 'LOST', contact_attempts = 3 where id = ?")
                .param(a).update();
        assertThat(summary()).isEqualTo(before);
        // several changes of one row in one transaction, and a coalesce that rewrites a date unchanged
        transaction.executeWithoutResult(t -> {
            jdbc.sql("update opportunity set agreed_at = ? where id = ?").params(late.plusDays(4), a).update();
            jdbc.sql("update opportunity set team_id = 'BJHDCLASS' where id = ?").param(a).update();
            jdbc.sql("update opportunity set agreed_at = coalesce(agreed_at, ?) where id = ?")
                    .params(late.plusDays(9), a).update();
        });
        assertSummaryIsTheRecount("three changes in one transaction");
        jdbc.sql("update opportunity set split_from_id = null where id = ?").param(split).update();
        jdbc.sql("delete from opportunity where id = ?").param(renewal).update();
        assertSummaryIsTheRecount("a split made a lead of its own, a renewal deleted");
    }

    /** V25's statement is also the rebuild (docs/operations.md): run on today's data, it gives the recount. */
    @Test
    void shouldRebuildToTheRecount() throws java.io.IOException {
        String migration = new String(new org.springframework.core.io.ClassPathResource(
                "db/migration/V25__funnel_day.sql").getInputStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        String rebuild = migration.substring(migration.indexOf("select reached_on, stage"), migration.lastIndexOf(';'));
        opportunity("BJ-CY", "BJCY1V1", OffsetDateTime.parse("1996-07-01T00:10:00+08:00"), null, null);
        Map<String, Long> rebuilt = new TreeMap<>();
        jdbc.sql(rebuild).query(rs -> {
            rebuilt.put(key(rs.getObject("reached_on", LocalDate.class), rs.getString("stage"),
                    rs.getString("campus_code"), rs.getString("call_centre"), rs.getString("team_id"),
                    rs.getBoolean("is_lead")), rs.getLong(7));
        });
        assertThat(rebuilt).isEqualTo(recount());
    }

    @Test
    void shouldCountEveryLeadOfConcurrentIntakesOnTheSameDay() throws Exception {
        OffsetDateTime day = OffsetDateTime.parse("1996-06-15T10:00:00+08:00");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Long>> intakes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                intakes.add(() -> transaction.execute(t -> opportunity("SH-XH", null, day, null, null)));
            }
            for (Future<Long> intake : pool.invokeAll(intakes)) {
                intake.get();
            }
        } finally {
            pool.shutdown();
        }
        long counted = jdbc.sql("select opportunities from funnel_day where reached_on = ? and stage = 'leads' "
                + "and campus_code = 'SH-XH' and team_id = '' and is_lead").param(day.toLocalDate())
                .query(Long.class).single();
        assertThat(counted).as("40 leads of 上海徐汇 taken at once, none lost to a race on the day's row")
                .isEqualTo(jdbc.sql("select count(*) from opportunity where campus_code = 'SH-XH' and received_at = ?")
                        .param(day).query(Long.class).single());
        assertSummaryIsTheRecount("concurrent intakes");
    }
}
