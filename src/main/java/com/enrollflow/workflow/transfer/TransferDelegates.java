package com.enrollflow.workflow.transfer;

import static com.enrollflow.workflow.FormValues.flag;
import static com.enrollflow.workflow.FormValues.text;
import static com.enrollflow.workflow.SalesVariables.id;


import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.common.Money;
import com.enrollflow.contract.ContractHolders;
import com.enrollflow.payment.InstallmentReminders;
import com.enrollflow.teaching.Classes;
import com.enrollflow.transfer.Transfer;
import com.enrollflow.transfer.TransferNotices;
import com.enrollflow.transfer.Transfers;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.SalesVariables;
import com.enrollflow.workflow.engine.StartFormRecord;

/**
 * transfer.bpmn (转课, 转班), transfer-request.bpmn (申请转课) and class-transfer-request.bpmn (申请转班): each bean
 * reads the transfer id or the form's fields, calls {@link Transfers} and writes its result.
 */
@Configuration
class TransferDelegates {

    static final String TRANSFER_ID = "transferId";
    static final String TRANSFER_NO = "transferNo";
    /** LESSONS (转课: the new course is scheduled) or CLASS (转班: the new class has its timetable). */
    static final String TRANSFER_KIND = "transferKind";
    /** The output of transfer-settlement.dmn: TOP_UP, REFUND, BALANCE or NONE. */
    static final String SETTLEMENT = "transferSettlement";
    /** The fields of the start form request-transfer (申请转课): the API's names, and the contract as typed. */
    static final String CONTRACT = "contract";
    static final String SUBJECT = "subject";
    static final String TEACHER_LEVEL = "teacherLevel";
    static final String REASON = "reason";
    static final String REFUND_DIFFERENCE = "refundDifference";
    /** The fields of the start form request-class-transfer (申请转班) besides the contract, reason and refund choice. */
    static final String FROM_CLASS = "fromClass";
    static final String TO_CLASS = "toClass";

    private final Transfers transfers;
    private final TransferNotices notices;
    private final Classes classes;
    private final ContractHolders holders;

    TransferDelegates(Transfers transfers, TransferNotices notices, Classes classes, ContractHolders holders) {
        this.holders = holders;
        this.transfers = transfers;
        this.notices = notices;
        this.classes = classes;
    }

    /**
     * ServiceTask_SubmitTransfer (提交转课申请): the start form goes through the same request as
     * POST /api/contracts/{id}/transfers; every refusal that concerns a field names the form's field, and a refused
     * submission stores nothing (no transfer, the ledger untouched).
     */
    @Bean("submitTransferRequest")
    JavaDelegate submitTransferRequest() {
        return execution -> {
            Transfers.Request request = new Transfers.Request(text(execution.getVariable(SUBJECT)),
                    text(execution.getVariable(TEACHER_LEVEL)), text(execution.getVariable(REASON)),
                    flag(REFUND_DIFFERENCE, execution.getVariable(REFUND_DIFFERENCE)));
            Transfer t = FormValues.contractRequest(CONTRACT,
                    () -> transfers.request(text(execution.getVariable(CONTRACT)), request, Actors.of(execution)));
            execution.setVariable(TRANSFER_ID, t.id());
            execution.setVariable(TRANSFER_NO, t.transferNo());
            StartFormRecord.file(execution, t.campusCode(), String.valueOf(t.opportunityId()));
            StartFormRecord.told(execution, registered(t));
        };
    }

    /**
     * ServiceTask_SubmitClassTransfer (提交转班申请): the start form 申请转班 goes through the same request as
     * POST /api/contracts/{id}/class-transfers, refused by the form's fields and storing nothing when refused.
     */
    @Bean("submitClassTransferRequest")
    JavaDelegate submitClassTransferRequest() {
        return execution -> {
            Transfers.ClassRequest request = new Transfers.ClassRequest(text(execution.getVariable(FROM_CLASS)),
                    text(execution.getVariable(TO_CLASS)), text(execution.getVariable(REASON)),
                    flag(REFUND_DIFFERENCE, execution.getVariable(REFUND_DIFFERENCE)));
            Transfer t = FormValues.contractRequest(CONTRACT, () -> transfers.requestClass(
                    text(execution.getVariable(CONTRACT)), request, Actors.of(execution)));
            execution.setVariable(TRANSFER_ID, t.id());
            execution.setVariable(TRANSFER_NO, t.transferNo());
            StartFormRecord.file(execution, t.campusCode(), String.valueOf(t.opportunityId()));
            StartFormRecord.told(execution, registered(t));
        };
    }

