package com.enrollflow.teaching;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractLookup;
import com.enrollflow.contract.ContractService;
import com.enrollflow.contract.ContractWork;
import com.enrollflow.contract.ContractWorks;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.scheduling.ProposalText;
import com.enrollflow.scheduling.ScheduledLesson;
import com.enrollflow.scheduling.SchedulingService;

/**
 * 安排剩余课时 (decision 724): the 1:1 hours a contract still has and no lesson holds — a 补课 declined with 不安排补课,
 * a lesson cancelled, a family back after a break — are booked at the end of the family's schedule, with its teacher
 * and weekly times (as {@link SchedulingService#extend} books a referral's gift), from the day academic affairs name
 * if later. Asked in Tasklist's start form as a family's call gives it: the contract or the family's phone, how many
 * lessons (all those left unbooked when empty), the first day, a note. The timeline lists the lessons, the family is
 * mailed them; nothing is stored when anything is refused. When the last lesson on the schedule is taught and hours
 * are left that no lesson holds, academic affairs get the task 安排剩余课时 to call the family ({@link
 * RemainingLessonsFollowUps}): book them, or say why not yet.
 */
@Service
public class RemainingLessons {

    /** The fields of the start form book-remaining-lessons (安排剩余课时), which the request's problems name. */
    public static final String CONTRACT = "contract";
    public static final String COUNT = "lessonCount";
    public static final String START_ON = "startOn";
    public static final String NOTE = "note";

    /** How far ahead the first lesson may be asked for: the planner books within its own horizon from there. */
    static final int MAX_DAYS_AHEAD = 90;

    /** The start form's fields as typed: the count as text (empty: every hour left unbooked), the day as 2026-12-08. */
    public record Asked(String contract, String count, String startOn, String note) {
    }

    /** The lessons booked: where the form is filed, what its starter is told, the lessons themselves. */
    public record Booked(String campusCode, long opportunityId, String told, List<ScheduledLesson> lessons) {
    }

    private final ContractLookup lookup;
    private final ContractService contracts;
    private final ContractWorks works;
    private final HoursLedger ledger;
    private final Attendance attendance;
    private final Rebookings rebookings;
    private final RemainingLessonsFollowUps followUps;
    private final SchedulingService scheduling;
    private final OpportunityService opportunities;
    private final Families families;
    private final NotificationService notifications;
    private final Clock clock;

    RemainingLessons(ContractLookup lookup, ContractService contracts, ContractWorks works, HoursLedger ledger,
            Attendance attendance, Rebookings rebookings, RemainingLessonsFollowUps followUps,
            SchedulingService scheduling,
            OpportunityService opportunities, Families families, NotificationService notifications, Clock clock) {
        this.lookup = lookup;
        this.contracts = contracts;
        this.works = works;
        this.ledger = ledger;
        this.attendance = attendance;
        this.rebookings = rebookings;
        this.followUps = followUps;
        this.scheduling = scheduling;
        this.opportunities = opportunities;
        this.families = families;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * The contract's 1:1 hours left that no lesson holds: its hours left, less its lessons not marked yet (begun or
     * ahead) and the lessons waiting for their 补课 in 安排补课 (booked there); never below 0.
     */
    public int unbooked(Contract c) {
        return hours(c).free();
    }

    /** A contract's 1:1 hours: left on the ledger, waiting in 安排补课, and free ({@link #unbooked}). */
    private record Hours(int left, int waiting, int free) {
    }

    private Hours hours(Contract c) {
        int left = ledger.oneOnOneLeft(c.id());
        int waiting = rebookings.waiting(c.opportunityId());
        return new Hours(left, waiting, Math.max(0, left - attendance.unmarkedLive(c.opportunityId()) - waiting));
    }

    /**
     * The start form 安排剩余课时. Every field is checked at once, each problem naming its field; a contract not in
     * force, without 1:1 hours or with all of them booked, one being refunded, suspended, transferred or given
     * another teacher, or one whose schedule waits in 确认排课 refuses the whole request (409), as does a course no
     * teacher has the time for. Under the contract's lock, so two requests at once never book the same hours twice.
     */
    @Transactional
    public Booked book(Asked a, String by) {
        return book(null, a, by);
    }

