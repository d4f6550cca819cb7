package com.enrollflow.care;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.InputRules;
import com.enrollflow.customer.BirthDates;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.teaching.HoursLedger;

/**
 * The daily care sweep (客户关怀): for every contract in force of a current student — lessons left (1:1 or class), or
 * taught or signed within {@code enrollflow.care.recent-student-days} (365), and no refund of the whole contract in
 * the works — the facts the care policy reads;
 * each touch it asks for is stored once per occurrence (a database rule, so a rerun of the day asks nothing twice).
 * A greeting is mailed at once; a call is returned for the process to give customer service.
 */
@Service
public class CareTouches {

    private static final Logger log = LoggerFactory.getLogger(CareTouches.class);

    /**
     * What the policy reads of one contract today. {@code remainingLessons}: its 1:1 lessons left (a class contract or
     * one taught to the end has none, and is still greeted); {@code daysToExam} is -1 without an exam ahead;
     * {@code birthdayToday}: the student (the customer) has a birth date and today is the birthday ({@link
     * BirthDates#isBirthday}).
     */
    public record Facts(long contractId, long opportunityId, String campusCode, String grade, int consecutiveAbsences,
            Long lastAbsentLesson, int daysSinceLastLesson, LocalDate lastLessonDay, int remainingLessons,
            int daysToExam, CarePolicy.Exam exam, long customerId, boolean birthdayToday, LocalDate today) {
    }

    /**
     * What the policy asks for: trigger (ABSENCES_IN_A_ROW, NO_LESSON_30_DAYS, EXAM_AHEAD, BIRTHDAY), CALL or
     * GREETING_MAIL.
     */
    public record Touch(String trigger, String action, String reason) {
    }

    /** A call for customer service (关怀回访). */
    public record Call(long touchId, long opportunityId, String campusCode, String customerName, String reason) {
    }

    /** The policy's trigger for the student's birthday (care-policy.dmn, Rule_Birthday). */
    static final String BIRTHDAY = "BIRTHDAY";

    private final JdbcClient jdbc;
    private final HoursLedger ledger;
    private final CarePolicy policy;
    private final NotificationService notifications;
    private final Families families;
    private final OpportunityService opportunities;
    private final Clock clock;
    private final int recentStudentDays;

    CareTouches(JdbcClient jdbc, HoursLedger ledger, CarePolicy policy, NotificationService notifications,
            Families families, OpportunityService opportunities, Clock clock,
            @Value("${enrollflow.care.recent-student-days:365}") int recentStudentDays) {
        this.recentStudentDays = recentStudentDays;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.policy = policy;
        this.notifications = notifications;
        this.families = families;
        this.opportunities = opportunities;
        this.clock = clock;
    }

    /** ServiceTask_FindCareTouches: the day's new touches; returns the calls. */
    @Transactional
    public List<Call> sweep(LocalDate today) {
        List<Call> calls = new ArrayList<>();
        for (Contract c : jdbc.sql("select c.id, c.opportunity_id, c.campus_code, o.grade, o.customer_id, "
                + "cu.birth_date from contract c join opportunity o on o.id = c.opportunity_id "
                + "join customer cu on cu.id = o.customer_id where c.status = 'ISSUED' "
                // a family whose whole contract is being refunded is leaving: nobody asks it to arrange lessons
                + "and not exists (select 1 from refund r where r.contract_id = c.id and r.status in ('REQUESTED', "
                + "'APPROVING', 'APPROVED') and r.transfer_id is null and r.reason <> 'OVERPAYMENT' "
                + "and r.class_code is null and r.lessons_back is null) order by c.id")
                .query((rs, n) -> new Contract(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getObject(6, LocalDate.class))).list()) {
            Facts facts = facts(c, today);
            if (facts == null) {
                continue;
            }
            for (Touch t : policy.decide(facts)) {
                store(facts, t).ifPresent(id -> {
                    if ("CALL".equals(t.action())) {
                        calls.add(new Call(id, facts.opportunityId(), facts.campusCode(),
                                families.of(facts.opportunityId()).name(), t.reason()));
                    } else {
                        greet(id, facts, t);
                    }
                });
            }
        }
        log.info("care sweep of {}: {} calls", today, calls.size());
        return calls;
    }

