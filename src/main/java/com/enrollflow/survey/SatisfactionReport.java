package com.enrollflow.survey;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.InputRules;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.ReportWindow;
import com.enrollflow.reference.Scope;

/**
 * 满意度报表: per campus and per teacher, the surveys sent, answered, the response rate and the average of each
 * rating (1–5, two decimals), and how many answers needed a care call; only the campuses in scope.
 */
@Service
public class SatisfactionReport {

    /** One row: a campus, or a teacher of a campus. Averages are null without answers. */
    public record Row(String campusCode, String campusName, String teacherId, String teacherName, int sent,
            int answered, BigDecimal responseRate, BigDecimal teacherAverage, BigDecimal courseAverage,
            BigDecimal serviceAverage, int lowScores) {
    }

    public record Report(String from, String to, List<Row> campuses, List<Row> teachers) {
    }

    /** At most this many low-score answers are listed; {@link LowScores#total()} says all. */
    public static final int LIMIT = 200;

    /** 低分问卷: the answers behind a 低分数 count, newest answer first; {@code total} of them. */
    public record LowScores(String from, String to, String filters, long total, int limit, List<LowScore> surveys) {
    }

    /** One low-score answer: the family, where and with whom, the three ratings and what they wrote. */
    public record LowScore(long surveyId, long opportunityId, String customerName, String campusName,
            String teacherName, String occasionLabel, String sentAt, String answeredAt, int teacherRating,
            int courseRating, int serviceRating, String comment) {
    }

    /** An answer any of whose ratings is 2 or less: the table's first rule (kept in step by a test). */
    private static final String LOW = "(s.teacher_rating <= 2 or s.course_rating <= 2 or s.service_rating <= 2)";

    private final JdbcClient jdbc;

    SatisfactionReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The period's surveys counted once per campus and teacher (no teacher: a campus's cell of its own) and summed into
     * the campus lines, instead of one statement per grouping: the ratings are kept as sums until the line is made, so
     * a campus's average is that of all its answers (an answer has all three ratings or none: ck_survey_ratings).
     */
    @Transactional(readOnly = true)
    public Report report(Scope scope, java.time.OffsetDateTime from, java.time.OffsetDateTime to, String fromText,
            String toText) {
        // grouped by the two codes alone, the names joined to the few cells: grouped with the names, PostgreSQL
        // sorted a month's surveys by four texts (board benchmark)
        String sql = "select a.campus_code, c.name, a.teacher_id, t.name, a.sent, a.answered, a.teacher_ratings, "
                + "a.course_ratings, a.service_ratings, a.low_scores from (select s.campus_code, s.teacher_id, "
                + "count(*) sent, count(s.answered_at) answered, sum(s.teacher_rating) teacher_ratings, "
                + "sum(s.course_rating) course_ratings, sum(s.service_rating) service_ratings, "
                + "sum(case when " + LOW + " then 1 else 0 end) low_scores from survey s "
                + "where s.sent_at >= :from and s.sent_at < :to and " + scope.campusCondition("s.campus_code")
                + " group by s.campus_code, s.teacher_id) a join campus c on c.code = a.campus_code "
                + "left join teacher t on t.id = a.teacher_id";
        List<Cell> cells = scope.bind(jdbc.sql(sql)).param("from", from).param("to", to)
                .query((rs, n) -> new Cell(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)))
                .list();
        Map<String, List<Cell>> perCampus = cells.stream().collect(Collectors.groupingBy(Cell::campus, TreeMap::new,
                Collectors.toList()));
        List<Row> campuses = perCampus.values().stream().map(of -> row(of.get(0).campus(), of.get(0).campusName(),
                null, null, of)).toList();
        List<Row> teachers = cells.stream().filter(c -> c.teacher() != null)
                .sorted(Comparator.comparing(Cell::campus).thenComparing(Cell::teacher))
                .map(c -> row(c.campus(), c.campusName(), c.teacher(), c.teacherName(), List.of(c))).toList();
        return new Report(fromText, toText, campuses, teachers);
    }

    /** The surveys of one campus and teacher, each rating summed over the answers. */
    private record Cell(String campus, String campusName, String teacher, String teacherName, long sent,
            long answered, long teacherRatings, long courseRatings, long serviceRatings, long lowScores) {
    }

    /**
     * The low-score answers behind a 低分数 count: surveys sent in [from, to) at the campus (null: every campus in scope)
     * and of the teacher (null: any), with the families' names. A teacher that is no teacher id is a field problem.
     */
    @Transactional(readOnly = true)
    public LowScores lowScores(Scope scope, String campus, java.time.LocalDate from, java.time.LocalDate to,
            String teacher) {
        InputRules rules = new InputRules();
        String taught = rules.optional("teacher", teacher, 32);
        if (taught != null && !taught.matches("[A-Za-z0-9_-]+")) {
            rules.problem("teacher", "授课教师请填写教师编号（如 T-BJHD-01）");
        }
        rules.throwIfAny();
        ReportWindow window = new ReportWindow(scope, campus, from, to);
        String where = " from survey s join campus c on c.code = s.campus_code left join teacher t on t.id = s.teacher_id "
                + "join customer k on k.id = s.customer_id where " + LOW + " and "
                + scope.campusCondition("s.campus_code") + window.where("s.campus_code", "s.sent_at")
                + (taught == null ? "" : " and s.teacher_id = :teacher");
        java.util.function.UnaryOperator<JdbcClient.StatementSpec> bound = spec -> taught == null ? window.bind(spec)
                : window.bind(spec).param("teacher", taught);
        long total = bound.apply(jdbc.sql("select count(*)" + where)).query(Long.class).single();
        List<LowScore> surveys = bound.apply(jdbc.sql("select s.id, s.opportunity_id, k.name customer_name, "
                + "c.name campus_name, t.name teacher_name, s.occasion, s.sent_at, s.answered_at, s.teacher_rating, "
                + "s.course_rating, s.service_rating, s.comment" + where + " order by s.answered_at desc, s.id desc "
                + "limit " + LIMIT)).query((rs, n) -> new LowScore(rs.getLong("id"), rs.getLong("opportunity_id"),
                        rs.getString("customer_name"), rs.getString("campus_name"),
                        rs.getString("teacher_name") == null ? "无" : rs.getString("teacher_name"),
                        SurveyOccasion.valueOf(rs.getString("occasion")).label(),
                        BusinessTime.shown(rs.getObject("sent_at", java.time.OffsetDateTime.class)),
                        BusinessTime.shown(rs.getObject("answered_at", java.time.OffsetDateTime.class)),
                        rs.getInt("teacher_rating"), rs.getInt("course_rating"), rs.getInt("service_rating"),
                        rs.getString("comment")))
                .list();
        String filters = String.join(" · ", java.util.stream.Stream.of(
                campus == null ? null : surveys.stream().findFirst().map(LowScore::campusName).orElse(campus),
                taught == null ? null : surveys.stream().findFirst().map(LowScore::teacherName).orElse(taught))
                .filter(x -> x != null).toList());
        return new LowScores(from == null ? null : from.toString(), to == null ? null : to.toString(), filters, total,
                LIMIT, surveys);
    }

    /** One line from its cells: counts summed, each average the ratings' sum over the answers (two decimals). */
    private static Row row(String campus, String campusName, String teacher, String teacherName, List<Cell> cells) {
        long sent = cells.stream().mapToLong(Cell::sent).sum();
        long answered = cells.stream().mapToLong(Cell::answered).sum();
        return new Row(campus, campusName, teacher, teacherName, Math.toIntExact(sent), Math.toIntExact(answered),
                sent == 0 ? null : BigDecimal.valueOf(answered * 100L).divide(BigDecimal.valueOf(sent), 1,
                        RoundingMode.HALF_UP),
                average(cells, Cell::teacherRatings, answered), average(cells, Cell::courseRatings, answered),
                average(cells, Cell::serviceRatings, answered),
                Math.toIntExact(cells.stream().mapToLong(Cell::lowScores).sum()));
    }

    private static BigDecimal average(List<Cell> cells, ToLongFunction<Cell> ratings, long answered) {
        return answered == 0 ? null : BigDecimal.valueOf(cells.stream().mapToLong(ratings).sum())
                .divide(BigDecimal.valueOf(answered), 2, RoundingMode.HALF_UP);
    }
}
