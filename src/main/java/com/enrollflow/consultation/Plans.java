package com.enrollflow.consultation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.Coded;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.payment.CollectionLimit;
import com.enrollflow.payment.CollectionLimits;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentSchedule;
import com.enrollflow.payment.SaleTerms;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.pricing.QuoteRequest;
import com.enrollflow.pricing.QuoteText;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.enrollflow.scheduling.PreferredTime;
import com.enrollflow.scheduling.PreferredTimes;
import com.enrollflow.scheduling.ScheduleRequest;
import com.enrollflow.scheduling.SchedulingService;

/**
 * 制定方案与报价: a consultant's plan becomes a priced quote with its sale terms (installments, preferred times, the
 * city's collection limit), and the opportunity reaches the funnel stage 已出方案. One call, one transaction: a plan the pricing rules refuse leaves
 * nothing behind.
 */
@Service
public class Plans {

    private final OpportunityService opportunities;
    private final PricingService pricing;
    private final SaleTerms saleTerms;
    private final ConsultationService consultation;
    private final CollectionLimits collectionLimits;
    private final CampusRepository campuses;
    private final SchedulingService scheduling;
    private final Clock clock;

    Plans(OpportunityService opportunities, PricingService pricing, SaleTerms saleTerms,
            ConsultationService consultation, CollectionLimits collectionLimits, CampusRepository campuses,
            SchedulingService scheduling, Clock clock) {
        this.scheduling = scheduling;
        this.collectionLimits = collectionLimits;
        this.campuses = campuses;
        this.opportunities = opportunities;
        this.pricing = pricing;
        this.saleTerms = saleTerms;
        this.consultation = consultation;
        this.clock = clock;
    }

    /**
     * What the consultant chose. Grade and product line are the opportunity's; the subject falls back to the
     * opportunity's. The hour package follows from the number of lessons (the best one they reach): a plan cannot name
     * a package that disagrees with its lessons. {@code voucherCode}: a voucher (代金券) of the opportunity's customer
     * to deduct, or null. {@code lessonsFrom}, {@code preferredTeacherId}: a renewal's first day of new lessons and the
     * teacher it asks for first; null for a first sale (scheduled from tomorrow, any teacher).
     */
    public record Plan(long opportunityId, String subject, String teacherLevel, Integer lessons, String promotionCode,
            List<String> classOfferingCodes, BigDecimal extraDiscount, String discountReason,
            InstallmentPlan installmentPlan, Object preferredTimes, String actor, String voucherCode,
            LocalDate lessonsFrom, String preferredTeacherId) {
    }

    /** The quote and the words staff read of it (Tasklist, the timeline). */
    public record PlanMade(Quote quote, String summary) {
    }

    /** Prices the plan, stores its sale terms and records the stage; refusals name the plan's fields. */
    @Transactional
    public PlanMade make(Plan plan) {
        Opportunity o = opportunities.get(plan.opportunityId());
        boolean oneOnOne = ProductLine.ONE_ON_ONE.name().equals(o.productLine());
        String hourPackage = oneOnOne && plan.lessons() != null
                ? pricing.bestPackage(o.campusCode(), plan.lessons()).orElse(null) : null;
        Subject chosen = parse(Subject.class, plan.subject());
        Subject subject = chosen != null ? chosen : parse(Subject.class, o.subject());
        List<PreferredTime> times = oneOnOne ? PreferredTimes.parse(plan.preferredTimes()) : List.of();
        if (oneOnOne) {
            taught(o, subject, parse(TeacherLevel.class, plan.teacherLevel()));
            schedulable(o, subject, parse(TeacherLevel.class, plan.teacherLevel()), plan, times);
        }
        Quote quote = pricing.createQuote(new QuoteRequest(plan.opportunityId(), o.campusCode(),
                ProductLine.valueOf(o.productLine()), parse(Grade.class, o.grade()), subject,
                parse(TeacherLevel.class, plan.teacherLevel()), plan.lessons(), hourPackage, plan.promotionCode(),
                plan.classOfferingCodes(), plan.extraDiscount() == null ? BigDecimal.ZERO : plan.extraDiscount(),
                plan.discountReason(), plan.actor(), LocalDate.now(clock.withZone(BusinessTime.ZONE)), o.customerId(),
                plan.voucherCode()));
        // 预收费监管: the city's collection limit is fixed with the plan; a plan above it is split, never refused.
        // A 1:1 plan has one lesson a week per preferred time (as the schedule books them); classes have no frequency
        CollectionLimit limit = collectionLimits.forCity(campuses.findActive(o.campusCode()).map(Campus::city)
                .orElse(null));
        saleTerms.save(quote.id(), plan.installmentPlan(), oneOnOne ? PreferredTimes.format(times) : null, limit,
                times.size());
        PaymentSchedule schedule = saleTerms.schedule(quote.id(), quote.lessons());
        String summary = QuoteText.summary(quote) + "付款方式：" + schedule.text() + "。";
        consultation.planMade(plan.opportunityId(), summary, plan.actor());
        return new PlanMade(quote, summary);
    }

    /**
     * A 1:1 course nobody at the campus teaches (a level the campus has no teacher of) would be paid for and then
     * wait in 调整上课时间偏好, where no other time can help: refused under 教师级别 with the levels taught, or under the
     * subject. What the pricing rules refuse (a missing grade, subject or level) they name themselves.
     */
    private void taught(Opportunity o, Subject subject, TeacherLevel level) {
        Grade grade = parse(Grade.class, o.grade());
        if (grade == null || subject == null || level == null) {
            return;
        }
        InputRules rules = new InputRules();
        scheduling.nobodyToTeach(rules, o.campusCode(), grade, subject, level, "这个方案无法排课");
        rules.throwIfAny();
    }

    /**
     * A 1:1 plan whose weekly times hold too few free lessons, or that no teacher of the course teaches at, would be
     * paid for and then wait in 调整上课时间偏好 for academic affairs to call the family (decision 743). The schedule
     * is made after the payment by the same rules; checked now (from tomorrow, or from a renewal's first day of new
     * lessons, nothing booked), it is refused under 每周上课时间偏好 while the family is still there, with the weekly
     * times that, added, would take every lesson.
     */
    private void schedulable(Opportunity o, Subject subject, TeacherLevel level, Plan plan, List<PreferredTime> times) {
        Grade grade = parse(Grade.class, o.grade());
        if (grade == null || subject == null || level == null || plan.lessons() == null || plan.lessons() < 1) {
            return;
        }
        LocalDate tomorrow = LocalDate.now(clock.withZone(BusinessTime.ZONE)).plusDays(1);
        LocalDate from = plan.lessonsFrom() != null && plan.lessonsFrom().isAfter(tomorrow) ? plan.lessonsFrom()
                : tomorrow;
        scheduling.whyUnschedulable(new ScheduleRequest(o.id(), o.customerId(), null, o.campusCode(), subject, grade,
                level, plan.lessons(), times, from, plan.preferredTeacherId(), null)).ifPresent(why -> {
                    throw new InvalidInputException(PreferredTimes.FIELD, why);
                });
    }

    private static <E extends Enum<E> & Coded> E parse(Class<E> type, String code) {
        return code == null ? null : Coded.parse(type, code).orElse(null);
    }
}