    /**
     * The same from the task 安排剩余课时, for the task's own contract ({@code a.contract()} unused): the task ends with
     * it, so there is no other task to withdraw.
     */
    @Transactional
    public Booked bookAsTasked(long contractId, Asked a, String by) {
        return book(contractId, a, by);
    }

    private Booked book(Long contractId, Asked a, String by) {
        InputRules rules = new InputRules();
        Contract typed = contractId == null ? lookup.typed(a.contract(), rules) : lookup.visible(contractId);
        Integer count = count(rules, a.count());
        LocalDate today = LocalDate.now(clock.withZone(BusinessTime.ZONE));
        LocalDate startOn = rules.date(START_ON, a.startOn(), false);
        if (startOn != null && !startOn.isAfter(today)) {
            rules.problem(START_ON, "须是明天或以后（今天是 " + today + "）");
        } else if (startOn != null && startOn.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            rules.problem(START_ON, "不能晚于 " + MAX_DAYS_AHEAD + " 天以后（" + today.plusDays(MAX_DAYS_AHEAD) + "）");
        }
        String note = rules.optional(NOTE, a.note(), 500);
        rules.throwIfAny();
        // a refund, a suspension, a transfer or a teacher change asked at the same moment queues here, and so does
        // a second 安排剩余课时: each takes the contract's row first
        Contract c = contracts.lock(typed.id());
        c.refuseUnlessInForce("排课");
        works.refuseWhileRunning(c, "安排剩余课时", ContractWork.Kind.REFUND, ContractWork.Kind.SUSPENSION,
                ContractWork.Kind.TRANSFER, ContractWork.Kind.TEACHER_CHANGE);
        scheduling.refuseWhileUnconfirmed(c.opportunityId(), c.number(), "安排剩余课时");
        Hours hours = hours(c);
        int left = hours.left();
        if (left == 0) {
            throw new ConflictException(409, "合同 " + c.number() + (HoursLedger.classesWithLessons(
                    ledger.accounts(c.id())).isEmpty() ? " 没有剩余的一对一课时" : " 没有一对一课时：班课按班级课表上课"));
        }
        int waiting = hours.waiting();
        int free = hours.free();
        if (free == 0) {
            throw new ConflictException(409, "合同 " + c.number() + " 剩余 " + left + " 课时都已排课"
                    + (waiting == 0 ? "" : "（其中 " + waiting + " 课时在“安排补课”中等待补课）") + "，无需安排");
        }
        if (count != null && count > free) {
            rules.problem(COUNT, "最多 " + free + " 课时：剩余 " + left + " 课时，其中 " + (left - free) + " 课时已排课"
                    + (waiting == 0 ? "" : "或等待补课"));
            rules.throwIfAny();
        }
        int lessons = count == null ? free : count;
        List<ScheduledLesson> booked = scheduling.extend(c.opportunityId(), lessons, startOn, by)
                .orElseThrow(() -> new ConflictException(409, "合同 " + c.number() + " 没有一对一课表：请先在“确认排课”中"
                        + "确定课表"));
        if (contractId == null && free == lessons) {
            followUps.withdraw(c.opportunityId(), "剩余课时已由 " + by + " 排课");
        }
        String lines = booked.stream().map(ProposalText::lesson).collect(Collectors.joining("\n"));
        opportunities.note(c.opportunityId(), TimelineEvent.SCHEDULED, by, "安排剩余课时（合同 " + c.number() + "）："
                + lessons + " 课时，" + lines.replace("\n", "；") + (note == null ? "" : "；说明：" + note));
        FamilyContact family = families.of(c.opportunityId());
        notifications.enqueue(c.opportunityId(), "remaining-lessons:" + c.id() + ":"
                + OffsetDateTime.now(clock).toInstant().toEpochMilli(), "REMAINING_LESSONS_BOOKED", family.email(),
                family.campusName() + "：一对一课程排课通知", family.name() + "家长，您好：\n\n" + family.name()
                        + "剩余的 " + lessons + " 课时已排课：\n" + lines + "\n\n如需调整请联系" + family.campusName()
                        + "。\n\n" + family.campusName());
        // one line, as Tasklist's notice shows it
        String told = family.name() + " 的 " + lessons + " 课时已排课（合同 " + c.number() + "）：" + lines.replace("\n", "；")
                + (free > lessons ? "；还有 " + (free - lessons) + " 课时未排课" : "")
                + (family.mailable() ? "；已发邮件通知家长" : "；家长没有登记邮箱，请电话告知家长上课时间");
        return new Booked(c.campusCode(), c.opportunityId(), told, booked);
    }

