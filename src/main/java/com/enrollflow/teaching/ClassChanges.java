package com.enrollflow.teaching;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.DecimalText;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.Money;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusScope;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * 调整班级 (decision 575): a class already opened changes when it meets (上课时间), its first day (开课日期, until its
 * first roll call) or the price of the whole class for families who buy it from now on. Contracts already signed
 * keep the price they were signed at; the families with lessons left in the class get a mail when its days or hours
 * change.
 * Each change is kept with who made it, when, why, and the values before and after (class_offering_change). The
 * staff who open classes make it: academic affairs and directors of the class's campus, head office any.
 */
@Service
public class ClassChanges {

    /** What the form or the API sends: the class by code or name; what changes (blank: unchanged); why. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ClassChangeRequest")
    public record Request(String classOffering, String schedule,
            @JsonDeserialize(using = DecimalText.class) String price, String startsOn, String reason,
            List<String> weekdays, String teacher) {

        public Request(String classOffering, String schedule, String price, String startsOn, String reason) {
            this(classOffering, schedule, price, startsOn, reason, null, null);
        }
    }

    /** The class after the change, what changed as staff read it, how many families were mailed. */
    public record Changed(Classes.ClassInfo changed, List<String> changes, int familiesNotified, String summary) {
    }

    private static final int REASON_LENGTH = 200;
    private static final int SCHEDULE_LENGTH = 100;

    private final JdbcClient jdbc;
    private final Classes classes;
    private final ClassRollCalls rollCalls;
    private final CampusScope scope;
    private final Families families;
    private final NotificationService notifications;
    private final Clock clock;

    ClassChanges(JdbcClient jdbc, Classes classes, ClassRollCalls rollCalls, CampusScope scope, Families families,
            NotificationService notifications, Clock clock) {
        this.jdbc = jdbc;
        this.classes = classes;
        this.rollCalls = rollCalls;
        this.scope = scope;
        this.families = families;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * Changes the class. Refused by field, nothing stored: an unknown class or one of another campus
     * ({@code classOffering}), nothing that differs from the class as it is, a 开课日期 once the class has had a roll
     * call or more than a year away ({@code startsOn}), a price of a class no longer for sale ({@code price}), no
     * {@code reason}. Two changes of one class at the same moment are made one after the other.
     */
    @Transactional
    public Changed change(Request r, String by) {
        InputRules rules = new InputRules();
        Request asked = r == null ? new Request(null, null, null, null, null) : r;
        String given = rules.required("classOffering", asked.classOffering(), 64);
        String schedule = rules.plainText("schedule", asked.schedule(), SCHEDULE_LENGTH, false);
        BigDecimal price = rules.positiveDecimal("price", asked.price(), null, "价格", ClassOfferings.MAX_PRICE,
                Money.yuan(ClassOfferings.MAX_PRICE));
        LocalDate startsOn = rules.date("startsOn", asked.startsOn(), false);
        String reason = rules.plainText("reason", asked.reason(), REASON_LENGTH, true);
        String weekdays = Weekdays.stored(Weekdays.parse(rules, "weekdays", asked.weekdays()));
        String teacherText = rules.optional("teacher", asked.teacher(), 64);
        Classes.ClassInfo found = given == null ? null
                : classes.named(rules, "classOffering", given, scope.current()::seesCampus, "您负责的校区");
        String teacherId = found == null || teacherText == null ? null
                : classes.teacherAt(rules, "teacher", teacherText, found.campusCode());
        rules.throwIfAny();
        // changes of one class queue here; the class is read again under the lock
        boolean forSale = jdbc.sql("select active from class_offering where code = ? for update").param(found.code())
                .query(Boolean.class).single();
        Classes.ClassInfo c = classes.find(found.code()).orElseThrow();

        Map<String, String> changes = new LinkedHashMap<>();
        if (schedule != null && !schedule.equals(c.schedule())) {
            changes.put("schedule", "上课时间：" + (c.schedule() == null ? "（未填）" : c.schedule()) + " → " + schedule);
        }
        if (price != null && price.compareTo(c.price()) != 0) {
            if (!forSale) {
                rules.problem("price", c.text() + "已停止招生，不再报价，价格无需调整");
            }
            changes.put("price", "全班价格：" + Money.yuan(c.price()) + " → " + Money.yuan(price) + "（已签合同不变）");
        }
        if (startsOn != null && !startsOn.equals(c.startsOn())) {
            if (c.held() > 0) {
                rules.problem("startsOn", c.text() + "已点名 " + c.held() + " 次，开课日期不能再改");
            } else {
                ClassOfferings.startsWithinAYear(rules, startsOn, LocalDate.now(clock.withZone(BusinessTime.ZONE)));
            }
            changes.put("startsOn", "开课日期：" + c.startsOn() + " → " + startsOn);
        }
        if (weekdays != null && !weekdays.equals(c.weekdays())) {
            changes.put("weekdays", "上课星期：" + (c.weekdays() == null ? "（未填）" : Weekdays.shown(c.weekdays()))
                    + " → " + Weekdays.shown(weekdays));
        }
        if (teacherId != null && !teacherId.equals(c.teacherId())) {
            changes.put("teacher", "任课教师：" + (c.teacherName() == null ? "（未填）" : c.teacherName()) + " → "
                    + classes.teacherName(teacherId));
        }
        if (changes.isEmpty()) {
            rules.problem("classOffering", c.text() + "没有要调整的内容：上课时间、上课星期、任课教师、全班价格和开课日期都未填写或与现在相同");
        }
        rules.throwIfAny();

        String newSchedule = changes.containsKey("schedule") ? schedule : c.schedule();
        BigDecimal newPrice = changes.containsKey("price") ? price : c.price();
        LocalDate newStart = changes.containsKey("startsOn") ? startsOn : c.startsOn();
        String newWeekdays = changes.containsKey("weekdays") ? weekdays : c.weekdays();
        String newTeacher = changes.containsKey("teacher") ? teacherId : c.teacherId();
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("update class_offering set schedule = ?, price = ?, starts_on = ?, weekdays = ?, teacher_id = ? "
                + "where code = ?").params(newSchedule, newPrice, newStart, newWeekdays, newTeacher, c.code())
                .update();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into class_offering_change (class_code, changed_by, changed_at, reason, schedule_before, "
                + "schedule_after, price_before, price_after, starts_on_before, starts_on_after, weekdays_before, "
                + "weekdays_after, teacher_before, teacher_after) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.code(), by, now, reason, c.schedule(), newSchedule, c.price(), newPrice, c.startsOn(),
                        newStart, c.weekdays(), newWeekdays, c.teacherId(), newTeacher).update(key, "id");
        long changeId = key.getKey().longValue();
        Classes.ClassInfo after = classes.find(c.code()).orElseThrow();
        int notified = changes.containsKey("schedule") || changes.containsKey("startsOn")
                || changes.containsKey("weekdays") ? tellFamilies(after, changeId, changes, reason) : 0;
        List<String> lines = new ArrayList<>(changes.values());
        return new Changed(after, lines, notified, "已调整 " + after.text() + "：" + String.join("；", lines) + "；原因："
                + reason + (notified > 0 ? "；已发邮件通知 " + notified + " 位家长" : ""));
    }

    /** What the class's changes were, newest first, as the class's history shows them. */
    public record Change(OffsetDateTime changedAt, String changedBy, String reason, String scheduleBefore,
            String scheduleAfter, BigDecimal priceBefore, BigDecimal priceAfter, LocalDate startsOnBefore,
            LocalDate startsOnAfter, String weekdaysBefore, String weekdaysAfter, String teacherBefore,
            String teacherAfter) {
    }

    /** The changes of a class of the caller's campuses (404 otherwise). */
    @Transactional(readOnly = true)
    public List<Change> history(String code) {
        classes.find(code).filter(c -> scope.current().seesCampus(c.campusCode()))
                .orElseThrow(() -> new NotFoundException("您负责的校区中没有班级 " + code));
        return jdbc.sql("select changed_at, changed_by, reason, schedule_before, schedule_after, price_before, "
                + "price_after, starts_on_before, starts_on_after, weekdays_before, weekdays_after, teacher_before, "
                + "teacher_after from class_offering_change where class_code = ? order by id desc").param(code)
                .query((rs, n) -> new Change(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                        rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class), rs.getString(10),
                        rs.getString(11), rs.getString(12), rs.getString(13)))
                .list();
    }

