package com.enrollflow.workflow.consultation;

import com.enrollflow.pricing.QuoteText;
import com.enrollflow.scheduling.PreferredTimes;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.TaskInput;
import static com.enrollflow.workflow.ProcessConstants.*;
import static com.enrollflow.workflow.SalesVariables.*;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.AssignmentService;
import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.consultation.ConsultationService;
import com.enrollflow.consultation.TestLevel;
import com.enrollflow.consultation.VisitOutcome;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.opportunity.OpportunityStatus;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.SaleTerms;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.pricing.QuoteRequest;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.common.Coded;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/**
 * consultation.bpmn (到访与方案规划): the forms' input is checked on completion; the service tasks call
 * {@link ConsultationService} and {@link PricingService}. A quote the pricing rules refuse fails the plan form's
 * submission with the field named, and nothing is stored.
 */
@Configuration
class ConsultationDelegates {

    private final ConsultationService consultation;
    private final OpportunityService opportunities;
    private final AssignmentService assignment;
    private final PricingService pricing;
    private final SaleTerms saleTerms;
    private final Clock clock;

    ConsultationDelegates(ConsultationService consultation, OpportunityService opportunities,
            AssignmentService assignment, PricingService pricing, SaleTerms saleTerms, Clock clock) {
        this.saleTerms = saleTerms;
        this.consultation = consultation;
        this.opportunities = opportunities;
        this.assignment = assignment;
        this.pricing = pricing;
        this.clock = clock;
    }

    /** StartEvent_ConsultationStarted, on end: the customer agreed to visit (同意到访), once per opportunity. */
    @Bean("recordAgreedToVisit")
    ExecutionListener recordAgreedToVisit() {
        return execution -> consultation.agreedToVisit(id(execution, OPPORTUNITY_ID), Actors.of(execution));
    }

