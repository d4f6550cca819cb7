package com.enrollflow.teaching;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.enrollflow.common.RecordRowMapper;
import com.enrollflow.reference.BusinessTime;

/**
 * A teacher's day (登记今日课堂): which teachers of which campus teach confirmed lessons on a day, and those lessons
 * as the daily attendance task lists them. Days are Beijing days.
 */
@Service
public class TeachingDays {

    /** A teacher with lessons on the day; {@code teacherLogin} is null for a teacher who does not log in. */
    public record TeacherDay(String campus, String teacherId, String teacherLogin, String teacherName,
            LocalDate day) {
    }

    /** A lesson of the day: 10:00–11:00 张同学 第3次 一对一教室1, and its attendance when already marked. */
    public record DayLesson(long lessonId, OffsetDateTime startsAt, String label, String attendance) {
    }

    /** One lesson as a 补课 task shows it: 2026-12-01 10:00 王小明 第3次 郑凯 一对一教室1. */
    public record LessonInfo(long lessonId, String campus, String teacherId, String roomId, String label) {
    }

    record InfoRow(long id, int seq, OffsetDateTime startsAt, String studentName, String campusCode, String teacherId,
            String teacherName, String roomId, String roomName) {
    }

    private static final RowMapper<InfoRow> INFO = RecordRowMapper.of(InfoRow.class);

    public java.util.Optional<LessonInfo> lesson(long lessonId) {
        return jdbc.sql("select l.id, l.seq, l.starts_at, p.student_name, p.campus_code, l.teacher_id, "
                + "t.name as teacher_name, l.room_id, r.name as room_name from lesson l "
                + "join schedule_proposal p on p.id = l.proposal_id join teacher t on t.id = l.teacher_id "
                + "join room r on r.id = l.room_id where l.id = ?").param(lessonId).query(INFO).optional()
                .map(l -> new LessonInfo(l.id(), l.campusCode(), l.teacherId(), l.roomId(),
                        BusinessTime.shown(l.startsAt()) + " " + l.studentName() + " 第" + l.seq() + "次 "
                                + l.teacherName() + " " + l.roomName()));
    }

    record LessonRow(long id, int seq, OffsetDateTime startsAt, OffsetDateTime endsAt, String studentName,
            String roomName, String attendance) {
    }

    private static final RowMapper<TeacherDay> TEACHER_DAYS = (rs, n) -> new TeacherDay(rs.getString("campus_code"),
            rs.getString("teacher_id"), rs.getString("user_id"), rs.getString("name"), null);
    private static final RowMapper<LessonRow> LESSONS = RecordRowMapper.of(LessonRow.class);

    private final JdbcClient jdbc;

    TeachingDays(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<TeacherDay> teachers(LocalDate day) {
        return jdbc.sql("select distinct p.campus_code, t.id as teacher_id, t.user_id, t.name from lesson l "
                + "join teacher t on t.id = l.teacher_id join schedule_proposal p on p.id = l.proposal_id "
                + "where l.status = 'CONFIRMED' and l.starts_at >= ? and l.starts_at < ? "
                + "order by p.campus_code, t.id").params(start(day), start(day.plusDays(1))).query(TEACHER_DAYS)
                .list().stream().map(t -> new TeacherDay(t.campus(), t.teacherId(), t.teacherLogin(),
                        t.teacherName(), day)).toList();
    }

    public List<DayLesson> lessons(String teacherId, LocalDate day) {
        return jdbc.sql("select l.id, l.seq, l.starts_at, l.ends_at, p.student_name, r.name as room_name, "
                + "l.attendance from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "join room r on r.id = l.room_id where l.teacher_id = ? and l.status = 'CONFIRMED' "
                + "and l.starts_at >= ? and l.starts_at < ? order by l.starts_at, l.id")
                .params(teacherId, start(day), start(day.plusDays(1))).query(LESSONS).list().stream()
                .map(l -> new DayLesson(l.id(), l.startsAt(), BusinessTime.shown(l.startsAt()).substring(11) + "–"
                        + BusinessTime.shown(l.endsAt()).substring(11) + " " + l.studentName() + " 第" + l.seq()
                        + "次 " + l.roomName(), l.attendance()))
                .toList();
    }

    private static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
    }
}
