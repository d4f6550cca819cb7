package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.common.DatabaseProduct;
import com.enrollflow.common.TableWorkbook;

/**
 * 销售过程's stage times (阶段用时): for each step, how many opportunities took it in the period (its end in the period),
 * how long it took them on average and at the median. The median is given as staff read it, to 0.1 hour under two
 * days and to 0.1 day from two days on (in hours: 2.1 天 is 50.4), so the median of a period's whole months can be
 * read from stage_time_month (V63: per step, month, campus and duration as shown), the days a period takes of a month
 * from the opportunities, without sorting a year's durations (decision 525). A filter the summary does not keep (team,
 * consultant, channel, campaign) reads the opportunities for the whole period.
 */
@Component
class StageTimes {

    /** The steps measured: key, label, the column the step starts from, the column it ends at. */
    private static final List<String[]> STEPS = List.of(
            new String[] {"firstContact", "分配到首次联系", "assigned_at", "first_contact_at"},
            new String[] {"valid", "线索到有效", "received_at", "valid_at"},
            new String[] {"intent", "有效到意向", "valid_at", "intent_at"},
            new String[] {"agreed", "意向到同意到访", "intent_at", "agreed_at"},
            new String[] {"visited", "同意到访到实际到访", "agreed_at", "visited_at"},
            new String[] {"planned", "到访到方案规划", "visited_at", "planned_at"},
            new String[] {"paid", "方案规划到成单缴费", "planned_at", "paid_at"});

    /** Tenths of an hour from which a duration is shown in days: two days. */
    private static final int DAYS_FROM = 480;

    private final Funnels funnels;
    private final JdbcClient jdbc;
    private final ParallelStatements parallel;
    /** The seconds between two timestamp columns, as SQL of the database in use. */
    private final BinaryOperator<String> seconds;

    StageTimes(Funnels funnels, JdbcClient jdbc, DataSource dataSource, ParallelStatements parallel) {
        // PostgreSQL's extract() gives numeric, ten times slower to subtract, average and sort than date_part's
        // double (60 ms of a month's stage times at 1 000 000 opportunities, docs/benchmark.md); H2 has only extract()
        this.seconds = DatabaseProduct.isPostgres(dataSource)
                ? (from, to) -> "(date_part('epoch', " + to + ") - date_part('epoch', " + from + "))"
                : (from, to) -> "cast(extract(epoch from " + to + ") - extract(epoch from " + from
                        + ") as double precision)";
        this.funnels = funnels;
        this.jdbc = jdbc;
        this.parallel = parallel;
    }

    /** Each step's count, average and median over the opportunities that took it in [from, to] (Beijing days). */
    List<SalesProcessReport.StageTime> of(LocalDate from, LocalDate to, Funnels.Where where) {
        OffsetDateTime start = Funnels.start(from);
        OffsetDateTime end = Funnels.end(to);
        boolean summarised = where.teamId() == null && where.consultant() == null && where.channel() == null
                && where.campaign() == null;
        List<Supplier<SalesProcessReport.StageTime>> times = new ArrayList<>();
        for (String[] step : STEPS) {
            times.add(summarised ? () -> fromSummary(step, from, to, start, end, where)
                    : () -> exact(step, start, end, where));
        }
        // each step is a statement of its own: side by side (decision 521)
        return parallel.all(times);
    }

    /**
     * The duration as shown, in tenths of an hour, as SQL over seconds {@code x} (a double): the hours rounded half
     * up to one place, from two days on those hours in days so rounded, times 24. PostgreSQL's stage_time_bucket()
     * and H2's view of V63 compute the same.
     */
    private static String bucket(String x) {
        String tenths = "floor(" + x + " / 360 + 0.5)";
        return "case when " + tenths + " < " + DAYS_FROM + " then cast(" + tenths + " as integer) else cast(floor((2 * "
                + tenths + " + 24) / 48) * 24 as integer) end";
    }

    /** One duration bucket of a period: its opportunities and their seconds. */
    private record Bucket(int tenths, long count, BigDecimal seconds) {
    }

