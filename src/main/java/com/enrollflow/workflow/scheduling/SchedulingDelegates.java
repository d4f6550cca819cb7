package com.enrollflow.workflow.scheduling;

import static com.enrollflow.workflow.ProcessConstants.*;
import static com.enrollflow.workflow.SalesVariables.*;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.common.Coded;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.payment.SaleTerms;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.enrollflow.scheduling.NoFeasibleScheduleException;
import com.enrollflow.scheduling.PreferredTime;
import com.enrollflow.scheduling.PreferredTimes;
import com.enrollflow.scheduling.Proposal;
import com.enrollflow.scheduling.ProposalText;
import com.enrollflow.scheduling.ScheduleRequest;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.OptionLists;
import com.enrollflow.workflow.TaskInput;
import com.enrollflow.workflow.engine.TaskFormRecord;

/** one-on-one-scheduling.bpmn (一对一排课): proposal, confirmation, another proposal with other preferred times. */
@Configuration
class SchedulingDelegates {

    private final SchedulingService scheduling;
    private final PricingService pricing;
    private final SaleTerms saleTerms;
    private final OpportunityService opportunities;
    private final CustomerRepository customers;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate savepoint;
    private final OptionLists optionLists;

    SchedulingDelegates(org.springframework.transaction.PlatformTransactionManager transactions, SchedulingService scheduling, PricingService pricing, SaleTerms saleTerms,
            OpportunityService opportunities, CustomerRepository customers, Clock clock, OptionLists optionLists) {
        this.scheduling = scheduling;
        this.optionLists = optionLists;
        this.savepoint = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
        this.pricing = pricing;
        this.saleTerms = saleTerms;
        this.opportunities = opportunities;
        this.customers = customers;
        this.clock = clock;
    }

    /** Set by a resumption (suspension.bpmn): how many lessons to propose, and from which day (ISO date). */
    static final String LESSONS_TO_SCHEDULE = "lessonsToSchedule";
    static final String SCHEDULE_FROM = "scheduleFrom";
    /** Set by a transfer (transfer.bpmn): the new course's subject and teacher level (codes), instead of the quote's. */
    static final String SCHEDULE_SUBJECT = "scheduleSubject";
    static final String SCHEDULE_TEACHER_LEVEL = "scheduleTeacherLevel";
    /** Set by a teacher change (teacher-change.bpmn): the teacher the family leaves, never proposed again here. */
    static final String EXCLUDED_TEACHER_ID = "excludedTeacherId";

    /** ServiceTask_ProposeSchedule (生成排课方案): no feasible schedule is the BPMN error NO_FEASIBLE_SCHEDULE. */
    @Bean("proposeSchedule")
    JavaDelegate proposeSchedule() {
        return execution -> {
            String times = saleTerms.find(id(execution, QUOTE_ID)).map(SaleTerms.Terms::preferredTimes).orElse(null);
            try {
                Proposal p = scheduling.propose(request(execution, PreferredTimes.parse(times)));
                execution.setVariable(PROPOSAL_ID, p.id());
                execution.setVariable(SCHEDULE_SUMMARY, preferredTeacherNote(p,
                        (String) execution.getVariable(PREFERRED_TEACHER)) + ProposalText.summary(p));
                execution.setVariable(PREFERRED_TIMES, chosen(times));
            } catch (NoFeasibleScheduleException | InvalidInputException e) {
                String why = e instanceof InvalidInputException bad ? PreferredTimes.unusable(bad) : e.getMessage();
                execution.setVariable(SCHEDULE_PROBLEM, why);
                execution.setVariable(PREFERRED_TIMES, chosen(times));
                throw new BpmnError("NO_FEASIBLE_SCHEDULE", why);
            }
        };
    }

