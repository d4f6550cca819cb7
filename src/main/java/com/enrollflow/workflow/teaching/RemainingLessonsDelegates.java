package com.enrollflow.workflow.teaching;

import static com.enrollflow.workflow.FormValues.amount;
import static com.enrollflow.workflow.FormValues.day;
import static com.enrollflow.workflow.FormValues.text;
import static com.enrollflow.workflow.SalesVariables.id;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.teaching.RemainingLessons;
import com.enrollflow.teaching.RemainingLessonsFollowUps;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.ProcessConstants;
import com.enrollflow.workflow.TaskInput;
import com.enrollflow.workflow.engine.StartFormRecord;
import com.enrollflow.workflow.engine.TaskFormRecord;

/**
 * remaining-lessons.bpmn (安排剩余课时, a start form) and remaining-lessons-follow-up.bpmn (剩余课时待排, its task): the
 * fields go to {@link RemainingLessons} as typed; a problem names the form's field, a refused request (a contract
 * being refunded or suspended, nothing left to book) refuses the submission, and nothing is stored then. The start
 * form is filed under the student's opportunity and campus.
 */
@Configuration
class RemainingLessonsDelegates {

    static final String OUTCOME = "remainingOutcome";

    private final RemainingLessons remaining;
    private final RemainingLessonsFollowUps followUps;
    private final TransactionTemplate savepoint;

    RemainingLessonsDelegates(RemainingLessons remaining, RemainingLessonsFollowUps followUps,
            PlatformTransactionManager transactions) {
        this.followUps = followUps;
        this.remaining = remaining;
        // in a savepoint: on PostgreSQL a refused booking (a taken slot's unique key) would otherwise abort the
        // whole transaction, and the engine could not even report the refusal
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * one-on-one-scheduling.bpmn (一对一排课), as it starts: the student's hours are being scheduled anew (转课, 更换教师,
     * 复课 …), so an open 剩余课时待排 of the family is moot and goes away — academic affairs confirm the new schedule
     * in 确认排课 instead.
     */
    @Bean("withdrawRemainingLessons")
    ExecutionListener withdrawRemainingLessons() {
        return execution -> followUps.withdraw(id(execution, ProcessConstants.OPPORTUNITY_ID),
                "剩余课时改由一对一排课重新安排");
    }

    /** ServiceTask_BookRemainingLessons (排入课表). */
    @Bean("bookRemainingLessonsAsked")
    JavaDelegate bookRemainingLessonsAsked() {
        return execution -> {
            RemainingLessons.Asked asked = new RemainingLessons.Asked(
                    text(execution.getVariable(RemainingLessons.CONTRACT)),
                    amount(execution.getVariable(RemainingLessons.COUNT)),
                    day(execution.getVariable(RemainingLessons.START_ON)),
                    text(execution.getVariable(RemainingLessons.NOTE)));
            RemainingLessons.Booked booked = FormValues.contractRequest(RemainingLessons.CONTRACT,
                    () -> remaining.book(asked, Actors.of(execution)));
            StartFormRecord.file(execution, booked.campusCode(), String.valueOf(booked.opportunityId()));
            StartFormRecord.told(execution, booked.told());
        };
    }

    /** Task_ArrangeRemainingLessons (安排剩余课时), on create: what the task is about, as academic affairs read it. */
    @Bean("remainingLessonsPrepare")
    TaskListener remainingLessonsPrepare() {
        return task -> task.setVariableLocal("remainingText", remaining.describe(contractId(task)));
    }

    /**
     * Task_ArrangeRemainingLessons, on complete: 排课 books as the start form does (the contract is the task's), a
     * refusal names the form's field or refuses the completion, and the user reads the lessons booked after 完成;
     * 暂不排课 needs its reason, which goes on the timeline.
     */
    @Bean("remainingLessonsInput")
    TaskListener remainingLessonsInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String outcome = input.oneOf(OUTCOME, true, "BOOK", "LATER");
            String note = input.text(RemainingLessons.NOTE, 500, "LATER".equals(outcome));
            input.check(RemainingLessons.COUNT, RemainingLessons.START_ON, RemainingLessons.NOTE);
            long contractId = contractId(task);
            if ("LATER".equals(outcome)) {
                TaskFormRecord.told(task, remaining.postpone(contractId, note, Actors.of(task)));
                return;
            }
            RemainingLessons.Asked asked = new RemainingLessons.Asked(null,
                    amount(task.getVariable(RemainingLessons.COUNT)),
                    day(task.getVariable(RemainingLessons.START_ON)), note);
            try {
                RemainingLessons.Booked booked = savepoint.execute(tx -> remaining.bookAsTasked(contractId, asked,
                        Actors.of(task)));
                TaskFormRecord.told(task, booked.told());
            } catch (InvalidInputException e) {
                throw InputRefusal.of(e.problems());
            } catch (ConflictException e) {
                throw InputRefusal.of(List.of(new FieldProblem(OUTCOME, e.getMessage())));
            }
        };
    }

    /** The task's contract, as 课表已上完 started the instance with it. */
    private static long contractId(DelegateTask task) {
        return ((Number) task.getVariable(CamundaRemainingLessons.CONTRACT_ID)).longValue();
    }
}
