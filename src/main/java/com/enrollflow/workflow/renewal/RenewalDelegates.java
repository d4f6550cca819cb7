package com.enrollflow.workflow.renewal;

import static com.enrollflow.workflow.FormValues.text;
import static com.enrollflow.workflow.SalesVariables.id;

import java.time.LocalTime;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.contract.ContractHolders;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.renewal.Renewal;
import com.enrollflow.renewal.RenewalOverdue;
import com.enrollflow.renewal.Renewals;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.ProcessConstants;
import com.enrollflow.workflow.SalesVariables;
import com.enrollflow.workflow.engine.StartFormRecord;

/** renewal.bpmn (续费) and renewal-request.bpmn (发起续费): each bean reads the renewal id and the form's fields, calls {@link Renewals}, writes its result. */
@Configuration
class RenewalDelegates {

    static final String RENEWAL_ID = "renewalId";
    static final String RENEWAL_NO = ProcessConstants.RENEWAL_NO;
    /** Who talks to the family: the consultant, or null while it waits in customer service's group. */
    static final String RENEWAL_OWNER = ProcessConstants.RENEWAL_OWNER;
    static final String REMAINING = "remainingLessons";
    static final String OLD_CONTRACT_NO = ProcessConstants.OLD_CONTRACT_NO;
    static final String PREFERRED_TEACHER = ProcessConstants.PREFERRED_TEACHER;
    /** The fields of talk-renewal (续费沟通). */
    static final String OUTCOME = "renewalOutcome";
    static final String FOLLOW_UP_ON = "followUpOn";
    static final String FOLLOW_UP_AT = "followUpAt";
    static final String DECLINE_REASON = "declineReason";
    static final String NEW_LESSONS_FROM = ProcessConstants.NEW_LESSONS_FROM;
    /** The student's grade now, shown filled in with the one on record. */
    static final String GRADE = "grade";
    static final String NOTE = "renewalNote";
    /** The fields of request-renewal (发起续费): the contract as typed, and the API's note. */
    static final String CONTRACT = "contract";
    static final String REQUEST_NOTE = "note";

    /** The hour a postponed renewal comes back to its owner, on the agreed day (Beijing time). */
    static final LocalTime FOLLOW_UP_HOUR = LocalTime.of(9, 0);

    private final Renewals renewals;
    private final RenewalOverdue overdue;
    private final StaffDirectory staff;
    private final ContractHolders holders;

    RenewalDelegates(Renewals renewals, RenewalOverdue overdue, StaffDirectory staff, ContractHolders holders) {
        this.holders = holders;
        this.staff = staff;
        this.renewals = renewals;
        this.overdue = overdue;
    }

    /**
     * ServiceTask_RemindOverdueTalk (提醒销售主管), after BoundaryEvent_TalkOverdue (3 天未完成): the campus's sales
     * supervisors are mailed who holds the talk; the talk itself goes on.
     */
    @Bean("remindRenewalOverdue")
    JavaDelegate remindRenewalOverdue() {
        return execution -> {
            Task talk = execution.getProcessEngineServices().getTaskService().createTaskQuery()
                    .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey("Task_TalkRenewal")
                    .singleResult();
            if (talk != null) {
                overdue.remind(id(execution, RENEWAL_ID), talk.getAssignee(), talk.getId());
            }
        };
    }

    /** CallActivity_ScheduleLessons (续费排课), on start: the teacher to continue with, as the family has it now. */
    @Bean("refreshRenewalTeacher")
    org.camunda.bpm.engine.delegate.ExecutionListener refreshRenewalTeacher() {
        return execution -> execution.setVariable(PREFERRED_TEACHER,
                renewals.preferredTeacher(id(execution, RENEWAL_ID)));
    }

