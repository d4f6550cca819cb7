package com.enrollflow.workflow.refund;

import static com.enrollflow.workflow.FormValues.flag;
import static com.enrollflow.workflow.FormValues.text;
import static com.enrollflow.workflow.FormValues.wholeNumber;
import static com.enrollflow.workflow.SalesVariables.id;
import static com.enrollflow.workflow.refund.RefundVariables.*;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.contract.ContractHolders;
import com.enrollflow.contract.ContractService;
import com.enrollflow.opportunity.Families;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.StaffRole;
import com.enrollflow.refund.PayoutDeadline;
import com.enrollflow.refund.Refund;
import com.enrollflow.refund.RefundApprovals;
import com.enrollflow.refund.RefundNotices;
import com.enrollflow.refund.RefundPayouts;
import com.enrollflow.refund.RefundSettlement;
import com.enrollflow.refund.RefundStatus;
import com.enrollflow.refund.Refunds;
import com.enrollflow.renewal.Renewals;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.TaskInput;
import com.enrollflow.workflow.engine.StartFormRecord;
import com.enrollflow.workflow.engine.TaskFormRecord;

/**
 * refund.bpmn (退费) and refund-request.bpmn (申请退费): each bean reads the ids, calls one refund service and writes
 * its result. Who may decide or pay is checked by the services, whoever calls.
 */
@Configuration
class RefundDelegates {

    private final Refunds refunds;
    private final StaffDirectory staff;
    private final Renewals renewals;
    private final RefundApprovals approvals;
    private final RefundPayouts payouts;
    private final RefundSettlement settlement;
    private final RefundNotices notices;
    private final ContractService contracts;
    private final Families families;
    private final ContractHolders holders;
    private final Clock clock;

    RefundDelegates(Refunds refunds, Renewals renewals, RefundApprovals approvals, RefundPayouts payouts,
            RefundSettlement settlement, RefundNotices notices, ContractService contracts, StaffDirectory staff,
            Families families, ContractHolders holders, Clock clock) {
        this.refunds = refunds;
        this.staff = staff;
        this.renewals = renewals;
        this.approvals = approvals;
        this.payouts = payouts;
        this.settlement = settlement;
        this.notices = notices;
        this.contracts = contracts;
        this.families = families;
        this.holders = holders;
        this.clock = clock;
    }

    /**
     * ServiceTask_SubmitRefund (提交退费申请): the start form goes through the same request as POST /api/refunds,
     * 退学 (the checkbox {@code withdrawal}) included; every refusal that concerns a field names the form's field.
     */
    @Bean("submitRefundRequest")
    JavaDelegate submitRefundRequest() {
        return execution -> {
            Refunds.Request request = new Refunds.Request(null, text(execution.getVariable(CONTRACT)),
                    text(execution.getVariable("reason")), text(execution.getVariable("note")),
                    flag(WITHDRAWAL, execution.getVariable(WITHDRAWAL)));
            Refund refund = FormValues.contractRequest(CONTRACT, () -> refunds.request(request, Actors.of(execution)));
            execution.setVariable(REFUND_NO, refund.refundNo());
            StartFormRecord.file(execution, refund.campusCode(), refund.refundNo());
            StartFormRecord.told(execution, requested("退费申请", refund));
        };
    }

    /**
     * ServiceTask_SubmitClassWithdrawal (提交退班申请): the start form 申请退班 goes through the same request as POST
     * /api/refunds with {@code leaveClass}; the class is required here (without it the request would be a refund of
     * the whole contract).
     */
    @Bean("submitClassWithdrawal")
    JavaDelegate submitClassWithdrawal() {
        return execution -> {
            Refunds.Request request = new Refunds.Request(null, text(execution.getVariable(CONTRACT)),
                    text(execution.getVariable("reason")), text(execution.getVariable("note")), false,
                    text(execution.getVariable(LEAVE_CLASS)));
            Refund refund = FormValues.contractRequest(CONTRACT,
                    () -> refunds.requestClassLeaving(request, Actors.of(execution)));
            execution.setVariable(REFUND_NO, refund.refundNo());
            StartFormRecord.file(execution, refund.campusCode(), refund.refundNo());
            StartFormRecord.told(execution, requested("退班申请", refund));
        };
    }

