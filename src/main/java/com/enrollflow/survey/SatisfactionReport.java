package com.enrollflow.survey;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

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

    @Transactional(readOnly = true)
    public Report report(Scope scope, java.time.OffsetDateTime from, java.time.OffsetDateTime to, String fromText,
            String toText) {
        String where = " from survey s join campus c on c.code = s.campus_code left join teacher t on t.id = s.teacher_id "
                + "where s.sent_at >= :from and s.sent_at < :to and " + scope.campusCondition("s.campus_code");
        String figures = "count(*), count(s.answered_at), avg(cast(s.teacher_rating as decimal(6,2))), "
                + "avg(cast(s.course_rating as decimal(6,2))), avg(cast(s.service_rating as decimal(6,2))), "
                + "sum(case when " + LOW + " then 1 else 0 end)";
        List<Row> campuses = scope.bind(jdbc.sql("select s.campus_code, c.name, " + figures + where
                + " group by s.campus_code, c.name order by s.campus_code")).param("from", from).param("to", to)
                .query((rs, n) -> row(rs.getString(1), rs.getString(2), null, null, rs, 3)).list();
        List<Row> teachers = scope.bind(jdbc.sql("select s.campus_code, c.name, s.teacher_id, t.name, " + figures + where
                + " and s.teacher_id is not null group by s.campus_code, c.name, s.teacher_id, t.name "
                + "order by s.campus_code, s.teacher_id")).param("from", from).param("to", to)
                .query((rs, n) -> row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs, 5))
                .list();
        return new Report(fromText, toText, campuses, teachers);
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

    private static Row row(String campus, String campusName, String teacher, String teacherName, java.sql.ResultSet rs,
            int first) throws java.sql.SQLException {
        int sent = rs.getInt(first);
        int answered = rs.getInt(first + 1);
        return new Row(campus, campusName, teacher, teacherName, sent, answered,
                sent == 0 ? null : BigDecimal.valueOf(answered * 100L).divide(BigDecimal.valueOf(sent), 1,
                        RoundingMode.HALF_UP),
                avg(rs.getBigDecimal(first + 2)), avg(rs.getBigDecimal(first + 3)), avg(rs.getBigDecimal(first + 4)),
                rs.getInt(first + 5));
    }

    private static BigDecimal avg(BigDecimal v) {
        return v == null ? null : v.setScale(2, RoundingMode.HALF_UP);
    }
}
