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
 * decided on the payment. The API's confirmation ({@link #decide}) goes the same way, rejections too.
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
        Locked locked = lock(paymentId);
        if (!"PENDING".equals(locked.payment().status())) {
            throw new ConflictException(409, "该笔转账刚刚已由他人" + ("CONFIRMED".equals(locked.payment().status())
                    ? "确认到账（收据 " + locked.payment().receiptNo() + "）" : "驳回") + "，未重复处理");
        }
        return decideLocked(locked, true, by);
    }

    @Override
    @Transactional
    public PaymentService.Recorded decide(long paymentId, boolean received, String by) {
        Locked locked = lock(paymentId);
        if (!"PENDING".equals(locked.payment().status())) {
            // decided before: the same decision answers as it did, the other one is refused
            return payments.confirm(paymentId, received, by);
        }
        return decideLocked(locked, received, by);
    }

    private record Locked(PaymentOrder order, PaymentOrder.Payment payment) {
    }

    /**
     * The payment's order, locked until this transaction ends: one decision at a time per order, so the same statement
     * uploaded twice at once (or a statement and an API call) waits here and then finds the transfer decided, instead
     * of completing a task whose execution the first is moving on (the engine then failed inside the completion, a 500
     * for the whole file: CI, 2026-12-06).
     */
    private Locked lock(long paymentId) {
        long orderId = payments.findByPayment(paymentId).orElseThrow().id();
        PaymentOrder order = payments.lockedState(orderId);
        return new Locked(order, order.payment(paymentId).orElseThrow());
    }

    private PaymentService.Recorded decideLocked(Locked locked, boolean received, String by) {
        long paymentId = locked.payment().id();
        List<Task> waiting = tasks.createTaskQuery().taskDefinitionKeyIn(CONFIRM_TASKS.toArray(String[]::new))
                .processVariableValueEquals(PENDING_PAYMENT_ID, paymentId).active().listPage(0, 2);
        if (waiting.isEmpty()) {
            // recorded through the API: no task waits for it; received, it may end a chase of the installment
            // (催缴逾期分期款), as 确认到账's process does (ServiceTask_WakeChase)
            PaymentService.Recorded r = payments.confirm(paymentId, received, by);
            if (received) {
                signal.paymentArrived(locked.order().opportunityId());
            }
            return r;
        }
        Task task = waiting.get(0);
        if (task.getAssignee() != null && !task.getAssignee().equals(by)) {
            // a colleague who claimed it is checking it now: theirs alone (AssigneeOnly)
            throw new ConflictException(409, "该笔转账的“确认到账”任务已由 " + staff.displayName(task.getAssignee())
                    + " 认领，未" + (received ? "确认" : "驳回") + "；请其办理，或由其取消认领后重试");
        }
        try {
            if (identity.getCurrentAuthentication() == null) {
                // through /api, with no engine user: the task is theirs first, so its listener names them (Actors),
                // in this one transaction with the completion
                tasks.setAssignee(task.getId(), by);
            }
            tasks.complete(task.getId(), Map.of(RECEIPT_DECISION, received ? "CONFIRM" : "REJECT"));
        } catch (ProcessEngineException doneMeanwhile) {
            // completed or claimed in Tasklist by a colleague in the same moment
            log.info("确认到账 {} of payment {} not completed: {}", task.getId(), paymentId, doneMeanwhile.toString());
            throw new ConflictException(409, "该笔转账的“确认到账”任务刚刚已被他人办理或认领，未" + (received ? "确认" : "驳回")
                    + "；请在“确认到账”中核对");
        }
        // the task's listener decided it (a receipt issued when received); what it recorded is the answer
        PaymentOrder.Payment decided = payments.get(locked.order().id()).payment(paymentId).orElseThrow();
        if (!(received ? "CONFIRMED" : "REJECTED").equals(decided.status())) {
            throw new IllegalStateException("确认到账 " + task.getId() + " completed, payment " + paymentId + " is "
                    + decided.status());
        }
        return new PaymentService.Recorded(paymentId, decided.status(), decided.receiptNo(), false);
    }
}