    /** 关怀回访 done: what the call found (required, at most 1000 characters), on the customer's timeline too. */
    @Transactional
    public void called(long touchId, String outcome, String by) {
        InputRules rules = new InputRules();
        String text = rules.required("careOutcome", outcome, 1000);
        rules.throwIfAny();
        jdbc.sql("update care_touch set outcome = ?, done_by = ?, done_at = ? where id = ? and done_at is null")
                .params(text, by, OffsetDateTime.now(clock), touchId).update();
        long opportunity = jdbc.sql("select opportunity_id from care_touch where id = ?").param(touchId)
                .query(Long.class).single();
        opportunities.note(opportunity, TimelineEvent.CARE_CALL, by, text);
    }

    /**
     * The contract's calls nobody has made yet (关怀回访 still open) are not needed any more (the contract refunded):
     * done by the system, {@code why} as their outcome. Returns them, for their tasks to be taken away.
     */
    @Transactional
    public List<Long> noLongerNeeded(long contractId, String why) {
        String open = " where contract_id = ? and action = 'CALL' and done_at is null";
        List<Long> calls = jdbc.sql("select id from care_touch" + open + " order by id").param(contractId)
                .query(Long.class).list();
        jdbc.sql("update care_touch set outcome = ?, done_by = 'system', done_at = ?" + open)
                .params(why, OffsetDateTime.now(clock), contractId).update();
        return calls;
    }

    /** The touch's reason and what the family has (for the caller's form). */
    @Transactional(readOnly = true)
    public String summary(long touchId) {
        return jdbc.sql("select t.reason || '（' || c.number || '）' from care_touch t join contract c "
                + "on c.id = t.contract_id where t.id = ?").param(touchId).query(String.class).single();
    }

    /** A contract in force, with what the facts need of its opportunity and student. */
    private record Contract(long id, long opportunityId, String campus, String grade, long customerId,
            LocalDate birthDate) {
    }

    private Facts facts(Contract c, LocalDate today) {
        long contractId = c.id();
        long opportunityId = c.opportunityId();
        String grade = c.grade();
        List<HoursLedger.Line> lines = ledger.accounts(contractId);
        int remaining = HoursLedger.oneOnOneLeft(lines);
        boolean lessonsLeft = lines.stream().mapToInt(HoursLedger.Line::remaining).sum() > 0;
        OffsetDateTime endOfToday = today.plusDays(1).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
        List<Marked> recent = jdbc.sql("select l.id, l.starts_at, l.attendance from lesson l "
                + "join schedule_proposal p on p.id = l.proposal_id where p.opportunity_id = ? "
                + "and l.status <> 'CANCELLED' and l.starts_at < ? and l.attendance is not null "
                + "order by l.starts_at desc").params(opportunityId, endOfToday)
                .query((rs, n) -> new Marked(rs.getLong("id"), rs.getObject("starts_at", OffsetDateTime.class),
                        rs.getString("attendance")))
                .list();
        int absences = 0;
        Long lastAbsent = null;
        for (Marked r : recent) {
            if (!"ABSENT".equals(r.attendance())) {
                break;
            }
            absences++;
            if (lastAbsent == null) {
                lastAbsent = r.lessonId();
            }
        }
        LocalDate lastLesson = recent.isEmpty() ? jdbc.sql("select issued_at from contract where id = ?")
                .param(contractId).query(OffsetDateTime.class).single().atZoneSameInstant(BusinessTime.ZONE)
                .toLocalDate() : BusinessTime.dateOf(recent.get(0).startsAt());
        // a registered suspension (停课) is time without lessons that nobody needs to ask about: it counts as lessons
        // until its resumption (today while it is not resumed); the suspension feature builds on this one, so its
        // rows are read from their table
        LocalDate suspendedUntil = jdbc.sql("select max(case when status = 'ACTIVE' then ? else coalesce(resumed_on, "
                + "ends_on) end) from suspension where contract_id = ? and starts_on <= ?")
                .params(today, contractId, today).query(LocalDate.class).optional().orElse(null);
        if (suspendedUntil != null && suspendedUntil.isAfter(lastLesson)) {
            lastLesson = suspendedUntil.isAfter(today) ? today : suspendedUntil;
        }
        if (!lessonsLeft && lastLesson.isBefore(today.minusDays(recentStudentDays))) {
            // a former student: nothing left to teach and nothing taught for a year; the policy is for students
            return null;
        }
        Optional<CarePolicy.Exam> exam = grade == null ? Optional.empty() : policy.examFor(grade);
        int daysToExam = exam.map(e -> (int) ChronoUnit.DAYS.between(today, e.date())).filter(d -> d >= 0).orElse(-1);
        return new Facts(contractId, opportunityId, c.campus(), grade, absences, lastAbsent,
                (int) ChronoUnit.DAYS.between(lastLesson, today), lastLesson, remaining, daysToExam,
                daysToExam >= 0 ? exam.get() : null, c.customerId(), BirthDates.isBirthday(c.birthDate(), today), today);
    }