    /**
     * ServiceTask_SubmitLessonRefund (提交退部分课时申请): the start form 申请退部分课时 goes through the same request as
     * POST /api/refunds with {@code lessons}; the number is required here (without it the request would be a refund of
     * the whole contract).
     */
    @Bean("submitLessonRefund")
    JavaDelegate submitLessonRefund() {
        return execution -> {
            Refunds.Request request = new Refunds.Request(null, text(execution.getVariable(CONTRACT)),
                    text(execution.getVariable("reason")), text(execution.getVariable("note")), false, null,
                    wholeNumber(LESSONS, execution.getVariable(LESSONS)));
            Refund refund = FormValues.contractRequest(CONTRACT,
                    () -> refunds.requestSomeLessons(request, Actors.of(execution)));
            execution.setVariable(REFUND_NO, refund.refundNo());
            StartFormRecord.file(execution, refund.campusCode(), refund.refundNo());
            StartFormRecord.told(execution, requested("退部分课时申请", refund));
        };
    }

    /**
     * What the starter of a refund's start form is told: 王小明（合同 BJ-HD-2026-00038）：退费申请 TF000012 已提交：应退 …,
     * the family and the contract first (the desk may have typed only the parent's phone, as for 收取分期款), then the
     * request's number, the amount and that it waits for approval.
     */
    private String requested(String what, Refund refund) {
        return holders.of(refund.opportunityId(), refund.contractId()) + "：" + what + " " + refund.refundNo()
                + " 已提交：应退 " + Money.yuan(refund.amount()) + "，等待审批；审批通过后由财务退款。";
    }

    /** ServiceTask_RequestRefundApproval (提交退费审批). */
    @Bean("requestRefundApproval")
    JavaDelegate requestRefundApproval() {
        return execution -> {
            @SuppressWarnings("unchecked")
            List<Object> raw = (List<Object>) execution.getVariable(APPROVAL_LEVELS_FOUND);
            List<String> levels = raw == null ? List.of() : raw.stream().map(String::valueOf).toList();
            Refund r = approvals.requireLevels(id(execution, REFUND_ID), levels);
            // a plain ArrayList: the JSON variable must deserialize again
            execution.setVariable(APPROVAL_LEVELS, new ArrayList<>(r.requiredLevels()));
        };
    }

    /** Task_ApproveRefund (审批退费), on create: the computation, the request's note, every earlier decision. */
    @Bean("refundApprovalPrepare")
    TaskListener refundApprovalPrepare() {
        return task -> {
            long refundId = id(task, REFUND_ID);
            Refund r = refunds.get(refundId);
            String level = (String) task.getVariable(APPROVAL_LEVEL);
            // each level decides afresh: the previous level's decision and comment must not count as this one's
            task.removeVariable(DECISION);
            task.removeVariable(COMMENT);
            task.setVariableLocal("refundSummary", r.computation());
            task.setVariableLocal("requestNote", (r.note() == null ? "（无）" : r.note()) + "\n申请人：" + staff.displayName(r.requestedBy()));
            task.setVariableLocal("approvalHistory", approvals.history(refundId));
            task.setVariableLocal("approvalLevelLabel", StaffRole.labelOf(level));
            task.setVariableLocal(CONTRACT_NUMBER, contractNumber(r));
            notices.approvers(refundId, level, task.getTenantId());
        };
    }

