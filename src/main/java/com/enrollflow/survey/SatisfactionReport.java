package com.enrollflow.survey;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
