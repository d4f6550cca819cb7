package com.enrollflow.pricing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.DecimalText;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.common.Upserts;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * 调整课时单价: head office sets a campus's price of one 1:1 lesson for a teacher level, and optionally a grade and a
 * subject, from a day on (decision 565). The rate in force then ends the day before, so a quote priced on any day
 * finds that day's price and a quote already made keeps its own; the same key and day given again corrects the
 * price. Every refusal names its field and stores nothing.
 */
@Service
public class PriceRateChanges {

    /** What the form or the API sends: codes or Chinese labels (grade and subject empty: every one), the price. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "PriceRateChangeRequest")
    public record Request(String campus, String teacherLevel, String grade, String subject,
            @JsonDeserialize(using = DecimalText.class) String lessonPrice, String validFrom) {
    }

    /** The rate as it now stands, with the one it follows (null: a new rate), and the sentence staff read. */
    public record Changed(long rateId, String campusCode, String teacherLevel, String grade, String subject,
            BigDecimal lessonPrice, LocalDate validFrom, BigDecimal previousPrice, String summary) {
    }

    /** The dearest 1:1 lesson a price list may have, in yuan. */
    static final BigDecimal MAX_PRICE = new BigDecimal("100000.00");
    /** How far ahead a change may be set. */
    static final int MAX_DAYS_AHEAD = 366;
    /** One key's rates (campus, level, grade, subject; bound by {@code Valid.bind()}), and their columns. */
    private static final String SAME = "campus_code = ? and teacher_level = ? and coalesce(grade, '*') = ? "
            + "and coalesce(subject, '*') = ?";
    private static final String ROWS = "select id, lesson_price as price, valid_from, valid_to from price_rate where "
            + SAME;

    private final JdbcClient jdbc;
    private final Campuses campuses;
    private final CampusScope scope;
    private final Upserts upserts;
    private final Clock clock;

    PriceRateChanges(JdbcClient jdbc, Campuses campuses, CampusScope scope, Upserts upserts, Clock clock) {
        this.jdbc = jdbc;
        this.campuses = campuses;
        this.scope = scope;
        this.upserts = upserts;
        this.clock = clock;
    }

    /** What a rate is the price of: SENIOR|J2|* (level, grade, subject; * = any). */
    static String key(TeacherLevel level, Grade grade, Subject subject) {
        return level.name() + "|" + (grade == null ? "*" : grade.name()) + "|"
                + (subject == null ? "*" : subject.name());
    }

    private record Valid(String campus, TeacherLevel level, Grade grade, Subject subject, BigDecimal price,
            LocalDate from) {

        String key() {
            return PriceRateChanges.key(level, grade, subject);
        }

        /** The bind values of {@code SAME}: campus, level, grade and subject (* = any). */
        List<Object> bind() {
            return List.of(campus, level.name(), grade == null ? "*" : grade.name(),
                    subject == null ? "*" : subject.name());
        }

        /** 北京海淀校区 高级教师 初二 所有科目. */
        String what(String campusName) {
            return campusName + " " + level.label() + " " + (grade == null ? "所有年级" : grade.label()) + " "
                    + (subject == null ? "所有科目" : subject.label());
        }
    }

    private record Row(long id, BigDecimal price, LocalDate validFrom, LocalDate validTo) {
    }

    /**
     * Refuses, naming the field, what {@link #change} would refuse; changes nothing and takes part in no transaction,
     * so that an import can check every row before it changes any (decision 571).
     */
    public void check(Request r) {
        refuseBeforeALaterChange(validate(r));
    }

    /** A change before one already set for a later day is refused under validFrom, naming that day and price. */
    private void refuseBeforeALaterChange(Valid v) {
        Optional<Row> later = jdbc.sql(ROWS + " and valid_from > ? order by valid_from").params(v.bind())
                .param(v.from).query(Row.class).list().stream().findFirst();
        if (later.isPresent()) {
            InputRules rules = new InputRules();
            rules.problem("validFrom", v.what(campuses.nameOf(v.campus)) + "已定于 " + later.get().validFrom()
                    + " 起改为 " + Money.yuan(later.get().price()) + "；请填写该日期或之后的生效日期（填该日期即更正那次调价）");
            rules.throwIfAny();
        }
    }

