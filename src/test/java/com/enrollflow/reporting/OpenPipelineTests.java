package com.enrollflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.opportunity.FunnelStage;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/**
 * open_pipeline, the open opportunities per campus, team, product line and stage that 计划完成's forecast weighs, and
 * open_standing, the open ones by where they stand that 销售过程's stuck figures start from (V57), and stage_time_month,
 * 销售过程's stage times per month and duration as shown (V63), stay equal to a recount of the opportunities made here
 * in Java, independently of V43's, V57's and V63's triggers (the PostgreSQL pass only, tag {@code postgres-only}: on
 * H2 all three are views counting the same live): after whatever the other tests of this
 * database wrote before, and after intakes, assignments, first contacts, recycles, exemptions, stage moves, payments,
 * closes and reopens, renewals, several writes in one transaction, deletes, concurrent intakes at one campus, and
 * V44's, V58's and V64's rebuilds; and funnel_month, funnel_day per month, after V48's rebuild, and campaign_month,
 * campaign_day per month, after V55's (FunnelDayTests compares them with funnel_day and campaign_day after every
 * write).
 */
@EnrollFlowTest
@Tag("postgres-only")
class OpenPipelineTests {

    private static final OffsetDateTime RECEIVED = OffsetDateTime.parse("1997-03-01T09:00:00+08:00");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    /** key → open opportunities, recounted from the open, unpaid, non-renewal opportunities ('' for none). */
    private Map<String, Long> recount() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select * from opportunity where status = 'OPEN' and renewal_of_id is null and paid_at is null")
                .query(rs -> {
                    counts.merge(key(rs.getString("campus_code"), rs.getString("team_id"),
                            rs.getString("product_line"), standing(rs).name()), 1L, Long::sum);
                });
        return counts;
    }

    /** The furthest stage an opportunity row reached, as FunnelStage.standingSql gives it. */
    private static FunnelStage standing(java.sql.ResultSet row) throws java.sql.SQLException {
        for (FunnelStage stage : FunnelStage.STANDING_FURTHEST_FIRST) {
            if (row.getObject(stage.column()) != null) {
                return stage;
            }
        }
        return FunnelStage.RECEIVED;
    }

    /** open_pipeline as kept, rows that came back to zero left out. */
    private Map<String, Long> kept() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select * from open_pipeline where opportunities <> 0").query(rs -> {
            counts.put(key(rs.getString("campus_code"), rs.getString("team_id"), rs.getString("product_line"),
                    rs.getString("stage")), rs.getLong("opportunities"));
        });
        return counts;
    }

    private static String key(String... codes) {
        StringBuilder key = new StringBuilder();
        for (String code : codes) {
            key.append(key.isEmpty() ? "" : " ").append(code == null ? "" : code);
        }
        return key.toString();
    }

    /**
     * key → open opportunities as 销售过程's stuck figures count them (open, not renewals, paid or not), recounted by
     * where they stand: campus or call centre, team, product line, stage, contacted, exempt, assigned, pool.
     */
    private Map<String, Long> standingRecount() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select * from opportunity where status = 'OPEN' and renewal_of_id is null").query(rs -> {
            FunnelStage stage = standing(rs);
            String campus = rs.getString("campus_code");
            counts.merge(key(campus, campus == null ? rs.getString("call_centre") : null, rs.getString("team_id"),
                    rs.getString("product_line"), stage.name(), "" + (rs.getObject("first_contact_at") != null),
                    "" + rs.getBoolean("recycle_exempt"), "" + (rs.getString("owner_user") != null),
                    rs.getString("pool")), 1L, Long::sum);
        });
        return counts;
    }

    /** open_standing as kept, rows that came back to zero left out. */
    private Map<String, Long> standingKept() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select * from open_standing where opportunities <> 0").query(rs -> {
            counts.put(key(rs.getString("campus_code"), rs.getString("call_centre"), rs.getString("team_id"),
                    rs.getString("product_line"), rs.getString("stage"), "" + rs.getBoolean("contacted"),
                    "" + rs.getBoolean("exempt"), "" + rs.getBoolean("assigned"), rs.getString("pool")),
                    rs.getLong("opportunities"));
        });
        return counts;
    }

    /** The steps of 销售过程's stage times: key, the column it starts from, the column it ends at. */
    private static final String[][] STEPS = {{"firstContact", "assigned_at", "first_contact_at"},
            {"valid", "received_at", "valid_at"}, {"intent", "valid_at", "intent_at"},
            {"agreed", "intent_at", "agreed_at"}, {"visited", "agreed_at", "visited_at"},
            {"planned", "visited_at", "planned_at"}, {"paid", "planned_at", "paid_at"}};

    /**
     * key → [opportunities, seconds] of the steps taken, recounted as 销售过程 counts them: not a renewal, both ends
     * set and in order, 线索到有效 only for a lead not split off; by step, Beijing month of the end, campus or call
     * centre, product line and the duration as shown (tenths of an hour; from two days on, tenths of a day × 24).
     */
    private Map<String, List<String>> stageTimeRecount() {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, java.math.BigDecimal> seconds = new TreeMap<>();
        jdbc.sql("select * from opportunity where renewal_of_id is null").query(rs -> {
            for (String[] step : STEPS) {
                OffsetDateTime from = rs.getObject(step[1], OffsetDateTime.class);
                OffsetDateTime to = rs.getObject(step[2], OffsetDateTime.class);
                if (from == null || to == null || to.isBefore(from)
                        || step[0].equals("valid") && rs.getObject("split_from_id") != null) {
                    continue;
                }
                double x = java.time.Duration.between(from, to).toNanos() / 1e9;
                long tenths = (long) Math.floor(x / 360 + 0.5);
                long bucket = tenths < 480 ? tenths : (long) Math.floor((2.0 * tenths + 24) / 48) * 24;
                String campus = rs.getString("campus_code");
                String key = key(step[0], to.atZoneSameInstant(com.enrollflow.reference.BusinessTime.ZONE)
                        .toLocalDate().withDayOfMonth(1).toString(), campus,
                        campus == null ? rs.getString("call_centre") : null, rs.getString("product_line"),
                        "" + bucket);
                counts.computeIfAbsent(key, k -> new long[1])[0]++;
                seconds.merge(key, java.math.BigDecimal.valueOf(x), java.math.BigDecimal::add);
            }
        });
        Map<String, List<String>> recount = new TreeMap<>();
        counts.forEach((key, n) -> recount.put(key, List.of("" + n[0],
                seconds.get(key).stripTrailingZeros().toPlainString())));
        return recount;
    }

    /** stage_time_month as kept, rows that came back to zero left out. */
    private Map<String, List<String>> stageTimeKept() {
        Map<String, List<String>> kept = new TreeMap<>();
        jdbc.sql("select * from stage_time_month where opportunities <> 0").query(rs -> {
            kept.put(key(rs.getString("step"), rs.getDate("month_start").toLocalDate().toString(),
                    rs.getString("campus_code"), rs.getString("call_centre"), rs.getString("product_line"),
                    "" + rs.getInt("bucket")), List.of("" + rs.getLong("opportunities"),
                            rs.getBigDecimal("seconds").stripTrailingZeros().toPlainString()));
        });
        return kept;
    }

    /** The summaries of the open opportunities, open_pipeline (V42) and open_standing (V57), and stage_time_month. */
    private void assertKeptIsTheRecount(String after) {
        assertThat(kept()).as("open_pipeline after " + after).isEqualTo(recount());
        assertThat(standingKept()).as("open_standing after " + after).isEqualTo(standingRecount());
        assertThat(stageTimeKept()).as("stage_time_month after " + after).isEqualTo(stageTimeRecount());
    }

    private long kept(String campus, String team, String productLine, String stage) {
        return jdbc.sql("select coalesce(sum(opportunities), 0) from open_pipeline where campus_code = ? "
                + "and team_id = ? and product_line = ? and stage = ?").params(campus, team, productLine, stage)
                .query(Long.class).single();
    }

    private long opportunity(String campus, Long renewalOf) {
        long customer = Leads.customer(jdbc, "管道", RECEIVED);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into opportunity (customer_id, status, stage, channel, campus_code, call_centre, "
                + "owner_group, renewal_of_id, received_at) values (?, 'OPEN', 'RECEIVED', 'PHONE', ?, ?, "
                + "'callCenter', ?, ?)")
                .params(customer, campus, campus == null ? "HQCC" : null, renewalOf, RECEIVED).update(keys, "id");
        return keys.getKey().longValue();
    }

    private void set(long opportunity, String assignments, Object... values) {
        Object[] params = new Object[values.length + 1];
        System.arraycopy(values, 0, params, 0, values.length);
        params[values.length] = opportunity;
        jdbc.sql("update opportunity set " + assignments + " where id = ?").params(params).update();
    }

    @Test
    void shouldStayTheRecountThroughEveryKindOfWrite() {
        assertKeptIsTheRecount("the other tests' writes");
        long before = kept("SH-XH", "", "", "RECEIVED");
        long a = opportunity("SH-XH", null);
        long b = opportunity(null, null);
        assertKeptIsTheRecount("a campus's new lead and a call centre's");
        assertThat(kept("SH-XH", "", "", "RECEIVED")).as("上海徐汇's new lead, no team, no line yet")
                .isEqualTo(before + 1);

        set(a, "valid_at = ?, intent_at = ?, product_line = 'ONE_ON_ONE'", RECEIVED.plusHours(1), RECEIVED.plusHours(2));
        set(b, "campus_code = 'SH-XH', call_centre = null, valid_at = ?", RECEIVED.plusHours(1));
        assertKeptIsTheRecount("intent with a product line, a call centre's lead given a campus");
        set(a, "team_id = 'SHXH1V1', owner_user = 'liwei', pool = null, assigned_at = ?", RECEIVED.plusHours(3));
        assertKeptIsTheRecount("routed to a team and assigned");
        assertThat(kept("SH-XH", "SHXH1V1", "ONE_ON_ONE", "INTENT")).isGreaterThanOrEqualTo(1);

        // an owner, a pool, a contact count or a first contact counts nothing in open_pipeline; open_standing keeps
        // the first contact, and an owner's presence, not who it is
        Map<String, Long> unmoved = kept();
        Map<String, Long> standing = standingKept();
        set(a, "owner_user = 'zhangli'");
        assertThat(standingKept()).as("another owner in place of one").isEqualTo(standing);
        set(a, "first_contact_at = ?, last_progress_at = ?", RECEIVED.plusHours(4), RECEIVED.plusHours(4));
        assertThat(kept()).isEqualTo(unmoved);
        assertKeptIsTheRecount("first contact made");
        set(a, "owner_user = null, pool = 'PUBLIC'");
        assertKeptIsTheRecount("recycled to the public pool");
        set(a, "owner_user = 'liwei', pool = null, recycle_exempt = true");
        assertKeptIsTheRecount("claimed and made exempt (VIP)");

        set(a, "agreed_at = ?, visited_at = ?, planned_at = ?", RECEIVED.plusDays(1), RECEIVED.plusDays(2),
                RECEIVED.plusDays(3));
        assertKeptIsTheRecount("agreed, visited and planned");
        set(a, "paid_at = ?", RECEIVED.plusDays(4));
        assertKeptIsTheRecount("paid: out of the pipeline, though still open");
        set(b, "status = 'LOST'");
        assertKeptIsTheRecount("closed as lost");
        set(b, "status = 'OPEN'");
        assertKeptIsTheRecount("reopened");

        // several writes in one transaction: a new lead moved twice and closed, another moved
        transaction.executeWithoutResult(t -> {
            long c = opportunity("SH-XH", null);
            set(c, "valid_at = ?", RECEIVED.plusHours(1));
            set(b, "team_id = 'SHXH1V1', product_line = 'CLASS', intent_at = ?", RECEIVED.plusHours(5));
            set(c, "team_id = 'SHXH1V1', intent_at = ?", RECEIVED.plusHours(2));
            set(c, "status = 'INVALID'");
        });
        assertKeptIsTheRecount("a lead received, moved twice and closed in one transaction, another moved");

        long renewal = opportunity("SH-XH", a);
        assertKeptIsTheRecount("a renewal (never in the pipeline)");
        set(renewal, "renewal_of_id = null");
        assertKeptIsTheRecount("a renewal that was none after all");

        jdbc.sql("delete from opportunity where id in (?, ?, ?)").params(renewal, a, b).update();
        assertKeptIsTheRecount("the opportunities deleted");
    }

    @Test
    void shouldCountEveryLeadOfConcurrentIntakesAtOneCampus() throws Exception {
        long before = kept("BJ-CY", "", "", "RECEIVED");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Long>> intakes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                intakes.add(() -> transaction.execute(t -> opportunity("BJ-CY", null)));
            }
            for (Future<Long> intake : pool.invokeAll(intakes)) {
                intake.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(kept("BJ-CY", "", "", "RECEIVED"))
                .as("40 leads of 北京朝阳 taken at once, none lost to a race on the campus's row").isEqualTo(before + 40);
        assertKeptIsTheRecount("concurrent intakes");
    }

    /**
     * V44's, V58's and V64's insert … select are the rebuilds of open_pipeline, open_standing and stage_time_month
     * (docs/operations.md): each run on today's data, after a lead of a campus and one of the call centre in a
     * team's pool, gives the recount.
     */
    @Test
    void shouldRebuildToTheRecount() throws java.io.IOException {
        long a = opportunity("BJ-HD", null);
        set(a, "valid_at = ?, team_id = 'BJHD1V1'", RECEIVED.plusHours(1));
        long b = opportunity(null, null);
        set(b, "valid_at = ?, pool = 'TEAM', team_id = 'BJHD1V1'", RECEIVED.plusHours(1));
        for (String[] summary : new String[][] {
                {"open_pipeline", com.enrollflow.bench.BoardLoad.openPipelineRebuild()},
                {"open_standing", com.enrollflow.bench.BoardLoad.openStandingRebuild()},
                {"stage_time_month", com.enrollflow.bench.BoardLoad.stageTimeMonthRebuild()}}) {
            transaction.executeWithoutResult(t -> {
                jdbc.sql("delete from " + summary[0]).update();
                jdbc.sql(summary[1]).update();
            });
            assertKeptIsTheRecount(summary[0] + "'s rebuild");
        }
    }

    /** V48's insert … select is funnel_month's rebuild, after one of funnel_day: it gives funnel_day per month. */
    @Test
    void shouldRebuildFunnelMonthToFunnelDayPerMonth() throws java.io.IOException {
        assertKeptAndRebuiltAs("funnel_month", com.enrollflow.bench.BoardLoad.funnelMonthRebuild(),
                "select campus_code, month_start m, stage, is_lead, opportunities n, orders, order_value v "
                        + "from funnel_month",
                "select campus_code, cast(date_trunc('month', reached_on) as date) m, stage, is_lead, "
                        + "sum(opportunities) n, sum(orders) orders, sum(order_value) v from funnel_day group by "
                        + "campus_code, cast(date_trunc('month', reached_on) as date), stage, is_lead");
    }

    /** V55's insert … select is campaign_month's rebuild, after one of campaign_day: campaign_day per month. */
    @Test
    void shouldRebuildCampaignMonthToCampaignDayPerMonth() throws java.io.IOException {
        // a month's row counted down to zero stays, as campaign_day's own rows do: it counts nothing
        assertKeptAndRebuiltAs("campaign_month", com.enrollflow.bench.BoardLoad.campaignMonthRebuild(),
                "select month_start m, campus_code, call_centre, channel, campaign_key, leads, paid, revenue "
                        + "from campaign_month where leads <> 0 or paid <> 0 or revenue <> 0",
                "select cast(date_trunc('month', received_on) as date) m, campus_code, call_centre, channel, "
                        + "campaign_key, sum(leads) leads, sum(paid) paid, sum(revenue) revenue from campaign_day "
                        + "group by cast(date_trunc('month', received_on) as date), campus_code, call_centre, "
                        + "channel, campaign_key having sum(leads) <> 0 or sum(paid) <> 0 or sum(revenue) <> 0");
    }

    /**
     * A month summary as its trigger kept it, and again after its rebuild statement (in one transaction, emptied and
     * refilled), has exactly the rows of {@code perMonth}, its day summary added up per month.
     */
    private void assertKeptAndRebuiltAs(String table, String rebuild, String kept, String perMonth) {
        String differences = "select count(*) from ((" + perMonth + " except " + kept + ") union all (" + kept
                + " except " + perMonth + ")) d";
        assertThat(jdbc.sql(differences).query(Long.class).single()).as(table + " as kept").isZero();
        transaction.executeWithoutResult(t -> {
            jdbc.sql("delete from " + table).update();
            jdbc.sql(rebuild).update();
        });
        assertThat(jdbc.sql(differences).query(Long.class).single()).as(table + " rebuilt").isZero();
    }
}
