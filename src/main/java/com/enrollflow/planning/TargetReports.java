package com.enrollflow.planning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.InputRules;
import com.enrollflow.opportunity.FunnelStage;
import com.enrollflow.reference.BusinessTime;

/**
 * The targets report's figures. Actual: the orders paid in the period (new sales and renewals, as the campus's income
 * is planned), at their contract value, for the target's campus, team and product line. Forecast: the actual plus each
 * open opportunity (not yet paid, not a renewal) weighted by its stage's conversion to paid as the funnel measures it
 * (paid ÷ reached the stage, at the campus over the last {@link #MEASURED_DAYS} days, at most 1), at the campus's
 * average new order of those days. Both come from funnel_day (V25, V28) and funnel_month (V46), the open pipeline of
 * every target from open_pipeline (V42): summaries kept by triggers on PostgreSQL, views on H2. A period already
 * over is forecast at its actual.
 */
@Service
public class TargetReports {

    static final int MEASURED_DAYS = 180;

    /**
     * The funnel stages an open opportunity may stand at, furthest first ({@link FunnelStage#STANDING_FURTHEST_FIRST}),
     * with the label the report gives each and its key in funnel_day.
     */
    private static final List<String[]> STAGES = List.of(new String[] {"PLANNED", "方案规划", "planned"},
            new String[] {"VISITED", "实际到访", "visited"}, new String[] {"AGREED", "同意到访", "agreed"},
            new String[] {"INTENT", "意向商机", "intent"}, new String[] {"VALID", "有效信息", "valid"},
            new String[] {"RECEIVED", "新线索", "leads"});

    private final JdbcClient jdbc;
    private final SalesTargets targets;
    private final Clock clock;

