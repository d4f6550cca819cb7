package com.enrollflow.teaching;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.InputRules;
import com.enrollflow.scheduling.Teacher;
import com.enrollflow.scheduling.TeacherRepository;

/**
 * The classes (班级, class_offering) as the roll call (班点名) and the class transfer (转班) take them: by code or by
 * name, as staff type them, with how many of their lessons have been held (a roll call is one held lesson).
 */
@Service
public class Classes {

    /** A class: its whole price buys its {@code lessons}; {@code held} of them have had their roll call. */
    public record ClassInfo(String code, String name, String campusCode, String subject, String grade, int lessons,
            BigDecimal price, LocalDate startsOn, int held, String schedule, String weekdays, String teacherId,
            String teacherName) {

        /** Lessons still to be held. */
        public int left() {
            return Math.max(0, lessons - held);
        }

        /** 初二数学寒假班（BJHD-J2-MATH-W）. */
        public String text() {
            return name + "（" + code + "）";
        }
    }

    private static final String SELECT = "select o.code, o.name, o.campus_code, o.subject, o.grade, o.lessons, "
            + "o.price, o.starts_on, (select count(*) from class_session s where s.class_code = o.code), o.schedule, "
            + "o.weekdays, o.teacher_id, t.name from class_offering o left join teacher t on t.id = o.teacher_id ";
    private static final RowMapper<ClassInfo> ROWS = (rs, n) -> new ClassInfo(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getBigDecimal(7),
            rs.getObject(8, LocalDate.class), rs.getInt(9), rs.getString(10), rs.getString(11), rs.getString(12),
            rs.getString(13));

    private final JdbcClient jdbc;
    private final TeacherRepository teachers;

    Classes(JdbcClient jdbc, TeacherRepository teachers) {
        this.jdbc = jdbc;
        this.teachers = teachers;
    }

    @Transactional(readOnly = true)
    public Optional<ClassInfo> find(String code) {
        return jdbc.sql(SELECT + "where o.code = ?").param(code).query(ROWS).optional();
    }

    /**
     * The one class of the campuses {@code campusAllowed} accepts whose code (any case) or name is {@code given}; else
     * a problem of {@code field} (none there, or several of that name: their codes listed) and null.
     */
    @Transactional(readOnly = true)
    public ClassInfo named(InputRules rules, String field, String given, Predicate<String> campusAllowed,
            String noneThere) {
        List<ClassInfo> named = jdbc.sql(SELECT + "where upper(o.code) = upper(?) or o.name = ? order by o.code")
                .params(given, given).query(ROWS).list().stream().filter(c -> campusAllowed.test(c.campusCode()))
                .toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        rules.problem(field, named.isEmpty() ? noneThere + "没有班级“" + InputRules.abbreviate(given) + "”"
                : "有多个名为“" + given + "”的班级，请填写班级编号（" + String.join("、",
                        named.stream().map(ClassInfo::code).toList()) + "）");
        return null;
    }

    /**
     * The id of the campus's active teacher {@code given} names (id such as T-BJHD-01, or name); else a problem of
     * {@code field} (none at the campus, or two of that name: their ids listed) and null.
     */
    @Transactional(readOnly = true)
    public String teacherAt(InputRules rules, String field, String given, String campusCode) {
        List<Teacher> found = teachers.findByCampus(campusCode).stream().filter(t -> t.active()
                && (t.id().equalsIgnoreCase(given) || t.name().equals(given))).toList();
        if (found.size() == 1) {
            return found.get(0).id();
        }
        rules.problem(field, found.isEmpty() ? "本校区没有教师“" + InputRules.abbreviate(given) + "”"
                : "本校区有多位名为“" + given + "”的教师，请填写教师编号（" + String.join("、",
                        found.stream().map(Teacher::id).toList()) + "）");
        return null;
    }

    /** A teacher's name, by id. */
    public String teacherName(String teacherId) {
        return teachers.find(teacherId).orElseThrow().name();
    }
}
