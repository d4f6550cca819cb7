package com.enrollflow.scheduling;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/** Teachers (teacher), what they teach (teacher_subject) and when they can teach (teacher_availability). */
@Repository
public class TeacherRepository {

    private static final String COLUMNS = "id, user_id, name, campus_code, level, active";
    private static final RowMapper<Teacher> TEACHER_ROWS = (rs, n) -> new Teacher(rs.getString("id"),
            rs.getString("user_id"), rs.getString("name"), rs.getString("campus_code"),
            TeacherLevel.valueOf(rs.getString("level")), rs.getBoolean("active"));

    private final JdbcClient jdbc;

    TeacherRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts or updates a teacher (upsert by id). */
    public void save(Teacher t) {
        int updated = jdbc.sql("update teacher set user_id = ?, name = ?, campus_code = ?, level = ?, active = ? "
                + "where id = ?")
                .params(t.userId(), t.name(), t.campusCode(), t.level().name(), t.active(), t.id()).update();
        if (updated == 0) {
            jdbc.sql("insert into teacher (id, user_id, name, campus_code, level, active) values (?, ?, ?, ?, ?, ?)")
                    .params(t.id(), t.userId(), t.name(), t.campusCode(), t.level().name(), t.active()).update();
        }
    }

    /** The teacher teaches the subject in every grade from {@code from} to {@code to}; existing rows stay. */
    /** Gives a teacher without one the login they use (Camunda user id); one already linked is left alone. */
    public void linkLogin(String teacherId, String userId) {
        jdbc.sql("update teacher set user_id = ? where id = ? and user_id is null").params(userId, teacherId).update();
    }

    public void teach(String teacherId, Subject subject, Grade from, Grade to) {
        for (Grade grade : Grade.values()) {
            if (grade.ordinal() >= from.ordinal() && grade.ordinal() <= to.ordinal()
                    && !teaches(teacherId, subject, grade)) {
                jdbc.sql("insert into teacher_subject (teacher_id, subject, grade) values (?, ?, ?)")
                        .params(teacherId, subject.name(), grade.name()).update();
            }
        }
    }

    /** Adds a weekly window unless one with the same day and start exists. */
    public void addAvailability(String teacherId, DayOfWeek day, LocalTime start, LocalTime end) {
        int known = jdbc.sql("select count(*) from teacher_availability where teacher_id = ? and day_of_week = ? "
                + "and start_time = ?").params(teacherId, day.getValue(), start).query(Integer.class).single();
        if (known == 0) {
            jdbc.sql("insert into teacher_availability (teacher_id, day_of_week, start_time, end_time) "
                    + "values (?, ?, ?, ?)").params(teacherId, day.getValue(), start, end).update();
        }
    }

    public Optional<Teacher> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from teacher where id = ?").param(id).query(TEACHER_ROWS).optional();
    }

    public List<Teacher> findAll() {
        return jdbc.sql("select " + COLUMNS + " from teacher order by campus_code, id").query(TEACHER_ROWS).list();
    }

    public List<Teacher> findByCampus(String campusCode) {
        return jdbc.sql("select " + COLUMNS + " from teacher where campus_code = ? order by id").param(campusCode)
                .query(TEACHER_ROWS).list();
    }

    /** Active teachers of the campus who teach the subject in the grade at the level. */
    public List<Teacher> candidates(String campusCode, Subject subject, Grade grade, TeacherLevel level) {
        return jdbc.sql("select " + COLUMNS + " from teacher t where t.campus_code = ? and t.level = ? "
                + "and t.active = true and exists (select 1 from teacher_subject s where s.teacher_id = t.id "
                + "and s.subject = ? and s.grade = ?) order by t.id")
                .params(campusCode, level.name(), subject.name(), grade.name()).query(TEACHER_ROWS).list();
    }

    public boolean teaches(String teacherId, Subject subject, Grade grade) {
        return jdbc.sql("select count(*) from teacher_subject where teacher_id = ? and subject = ? and grade = ?")
                .params(teacherId, subject.name(), grade.name()).query(Integer.class).single() > 0;
    }

    public List<Teaching> teachings(String teacherId) {
        return jdbc.sql("select subject, grade from teacher_subject where teacher_id = ?").param(teacherId)
                .query((rs, n) -> new Teaching(Subject.valueOf(rs.getString("subject")),
                        Grade.valueOf(rs.getString("grade"))))
                .list().stream()
                .sorted((a, b) -> a.subject() != b.subject() ? a.subject().compareTo(b.subject())
                        : a.grade().compareTo(b.grade()))
                .toList();
    }

    public List<Availability> availability(String teacherId) {
        return jdbc.sql("select day_of_week, start_time, end_time from teacher_availability where teacher_id = ? "
                + "order by day_of_week, start_time").param(teacherId)
                .query((rs, n) -> new Availability(DayOfWeek.of(rs.getInt("day_of_week")),
                        rs.getObject("start_time", LocalTime.class), rs.getObject("end_time", LocalTime.class)))
                .list();
    }

    /**
     * Locks the teachers' rows, in id order, until the transaction ends: a proposal that lost a race takes
     * these locks before searching again, so proposals for the same teachers then run one after the other.
     */
    void lock(Collection<String> teacherIds) {
        if (!teacherIds.isEmpty()) {
            jdbc.sql("select id from teacher where id in (:ids) order by id for update").param("ids", teacherIds)
                    .query(String.class).list();
        }
    }

    /** Live (not cancelled) lessons per teacher: the fewest goes first. */
    Map<String, Integer> bookedLessons(Collection<String> teacherIds) {
        Map<String, Integer> counts = new HashMap<>();
        if (!teacherIds.isEmpty()) {
            jdbc.sql("select teacher_id, count(*) lessons from lesson where teacher_id in (:ids) "
                    + "and status <> 'CANCELLED' group by teacher_id").param("ids", teacherIds)
                    .query((rs, n) -> Map.entry(rs.getString("teacher_id"), rs.getInt("lessons"))).list()
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
        }
        return counts;
    }
}