    /** A lesson that began and was marked. */
    private record Marked(long lessonId, OffsetDateTime startsAt, String attendance) {
    }

    private Optional<Long> store(Facts f, Touch t) {
        String occurrence = switch (t.trigger()) {
            case "ABSENCES_IN_A_ROW" -> "lesson:" + f.lastAbsentLesson();
            case "NO_LESSON_30_DAYS" -> "since:" + f.lastLessonDay();
            case "EXAM_AHEAD" -> f.exam() == null ? "exam:none" : "exam:" + f.exam().name() + ":" + f.exam().date();
            case BIRTHDAY -> "birthday:" + f.today().getYear();
            default -> t.trigger();
        };
        jdbc.sql("select id from contract where id = ? for update").param(f.contractId()).query(Long.class).single();
        if (jdbc.sql("select count(*) from care_touch where contract_id = ? and care_trigger = ? and occurrence = ?")
                .params(f.contractId(), t.trigger(), occurrence).query(Integer.class).single() > 0) {
            return Optional.empty();
        }
        // a birthday is the student's, not the contract's: a student with two contracts in force is greeted once
        if (BIRTHDAY.equals(t.trigger()) && jdbc.sql("select count(*) from care_touch t join opportunity o "
                + "on o.id = t.opportunity_id where o.customer_id = ? and t.care_trigger = ? and t.occurrence = ?")
                .params(f.customerId(), t.trigger(), occurrence).query(Integer.class).single() > 0) {
            return Optional.empty();
        }
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into care_touch (contract_id, opportunity_id, campus_code, care_trigger, occurrence, action, "
                + "reason, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)").params(f.contractId(), f.opportunityId(),
                        f.campusCode(), t.trigger(), occurrence, t.action(), InputRules.abbreviate(t.reason()),
                        OffsetDateTime.now(clock)).update(keys, "id");
        return Optional.of(keys.getKey().longValue());
    }

    private void greet(long touchId, Facts f, Touch t) {
        if (BIRTHDAY.equals(t.trigger())) {
            greetBirthday(touchId, f, t);
            return;
        }
        FamilyContact family = families.of(f.opportunityId());
        String exam = f.exam() == null ? "考试" : f.exam().name();
        notifications.enqueue(f.opportunityId(), "care:" + touchId, "CARE_GREETING", family.email(),
                family.campusName() + "：" + exam + "加油！", family.name() + "家长，您好：\n\n" + exam + "就要到了（"
                        + (f.exam() == null ? "" : f.exam().date()) + "）。" + family.campusName()
                        + "的全体老师祝孩子沉着应考、发挥出色！考前作息规律、饮食清淡，带齐证件文具。\n\n如需考前答疑，请联系校区老师。\n\n"
                        + family.campusName());
        jdbc.sql("update care_touch set done_by = 'system', done_at = ? where id = ?")
                .params(OffsetDateTime.now(clock), touchId).update();
        opportunities.note(f.opportunityId(), TimelineEvent.CARE_GREETING, "system", t.reason());
    }

    /** 生日问候: one mail to the family on the student's birthday, noted on the timeline. */
    private void greetBirthday(long touchId, Facts f, Touch t) {
        FamilyContact family = families.of(f.opportunityId());
        notifications.enqueue(f.opportunityId(), "care:" + touchId, "CARE_GREETING", family.email(),
                family.campusName() + "：祝" + family.name() + "生日快乐！", family.name() + "家长，您好：\n\n今天是"
                        + family.name() + "的生日。" + family.campusName() + "的全体老师祝孩子生日快乐、健康成长、学业进步！"
                        + "感谢您一直以来对我们的信任，新的一岁我们继续陪伴孩子一起进步。\n\n" + family.campusName());
        jdbc.sql("update care_touch set done_by = 'system', done_at = ? where id = ?")
                .params(OffsetDateTime.now(clock), touchId).update();
        opportunities.note(f.opportunityId(), TimelineEvent.CARE_GREETING, "system", t.reason());
    }
}
