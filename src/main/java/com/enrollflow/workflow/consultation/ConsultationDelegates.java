package com.enrollflow.workflow.consultation;

import static com.enrollflow.workflow.ProcessConstants.*;
import static com.enrollflow.workflow.SalesVariables.*;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.AssignmentService;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.consultation.ConsultationService;
import com.enrollflow.consultation.Plans;
import com.enrollflow.consultation.TestLevel;
import com.enrollflow.consultation.VisitOutcome;
import com.enrollflow.consultation.VisitReminders;
import com.enrollflow.opportunity.IntentSummary;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.opportunity.OpportunityStatus;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.enrollflow.scheduling.PreferredTimes;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.ProcessConstants;
import com.enrollflow.workflow.TaskInput;
import com.enrollflow.workflow.engine.Deadlines;
import com.enrollflow.workflow.engine.TaskFormRecord;

/**
 * consultation.bpmn (到访与方案规划): the forms' input is checked on completion; the service tasks call
 * {@link ConsultationService} and {@link Plans}. A quote the pricing rules refuse fails the plan form's
 * submission with the field named, and nothing is stored.
 */
@Configuration
class ConsultationDelegates {

    /** The plan's lessons at most, as the form 制定方案与报价 allows. */
    static final int MAX_LESSONS = 500;

    private final ConsultationService consultation;
    private final OpportunityService opportunities;
    private final AssignmentService assignment;
    private final Plans plans;
    private final Deadlines deadlines;
    private final VisitReminders reminders;
    private final Clock clock;

    ConsultationDelegates(ConsultationService consultation, OpportunityService opportunities,
            AssignmentService assignment, Plans plans, Deadlines deadlines, VisitReminders reminders, Clock clock) {
        this.consultation = consultation;
        this.opportunities = opportunities;
        this.assignment = assignment;
        this.plans = plans;
        this.deadlines = deadlines;
        this.reminders = reminders;
        this.clock = clock;
    }

    /** StartEvent_ConsultationStarted, on end: the customer agreed to visit (同意到访), once per opportunity. */
    @Bean("recordAgreedToVisit")
    ExecutionListener recordAgreedToVisit() {
        return execution -> consultation.agreedToVisit(id(execution, OPPORTUNITY_ID), Actors.of(execution));
    }

    /**
     * ServiceTask_CheckProgress (检查是否超时无进展), every 6 hours while the consultation runs, about the consultant's
     * 预约到访, 处理未到访 or 制定方案与报价 (a booked visit still ahead, the front desk's or the teacher's step, is not
     * the consultant's delay), when the lead still has an owner and is not exempt (锁定/VIP): STALLED past the task's
     * due date (the team's progress limit, decision 557), then enrollment takes the lead back (未转化回收, decision
     * 562); WARN once past the warning time ({@code progressWarnAfter} after the task was given), not yet warned;
     * else IN_TIME. {@code progressTask} names the task for the warning.
     */
    @Bean("checkConsultationProgress")
    JavaDelegate checkConsultationProgress() {
        return execution -> {
            TaskService tasks = execution.getProcessEngineServices().getTaskService();
            Task task = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                    .taskDefinitionKeyIn("Task_BookVisit", "Task_HandleNoShow", "Task_MakePlan").singleResult();
            String progress = "IN_TIME";
            // most checks find the front desk's or the teacher's step: the lead is only read for the consultant's
            if (task != null && assignment.get(id(execution, OPPORTUNITY_ID)).recyclable()) {
                Date now = deadlines.now();
                Date warnAt = deadlines.after(task.getCreateTime(),
                        (String) execution.getVariable(PROGRESS_WARN_AFTER));
                if (task.getDueDate() != null && task.getDueDate().before(now)) {
                    progress = "STALLED";
                } else if (warnAt != null && !warnAt.after(now)
                        && tasks.getVariableLocal(task.getId(), RECYCLE_WARNING) == null) {
                    progress = "WARN";
                }
            }
            execution.setVariable(PROGRESS, progress);
            execution.setVariable(PROGRESS_TASK, task == null ? null : task.getTaskDefinitionKey());
        };
    }