    /**
     * After a lesson taught (课消后续跟进, once the mark has committed; decision 727): when it was the last the family had
     * on its schedule (none left unmarked) and the contract still has hours no lesson holds, academic affairs are asked
     * to book them; not while a refund, a suspension, a transfer or a teacher change runs (each books or ends the
     * hours itself), nor before 确认排课. True when asked.
     */
    @Transactional
    public boolean askIfUsedUp(long contractId) {
        // most marks leave lessons ahead: those are done without taking the contract's row
        Contract seen = contracts.find(contractId).orElseThrow();
        if (attendance.unmarkedLive(seen.opportunityId()) > 0) {
            return false;
        }
        Contract c = contracts.lock(contractId);
        if (!c.inForce() || scheduling.awaitsConfirmation(c.opportunityId())
                || works.blocking(c, "", ContractWork.Kind.REFUND, ContractWork.Kind.SUSPENSION,
                        ContractWork.Kind.TRANSFER, ContractWork.Kind.TEACHER_CHANGE).isPresent()
                || attendance.unmarkedLive(c.opportunityId()) > 0) {
            return false;
        }
        int free = unbooked(c);
        if (free == 0) {
            return false;
        }
        followUps.ask(c.opportunityId(), c.id(), c.number(), free);
        return true;
    }

    /**
     * What the task 安排剩余课时 shows: the contract, its hours left and those no lesson holds, and the family's last
     * lesson (its teacher and time are what booking keeps).
     */
    @Transactional(readOnly = true)
    public String describe(long contractId) {
        Contract c = contracts.find(contractId).orElseThrow();
        String last = scheduling.liveFor(c.opportunityId()).flatMap(p -> p.lessons().stream()
                .filter(l -> !"CANCELLED".equals(l.status())).max(java.util.Comparator.comparing(
                        ScheduledLesson::startsAt))).map(l -> "\n最后一次课：" + ProposalText.lesson(l)).orElse("");
        Hours hours = hours(c);
        return "合同 " + c.number() + "\n剩余 " + hours.left() + " 课时，其中 " + hours.free() + " 课时未排课" + last;
    }

    /**
     * 暂不排课 in the task 安排剩余课时: the hours stay on the contract, the reason goes onto the timeline. Answers what
     * the user is told.
     */
    @Transactional
    public String postpone(long contractId, String reason, String by) {
        Contract c = contracts.find(contractId).orElseThrow();
        int free = unbooked(c);
        opportunities.note(c.opportunityId(), TimelineEvent.SCHEDULED, by, "剩余 " + free + " 课时暂不排课（合同 "
                + c.number() + "）：" + reason);
        return families.of(c.opportunityId()).name() + " 的 " + free + " 课时暂不排课，已记入客户动态；课时仍在合同上";
    }

    /** 排课课时数 as typed: empty for every hour left unbooked, else a whole number from 1. */
    private static Integer count(InputRules rules, String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            int n = new BigDecimal(typed.strip()).intValueExact();
            if (n >= 1) {
                return n;
            }
            rules.problem(COUNT, "至少 1 课时；不填则排全部未排的课时");
        } catch (NumberFormatException | ArithmeticException notWhole) {
            rules.problem(COUNT, "应为整数：“" + InputRules.abbreviate(typed) + "”");
        }
        return null;
    }
}
