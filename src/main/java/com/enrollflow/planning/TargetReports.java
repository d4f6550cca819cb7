package com.enrollflow.planning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.InputRules;
import com.enrollflow.reference.BusinessTime;

/**
 * The targets report's figures. Actual: the orders paid in the period (new sales and renewals, as the campus's income
 * is planned), at their contract value, for the target's campus, team and product line. Forecast: the actual plus each
 * open opportunity (not yet paid, not a renewal) weighted by how often opportunities that reached its stage went on to
 * pay, measured at the campus over the last {@link #MEASURED_DAYS} days, at the campus's average order of those days.
 * A period already over is forecast at its actual.
 */
@Service
public class TargetReports {

    static final int MEASURED_DAYS = 180;

    /** The funnel stages an open opportunity may stand at, furthest first, with the column that says it got there. */
    private static final List<String[]> STAGES = List.of(new String[] {"PLANNED", "planned_at", "方案规划"},
            new String[] {"VISITED", "visited_at", "实际到访"}, new String[] {"AGREED", "agreed_at", "同意到访"},
            new String[] {"INTENT", "intent_at", "意向商机"}, new String[] {"VALID", "valid_at", "有效信息"},
            new String[] {"RECEIVED", "received_at", "新线索"});

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
        List<TargetReport.Row> rows = new ArrayList<>();
        // a campus's conversion and average order are the same for each of its targets: measured once per report
        Map<String, Measured> measuredAt = new java.util.HashMap<>();
        for (SalesTarget t : targets.visible(campus, asked)) {
            rows.add(row(t, from, to, !to.isBefore(today),
                    measuredAt.computeIfAbsent(t.campusCode(), this::measure)));
        }
        return new TargetReport(asked, from, to, MEASURED_DAYS, rows);
    }

    /** What the forecast weighs the pipeline with, measured at a campus over the last {@link #MEASURED_DAYS} days. */
    private record Measured(Map<String, Object> measured, BigDecimal averageOrder) {
    }

    private TargetReport.Row row(SalesTarget t, LocalDate from, LocalDate to, boolean stillOpen, Measured at) {
        String slice = " and o.campus_code = :campus" + (t.teamId() == null ? "" : " and o.team_id = :team")
                + (t.productLine() == null ? "" : " and o.product_line = :line");
        Map<String, Object> actual = bind(jdbc.sql("select count(*) as orders, coalesce(sum(q.final_price), 0) as revenue "
                + "from opportunity o join payment_order p on p.opportunity_id = o.id and p.status <> 'CANCELLED' "
                + "join quote q on q.id = p.quote_id where o.paid_at >= :from and o.paid_at < :to" + slice), t)
                .param("from", start(from)).param("to", start(to.plusDays(1))).query().singleRow();
        BigDecimal revenue = ((BigDecimal) actual.get("revenue")).setScale(2, RoundingMode.HALF_UP);
        long orders = ((Number) actual.get("orders")).longValue();

        Map<String, Object> measured = at.measured();
        BigDecimal averageOrder = at.averageOrder();

        // the open pipeline of the target's slice, by the furthest stage each opportunity reached
        StringBuilder stageOf = new StringBuilder("case");
        for (String[] s : STAGES) {
            stageOf.append(" when o.").append(s[1]).append(" is not null then '").append(s[0]).append("'");
        }
        stageOf.append(" end");
        Map<String, Long> open = new java.util.HashMap<>();
        bind(jdbc.sql("select x.stage, count(*) as n from (select " + stageOf + " as stage from opportunity o "
                + "where o.status = 'OPEN' and o.renewal_of_id is null and o.paid_at is null" + slice + ") x "
                + "group by x.stage"), t).query().listOfRows()
                .forEach(r -> open.put((String) r.get("stage"), ((Number) r.get("n")).longValue()));
        List<TargetReport.Stage> pipeline = new ArrayList<>();
        BigDecimal expected = BigDecimal.ZERO;
        long openCount = 0;
        for (String[] s : STAGES) {
            long reached = count(measured.get("n_" + s[0].toLowerCase()));
            long paid = count(measured.get("p_" + s[0].toLowerCase()));
            BigDecimal conversion = reached == 0 ? null
                    : BigDecimal.valueOf(paid).divide(BigDecimal.valueOf(reached), 4, RoundingMode.HALF_UP);
            long here = open.getOrDefault(s[0], 0L);
            openCount += here;
            pipeline.add(new TargetReport.Stage(s[0], s[2], here, conversion));
            if (conversion != null && averageOrder != null) {
                expected = expected.add(averageOrder.multiply(conversion).multiply(BigDecimal.valueOf(here)));
            }
        }
        expected = stillOpen ? expected.setScale(2, RoundingMode.HALF_UP) : BigDecimal.ZERO.setScale(2);
        BigDecimal forecast = revenue.add(expected);
        return new TargetReport.Row(t, revenue, orders, rate(revenue, t.revenue()),
                t.orders() == null ? null : rate(BigDecimal.valueOf(orders), BigDecimal.valueOf(t.orders())),
                openCount, averageOrder, expected, forecast, rate(forecast, t.revenue()), pipeline);
    }

    /** How often an opportunity that reached each stage went on to pay at the campus, and its average order. */
    private Measured measure(String campus) {
        OffsetDateTime since = start(LocalDate.now(clock.withZone(BusinessTime.ZONE)).minusDays(MEASURED_DAYS));
        StringBuilder measure = new StringBuilder("select ");
        for (String[] s : STAGES) {
            measure.append("sum(case when o.").append(s[1]).append(" is not null then 1 else 0 end) as n_").append(s[0])
                    .append(", sum(case when o.").append(s[1]).append(" is not null and o.paid_at is not null then 1 "
                            + "else 0 end) as p_").append(s[0]).append(", ");
        }
        measure.append("count(*) as n_all from opportunity o where o.renewal_of_id is null and o.split_from_id is null "
                + "and o.campus_code = :campus and o.received_at >= :since");
        Map<String, Object> measured = jdbc.sql(measure.toString()).param("campus", campus)
                .param("since", since).query().singleRow();
        Map<String, Object> average = jdbc.sql("select count(*) as orders, coalesce(sum(q.final_price), 0) as revenue "
                + "from opportunity o join payment_order p on p.opportunity_id = o.id and p.status <> 'CANCELLED' "
                + "join quote q on q.id = p.quote_id where o.campus_code = :campus and o.paid_at >= :since")
                .param("campus", campus).param("since", since).query().singleRow();
        long paidOrders = ((Number) average.get("orders")).longValue();
        BigDecimal averageOrder = paidOrders == 0 ? null : ((BigDecimal) average.get("revenue"))
                .divide(BigDecimal.valueOf(paidOrders), 2, RoundingMode.HALF_UP);
        return new Measured(measured, averageOrder);
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, SalesTarget t) {
        spec = spec.param("campus", t.campusCode());
        if (t.teamId() != null) {
            spec = spec.param("team", t.teamId());
        }
        if (t.productLine() != null) {
            spec = spec.param("line", t.productLine());
        }
        return spec;
    }

    /** A sum over no rows is null in SQL: none. */
    private static long count(Object sum) {
        return sum == null ? 0 : ((Number) sum).longValue();
    }

    private static BigDecimal rate(BigDecimal actual, BigDecimal target) {
        return target.signum() == 0 ? null : actual.divide(target, 4, RoundingMode.HALF_UP);
    }

    private static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
    }
}