    /**
     * What the process asks to schedule at {@code times}: the quote's lessons and course, or what the calling process
     * set instead (a resumption's lessons owed and first day, a transfer's course, a renewal's teacher first, a
     * teacher change's teacher left out); from tomorrow unless it set a first day.
     */
    private ScheduleRequest request(org.camunda.bpm.engine.delegate.VariableScope scope, List<PreferredTime> times) {
        Quote q = pricing.find(id(scope, QUOTE_ID)).orElseThrow();
        Opportunity o = opportunities.get(q.opportunityId());
        // after a suspension (停课后复课) only the lessons still owed, from the day of the resumption
        Object owed = scope.getVariable(LESSONS_TO_SCHEDULE);
        Object from = scope.getVariable(SCHEDULE_FROM);
        int lessons = owed instanceof Number n ? n.intValue()
                : q.lines().stream().filter(l -> "LESSONS".equals(l.kind())).mapToInt(l -> l.lessons()).sum();
        LocalDate firstDate = from != null ? LocalDate.parse(from.toString())
                : LocalDate.now(clock.withZone(BusinessTime.ZONE)).plusDays(1);
        return new ScheduleRequest(o.id(), o.customerId(), customers.findById(o.customerId()).orElseThrow().name(),
                q.campusCode(), override(scope, SCHEDULE_SUBJECT, Subject.class).orElse(q.subject()),
                q.grade() != null ? q.grade() : Coded.parse(Grade.class, o.grade()).orElse(null),
                override(scope, SCHEDULE_TEACHER_LEVEL, TeacherLevel.class).orElse(q.teacherLevel()), lessons, times,
                firstDate, (String) scope.getVariable(PREFERRED_TEACHER),
                scope.getVariable(EXCLUDED_TEACHER_ID) == null ? null
                        : scope.getVariable(EXCLUDED_TEACHER_ID).toString());
    }

    private static <E extends Enum<E>> java.util.Optional<E> override(
            org.camunda.bpm.engine.delegate.VariableScope scope, String name, Class<E> type) {
        Object v = scope.getVariable(name);
        return v == null ? java.util.Optional.empty() : java.util.Optional.of(Enum.valueOf(type, v.toString()));
    }

    /** Task_ConfirmSchedule (确认排课), on complete. */
    @Bean("confirmScheduleInput")
    TaskListener confirmScheduleInput() {
        return task -> {
            // a schedule closed under the task (a request made before 转课, 停课 and 退费 waited for 确认排课): said, not
            // confirmed into a server error or proposed again to a student who left
            scheduling.cancelledBecause(id(task, PROPOSAL_ID)).ifPresent(why -> {
                throw InputRefusal.submission("该排课方案已取消（" + why + "），不能再确认或重新排课；"
                        + "请联系管理员在 Cockpit 中结束这个排课流程");
            });
            TaskInput input = new TaskInput(task);
            String decision = input.oneOf(SCHEDULE_DECISION, true, "CONFIRM", "MOVE", "REPROPOSE");
            if ("REPROPOSE".equals(decision)) {
                // the proposed lessons are discarded only for times that can be scheduled (decision 746)
                preferences(task, input).flatMap(times -> scheduling.whyUnschedulable(request(task, times),
                        id(task, PROPOSAL_ID))).ifPresent(why -> input.problem(PREFERRED_TIMES, why));
            }
            if ("MOVE".equals(decision)) {
                move(task, input);
            }
            input.check();
            if ("CONFIRM".equals(decision)) {
                // ServiceTask_ConfirmSchedule follows in the same transaction: told only if it confirms
                Proposal p = scheduling.find(id(task, PROPOSAL_ID)).orElseThrow();
                Object family = task.getVariable(CUSTOMER_NAME);
                TaskFormRecord.told(task, (family == null ? "" : family + " 的") + "课表已确认：共 " + p.lessons().size()
                        + " 次课，" + ProposalText.firstLesson(p));
            }
        };
    }

