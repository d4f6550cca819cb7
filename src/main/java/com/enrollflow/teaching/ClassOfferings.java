package com.enrollflow.teaching;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.DecimalText;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.common.Upserts;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * The classes (班级) a campus sells. 开设班课: a class opened for families to buy, at the price of the whole class
 * (decision 564); 停止招生: a class that is full, or will not open, taken off sale (decision 567). Academic affairs and
 * the campus director keep their campuses' classes, head office any campus's. The code is made from the campus, grade,
 * subject and the month the class starts (BJHD-J2-MATH-2701); the name is what staff and families read, so one campus
 * never has two classes taking families under the same name. Every refusal names its field and stores nothing.
 */
@Service
public class ClassOfferings {

    /** What the form or the API sends: codes or Chinese labels, the lessons and price as numbers or as typed. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ClassOfferingRequest")
    public record Request(String campus, String name, String subject, String grade,
            @JsonDeserialize(using = DecimalText.class) String lessons,
            @JsonDeserialize(using = DecimalText.class) String price, String startsOn, String schedule,
            List<String> weekdays, String teacher) {

        /** A class without 上课星期 and 任课教师: its roll call is taken with the start form 班课点名. */
        public Request(String campus, String name, String subject, String grade, String lessons, String price,
                String startsOn, String schedule) {
            this(campus, name, subject, grade, lessons, price, startsOn, schedule, null, null);
        }
    }

    /** The lessons one class may have: a term's class is 10–20, a year's up to 100. */
    static final int MAX_LESSONS = 200;
    /** The highest price of a whole class, in yuan. */
    static final BigDecimal MAX_PRICE = new BigDecimal("1000000.00");
    /** How far back a class may start (one already running, entered late) and how far ahead. */
    static final int MAX_DAYS_AWAY = 366;
    private static final int NAME_LENGTH = 64;
    private static final int REASON_LENGTH = 200;
    /** 上课时间 as staff write it: 每周六 09:00–11:00, 1月20日至2月5日每天 09:00–11:00. */
    private static final int SCHEDULE_LENGTH = 100;
    /** Classes of one campus, grade and subject starting in one month: BJHD-J2-MATH-2701 … -99. */
    private static final int MAX_CODES = 99;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyMM");

    private final JdbcClient jdbc;
    private final Campuses campuses;
    private final CampusScope scope;
    private final Classes classes;
    private final ClassRollCalls rollCalls;
    private final Upserts upserts;
    private final Clock clock;

    ClassOfferings(JdbcClient jdbc, Campuses campuses, CampusScope scope, Classes classes, ClassRollCalls rollCalls,
            Upserts upserts, Clock clock) {
        this.jdbc = jdbc;
        this.rollCalls = rollCalls;
        this.upserts = upserts;
        this.campuses = campuses;
        this.scope = scope;
        this.classes = classes;
        this.clock = clock;
    }

    /** The class opened, with its code, and the sentence the form's history keeps. */
    public record Opened(Classes.ClassInfo opened, String summary) {
    }

    /** 停止招生: the class by its code or name, and why. */
    public record Closing(String classOffering, String reason) {
    }

    /** The class taken off sale, the students still on it today, and the sentence the form's history keeps. */
    public record Closed(Classes.ClassInfo closed, List<String> students, String summary) {
    }

    /**
     * Opens the class. A campus that already has a class taking families under the name is refused under
     * {@code name}, naming that class, also when two staff open it at the same moment.
     */
    @Transactional
    public Opened open(Request r, String by) {
        Valid v = validate(r);
        String taken = takenBy(v.campus, v.name);
        if (taken != null) {
            throw nameTaken(v, taken);
        }
        String stem = Campus.tenantId(v.campus) + "-" + v.grade.name() + "-" + v.subject.name() + "-"
                + v.startsOn.format(MONTH);
        for (int n = 1; n <= MAX_CODES; n++) {
            String code = n == 1 ? stem : stem + "-" + n;
            boolean added = upserts.tryInsert(() -> jdbc.sql("insert into class_offering (code, campus_code, name, "
                    + "subject, grade, lessons, price, starts_on, active, open_name, opened_by, opened_at, schedule, "
                    + "weekdays, teacher_id) values (?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?, ?, ?, ?, ?)").params(code,
                            v.campus, v.name, v.subject.name(), v.grade.name(), v.lessons, v.price, v.startsOn,
                            v.name, by, OffsetDateTime.now(clock), v.schedule, v.weekdays, v.teacherId)
                    .update());
            if (!added) {
                String now = takenBy(v.campus, v.name);
                if (now != null) {
                    throw nameTaken(v, now); // opened by someone else at the same moment
                }
                continue; // the code is taken (by an earlier class, or one opened at the same moment): the next one
            }
            Classes.ClassInfo opened = classes.find(code).orElseThrow();
            return new Opened(opened, "已开设 " + opened.text() + "：" + campuses.nameOf(v.campus) + "，"
                    + v.grade.label() + v.subject.label() + "，" + v.lessons + " 课次，" + Money.yuan(v.price) + "，"
                    + v.startsOn + " 开课，" + v.schedule + (v.weekdays == null ? "" : "，每" + Weekdays.shown(v.weekdays)
                            + "在 Tasklist 点名") + (opened.teacherName() == null ? "" : "，任课教师 "
                            + opened.teacherName()));
        }
        throw new IllegalStateException("no free class code after " + stem + "-" + MAX_CODES);
    }

    /**
     * Takes the class off sale: the plan form and the price list no longer offer it and its name is free again; its
     * roll calls and its students' lessons go on. A class already off sale is refused under {@code classOffering}.
     */
    @Transactional
    public Closed close(Closing r, String by) {
        InputRules rules = new InputRules();
        if (r == null) {
            rules.problem("classOffering", "必填：班级名称或编号");
            rules.throwIfAny();
        }
        String given = rules.required("classOffering", r.classOffering(), NAME_LENGTH);
        String reason = rules.plainText("reason", r.reason(), REASON_LENGTH, true);
        Classes.ClassInfo c = given == null ? null
                : classes.named(rules, "classOffering", given, scope.current()::seesCampus, "您负责的校区");
        rules.throwIfAny();
        int closed = jdbc.sql("update class_offering set active = false, open_name = null, closed_by = ?, "
                + "closed_at = ?, closed_reason = ? where code = ? and active = true").params(by,
                        OffsetDateTime.now(clock), reason, c.code()).update();
        if (closed == 0) {
            throw new InvalidInputException("classOffering", c.text() + "已停止招生" + closedBy(c.code()));
        }
        List<String> students = rollCalls.roster(c.code(), LocalDate.now(clock.withZone(BusinessTime.ZONE))).stream()
                .map(ClassRollCalls.Student::name).distinct().toList();
        return new Closed(c, students, "已停止招生：" + c.text() + "，原因：" + reason + "；" + (students.isEmpty()
                ? "班上没有在读学员" : "在读 " + students.size() + " 人（" + String.join("、", students.stream().limit(10)
                        .toList()) + (students.size() > 10 ? " 等" : "") + "）照常上课，如不再开班，请为他们申请转班或退费"));
    }

    /** （2026-12-05 停止，原因：满班）, or nothing for a class the demo data or an administrator closed. */
    private String closedBy(String code) {
        return jdbc.sql("select closed_at, closed_reason from class_offering where code = ?").param(code)
                .query((rs, n) -> rs.getObject(1) == null ? "" : "（" + rs.getObject(1, OffsetDateTime.class)
                        .atZoneSameInstant(BusinessTime.ZONE).toLocalDate() + " 停止，原因：" + rs.getString(2) + "）")
                .single();
    }

    /** The code of the campus's class taking families under {@code name}, or null. */
    private String takenBy(String campus, String name) {
        return jdbc.sql("select min(code) from class_offering where campus_code = ? and active = true "
                + "and (open_name = ? or name = ?)").params(campus, name, name).query(String.class).optional()
                .orElse(null);
    }

    private InvalidInputException nameTaken(Valid v, String code) {
        // 初二数学寒假班 → 初二数学寒假2班
        String second = v.name.endsWith("班") ? v.name.substring(0, v.name.length() - 1) + "2班" : v.name + "2班";
        return new InvalidInputException("name", campuses.nameOf(v.campus) + "已有招生中的班级“" + v.name + "”（" + code
                + "），请在名称中加上班号或期次区分，如 " + second);
    }

    private record Valid(String campus, String name, Subject subject, Grade grade, int lessons, BigDecimal price,
            LocalDate startsOn, String schedule, String weekdays, String teacherId) {
    }

    private Valid validate(Request r) {
        InputRules rules = new InputRules();
        if (r == null) {
            rules.problem("name", "必填：班级名称");
            rules.throwIfAny();
        }
        String campus = campuses.codeWithin(scope.current(), rules::problem, "campus", r.campus(), true);
        String name = rules.name("name", r.name(), NAME_LENGTH, true);
        Subject subject = rules.code("subject", r.subject(), Subject.class, true);
        Grade grade = rules.code("grade", r.grade(), Grade.class, true);
        Integer lessons = lessons(rules, r.lessons());
        BigDecimal price = rules.positiveDecimal("price", r.price(), "必填：整个班级的价格（元）", "价格", MAX_PRICE,
                Money.yuan(MAX_PRICE));
        LocalDate startsOn = rules.date("startsOn", r.startsOn(), true);
        if (startsOn != null) {
            startsWithinAYear(rules, startsOn, LocalDate.now(clock.withZone(BusinessTime.ZONE)));
        }
        String schedule = rules.plainText("schedule", r.schedule(), SCHEDULE_LENGTH, true);
        String weekdays = Weekdays.stored(Weekdays.parse(rules, "weekdays", r.weekdays()));
        String teacherText = rules.optional("teacher", r.teacher(), 64);
        String teacherId = teacherText == null || campus == null ? null
                : classes.teacherAt(rules, "teacher", teacherText, campus);
        rules.throwIfAny();
        return new Valid(campus, name, subject, grade, lessons, price, startsOn, schedule, weekdays, teacherId);
    }

    /**
     * A class's first day, opened or changed (调整班级): up to a year back (a class already running, entered late) and
     * a year ahead; else a problem of {@code startsOn}.
     */
    static void startsWithinAYear(InputRules rules, LocalDate startsOn, LocalDate today) {
        if (startsOn.isBefore(today.minusDays(MAX_DAYS_AWAY)) || startsOn.isAfter(today.plusDays(MAX_DAYS_AWAY))) {
            rules.problem("startsOn", "开课日期应在 " + today.minusDays(MAX_DAYS_AWAY) + " 至 "
                    + today.plusDays(MAX_DAYS_AWAY) + " 之间（一年以内）");
        }
    }

    private static Integer lessons(InputRules rules, String given) {
        if (given == null || given.isBlank()) {
            rules.problem("lessons", "必填，1 到 " + MAX_LESSONS + " 之间的整数");
            return null;
        }
        try {
            BigDecimal n = new BigDecimal(given.strip());
            if (n.stripTrailingZeros().scale() > 0 || n.compareTo(BigDecimal.ONE) < 0
                    || n.compareTo(BigDecimal.valueOf(MAX_LESSONS)) > 0) {
                rules.problem("lessons", "应为 1 到 " + MAX_LESSONS + " 之间的整数（现为 " + InputRules.abbreviate(given)
                        + "）");
                return null;
            }
            return n.intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            rules.problem("lessons", "不是整数：“" + InputRules.abbreviate(given) + "”");
            return null;
        }
    }
}
