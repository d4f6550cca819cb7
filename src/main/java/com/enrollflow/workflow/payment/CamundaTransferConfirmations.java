package com.enrollflow.workflow.payment;

import static com.enrollflow.workflow.SalesVariables.*;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.ConflictException;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.payment.PaymentSignal;
import com.enrollflow.payment.TransferConfirmations;

/**
 * A transfer confirmed from the bank statement (银行流水对账) completes the 确认到账 task that waits for it — of 签约与缴费
 * or of 收取分期款 — with 核对结果 确认到账, as finance would in Tasklist: under the Tasklist user's engine rights (a task
 * of a campus they do not work for is not found), the task's listener confirming the payment and the process going
 * on. Through /api, which sets no engine user, the task is given to the caller first, in the same transaction, so
 * that its listener and its history name them. A transfer with no task waiting (recorded through the API) is
 * confirmed as the API confirms one.
 */
@Component
class CamundaTransferConfirmations implements TransferConfirmations {

    private static final Logger log = LoggerFactory.getLogger(CamundaTransferConfirmations.class);

    static final List<String> CONFIRM_TASKS = List.of("Task_ConfirmReceipt", "Task_ConfirmInstallmentReceipt");

    private final TaskService tasks;
    private final IdentityService identity;
    private final PaymentService payments;
    private final PaymentSignal signal;
    private final StaffDirectory staff;

    CamundaTransferConfirmations(TaskService tasks, IdentityService identity, PaymentService payments,
            PaymentSignal signal, StaffDirectory staff) {
        this.tasks = tasks;
        this.identity = identity;
        this.payments = payments;
        this.signal = signal;
        this.staff = staff;
    }

    @Override
    @Transactional
    public PaymentService.Recorded confirmReceived(long paymentId, String by) {
        // one at a time per order, held until this transaction ends: the same statement uploaded twice at once waits
        // here and then finds the transfer decided, instead of completing a task whose execution the first upload is
        // moving on (the engine then failed inside the completion, a 500 for the whole file: CI, 2026-12-06)
        long orderId = payments.findByPayment(paymentId).orElseThrow().id();
        PaymentOrder order = payments.lockedState(orderId);
        PaymentOrder.Payment payment = order.payment(paymentId).orElseThrow();
        if (!"PENDING".equals(payment.status())) {
            throw new ConflictException(409, "该笔转账刚刚已由他人" + ("CONFIRMED".equals(payment.status())
                    ? "确认到账（收据 " + payment.receiptNo() + "）" : "驳回") + "，未重复处理");
        }
        List<Task> waiting = tasks.createTaskQuery().taskDefinitionKeyIn(CONFIRM_TASKS.toArray(String[]::new))
                .processVariableValueEquals(PENDING_PAYMENT_ID, paymentId).active().listPage(0, 2);
        if (waiting.isEmpty()) {
            // recorded through the API: no task waits for it
            PaymentService.Recorded r = payments.confirm(paymentId, true, by);
            signal.paymentArrived(order.opportunityId());
            return r;
        }
        Task task = waiting.get(0);
        if (task.getAssignee() != null && !task.getAssignee().equals(by)) {
            // a colleague who claimed it is checking it now: theirs alone (AssigneeOnly)
            throw new ConflictException(409, "该笔转账的“确认到账”任务已由 " + staff.displayName(task.getAssignee())
                    + " 认领，未确认；请其办理，或由其取消认领后重新上传");
        }
        try {
            if (identity.getCurrentAuthentication() == null) {
                // through /api, with no engine user: the task is theirs first, so its listener names them (Actors),
                // in this one transaction with the completion
                tasks.setAssignee(task.getId(), by);
            }
            tasks.complete(task.getId(), Map.of(RECEIPT_DECISION, "CONFIRM"));
        } catch (ProcessEngineException doneMeanwhile) {
            // completed or claimed in Tasklist by a colleague in the same moment
            log.info("bank statement: 确认到账 {} of payment {} not completed: {}", task.getId(), paymentId,
                    doneMeanwhile.toString());
            throw new ConflictException(409, "该笔转账的“确认到账”任务刚刚已被他人办理或认领，未确认；"
                    + "请在“确认到账”中核对");
        }
        // the task's listener confirmed it (receipt issued); what it recorded is the answer
        PaymentOrder.Payment confirmed = payments.get(orderId).payment(paymentId).orElseThrow();
        if (!"CONFIRMED".equals(confirmed.status())) {
            throw new IllegalStateException("确认到账 " + task.getId() + " completed, payment " + paymentId + " is "
                    + confirmed.status());
        }
        return new PaymentService.Recorded(paymentId, confirmed.status(), confirmed.receiptNo(), false);
    }
}