    /**
     * Task_AdjustPreferences (调整上课时间偏好), on complete: times the schedule still cannot take are refused under the
     * field with the reason and the times to add (decision 745), not sent round to this task again.
     */
    @Bean("adjustPreferencesInput")
    TaskListener adjustPreferencesInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            preferences(task, input).flatMap(times -> scheduling.whyUnschedulable(request(task, times)))
                    .ifPresent(why -> input.problem(PREFERRED_TIMES, why));
            input.check();
        };
    }

    /** ServiceTask_ConfirmSchedule (确认课表). */
    @Bean("confirmSchedule")
    JavaDelegate confirmSchedule() {
        return execution -> {
            Proposal p = scheduling.confirm(id(execution, PROPOSAL_ID), Actors.of(execution));
            opportunities.note(p.opportunityId(), TimelineEvent.SCHEDULED, Actors.of(execution),
                    ProposalText.confirmed(p));
        };
    }

    /** ServiceTask_RefreshSchedule (更新课表): the schedule as it now stands, for the next look. */
    @Bean("refreshSchedule")
    JavaDelegate refreshSchedule() {
        return execution -> {
            Proposal p = scheduling.find(id(execution, PROPOSAL_ID)).orElseThrow();
            execution.setVariable(SCHEDULE_SUMMARY, preferredTeacherNote(p,
                    (String) execution.getVariable(PREFERRED_TEACHER)) + ProposalText.summary(p));
        };
    }

    /** ServiceTask_DiscardProposal (撤销排课方案): frees the held slots before the next proposal. */
    @Bean("discardProposal")
    JavaDelegate discardProposal() {
        return execution -> scheduling.cancel(id(execution, PROPOSAL_ID), "教务要求按新的时间偏好重新排课");
    }

    /** Moves lesson N to another start, same teacher and room; a taken slot refuses the form with the reason. */
    private void move(org.camunda.bpm.engine.delegate.DelegateTask task, TaskInput input) {
        Proposal p = scheduling.find(id(task, PROPOSAL_ID)).orElseThrow();
        Object no = task.getVariable(MOVE_LESSON_NO);
        var lesson = no == null ? java.util.Optional.<com.enrollflow.scheduling.ScheduledLesson>empty()
                : p.lessons().stream().filter(l -> l.seq() == new java.math.BigDecimal(no.toString()).intValue())
                        .findFirst();
        if (lesson.isEmpty()) {
            input.problem(MOVE_LESSON_NO, "须为 1 到 " + p.lessons().size() + " 之间的课次");
        }
        java.time.OffsetDateTime to = dateTime(task.getVariable(MOVE_TO));
        if (to == null) {
            input.problem(MOVE_TO, "必填：新的上课日期和时间");
        }
        if (lesson.isEmpty() || to == null) {
            return;
        }
        try {
            // in a savepoint: on PostgreSQL a refused booking (unique key) would otherwise abort the whole
            // transaction, and the form would show a database error instead of the reason
            java.time.OffsetDateTime start = to;
            var l = lesson.get();
            savepoint.executeWithoutResult(s -> scheduling.moveLesson(l.id(), l.teacherId(), l.roomId(), start,
                    Actors.of(task)));
        } catch (InvalidInputException e) {
            e.problems().forEach(problem -> input.problem(MOVE_TO, problem.message()));
        } catch (com.enrollflow.common.ConflictException e) {
            input.problem(MOVE_TO, e.getMessage());
        }
    }

    private java.util.Optional<List<PreferredTime>> preferences(org.camunda.bpm.engine.delegate.DelegateTask task,
            TaskInput input) {
        try {
            List<PreferredTime> times = PreferredTimes.parse(task.getVariable(PREFERRED_TIMES));
            saleTerms.changePreferredTimes(id(task, QUOTE_ID), PreferredTimes.format(times));
            return java.util.Optional.of(times);
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> input.problem(p.field(), p.message()));
            return java.util.Optional.empty();
        }
    }

    /**
     * The stored times as the forms' slot list shows them chosen (a JSON list of "SATURDAY 09:00"), so 确认排课 and
     * 调整上课时间偏好 start from the family's current times; times no longer readable leave the list empty.
     */
    private Object chosen(String stored) {
        return optionLists.json(PreferredTimes.chosen(stored));
    }

    /**
     * Task_ConfirmSchedule (确认排课), on create: the proposal's lessons to pick the one to move (第3次 … 张老师 一对一教室1),
     * and the weekly slots for another proposal; choices instead of typing a lesson number or a time format.
     */
    @Bean("scheduleOptions")
    TaskListener scheduleOptions() {
        return task -> {
            Proposal p = scheduling.find(id(task, PROPOSAL_ID)).orElseThrow();
            optionLists.put(task, LESSON_OPTIONS, p.lessons().stream().map(l -> Map.of("label", ProposalText.lesson(l),
                    "value", String.valueOf(l.seq()))).toList());
            optionLists.put(task, PREFERRED_TIME_OPTIONS, PreferredTimes.slotOptions());
        };
    }

    /**
     * Academic affairs read first when the teacher tried first (the family's wish in 更换教师, the teacher so far in
     * 续费) is not the proposal's: who was asked for and who the proposal has, before they confirm.
     */
    private String preferredTeacherNote(Proposal p, String preferredTeacherId) {
        String proposed = p.lessons().isEmpty() ? null : p.lessons().get(0).teacherId();
        if (preferredTeacherId == null || preferredTeacherId.equals(proposed)) {
            return "";
        }
        return "注意：优先安排的教师 " + scheduling.teacherName(preferredTeacherId).orElse(preferredTeacherId)
                + " 在偏好时间排不满，本方案由 " + p.lessons().get(0).teacherName() + " 授课；如需调整请改偏好时间。\n";
    }
}