    /** Task_BookVisit (预约到访), on complete. */
    @Bean("bookVisitInput")
    TaskListener bookVisitInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String outcome = input.oneOf(BOOKING_OUTCOME, true, "BOOKED", "LOST");
            OffsetDateTime at = dateTime(task.getVariable(VISIT_AT));
            if ("BOOKED".equals(outcome) && at == null) {
                input.problem(VISIT_AT, "必填：到访日期和时间");
            }
            input.text(VISIT_NOTE, 500, false);
            input.text(LOST_REASON, 500, "LOST".equals(outcome));
            input.check(VISIT_NOTE, LOST_REASON);
            if (at != null) {
                // the reminder goes out the day before; a visit booked for tomorrow morning is reminded at once
                OffsetDateTime remind = at.minusDays(1);
                OffsetDateTime now = OffsetDateTime.now(clock);
                task.getExecution().setVariable(VISIT_REMINDER_AT, (remind.isBefore(now) ? now : remind).toString());
                task.getExecution().setVariable(VISIT_AT, at.toString());
                // what 登记到访 shows the front desk: 2026-12-03 10:00（周四）, not the stored ISO time
                task.getExecution().setVariable(VISIT_AT_TEXT, BusinessTime.shown(at) + "（"
                        + PreferredTimes.shown(at.atZoneSameInstant(BusinessTime.ZONE).getDayOfWeek()) + "）");
            }
        };
    }

    /** ServiceTask_RecordVisitBooking (登记到访预约). */
    @Bean("recordVisitBooking")
    JavaDelegate recordVisitBooking() {
        return execution -> {
            try {
                consultation.bookVisit(id(execution, OPPORTUNITY_ID), dateTime(execution.getVariable(VISIT_AT)),
                        (String) execution.getVariable(VISIT_NOTE), Actors.of(execution));
            } catch (InvalidInputException e) {
                throw TaskInput.rejected(e);
            }
        };
    }

    /** Task_RecordVisit (登记到访), on complete. */
    @Bean("recordVisitInput")
    TaskListener recordVisitInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            VisitOutcome outcome = input.code(VISIT_OUTCOME, VisitOutcome.class, true);
            String note = input.text(VISIT_NOTE, 500, false);
            input.check(VISIT_NOTE);
            consultation.recordVisit(id(task, OPPORTUNITY_ID), outcome, note, Actors.of(task));
        };
    }

    /** ServiceTask_RecordVisited (记录已到访): the stage was written with the front desk's form; nothing else to do. */
    @Bean("recordVisited")
    JavaDelegate recordVisited() {
        return execution -> execution.setVariable(VISIT_OUTCOME, VisitOutcome.VISITED.name());
    }

    /** Task_HandleNoShow (处理未到访), on complete. */
    @Bean("noShowInput")
    TaskListener noShowInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String decision = input.oneOf(NO_SHOW_DECISION, true, "REBOOK", "LOST");
            input.text(LOST_REASON, 500, "LOST".equals(decision));
            input.check(LOST_REASON);
        };
    }

    /** Task_RecordPlacementTest (登记入学测试), on complete. */
    @Bean("placementTestInput")
    TaskListener placementTestInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            input.code(TEST_LEVEL, TestLevel.class, true);
            BigDecimal score = decimal(input, task.getVariable(TEST_SCORE), TEST_SCORE, false);
            if (score != null && (score.signum() < 0 || score.compareTo(BigDecimal.valueOf(150)) > 0)) {
                input.problem(TEST_SCORE, "成绩须在 0 到 150 之间");
            }
            input.text(TEST_ADVICE, 1000, false);
            input.check(TEST_SCORE, TEST_ADVICE);
        };
    }

    /** ServiceTask_RecordPlacementTest (保存测试结果). */
    @Bean("recordPlacementTest")
    JavaDelegate recordPlacementTest() {
        return execution -> {
            Object score = execution.getVariable(TEST_SCORE);
            consultation.recordPlacementTest(id(execution, OPPORTUNITY_ID),
                    score == null ? null : new BigDecimal(score.toString()),
                    TestLevel.valueOf((String) execution.getVariable(TEST_LEVEL)),
                    (String) execution.getVariable(TEST_ADVICE), Actors.of(execution));
        };
    }

    /** Task_MakePlan (制定方案与报价), on complete: the form's shape; the prices are checked by the pricing rules. */
    @Bean("makePlanInput")
    TaskListener makePlanInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String outcome = input.oneOf(PLAN_OUTCOME, true, "PLAN", "LOST");
            boolean plan = "PLAN".equals(outcome);
            String productLine = (String) task.getVariable(PRODUCT_LINE);
            boolean oneOnOne = ProductLine.ONE_ON_ONE.name().equals(productLine);
            input.code(TEACHER_LEVEL, TeacherLevel.class, plan && oneOnOne);
            Subject subject = input.code(LESSON_SUBJECT, Subject.class, plan && oneOnOne);
            if (subject == Subject.ALL) {
                input.problem(LESSON_SUBJECT, "一对一须选定一个科目（多科请分别制定方案）");
            }
            BigDecimal lessons = decimal(input, task.getVariable(LESSONS), LESSONS, plan && oneOnOne);
            if (lessons != null && (lessons.scale() > 0 && lessons.stripTrailingZeros().scale() > 0)) {
                input.problem(LESSONS, "课时须为整数");
            }
            input.text(PROMOTION_CODE, 32, false);
            if (plan && !oneOnOne && codes(task.getVariable(CLASS_OFFERING_CODES)).isEmpty()) {
                input.problem(CLASS_OFFERING_CODES, "班课方案须至少选择一个班级");
            }
            decimal(input, task.getVariable(EXTRA_DISCOUNT), EXTRA_DISCOUNT, false);
            input.text(DISCOUNT_REASON, 500, false);
            input.code(INSTALLMENT_PLAN, InstallmentPlan.class, plan);
            if (plan && oneOnOne) {
                try {
                    PreferredTimes.parse(task.getVariable(PREFERRED_TIMES));
                } catch (InvalidInputException e) {
                    e.problems().forEach(p -> input.problem(p.field(), p.message()));
                }
            }
            input.text(LOST_REASON, 500, !plan);
            input.check(TEACHER_LEVEL, LESSON_SUBJECT, LESSONS, PROMOTION_CODE, CLASS_OFFERING_CODES, EXTRA_DISCOUNT,
                    DISCOUNT_REASON, INSTALLMENT_PLAN, PREFERRED_TIMES, LOST_REASON);
        };
    }

    /**
     * ServiceTask_CreateQuote (生成报价): prices the plan; refusals name the form field. The hour package follows from
     * the number of lessons (the best one they reach): a package variable from an older form or an API call is not
     * read, so a package can never disagree with the lessons.
     */
    @Bean("createQuote")
    JavaDelegate createQuote() {
        return execution -> {
            long opportunityId = id(execution, OPPORTUNITY_ID);
            Opportunity o = opportunities.get(opportunityId);
            Object rawLessons = execution.getVariable(LESSONS);
            Integer lessons = rawLessons == null ? null : new BigDecimal(rawLessons.toString()).intValueExact();
            boolean oneOnOne = ProductLine.ONE_ON_ONE.name().equals(o.productLine());
            String hourPackage = oneOnOne && lessons != null
                    ? pricing.bestPackage(o.campusCode(), lessons).orElse(null) : null;
            Object extra = execution.getVariable(EXTRA_DISCOUNT);
            QuoteRequest request = new QuoteRequest(opportunityId, o.campusCode(),
                    ProductLine.valueOf(o.productLine()), parse(Grade.class, o.grade()),
                    subject(execution.getVariable(LESSON_SUBJECT), o.subject()), parse(TeacherLevel.class,
                            (String) execution.getVariable(TEACHER_LEVEL)),
                    lessons, hourPackage,
                    blankToNull(execution.getVariable(PROMOTION_CODE)),
                    codes(execution.getVariable(CLASS_OFFERING_CODES)),
                    extra == null ? BigDecimal.ZERO : new BigDecimal(extra.toString()),
                    blankToNull(execution.getVariable(DISCOUNT_REASON)), Actors.of(execution),
                    LocalDate.now(clock.withZone(BusinessTime.ZONE)));
            Quote quote;
            try {
                quote = pricing.createQuote(request);
            } catch (InvalidInputException e) {
                // the form has no grade: a price missing for the grade is the subject's (or the level's) to change
                throw InputRefusal.of(e.problems().stream().map(p -> "subject".equals(p.field())
                        || "grade".equals(p.field()) ? new FieldProblem(LESSON_SUBJECT, p.message()) : p).toList());
            }
            saleTerms.save(quote.id(), InstallmentPlan.valueOf((String) execution.getVariable(INSTALLMENT_PLAN)),
                    oneOnOne ? PreferredTimes.format(PreferredTimes.parse(execution.getVariable(PREFERRED_TIMES)))
                            : null);
            execution.setVariable(QUOTE_ID, quote.id());
            execution.setVariable(DISCOUNT_PERCENT, quote.discountPercent().doubleValue());
            execution.setVariable(DISCOUNT_AMOUNT, quote.extraDiscount().doubleValue());
            execution.setVariable(QUOTE_SUMMARY, QuoteText.summary(quote));
            execution.setVariable(CONSULTATION_OUTCOME, "PLAN_MADE");
            consultation.planMade(opportunityId, QuoteText.summary(quote), Actors.of(execution));
        };
    }

    /** ServiceTask_CloseLost (关闭商机（流失）). */
    @Bean("closeLostDeal")
    JavaDelegate closeLostDeal() {
        return execution -> {
            String reason = (String) execution.getVariable(LOST_REASON);
            assignment.close(id(execution, OPPORTUNITY_ID), OpportunityStatus.LOST,
                    reason == null ? "客户流失" : reason, Actors.of(execution));
            execution.setVariable(CONSULTATION_OUTCOME, "LOST");
        };
    }

    private static BigDecimal decimal(TaskInput input, Object value, String field, boolean required) {
        if (value == null || value.toString().isBlank()) {
            if (required) {
                input.problem(field, "必填");
            }
            return null;
        }
        try {
            return new BigDecimal(value.toString().strip());
        } catch (NumberFormatException e) {
            input.problem(field, "须为数字");
            return null;
        }
    }

    private static <E extends Enum<E> & Coded> E parse(Class<E> type, String code) {
        return Coded.parse(type, code).orElse(null);
    }

    private static Subject subject(Object chosen, String ofOpportunity) {
        Subject s = parse(Subject.class, chosen == null ? null : chosen.toString());
        return s != null ? s : parse(Subject.class, ofOpportunity);
    }

    private static String blankToNull(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static List<String> codes(Object value) {
        if (value instanceof java.util.Collection<?> chosen) {
            return chosen.stream().map(String::valueOf).filter(c -> !c.isBlank()).toList();
        }
        String text = blankToNull(value);
        if (text != null && text.startsWith("[")) {
            // a checklist submitted by Tasklist arrives as a JSON array: ["BJHD-J2-MATH-W", …]
            text = text.replaceAll("[\\[\\]\"]", " ");
        }
        return text == null ? List.of()
                : Arrays.stream(text.split("[,，\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