    /**
     * A mail to each family with lessons left in the class (suspended ones too) that has an e-mail address: the
     * class, its new days and first day, and why. Sent once per family and change (the outbox's dedupe key). Returns how many were queued.
     */
    private int tellFamilies(Classes.ClassInfo c, long changeId, Map<String, String> changes, String reason) {
        List<Long> opportunities = rollCalls.enrolled(c.code()).stream()
                .map(ClassRollCalls.Student::opportunityId).distinct().toList();
        int queued = 0;
        for (long opportunityId : opportunities) {
            FamilyContact family = families.of(opportunityId);
            if (!family.mailable()) {
                continue;
            }
            StringBuilder body = new StringBuilder(family.name()).append("家长，您好：\n\n孩子所在的班级“")
                    .append(c.name()).append("”有以下调整：\n");
            for (String key : List.of("schedule", "weekdays", "startsOn")) {
                if (changes.containsKey(key)) {
                    body.append("· ").append(changes.get(key)).append("\n");
                }
            }
            body.append("原因：").append(reason).append("\n\n");
            body.append("现在的上课时间：").append(Objects.requireNonNullElse(c.schedule(), "（未填）"))
                    .append(c.weekdays() == null ? "" : "（" + Weekdays.shown(c.weekdays()) + "）")
                    .append("，开课日期：").append(c.startsOn()).append("。如有不便请联系").append(family.campusName())
                    .append("。\n\n").append(family.campusName());
            notifications.enqueue(opportunityId, "class-change:" + changeId + ":" + opportunityId, "CLASS_CHANGED",
                    family.email(), family.campusName() + "：班级上课安排调整（" + c.name() + "）", body.toString());
            queued++;
        }
        return queued;
    }
}