    TargetReports(JdbcClient jdbc, SalesTargets targets, Clock clock) {
        this.jdbc = jdbc;
        this.targets = targets;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public TargetReport report(String campus, String period) {
        InputRules rules = new InputRules();
        String asked = rules.required("period", period, 7);
        if (asked != null && !SalesTargets.PERIOD.matcher(asked).matches()) {
            rules.problem("period", "应为年份（如 2026）或年月（如 2026-11）");
        }
        rules.throwIfAny();
        LocalDate from = asked.length() == 4 ? LocalDate.of(Integer.parseInt(asked), 1, 1)
                : LocalDate.parse(asked + "-01");
        LocalDate to = asked.length() == 4 ? from.plusYears(1).minusDays(1) : from.plusMonths(1).minusDays(1);
        LocalDate today = LocalDate.now(clock.withZone(BusinessTime.ZONE));
        List<SalesTarget> visible = targets.visible(campus, asked);
        List<TargetReport.Row> rows = new ArrayList<>();
        // a campus's conversion and average order are the same for each of its targets: measured once per report
        List<String> campuses = visible.stream().map(SalesTarget::campusCode).distinct().toList();
        List<Open> open = campuses.isEmpty() ? List.of() : open(campuses);
        List<Paid> paid = campuses.isEmpty() ? List.of() : paid(campuses, from, to);
        Map<String, Measured> measuredAt = campuses.isEmpty() ? Map.of() : measure(campuses);
        for (SalesTarget t : visible) {
            rows.add(row(t, !to.isBefore(today), measuredAt.get(t.campusCode()), paid, open));
        }
        return new TargetReport(asked, from, to, MEASURED_DAYS, rows);
    }

    /** What the forecast weighs the pipeline with: per stage, its conversion to paid; the average new order. */
    record Measured(Map<String, BigDecimal> conversion, BigDecimal averageOrder) {
    }

    /** A campus, team and product line of opportunities, as a target names its slice (null team or line: all). */
    record Slice(String campus, String team, String productLine) {

        boolean of(SalesTarget t) {
            return campus.equals(t.campusCode()) && (t.teamId() == null || t.teamId().equals(team))
                    && (t.productLine() == null || t.productLine().equals(productLine));
        }
    }

    /** How many open opportunities of a slice stand at a stage (the furthest they reached). */
    record Open(Slice slice, String stage, long count) {
    }

    /** The orders paid in the period of a slice, and their contract value. */
    record Paid(Slice slice, long orders, BigDecimal value) {
    }

    static TargetReport.Row row(SalesTarget t, boolean stillOpen, Measured at, List<Paid> paid, List<Open> open) {
        BigDecimal revenue = paid.stream().filter(p -> p.slice().of(t)).map(Paid::value)
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
        long orders = paid.stream().filter(p -> p.slice().of(t)).mapToLong(Paid::orders).sum();
        BigDecimal averageOrder = at.averageOrder();

        // the open pipeline of the target's slice, by the furthest stage each opportunity reached
        Map<String, Long> here = new HashMap<>();
        open.stream().filter(o -> o.slice().of(t)).forEach(o -> here.merge(o.stage(), o.count(), Long::sum));
        List<TargetReport.Stage> pipeline = new ArrayList<>();
        BigDecimal expected = BigDecimal.ZERO;
        long openCount = 0;
        for (String[] s : STAGES) {
            BigDecimal conversion = at.conversion().get(s[0]);
            long count = here.getOrDefault(s[0], 0L);
            openCount += count;
            pipeline.add(new TargetReport.Stage(s[0], s[1], count, conversion));
            if (conversion != null && averageOrder != null) {
                expected = expected.add(averageOrder.multiply(conversion).multiply(BigDecimal.valueOf(count)));
            }
        }
        expected = stillOpen ? expected.setScale(2, RoundingMode.HALF_UP) : BigDecimal.ZERO.setScale(2);
        // open opportunities and no order measured at the campus in its last 180 days: nothing to weigh them with, so
        // no forecast (无数据) rather than one that counts them as worth nothing
        if (stillOpen && openCount > 0 && averageOrder == null) {
            expected = null;
        }
        BigDecimal forecast = expected == null ? null : revenue.add(expected);
        return new TargetReport.Row(t, revenue, orders, rate(revenue, t.revenue()),
                t.orders() == null ? null : rate(BigDecimal.valueOf(orders), BigDecimal.valueOf(t.orders())),
                openCount, averageOrder, expected, forecast, forecast == null ? null : rate(forecast, t.revenue()),
                pipeline);
    }

    /**
     * The open opportunities (not paid, not renewals) of the targets' campuses, counted once for every target: from
     * open_pipeline (V42), equal to that count of the opportunities ('' for none).
     */
    private List<Open> open(List<String> campuses) {
        return jdbc.sql("select p.campus_code, nullif(p.team_id, ''), nullif(p.product_line, ''), p.stage, "
                + "p.opportunities from open_pipeline p where p.campus_code in (:campuses) and p.opportunities <> 0")
                .param("campuses", campuses)
                .query((rs, n) -> new Open(new Slice(rs.getString(1), rs.getString(2), rs.getString(3)),
                        rs.getString(4), rs.getLong(5)))
                .list();
    }

    /**
     * The orders paid in the period (new sales and renewals) of the targets' campuses and their contract value (kept
     * on each opportunity, V28), per campus, team and product line: counted once for every target.
     */
    private List<Paid> paid(List<String> campuses, LocalDate from, LocalDate to) {
        return jdbc.sql("select o.campus_code, o.team_id, o.product_line, coalesce(sum(o.order_count), 0), "
                + "coalesce(sum(o.order_value), 0) from opportunity o where o.paid_at >= :from and o.paid_at < :to "
                + "and o.campus_code in (:campuses) group by o.campus_code, o.team_id, o.product_line")
                .param("from", start(from)).param("to", start(to.plusDays(1))).param("campuses", campuses)
                .query((rs, n) -> new Paid(new Slice(rs.getString(1), rs.getString(2), rs.getString(3)),
                        rs.getLong(4), rs.getBigDecimal(5)))
                .list();
    }

    /**
     * The conversion to paid of each stage at each campus over the last {@link #MEASURED_DAYS} days, as the funnel
     * counts it (leads and valid leads without the opportunities split off at intent), and the campus's average new
     * order: one statement for all the targets' campuses.
     */
    private Map<String, Measured> measure(List<String> campuses) {
        LocalDate since = LocalDate.now(clock.withZone(BusinessTime.ZONE)).minusDays(MEASURED_DAYS);
        // the whole months of the window from funnel_month (V46), the days before the first of them from funnel_day
        LocalDate whole = since.getDayOfMonth() == 1 ? since : since.withDayOfMonth(1).plusMonths(1);
        Map<String, Map<String, Reached>> reached = new HashMap<>();
        campuses.forEach(c -> reached.put(c, new HashMap<>()));
        jdbc.sql("select r.campus_code, r.stage, sum(r.opportunities) as n, sum(r.orders) as orders, "
                + "sum(r.order_value) as order_value from ("
                + "select f.campus_code, f.stage, f.opportunities, f.orders, f.order_value from funnel_day f "
                + "where f.campus_code in (:campuses) and f.reached_on >= :since and f.reached_on < :whole "
                + "and (f.is_lead or f.stage not in ('leads', 'valid')) union all "
                + "select m.campus_code, m.stage, m.opportunities, m.orders, m.order_value from funnel_month m "
                + "where m.campus_code in (:campuses) and m.month_start >= :whole "
                + "and (m.is_lead or m.stage not in ('leads', 'valid'))) r group by r.campus_code, r.stage")
                .param("campuses", campuses).param("since", since).param("whole", whole)
                .query(rs -> {
                    reached.get(rs.getString("campus_code")).put(rs.getString("stage"),
                            new Reached(rs.getLong("n"), rs.getLong("orders"), rs.getBigDecimal("order_value")));
                });
        Map<String, Measured> measured = new HashMap<>();
        reached.forEach((campus, stages) -> measured.put(campus, measured(stages)));
        return measured;
    }

    /** How many opportunities of a campus reached a funnel stage, and (the 'paid' stage) their orders and value. */
    private record Reached(long opportunities, long orders, BigDecimal orderValue) {
        static final Reached NONE = new Reached(0, 0, BigDecimal.ZERO);
    }

    /** A campus's conversion per stage and average new order from what its opportunities reached. */
    private static Measured measured(Map<String, Reached> stages) {
        Reached paid = stages.getOrDefault("paid", Reached.NONE);
        Map<String, BigDecimal> conversion = new HashMap<>();
        for (String[] s : STAGES) {
            long n = stages.getOrDefault(s[2], Reached.NONE).opportunities();
            if (n > 0) {
                conversion.put(s[0], BigDecimal.valueOf(Math.min(paid.opportunities(), n))
                        .divide(BigDecimal.valueOf(n), 4, RoundingMode.HALF_UP));
            }
        }
        BigDecimal averageOrder = paid.orders() == 0 ? null
                : paid.orderValue().divide(BigDecimal.valueOf(paid.orders()), 2, RoundingMode.HALF_UP);
        return new Measured(conversion, averageOrder);
    }

    private static BigDecimal rate(BigDecimal actual, BigDecimal target) {
        return target.signum() == 0 ? null : actual.divide(target, 4, RoundingMode.HALF_UP);
    }

    private static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
    }
}