    /**
     * ServiceTask_RecordTalk (记录沟通结果): the outcome of 续费沟通, in the task's transaction, so a refusal (a field,
     * or the prepaid-fee regulation) refuses the form and stores nothing. The one who talked owns the sale from now on.
     */
    @Bean("recordRenewalTalk")
    JavaDelegate recordRenewalTalk() {
        return execution -> {
            String by = Actors.of(execution);
            Renewal r;
            try {
                r = renewals.talked(id(execution, RENEWAL_ID), new Renewals.Talk(text(execution.getVariable(OUTCOME)),
                        text(execution.getVariable(FOLLOW_UP_ON)), text(execution.getVariable(DECLINE_REASON)),
                        text(execution.getVariable(NEW_LESSONS_FROM)), text(execution.getVariable(GRADE)),
                        text(execution.getVariable(NOTE))), by);
            } catch (InvalidInputException e) {
                throw InputRefusal.of(e);
            } catch (ConflictException e) {
                throw InputRefusal.because(e.getMessage());
            }
            execution.setVariable(OUTCOME, switch (r.status()) {
                case POSTPONED -> "LATER";
                case DECLINED -> "DECLINE";
                default -> "RENEW";
            });
            if (r.followUpOn() != null) {
                execution.setVariable(FOLLOW_UP_AT, r.followUpOn().atTime(FOLLOW_UP_HOUR).atZone(BusinessTime.ZONE)
                        .toOffsetDateTime().toString());
            }
            if (r.newLessonsFrom() != null) {
                execution.setVariable(NEW_LESSONS_FROM, r.newLessonsFrom().toString());
            }
            execution.setVariable(RENEWAL_OWNER, r.ownerUser());
            if (execution.getVariable(ProcessConstants.CONSULTANT_ID) == null) {
                execution.setVariable(ProcessConstants.CONSULTANT_ID, r.ownerUser());
            }
        };
    }

    /**
     * ServiceTask_SubmitRenewal (提交续费申请) of renewal-request.bpmn: the start form goes through the same request as
     * POST /api/contracts/{id}/renewals; a refusal names the form's field and stores nothing.
     */
    @Bean("submitRenewalRequest")
    JavaDelegate submitRenewalRequest() {
        return execution -> {
            Renewal r = FormValues.contractRequest(CONTRACT, () -> renewals.request(
                    text(execution.getVariable(CONTRACT)), text(execution.getVariable(REQUEST_NOTE)),
                    Actors.of(execution)));
            execution.setVariable(RENEWAL_ID, r.id());
            execution.setVariable(RENEWAL_NO, r.renewalNo());
            StartFormRecord.file(execution, r.campusCode(), String.valueOf(r.opportunityId()));
            StartFormRecord.told(execution, holders.of(r.opportunityId(), r.contractId()) + "：续费申请 " + r.renewalNo()
                    + " 已提交：" + (r.ownerUser() == null ? "由本校区客服在“续费沟通”中与家长联系。"
                            : "由" + staff.displayName(r.ownerUser()) + "在“续费沟通”中与家长联系，本校区客服也可处理。"));
        };
    }

    /** ServiceTask_RecordGivenUp (记录放弃续费): the plan form's 客户流失 and its reason. */
    @Bean("recordRenewalGivenUp")
    JavaDelegate recordRenewalGivenUp() {
        return execution -> renewals.planGivenUp(id(execution, RENEWAL_ID),
                text(execution.getVariable(SalesVariables.LOST_REASON)), Actors.of(execution));
    }

    /**
     * Task_MakeRenewalPlan (制定续费方案), on create after planOptions: what the plan is made from is the renewal — the
     * contract it renews, its lessons left, the new lessons' first day and teacher, the talk's note — not the first
     * enquiry's intent and placement test.
     */
    @Bean("renewalPlanBasis")
    TaskListener renewalPlanBasis() {
        return task -> task.setVariableLocal(SalesVariables.PLAN_BASIS, renewals.planBasis(id(task, RENEWAL_ID)));
    }

    /** ServiceTask_RecordCancelled (记录续费作废). */
    @Bean("recordRenewalCancelled")
    JavaDelegate recordRenewalCancelled() {
        return execution -> renewals.cancelled(id(execution, RENEWAL_ID), Actors.of(execution));
    }

    /** ServiceTask_RecordRenewed (记为已续费), once the renewal's contract is paid. */
    @Bean("recordRenewed")
    JavaDelegate recordRenewed() {
        return execution -> renewals.recordRenewed(id(execution, RENEWAL_ID), Actors.of(execution));
    }

    /** ServiceTask_ConfirmRenewal (通知家长续费成功), once the new lessons are scheduled. */
    @Bean("confirmRenewal")
    JavaDelegate confirmRenewal() {
        return execution -> renewals.renewed(id(execution, RENEWAL_ID), Actors.of(execution));
    }
}