    /**
     * Task_BookVisit (预约到访), on complete: the visit's time for 登记到访 and the reminder; the consultant reads after
     * 完成 when the family will be reminded, or that it will not be (no e-mail) and must be phoned.
     */
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
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (at != null) {
                task.getExecution().setVariable(VISIT_REMINDER_AT, VisitReminders.remindAt(at, now).toString());
                task.getExecution().setVariable(VISIT_AT, at.toString());
                // what 登记到访 shows the front desk: 2026-12-03 10:00（周四）, not the stored ISO time
                task.getExecution().setVariable(VISIT_AT_TEXT, VisitReminders.shown(at));
            }
            if ("BOOKED".equals(outcome)) {
                TaskFormRecord.told(task, reminders.booked(id(task, OPPORTUNITY_ID), at, now));
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

    /**
     * Task_RecordPlacementTest (登记入学测试), on create: the student's grade, subject, goal and habits (学员情况) the
     * teacher tests for, task-local and out of the engine's history like 客户意向 (decision 559).
     */
    @Bean("studentSummary")
    TaskListener studentSummary() {
        return task -> task.setVariableLocal(STUDENT_SUMMARY,
                IntentSummary.forTeacher(opportunities.get(id(task, OPPORTUNITY_ID))));
    }

    /** Task_RecordPlacementTest (登记入学测试), on complete. */
    @Bean("placementTestInput")
    TaskListener placementTestInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            input.code(TEST_LEVEL, TestLevel.class, true);
            BigDecimal score = decimal(input, task.getVariable(TEST_SCORE), TEST_SCORE, false);
            ConsultationService.scoreProblem(score).ifPresent(problem -> input.problem(TEST_SCORE, problem));
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
            } else if (lessons != null
                    && (lessons.signum() <= 0 || lessons.compareTo(BigDecimal.valueOf(MAX_LESSONS)) > 0)) {
                // the form's own bounds, for a caller of the engine's REST API (3000000000 was a server error)
                input.problem(LESSONS, "课时须在 1 到 " + MAX_LESSONS + " 之间");
            }
            input.text(PROMOTION_CODE, 32, false);
            input.text(VOUCHER_CODE, 20, false);
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
            input.check(TEACHER_LEVEL, LESSON_SUBJECT, LESSONS, PROMOTION_CODE, VOUCHER_CODE, CLASS_OFFERING_CODES,
                    EXTRA_DISCOUNT, DISCOUNT_REASON, INSTALLMENT_PLAN, PREFERRED_TIMES, LOST_REASON);
        };
    }

    /** ServiceTask_CreateQuote (生成报价): the plan the form submitted, priced by {@link Plans}; refusals name the form field. */
    @Bean("createQuote")
    JavaDelegate createQuote() {
        return execution -> {
            Object lessons = execution.getVariable(LESSONS);
            Object extra = execution.getVariable(EXTRA_DISCOUNT);
            Plans.PlanMade made;
            try {
                made = plans.make(new Plans.Plan(id(execution, OPPORTUNITY_ID),
                        (String) execution.getVariable(LESSON_SUBJECT), (String) execution.getVariable(TEACHER_LEVEL),
                        lessons == null ? null : new BigDecimal(lessons.toString()).intValueExact(),
                        blankToNull(execution.getVariable(PROMOTION_CODE)),
                        codes(execution.getVariable(CLASS_OFFERING_CODES)),
                        extra == null ? null : new BigDecimal(extra.toString()),
                        blankToNull(execution.getVariable(DISCOUNT_REASON)),
                        InstallmentPlan.valueOf((String) execution.getVariable(INSTALLMENT_PLAN)),
                        execution.getVariable(PREFERRED_TIMES), Actors.of(execution),
                        blankToNull(execution.getVariable(VOUCHER_CODE)),
                        // a renewal's plan (renewal.bpmn): its new lessons' first day and the teacher asked for first
                        Optional.ofNullable(blankToNull(execution.getVariable(ProcessConstants.NEW_LESSONS_FROM)))
                                .map(LocalDate::parse).orElse(null),
                        blankToNull(execution.getVariable(ProcessConstants.PREFERRED_TEACHER))));
            } catch (InvalidInputException e) {
                // the form has no grade: a price missing for the grade is the subject's (or the level's) to change
                throw InputRefusal.of(e.problems().stream().map(p -> "subject".equals(p.field())
                        || "grade".equals(p.field()) ? new FieldProblem(LESSON_SUBJECT, p.message()) : p).toList());
            } catch (ConflictException e) {
                // e.g. the collection-limit table has no rule for the campus's city: nothing is stored
                throw InputRefusal.because(e.getMessage());
            }
            execution.setVariable(QUOTE_ID, made.quote().id());
            execution.setVariable(DISCOUNT_PERCENT, made.quote().discountPercent().doubleValue());
            execution.setVariable(DISCOUNT_AMOUNT, made.quote().extraDiscount().doubleValue());
            execution.setVariable(QUOTE_SUMMARY, made.summary());
            execution.setVariable(CONSULTATION_OUTCOME, "PLAN_MADE");
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
