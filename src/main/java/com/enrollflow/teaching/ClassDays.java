package com.enrollflow.teaching;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.reference.BusinessTime;

/**
 * A class's day (decision 577): the classes that meet on a day by their 上课星期 — begun, with lessons still to hold,
 * not yet marked that day, with students on the roster — so that each gets its roll call as a Tasklist task; and
 * whether a class's day was marked already (by the start form 班课点名, or the API).
 */
@Service
public class ClassDays {

    /** A class meeting on the day: its campus, code, name, and the login of its teacher (null: none, or no login). */
    public record ClassDay(String campus, String code, String name, String teacherLogin, String teacherName,
            int students) {
    }

    private final JdbcClient jdbc;
    private final ClassRollCalls rollCalls;
    private final OpenClassDays openDays;
    private final Clock clock;

    ClassDays(JdbcClient jdbc, ClassRollCalls rollCalls, OpenClassDays openDays, Clock clock) {
        this.jdbc = jdbc;
        this.rollCalls = rollCalls;
        this.openDays = openDays;
        this.clock = clock;
    }

    /** The classes meeting on {@code day}, in campus and code order. */
    @Transactional
    public List<ClassDay> meetingOn(LocalDate day) {
        String weekday = "%" + day.getDayOfWeek().name() + "%";
        List<ClassDay> candidates = jdbc.sql("select o.campus_code, o.code, o.name, t.user_id, t.name from "
                + "class_offering o left join teacher t on t.id = o.teacher_id where o.weekdays like ? "
                + "and o.starts_on <= ? and (select count(*) from class_session s where s.class_code = o.code) "
                + "< o.lessons and not exists (select 1 from class_session s where s.class_code = o.code "
                + "and s.held_on = ?) order by o.campus_code, o.code").params(weekday, day, day)
                .query((rs, n) -> new ClassDay(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), 0))
                .list();
        return candidates.stream().map(c -> new ClassDay(c.campus(), c.code(), c.name(), c.teacherLogin(),
                c.teacherName(), rollCalls.roster(c.code(), day).size())).filter(c -> c.students() > 0).toList();
    }

    /** Who marked the class's day and when (赵敏，2026-12-05 10:20), if it was marked. */
    @Transactional(readOnly = true)
    public Optional<String> markedBy(String classCode, LocalDate day) {
        return jdbc.sql("select recorded_by, recorded_at from class_session where class_code = ? and held_on = ?")
                .params(classCode, day).query((rs, n) -> rs.getString(1) + "，"
                        + BusinessTime.shown(rs.getObject(2, OffsetDateTime.class)))
                .optional();
    }

    /**
     * 409 while a class the contract has lessons left in met before today with the student on its roster, and that
     * day's 班课点名 is still open and unmarked: once the student's class lessons move ({@code action}: 转班, 退班,
     * 申请退费), the late roll call no longer finds them on the roster and the lesson they sat would not be consumed
     * (decision 650). Today's class is not waited for: the roll call of a class that has not met yet rightly leaves
     * out a student who has gone.
     */
    @Transactional
    public void requireMarked(long contractId, String action) {
        requireMarked(contractId, jdbc.sql("select distinct class_code from hours_ledger where contract_id = ? and "
                + "class_code is not null order by class_code").param(contractId).query(String.class).list(), action);
    }

    /** The same for the contract's lessons in the classes named. */
    @Transactional
    public void requireMarked(long contractId, List<String> classCodes, String action) {
        LocalDate today = today();
        List<String> unmarked = new java.util.ArrayList<>();
        for (String code : classCodes) {
            List<String> days = openDays.of(code).stream().filter(d -> d.isBefore(today))
                    .filter(d -> markedBy(code, d).isEmpty())
                    .filter(d -> rollCalls.roster(code, d).stream().anyMatch(s -> s.contractId() == contractId))
                    .sorted().map(LocalDate::toString).toList();
            if (!days.isEmpty()) {
                String name = jdbc.sql("select name from class_offering where code = ?").param(code)
                        .query(String.class).optional().orElse(code);
                unmarked.add(name + "（" + code + "）" + String.join("、", days));
            }
        }
        if (!unmarked.isEmpty()) {
            throw new ConflictException(409, String.join("；", unmarked) + " 的课还没有点名：请任课教师或教务先完成"
                    + "“班课点名”，再" + action);
        }
    }

    /** Today in Beijing. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(BusinessTime.ZONE));
    }
}