    @Transactional
    public Changed change(Request r, String by) {
        Valid v = validate(r);
        refuseBeforeALaterChange(v);
        String campusName = campuses.nameOf(v.campus);
        List<Object> sameKey = v.bind();
        Optional<Row> sameDay = jdbc.sql(ROWS + " and valid_from = ? order by id desc").params(sameKey).param(v.from)
                .query(Row.class).list().stream().findFirst();
        // else the rate in force on the day: it ends the day before
        Optional<Row> before = sameDay.isPresent() ? Optional.empty() : jdbc.sql(ROWS + " and valid_from < ? "
                + "and (valid_to is null or valid_to >= ?) order by valid_from desc, id desc").params(sameKey)
                .params(v.from, v.from).query(Row.class).list().stream().findFirst();
        before.ifPresent(b -> jdbc.sql("update price_rate set valid_to = ? where id = ?").params(v.from.minusDays(1),
                b.id()).update());
        LocalDate until = before.map(Row::validTo).orElse(null);
        OffsetDateTime now = OffsetDateTime.now(clock);
        // the same key and day given twice, or by two at once: the price corrected, one row
        upserts.upsert(() -> jdbc.sql("update price_rate set lesson_price = ?, created_by = ?, created_at = ? where "
                + SAME + " and valid_from = ?").params(v.price, by, now).params(sameKey).param(v.from).update(),
                () -> jdbc.sql("insert into price_rate (campus_code, grade, subject, teacher_level, lesson_price, "
                        + "valid_from, valid_to, rate_key, created_by, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(v.campus, v.grade == null ? null : v.grade.name(),
                                v.subject == null ? null : v.subject.name(), v.level.name(), v.price, v.from, until,
                                v.key(), by, now).update());
        long id = jdbc.sql("select max(id) from price_rate where " + SAME + " and valid_from = ?").params(sameKey)
                .param(v.from).query(Long.class).single();
        String summary;
        BigDecimal previous;
        if (sameDay.isPresent()) {
            previous = sameDay.get().price();
            summary = v.what(campusName) + " " + v.from + " 起的一对一课时单价由 " + Money.yuan(previous) + " 更正为 "
                    + Money.yuan(v.price);
        } else {
            previous = before.map(Row::price).orElse(null);
            summary = v.what(campusName) + " 一对一课时单价" + (previous == null ? "新增 " + Money.yuan(v.price)
                    : " " + Money.yuan(previous) + " → " + Money.yuan(v.price)) + "，" + v.from + " 起生效";
        }
        return new Changed(id, v.campus, v.level.name(), v.grade == null ? null : v.grade.name(),
                v.subject == null ? null : v.subject.name(), v.price, v.from, previous, summary);
    }

    /**
     * Whether the price asked is already the price of its key on its first day, so that a price list imported as it
     * was exported changes nothing for the rows nobody edited (decision 571); false for anything {@link #change}
     * would refuse but a past day.
     */
    @Transactional(readOnly = true)
    public boolean unchanged(Request r) {
        Valid v;
        try {
            v = validate(r, false);
        } catch (InvalidInputException e) {
            return false;
        }
        return jdbc.sql("select lesson_price from price_rate where " + SAME + " and valid_from <= ? "
                + "and (valid_to is null or valid_to >= ?) order by valid_from desc, id desc").params(v.bind())
                .params(v.from, v.from).query(BigDecimal.class).list().stream().findFirst()
                .map(p -> p.compareTo(v.price) == 0).orElse(false);
    }

    /**
     * What the request is the price of, written one way whatever the spelling (BJ-HD|SENIOR|J2|*|2027-01-01), so that
     * an import finds two rows of one price and day; as typed when it is not valid (its row is refused anyway).
     */
    public String keyOf(Request r) {
        try {
            Valid v = validate(r, false);
            return v.campus + "|" + v.key() + "|" + v.from;
        } catch (InvalidInputException e) {
            return String.join("|", String.valueOf(r.campus()), String.valueOf(r.teacherLevel()),
                    String.valueOf(r.grade()), String.valueOf(r.subject()), String.valueOf(r.validFrom()));
        }
    }

    private Valid validate(Request r) {
        return validate(r, true);
    }

    private Valid validate(Request r, boolean fromToday) {
        InputRules rules = new InputRules();
        if (r == null) {
            rules.problem("campus", "必填：校区");
            rules.throwIfAny();
        }
        String campus = campuses.codeWithin(scope.current(), rules::problem, "campus", r.campus(), true);
        TeacherLevel level = rules.code("teacherLevel", r.teacherLevel(), TeacherLevel.class, true);
        Grade grade = rules.code("grade", r.grade(), Grade.class, false);
        Subject subject = rules.code("subject", r.subject(), Subject.class, false);
        if (subject == Subject.ALL) {
            rules.problem("subject", "一对一课时单价按科目定价；所有科目同价时请不填科目");
        }
        BigDecimal price = rules.positiveDecimal("lessonPrice", r.lessonPrice(), "必填：每课时价格（元）", "价格",
                MAX_PRICE, Money.yuan(MAX_PRICE));
        LocalDate from = rules.date("validFrom", r.validFrom(), true);
        LocalDate today = LocalDate.now(clock.withZone(BusinessTime.ZONE));
        if (fromToday && from != null && (from.isBefore(today) || from.isAfter(today.plusDays(MAX_DAYS_AHEAD)))) {
            rules.problem("validFrom", "生效日期应在 " + today + " 至 " + today.plusDays(MAX_DAYS_AHEAD)
                    + " 之间：已报出的价格不变，过去的价格不能更改");
        }
        rules.throwIfAny();
        return new Valid(campus, level, grade, subject, price, from);
    }
}