    /** Task_ApproveRefund, on complete: this level's decision, refused for anyone the service refuses. */
    @Bean("refundDecisionInput")
    TaskListener refundDecisionInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String decision = input.oneOf(DECISION, true, RefundApprovals.APPROVE, RefundApprovals.REJECT);
            String comment = input.text(COMMENT, 1000, RefundApprovals.REJECT.equals(decision));
            input.check(COMMENT);
            String user = Actors.of(task);
            Set<String> groups = new HashSet<>();
            task.getProcessEngineServices().getIdentityService().createGroupQuery().groupMember(user).list().stream()
                    .map(Group::getId).forEach(groups::add);
            int levelNo = ((Number) task.getExecution().getVariable("loopCounter")).intValue();
            try {
                Refund r = approvals.decide(id(task, REFUND_ID), levelNo, user, groups, decision, comment);
                TaskFormRecord.told(task, decided(r, levelNo));
            } catch (InvalidInputException e) {
                throw TaskInput.rejected(e);
            } catch (ConflictException e) {
                throw InputRefusal.submission(e.getMessage());
            }
        };
    }

    /** ServiceTask_ConcludeRefundApproval (汇总审批结果). */
    @Bean("concludeRefundApproval")
    JavaDelegate concludeRefundApproval() {
        return execution -> {
            Refund r = refunds.get(id(execution, REFUND_ID));
            boolean approved = r.status() == RefundStatus.APPROVED;
            execution.setVariable(OUTCOME, approved ? "APPROVED" : "REJECTED");
            execution.setVariable(REJECTION_COMMENT, approved ? null : r.rejectionComment());
        };
    }

    /** ServiceTask_NotifyRefundRejected (通知申请人驳回意见). */
    @Bean("notifyRefundRejected")
    JavaDelegate notifyRefundRejected() {
        return execution -> notices.rejected(id(execution, REFUND_ID));
    }

    /** ServiceTask_StopTeaching (停课并退回剩余课时). */
    @Bean("stopTeaching")
    JavaDelegate stopTeaching() {
        return execution -> settlement.stopTeaching(id(execution, REFUND_ID), Actors.SYSTEM);
    }

    /** ServiceTask_PlanPayouts (安排退款): the payments to pay back from, and the legal limit. */
    @Bean("planRefundPayouts")
    JavaDelegate planRefundPayouts() {
        return execution -> {
            long refundId = id(execution, REFUND_ID);
            Refund r = refunds.get(refundId);
            List<Long> plan = new ArrayList<>(payouts.plan(refundId).stream().map(RefundPayouts.Allocation::paymentId)
                    .toList());
            execution.setVariable(PAYOUTS, plan);
            PayoutDeadline deadline = PayoutDeadline.of(r, OffsetDateTime.now(clock));
            execution.setVariable(DUE_DATE, Date.from(deadline.due().toInstant()));
            execution.setVariable(ESCALATE_AT, Date.from(deadline.escalateAt().toInstant()));
        };
    }

    /** SubProcess_PayOut, each instance's start: this payment's channel, amount and what finance types. */
    @Bean("preparePayout")
    ExecutionListener preparePayout() {
        return execution -> {
            long refundId = id(execution, REFUND_ID);
            long paymentId = id(execution, PAYMENT_ID);
            RefundPayouts.Allocation a = payouts.allocation(refundId, paymentId).orElse(null);
            execution.setVariableLocal(CHANNEL, a == null ? "DONE" : a.channel().name());
            execution.setVariableLocal(PAYOUT_SUMMARY, a == null ? "本笔已退" : RefundPayouts.describe(a));
            execution.setVariableLocal(CONTRACT_NUMBER, contractNumber(refunds.get(refundId)));
        };
    }

    /** ServiceTask_RefundThroughGateway (支付平台原路退回). */
    @Bean("refundThroughGateway")
    JavaDelegate refundThroughGateway() {
        return execution -> payouts.payThroughGateway(id(execution, REFUND_ID), id(execution, PAYMENT_ID));
    }

    /** Task_PayOutRefund (办理退款), on complete: the voucher, and the account of a bank transfer. */
    @Bean("payoutInput")
    TaskListener payoutInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String voucher = input.text(VOUCHER, 64, true);
            String account = input.text(BANK_ACCOUNT, 40, false);
            input.check(BANK_ACCOUNT);
            try {
                long refundId = id(task, REFUND_ID);
                RefundPayouts.Recorded paid = payouts.record(refundId, id(task, PAYMENT_ID), voucher, account,
                        Actors.of(task));
                TaskFormRecord.told(task, paidOut(refunds.get(refundId), paid.payout(), payouts.plan(refundId)));
            } catch (InvalidInputException e) {
                throw TaskInput.rejected(e);
            } catch (ConflictException e) {
                throw InputRefusal.submission(e.getMessage());
            }
        };
    }

    /**
     * What an approver of 审批退费 is told: where the family's request stands after their decision; at the last level
     * what the family gets back, and by when (the legal limit), or that nothing is paid.
     */
    private String decided(Refund r, int levelNo) {
        String no = whose(r);
        java.math.BigDecimal unpaid = r.status() == RefundStatus.APPROVED ? refunds.offUnpaidInstallments(r)
                : java.math.BigDecimal.ZERO;
        // the family leaves: what it has not paid is no longer asked for; it stays: its next installments go down
        String installments = unpaid.signum() == 0 ? "" : r.classOnly() || r.someLessons()
                ? "；退回课时的其余价值 " + Money.yuan(unpaid) + " 抵减未缴分期款" : "；未缴分期款 " + Money.yuan(unpaid)
                        + " 不再收取";
        return switch (r.status()) {
            case REJECTED -> no + " 已驳回；申请人 " + staff.displayName(r.requestedBy()) + "将收到您的意见";
            case APPROVED -> r.amount().signum() == 0 ? no + " 已批准：无需退款" + installments + "；退费随后结清"
                    : no + " 已批准：应退 " + Money.yuan(r.amount()) + "，按原付款渠道退回，须在 "
                            + BusinessTime.shown(PayoutDeadline.of(r, OffsetDateTime.now(clock)).due()) + " 前退清"
                            + installments;
            default -> no + "：" + TaskFormRecord.passedOn(levelNo, r.requiredLevels());
        };
    }

    /** What finance is told after 办理退款: whose refund, this payout, and what is left of the refund to pay. */
    private String paidOut(Refund r, Refund.Payout payout, List<RefundPayouts.Allocation> left) {
        String paid = whose(r) + "：已登记退款 "
                + Money.yuan(payout.amount()) + "（" + payout.channel().label() + "，" + payout.channel().voucherName()
                + " " + payout.voucher() + "）";
        return left.isEmpty() ? paid + "；本退费已全部退清" : paid + "；还有 " + left.size() + " 笔待退，合计 "
                + Money.yuan(left.stream().map(RefundPayouts.Allocation::amount).reduce(java.math.BigDecimal.ZERO,
                        java.math.BigDecimal::add));
    }

    /** 王小明 的退费申请 TF000012: the family first in every notice after 完成 (the next task is another family's). */
    private String whose(Refund r) {
        return families.of(r.opportunityId()).name() + " 的退费申请 " + r.refundNo();
    }

    /** Task_UrgePayout (督办退款), on create: the progress, and a mail to the campus's directors. */
    @Bean("urgePayoutPrepare")
    TaskListener urgePayoutPrepare() {
        return task -> {
            long refundId = id(task, REFUND_ID);
            String progress = progress(refunds.get(refundId), task);
            task.setVariableLocal("urgeSummary", progress);
            notices.urge(refundId, task.getTenantId(), progress);
        };
    }

    /** Task_UrgePayout, on complete: what the director did goes onto the customer's timeline. */
    @Bean("urgePayoutInput")
    TaskListener urgePayoutInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String note = input.text(URGE_NOTE, 500, true);
            input.check();
            Refund r = refunds.get(id(task, REFUND_ID));
            refunds.noteUrged(r, Actors.of(task), note);
        };
    }

    /** ServiceTask_SettleRefund (完成退费). */
    @Bean("settleRefund")
    JavaDelegate settleRefund() {
        return execution -> settlement.settle(id(execution, REFUND_ID));
    }

    /**
     * ServiceTask_EndRenewal (结束续费沟通): the contract refunded (部分退费/已退费), a renewal still talked about ends as
     * 不续费; a refund that leaves the contract in force (转课差价, 多付款退还) ends nothing.
     */
    @Bean("endRenewalOfRefundedContract")
    JavaDelegate endRenewalOfRefundedContract() {
        return execution -> {
            Refund r = refunds.get(id(execution, REFUND_ID));
            renewals.contractEnded(r.contractId(), "原合同已退费（" + r.refundNo() + "）", Actors.SYSTEM);
        };
    }

    private String progress(Refund r, DelegateTask task) {
        return "应退 " + Money.yuan(r.amount()) + "，已退 " + Money.yuan(payouts.paidOut(r.id())) + "；法定期限："
                + (task.getDueDate() == null ? "－" : BusinessTime.shown(
                        task.getDueDate().toInstant().atZone(BusinessTime.ZONE).toOffsetDateTime()));
    }

    private String contractNumber(Refund r) {
        return contracts.find(r.contractId()).map(c -> c.number()).orElse(null);
    }

}
