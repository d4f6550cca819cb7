package com.enrollflow.workflow.suspension;

import static com.enrollflow.workflow.FormValues.day;
import static com.enrollflow.workflow.FormValues.text;
import static com.enrollflow.workflow.SalesVariables.id;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.contract.ContractHolders;
import com.enrollflow.suspension.Suspension;
import com.enrollflow.suspension.Suspensions;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.TaskInput;
import com.enrollflow.workflow.ProcessConstants;
import com.enrollflow.workflow.engine.StartFormRecord;
import com.enrollflow.workflow.engine.TaskFormRecord;

/**
 * suspension.bpmn (休学/停课) and suspension-request.bpmn (登记停课): each bean reads the suspension id or the form's
 * fields, calls {@link Suspensions} and writes its result.
 */
@Configuration
class SuspensionDelegates {

    static final String SUSPENSION_ID = "suspensionId";
    static final String RESUME_TASK_AT = "resumeTaskAt";
    /** When 安排复课 is due (the suspension's last day, 18:00); absent in instances started before decision 673. */
    static final String RESUME_DUE_AT = "resumeDueAt";
    static final String RESUME_ON = "resumeOn";
    static final String LESSONS_TO_SCHEDULE = "lessonsToSchedule";
    static final String SCHEDULE_FROM = "scheduleFrom";
    /** The fields of the start form request-suspension (登记停课). */
    static final String CONTRACT = "contract";
    static final String FROM = "from";
    static final String UNTIL = "until";
    static final String REASON = "reason";

    private final Suspensions suspensions;
    private final StaffDirectory staff;
    private final ContractHolders holders;

    SuspensionDelegates(Suspensions suspensions, StaffDirectory staff, ContractHolders holders) {
        this.holders = holders;
        this.suspensions = suspensions;
        this.staff = staff;
    }

    /**
     * ServiceTask_SubmitSuspension (提交停课登记): the start form goes through the same registration as
     * POST /api/contracts/{id}/suspensions; every refusal that concerns a field names the form's field.
     */
    @Bean("submitSuspensionRequest")
    JavaDelegate submitSuspensionRequest() {
        return execution -> {
            Suspensions.Request request = new Suspensions.Request(day(execution.getVariable(FROM)),
                    day(execution.getVariable(UNTIL)), text(execution.getVariable(REASON)));
            Suspension s = FormValues.contractRequest(CONTRACT,
                    () -> suspensions.suspend(text(execution.getVariable(CONTRACT)), request, Actors.of(execution)));
            execution.setVariable(SUSPENSION_ID, s.id());
            StartFormRecord.file(execution, s.campusCode(), String.valueOf(s.opportunityId()));
            StartFormRecord.told(execution, holders.of(s.opportunityId(), s.contractId()) + "：停课已登记：" + s.startsOn()
                    + " 至 " + s.endsOn() + "。" + s.startsOn()
                    + " 起已排的课（含停课结束后的）随即取消，课时保留；停课结束前三天由教务安排复课并重新排课。");
        };
    }

    /** ServiceTask_ReleaseSuspendedLessons (释放停课期间课时). */
    @Bean("releaseSuspendedLessons")
    JavaDelegate releaseSuspendedLessons() {
        return execution -> suspensions.release(id(execution, SUSPENSION_ID));
    }

    /** Task_ArrangeResumption (安排复课), on create: what the suspension was, and the day after it as the default. */
    @Bean("resumptionPrepare")
    TaskListener resumptionPrepare() {
        return task -> {
            Suspension s = suspensions.get(id(task, SUSPENSION_ID));
            task.setVariableLocal("suspensionSummary", "停课 " + s.startsOn() + " 至 " + s.endsOn() + "（" + s.reason()
                    + "），已释放 " + s.lessonsReleased() + " 节课；登记人：" + staff.displayName(s.requestedBy()));
            task.setVariable(RESUME_ON, s.endsOn().plusDays(1).toString());
        };
    }

    /** Task_ArrangeResumption, on complete: the day lessons start again, checked; the schedule is closed for it. */
    @Bean("resumptionInput")
    TaskListener resumptionInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            long id = id(task, SUSPENSION_ID);
            Object typed = task.getVariable(RESUME_ON);
            LocalDate resumeOn = date(typed);
            if (resumeOn == null && typed != null && !typed.toString().isBlank()) {
                input.problem(RESUME_ON, "“" + InputRules.abbreviate(typed.toString()) + "”不是日期，请按 2026-12-20 的格式填写");
            } else {
                suspensions.resumeProblem(id, resumeOn).ifPresent(p -> input.problem(RESUME_ON, p));
            }
            input.check();
            int owed;
            try {
                owed = suspensions.resume(id, resumeOn, Actors.of(task));
            } catch (ConflictException e) {
                throw InputRefusal.submission(e.getMessage());
            }
            task.setVariable(LESSONS_TO_SCHEDULE, owed);
            task.setVariable(SCHEDULE_FROM, resumeOn.toString());
            Object family = task.getVariable(ProcessConstants.CUSTOMER_NAME);
            TaskFormRecord.told(task, (family == null ? "" : family + " ") + resumeOn + " 起复课：" + (owed > 0
                    ? "剩余 " + owed + " 节课从这天起重新排课，新课表请在“确认排课”中确认"
                    : "没有待排的课，停课到此结束"));
        };
    }

    private static LocalDate date(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.toString().strip().substring(0, Math.min(10, value.toString().strip().length())));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
