package com.enrollflow.workflow.teacherchange;

import static com.enrollflow.workflow.FormValues.text;
import static com.enrollflow.workflow.SalesVariables.id;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.contract.ContractHolders;
import com.enrollflow.teacherchange.TeacherChange;
import com.enrollflow.teacherchange.TeacherChanges;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.SalesVariables;
import com.enrollflow.workflow.engine.StartFormRecord;

/**
 * teacher-change.bpmn (更换教师) and teacher-change-request.bpmn (申请更换教师): each bean reads the change's id or the
 * form's fields, calls {@link TeacherChanges} and writes its result.
 */
@Configuration
class TeacherChangeDelegates {

    static final String TEACHER_CHANGE_ID = "teacherChangeId";
    static final String TEACHER_CHANGE_NO = "teacherChangeNo";
    /** The fields of the start form request-teacher-change (申请更换教师): the contract as typed, and the API's reason. */
    static final String CONTRACT = "contract";
    static final String REASON = "reason";

    private final TeacherChanges changes;
    private final ContractHolders holders;

    TeacherChangeDelegates(TeacherChanges changes, ContractHolders holders) {
        this.holders = holders;
        this.changes = changes;
    }

    /**
     * ServiceTask_SubmitTeacherChange (提交更换教师申请): the start form goes through the same request as
     * POST /api/contracts/{id}/teacher-changes; a refusal that concerns a field names the form's field, a refused
     * submission stores nothing.
     */
    @Bean("submitTeacherChangeRequest")
    JavaDelegate submitTeacherChangeRequest() {
        return execution -> {
            TeacherChanges.Request request = new TeacherChanges.Request(text(execution.getVariable(REASON)),
                    text(execution.getVariable(TeacherChanges.PREFERRED_TEACHER_FIELD)));
            TeacherChange t = FormValues.contractRequest(CONTRACT, () -> changes.request(
                    text(execution.getVariable(CONTRACT)), request, null, Actors.of(execution)));
            execution.setVariable(TEACHER_CHANGE_ID, t.id());
            execution.setVariable(TEACHER_CHANGE_NO, t.teacherChangeNo());
            StartFormRecord.file(execution, t.campusCode(), t.teacherChangeNo());
            StartFormRecord.told(execution, holders.of(t.opportunityId(), t.contractId()) + "：更换教师申请 "
                    + t.teacherChangeNo() + " 已提交：原教师" + t.fromTeacherName()
                    + "的课将取消，系统为新教师排课，新课表由教务在“确认排课”中确认。");
        };
    }

    /**
     * ServiceTask_WithdrawTeacherChange (提交撤销): the start form goes through the same withdrawal as
     * POST /api/teacher-changes/{id}/withdrawal; a change not found is a problem of the form's field, a change that
     * cannot be withdrawn refuses the submission, and nothing is changed then.
     */
    @Bean("submitTeacherChangeWithdrawal")
    JavaDelegate submitTeacherChangeWithdrawal() {
        return execution -> {
            TeacherChange t = FormValues.lookupRequest(TeacherChanges.CHANGE_FIELD, () -> changes.withdrawAsTyped(
                    text(execution.getVariable(TeacherChanges.CHANGE_FIELD)),
                    new TeacherChanges.Withdrawal(text(execution.getVariable(REASON))), Actors.of(execution)));
            execution.setVariable(TEACHER_CHANGE_NO, t.teacherChangeNo());
            StartFormRecord.file(execution, t.campusCode(), t.teacherChangeNo());
            StartFormRecord.told(execution, holders.of(t.opportunityId(), t.contractId()) + "：更换教师申请 "
                    + t.teacherChangeNo() + " 已撤销：剩余课时按原条件重新排课（原教师" + t.fromTeacherName()
                    + "优先），新课表由教务在“确认排课”中确认。");
        };
    }

    /** ServiceTask_ReleaseTeacherLessons (释放原教师课时). */
    @Bean("releaseTeacherLessons")
    JavaDelegate releaseTeacherLessons() {
        return execution -> changes.release(id(execution, TEACHER_CHANGE_ID), Actors.of(execution));
    }

    /** ServiceTask_CompleteTeacherChange (完成更换教师): the new schedule's teacher recorded. */
    @Bean("completeTeacherChange")
    JavaDelegate completeTeacherChange() {
        return execution -> changes.complete(id(execution, TEACHER_CHANGE_ID),
                id(execution, SalesVariables.PROPOSAL_ID));
    }

    /** ServiceTask_NotifyTeacherChange (通知家长): the family's mail, once. */
    @Bean("notifyTeacherChange")
    JavaDelegate notifyTeacherChange() {
        return execution -> changes.notifyFamily(id(execution, TEACHER_CHANGE_ID),
                id(execution, SalesVariables.PROPOSAL_ID));
    }
}
