package com.enrollflow.workflow.complaint;

import static com.enrollflow.workflow.SalesVariables.id;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.complaint.Complaint;
import com.enrollflow.complaint.ComplaintFollowUp;
import com.enrollflow.complaint.Complaints;
import com.enrollflow.opportunity.Families;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.StaffRole;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.TaskInput;
import com.enrollflow.workflow.engine.StartFormRecord;
import com.enrollflow.workflow.engine.TaskFormRecord;

/** complaint.bpmn (投诉处理): what each task shows, and its result stored by {@link Complaints}. */
@Configuration
class ComplaintDelegates {

    static final String COMPLAINT_ID = "complaintId";

    private final Complaints complaints;
    private final StaffDirectory staff;
    private final Families families;

    ComplaintDelegates(Complaints complaints, StaffDirectory staff, Families families) {
        this.complaints = complaints;
        this.staff = staff;
        this.families = families;
    }

    /** ServiceTask_RecordComplaint (登记投诉): the start form goes through the same recording as POST /api/complaints. */
    @Bean("recordComplaint")
    org.camunda.bpm.engine.delegate.JavaDelegate recordComplaint() {
        return execution -> {
            Complaints.Request request = new Complaints.Request(null, text(execution.getVariable("phone")),
                    text(execution.getVariable("category")), text(execution.getVariable("severity")),
                    text(execution.getVariable("description")));
            // the form's one way to name the customer: an unknown one is refused under 客户手机号
            Complaint filed = FormValues.lookupRequest("phone", () -> complaints.file(request, Actors.of(execution)));
            execution.setVariable("complaintNo", filed.complaintNo());
            StartFormRecord.file(execution, filed.campusCode(), filed.complaintNo());
            // the family first, as the other forms keyed by a phone: 王小明（客户编号 1004）：投诉 TS000001 已登记…
            StartFormRecord.told(execution, families.of(filed.opportunityId()).name() + "（客户编号 " + filed.customerId()
                    + "）：投诉 " + filed.complaintNo() + " 已登记（" + filed.categoryLabel() + "，" + filed.severityLabel()
                    + "）：由" + StaffRole.labelOf(filed.handlerGroup()) + "处理，应在 " + BusinessTime.shown(filed.responseDue())
                    + " 前首次响应。");
        };
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** ServiceTask_RemindResponse (提醒首次响应): mails the handlers of the campus before the first-response limit. */
    @Bean("remindResponseDue")
    org.camunda.bpm.engine.delegate.JavaDelegate remindResponseDue() {
        return execution -> complaints.remind(id(execution, COMPLAINT_ID), false, execution.getTenantId());
    }

    /** ServiceTask_RemindResolution (提醒解决期限): mails the handlers of the campus before the resolution limit. */
    @Bean("remindResolutionDue")
    org.camunda.bpm.engine.delegate.JavaDelegate remindResolutionDue() {
        return execution -> complaints.remind(id(execution, COMPLAINT_ID), true, execution.getTenantId());
    }

    /** Every task of the complaint, on create: the complaint as the handler, the escalation and the call back read it. */
    @Bean("complaintTaskPrepare")
    TaskListener complaintTaskPrepare() {
        return task -> {
            Complaint c = complaints.get(id(task, COMPLAINT_ID));
            task.setVariableLocal("complaintSummary", c.complaintNo() + "｜" + c.categoryLabel() + "｜" + c.severityLabel()
                    + "\n" + c.description() + "\n首次响应期限：" + BusinessTime.shown(c.responseDue()) + "；解决期限："
                    + BusinessTime.shown(c.resolutionDue()) + "\n登记人：" + staff.displayName(c.createdBy())
                    + (c.resolution() == null ? "" : "\n处理结果：" + c.resolution()));
        };
    }

    /**
     * Task_HandleComplaint (处理投诉), on complete: what was done, and the follow-up it starts in the same submission
     * (后续处理, code or label): a refund request or a teacher change, whose contract problems come back under the
     * form's own contract field; a follow-up that cannot be started leaves the complaint open.
     */
    @Bean("complaintResolutionInput")
    TaskListener complaintResolutionInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String resolution = input.text("resolution", 2000, true);
            ComplaintFollowUp followUp = input.code("followUp", ComplaintFollowUp.class, false);
            String refundContract = input.text("refundContract", 40, false);
            String changeContract = input.text("teacherChangeContract", 40, false);
            input.check();
            long id = id(task, COMPLAINT_ID);
            try {
                complaints.resolve(id, resolution, Actors.of(task));
                // the handler is told the number the follow-up got, as its own start form would tell it
                if (followUp == ComplaintFollowUp.REFUND) {
                    var refund = asContractField("refundContract",
                            () -> complaints.askRefund(id, refundContract, Actors.of(task)));
                    TaskFormRecord.told(task, "已由投诉发起退费申请 " + refund.refundNo() + "：应退 "
                            + Money.yuan(refund.amount()) + "，等待审批；审批通过后由财务退款。投诉待回访。");
                } else if (followUp == ComplaintFollowUp.TEACHER_CHANGE) {
                    var change = asContractField("teacherChangeContract",
                            () -> complaints.askTeacherChange(id, changeContract, Actors.of(task)));
                    TaskFormRecord.told(task, "已由投诉发起更换教师 " + change.teacherChangeNo() + "：原教师"
                            + change.fromTeacherName() + "的课程将取消，新课表由教务在“确认排课”中确认。投诉待回访。");
                }
            } catch (InvalidInputException e) {
                throw TaskInput.rejected(e);
            } catch (ConflictException e) {
                throw InputRefusal.submission(e.getMessage());
            }
        };
    }

    /** The follow-up's own fields (its contract, its reason) come back under the form's contract field. */
    private static <T> T asContractField(String field, java.util.function.Supplier<T> followUp) {
        try {
            return followUp.get();
        } catch (com.enrollflow.common.NotFoundException unknown) {
            throw TaskInput.rejected(new InvalidInputException(field, unknown.getMessage()));
        } catch (InvalidInputException e) {
            throw TaskInput.rejected(new InvalidInputException(field, e.problems().stream()
                    .map(p -> p.message()).collect(java.util.stream.Collectors.joining("；"))));
        }
    }

    /** Task_EscalateComplaint (督办投诉), on complete: the supervisor's or director's note on the timeline. */
    @Bean("complaintEscalationInput")
    TaskListener complaintEscalationInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String note = input.text("escalationNote", 500, true);
            input.check();
            complaints.noteEscalation(id(task, COMPLAINT_ID), Actors.of(task), note);
        };
    }

    /** Task_CallBackCustomer (回访客户), on complete: reached or not, and the satisfaction. */
    @Bean("complaintCallbackInput")
    TaskListener complaintCallbackInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String outcome = input.oneOf("callbackOutcome", true, "REACHED", "NOT_REACHED");
            Object score = task.getVariable("satisfaction");
            Integer satisfaction = null;
            if (score != null && !score.toString().isBlank()) {
                try {
                    satisfaction = (int) Double.parseDouble(score.toString());
                } catch (NumberFormatException e) {
                    input.problem("satisfaction", "1–5 分");
                }
            }
            input.check("satisfaction");
            try {
                complaints.callBack(id(task, COMPLAINT_ID), outcome, satisfaction, Actors.of(task));
            } catch (InvalidInputException e) {
                throw TaskInput.rejected(e);
            } catch (ConflictException e) {
                throw InputRefusal.submission(e.getMessage());
            }
        };
    }
}