    /**
     * What the starter of 申请转课 or 申请转班 is told: the number, the lessons moved, the difference and who acts next.
     */
    private String registered(Transfer t) {
        String to = t.kind() == Transfer.Kind.CLASS
                ? classes.find(t.toClassCode()).map(Classes.ClassInfo::text).orElse(t.toClassCode())
                : t.toSubjectLabel() + " · " + t.toTeacherLevelLabel();
        int sign = t.difference() == null ? 0 : t.difference().signum();
        // transfer-settlement.dmn decides a moment later (asynchronously); the family's choice is known now
        String difference = sign > 0 ? "家长需补缴差价 " + Money.yuan(t.difference()) + "（将加为一期待缴款）"
                : sign == 0 ? "无差价"
                : t.familyAsksRefund() ? "差价 " + Money.yuan(t.difference().negate()) + " 对家长有利，按家长要求申请退还"
                        + "（按差价处理规则提交退费审批，审批通过后由财务退款）"
                : "差价 " + Money.yuan(t.difference().negate()) + " 对家长有利，家长未要求退还：先抵减未缴分期款，其余留作账户余额";
        // gifted lessons (赠送课时) stay on their own line and are scheduled with the new course
        int gifted = t.lessonsToSchedule() - t.lessons();
        String next = t.kind() == Transfer.Kind.CLASS ? "" : "；教务将为新课程排课" + (gifted > 0
                ? "（共 " + t.lessonsToSchedule() + " 课时，含赠送课时 " + gifted + "）" : "");
        return holders.of(t.opportunityId(), t.contractId()) + "：" + t.kindLabel() + "申请 " + t.transferNo()
                + " 已登记：剩余 " + t.lessons() + " 课时已转入" + to + "，"
                + difference + next + "。";
    }

    /**
     * ServiceTask_SettleDifference (处理差价): the table's decision carried out; a difference to pay gives the
     * installment reminder its installment (orderId, installmentSeq, remindAt, dueAt, installmentSummary).
     */
    @Bean("settleTransferDifference")
    JavaDelegate settleTransferDifference() {
        return execution -> {
            Transfers.Settled s = transfers.settle(id(execution, TRANSFER_ID),
                    Transfer.Settlement.valueOf(String.valueOf(execution.getVariable(SETTLEMENT))));
            execution.setVariable(SETTLEMENT, s.transfer().settlement().name());
            if (s.installment() != null) {
                execution.setVariable("orderId", s.order().id());
                execution.setVariable("installmentSeq", s.installment().seq());
                execution.setVariable("remindAt", InstallmentReminders.remindAt(s.installment().dueDate()).toString());
                execution.setVariable("dueAt", SalesVariables.endOfDay(s.installment().dueDate()).toString());
                execution.setVariable("installmentSummary", "转课补差价（" + s.transfer().transferNo() + "）："
                        + InstallmentReminders.summary(s.installment(), s.order()));
            }
        };
    }

    /** ServiceTask_CompleteTransfer (转课完成). */
    @Bean("completeTransfer")
    JavaDelegate completeTransfer() {
        return execution -> transfers.complete(id(execution, TRANSFER_ID));
    }

    /** ServiceTask_NotifyTransferFamily (通知家长): the family's mail; once per transfer, whatever reruns. */
    @Bean("notifyTransferFamily")
    JavaDelegate notifyTransferFamily() {
        return execution -> notices.notifyFamily(id(execution, TRANSFER_ID));
    }
}