    /**
     * The whole months of [from, to] from stage_time_month, the days before and after them from the opportunities
     * (bucketed the same way), summed per bucket; the median is the bucket of the middle opportunity. When the count
     * is even and its two middle opportunities are in two buckets, their mean's bucket is not known from the buckets:
     * that step is computed from the opportunities.
     */
    private SalesProcessReport.StageTime fromSummary(String[] step, LocalDate from, LocalDate to,
            OffsetDateTime start, OffsetDateTime end, Funnels.Where where) {
        LocalDate firstMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate afterLast = to.plusDays(1).getDayOfMonth() == 1 ? to.plusDays(1) : to.withDayOfMonth(1);
        if (!firstMonth.isBefore(afterLast)) {
            // no whole month: every day from the opportunities, none from the summary
            firstMonth = to.plusDays(1);
            afterLast = firstMonth;
        }
        String stepFrom = "o." + step[2];
        String stepTo = "o." + step[3];
        String x = seconds.apply(stepFrom, stepTo);
        String sql = "select bucket, sum(n) n, sum(s) s from (select t.bucket, t.opportunities n, t.seconds s "
                + "from stage_time_month t where t.step = :step and t.month_start >= :firstMonth "
                + "and t.month_start < :afterLast and " + where.summaryCondition("t.", false, true)
                + " union all select " + bucket(x) + ", cast(1 as bigint), cast(" + x + " as numeric(24,6)) "
                + "from opportunity o where ((" + stepTo + " >= :start and " + stepTo + " < :monthsStart) or ("
                + stepTo + " >= :monthsEnd and " + stepTo + " < :end)) and " + stepFrom + " is not null and "
                + stepTo + " >= " + stepFrom + leadsOnly(step) + where.opportunityCondition()
                + ") b group by bucket having sum(n) <> 0 order by bucket";
        List<Bucket> buckets = where.bind(jdbc.sql(sql)).param("step", step[0]).param("firstMonth", firstMonth)
                .param("afterLast", afterLast).param("start", start)
                .param("monthsStart", Funnels.start(firstMonth)).param("monthsEnd", Funnels.start(afterLast))
                .param("end", end)
                .query((rs, n) -> new Bucket(rs.getInt("bucket"), rs.getLong("n"), rs.getBigDecimal("s"))).list();
        long count = buckets.stream().mapToLong(Bucket::count).sum();
        if (count == 0) {
            return stageTime(step, 0, null, null);
        }
        BigDecimal total = buckets.stream().map(Bucket::seconds).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal average = hours(total.divide(BigDecimal.valueOf(count), 6, RoundingMode.HALF_UP));
        int lower = bucketAt(buckets, (count + 1) / 2);
        int upper = bucketAt(buckets, count / 2 + 1);
        if (lower != upper) {
            // an even count whose two middle values lie in two buckets: the mean of the two is not in the summary
            return exact(step, start, end, where);
        }
        return stageTime(step, count, average, BigDecimal.valueOf(lower, 1));
    }

    /** The bucket of the opportunity of the given rank (1 = the quickest). */
    private static int bucketAt(List<Bucket> buckets, long rank) {
        long passed = 0;
        for (Bucket b : buckets) {
            passed += b.count();
            if (passed >= rank) {
                return b.tenths();
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + passed);
    }

    /** One step from the opportunities of the period: the exact median in the database, then as shown. */
    private SalesProcessReport.StageTime exact(String[] step, OffsetDateTime start, OffsetDateTime end,
            Funnels.Where where) {
        String from = "o." + step[2];
        String to = "o." + step[3];
        // seconds between the two, averaged and at the median in the database; computed once per opportunity in
        // a subquery that "offset 0" keeps from being merged into the aggregate: PostgreSQL then sorts the values
        // for the median in two thirds of the time (a year of every campus, 线索到有效: 165-175 ms, 262-338 ms
        // with the expression in the aggregate's arguments; the same figures to the last digit)
        return funnels.filtered("select count(*) n, avg(s.x) a, percentile_cont(0.5) within group "
                + "(order by s.x) m from (select " + seconds.apply(from, to) + " x from opportunity o where " + to
                + " >= :start and " + to + " < :end and " + from + " is not null and " + to + " >= " + from
                + leadsOnly(step), start, end, where, null, " offset 0 rows) s").query((rs, n) -> {
                    long count = rs.getLong("n");
                    return count == 0 ? stageTime(step, 0, null, null)
                            : stageTime(step, count, hours(rs.getBigDecimal("a")),
                                    asShown(hours(rs.getBigDecimal("m"))));
                }).single();
    }

    /** A lead's first steps are the enquiry's: an opportunity split off at intent does not take them again. */
    private static String leadsOnly(String[] step) {
        return step[0].equals("valid") ? " and o.split_from_id is null" : "";
    }

    private static SalesProcessReport.StageTime stageTime(String[] step, long count, BigDecimal average,
            BigDecimal median) {
        return new SalesProcessReport.StageTime(step[0], step[1], count, average, median, shown(average),
                shown(median));
    }

    static BigDecimal hours(BigDecimal seconds) {
        return seconds.divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
    }

    /** Hours to one place as shown: from two days on, the days to one place, in hours (50.3 → 2.1 天 → 50.4). */
    static BigDecimal asShown(BigDecimal hours) {
        return hours.compareTo(BigDecimal.valueOf(DAYS_FROM, 1)) < 0 ? hours
                : hours.divide(BigDecimal.valueOf(24), 1, RoundingMode.HALF_UP).multiply(BigDecimal.valueOf(24))
                        .setScale(1, RoundingMode.UNNECESSARY);
    }

    /** Hours as staff read them: 小时 under two days, 天 (one place) from two days on. */
    static String shown(BigDecimal hours) {
        if (hours == null) {
            return TableWorkbook.NO_DATA;
        }
        return hours.compareTo(BigDecimal.valueOf(DAYS_FROM, 1)) < 0 ? hours.toPlainString() + " 小时"
                : hours.divide(BigDecimal.valueOf(24), 1, RoundingMode.HALF_UP).toPlainString() + " 天";
    }
}
