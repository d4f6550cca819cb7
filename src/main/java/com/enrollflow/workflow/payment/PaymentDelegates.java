package com.enrollflow.workflow.payment;

import static com.enrollflow.workflow.ProcessConstants.*;
import static com.enrollflow.workflow.SalesVariables.*;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.AssignmentService;
import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.Coded;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractService;
import com.enrollflow.credit.CreditPolicy;
import com.enrollflow.credit.CreditService;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.FunnelStage;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.opportunity.OpportunityStatus;
import com.enrollflow.payment.PaymentMethod;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentSchedule;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.payment.SaleTerms;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.referral.ReferralRewards;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.TaskInput;
import com.enrollflow.workflow.engine.TaskFormRecord;

/**
 * contract-and-payment.bpmn (签约与缴费): contract, order, the payment state read under the order's lock, desk and
 * finance tasks, timeout, credit split.
 */
@Configuration
class PaymentDelegates {

    private final ContractService contracts;
    private final PaymentService payments;
    private final PricingService pricing;
    private final SaleTerms saleTerms;
    private final CreditService credit;
    private final OpportunityService opportunities;
    private final AssignmentService assignment;
    private final Clock clock;
    private final java.time.Duration paymentWindow;
    private final ReferralRewards referralRewards;
    private final StaffDirectory staff;

    PaymentDelegates(ContractService contracts, PaymentService payments, PricingService pricing, SaleTerms saleTerms,
            CreditService credit, OpportunityService opportunities, AssignmentService assignment, Clock clock,
            @Value("${enrollflow.payment.window:P7D}") java.time.Duration paymentWindow,
            ReferralRewards referralRewards, StaffDirectory staff) {
        this.referralRewards = referralRewards;
        this.staff = staff;
        this.contracts = contracts;
        this.payments = payments;
        this.pricing = pricing;
        this.saleTerms = saleTerms;
        this.credit = credit;
        this.opportunities = opportunities;
        this.assignment = assignment;
        this.clock = clock;
        this.paymentWindow = paymentWindow;
    }

    /** ServiceTask_IssueContract (生成合同): refused, as an incident, when an approval is missing. */
    @Bean("issueContract")
    JavaDelegate issueContract() {
        return execution -> {
            Contract c = contracts.issue(id(execution, QUOTE_ID), Actors.of(execution));
            execution.setVariable(CONTRACT_ID, c.id());
            execution.setVariable(CONTRACT_NO, c.number());
        };
    }

    /** ServiceTask_OpenPaymentOrder (生成缴费单). */
    @Bean("openPaymentOrder")
    JavaDelegate openPaymentOrder() {
        return execution -> {
            long quoteId = id(execution, QUOTE_ID);
            Quote q = pricing.find(quoteId).orElseThrow();
            PaymentSchedule schedule = saleTerms.schedule(quoteId, q.lessons());
            Contract contract = contracts.find(id(execution, CONTRACT_ID)).orElseThrow();
            // the schedule counts from the contract's issue day, as the contract's own installments do
            PaymentOrder order = payments.openOrder(q.opportunityId(), quoteId, contract.id(), q.campusCode(),
                    q.finalPrice(), schedule, BusinessTime.dateOf(contract.issuedAt()));
            execution.setVariable(ORDER_ID, order.id());
            execution.setVariable(ORDER_NO, order.orderNo());
            execution.setVariable(PAYMENT_DUE_AT, OffsetDateTime.now(clock).plus(paymentWindow).toString());
            opportunities.note(q.opportunityId(), TimelineEvent.CONTRACT_ISSUED, Actors.of(execution),
                    "合同 " + execution.getVariable(CONTRACT_NO) + "，缴费单 " + order.orderNo() + "，"
                            + schedule.text() + "，首期 " + Money.yuan(order.installments().get(0).amount()));
        };
    }

    /** ServiceTask_CheckPaid (核对缴费状态): under the order's lock, so a concurrent payment is never missed. */
    @Bean("checkPaid")
    JavaDelegate checkPaid() {
        return execution -> {
            PaymentOrder order = payments.lockedState(id(execution, ORDER_ID));
            execution.setVariable(FIRST_INSTALLMENT_PAID, order.firstInstallmentPaid());
            execution.setVariable(AWAITING_CONFIRMATION, order.awaitingConfirmation());
            execution.setVariable(PENDING_PAYMENT_ID, order.oldestPendingPayment());
            execution.setVariable(PAYMENT_SUMMARY, summary(order));
        };
    }

    /**
     * Task_CollectPayment (收取学费), on create: what is due now is shown (应收, task-local) and filled in as the
     * amount received, so the desk types nothing when the family pays what is due. The amount is a process variable
     * because both ways of completing a task (Tasklist's form submission and the REST "complete") write the
     * submitted value there.
     */
    @Bean("collectPaymentDue")
    TaskListener collectPaymentDue() {
        return task -> {
            PaymentOrder order = payments.get(id(task, ORDER_ID));
            task.setVariableLocal(AMOUNT_DUE, amountDue(order));
            task.getExecution().setVariable(PAYMENT_AMOUNT, order.dueNow().doubleValue());
        };
    }

    /** 应收 as the desk reads it: ¥3,200.00（第 1 期，共 3 期；未付余额 ¥9,600.00）. */
    static String amountDue(PaymentOrder order) {
        String due = Money.yuan(order.dueNow());
        if (order.installments().size() == 1 || order.currentInstallment().isEmpty()) {
            return due;
        }
        return due + "（第 " + order.currentInstallment().get().seq() + " 期，共 " + order.installments().size()
                + " 期；未付余额 " + Money.yuan(order.openBalance()) + "）";
    }

    /**
     * Task_CollectPayment (收取学费), on complete: the payment is stored with the task id as its reference; or the
     * family withdraws (放弃报名) and the contract is cancelled.
     */
    @Bean("collectPaymentInput")
    TaskListener collectPaymentInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            // API callers may leave the outcome out and just record a payment
            String outcome = input.oneOf(COLLECT_OUTCOME, false, "PAID", "WITHDRAWN");
            if ("WITHDRAWN".equals(outcome)) {
                input.text(CANCEL_REASON, 500, true);
                moneyTaken(task).ifPresent(why -> input.problem(COLLECT_OUTCOME, why));
                input.check(CANCEL_REASON);
                task.getExecution().setVariable(COLLECT_OUTCOME, "WITHDRAWN");
                return;
            }
            task.getExecution().setVariable(COLLECT_OUTCOME, "PAID");
            PaymentMethod method = input.code(PAYMENT_METHOD, PaymentMethod.class, true);
            if (method == PaymentMethod.ONLINE) {
                input.problem(PAYMENT_METHOD, "线上支付由支付平台回调自动入账，前台无需登记");
            }
            BigDecimal amount = null;
            Object raw = task.getVariable(PAYMENT_AMOUNT);
            try {
                amount = raw == null ? null : new BigDecimal(raw.toString().strip());
            } catch (NumberFormatException e) {
                input.problem(PAYMENT_AMOUNT, "须为金额，例如 12000.00");
            }
            if (raw == null) {
                input.problem(PAYMENT_AMOUNT, "必填");
            }
            if (amount != null && method != PaymentMethod.ONLINE) {
                // the desk never takes more than is open; said here with the amount, before anything is stored
                PaymentOrder order = payments.get(id(task, ORDER_ID));
                if (amount.compareTo(payments.maxNow(order)) > 0) {
                    input.problem(PAYMENT_AMOUNT, payments.tooMuch(order));
                } else if (amount.signum() <= 0) {
                    input.problem(PAYMENT_AMOUNT, "须大于 0");
                }
            }
            input.text(PAYMENT_REFERENCE, 200, method != null && method.needsConfirmation());
            input.check(PAYMENT_REFERENCE);
            try {
                PaymentService.Recorded r = payments.record(id(task, ORDER_ID), method, amount,
                        "TASK:" + task.getId(), (String) task.getVariable(PAYMENT_REFERENCE), Actors.of(task));
                task.getExecution().setVariable(DESK_PAYMENT_STATUS, r.status());
                task.getExecution().setVariable(PENDING_PAYMENT_ID, "PENDING".equals(r.status()) ? r.paymentId()
                        : null);
                TaskFormRecord.told(task, told(task, payments.get(id(task, ORDER_ID)), r.paymentId()));
            } catch (InvalidInputException e) {
                throw TaskInput.rejected(e);
            } catch (ConflictException e) {
                throw InputRefusal.submission(e.getMessage());
            }
        };
    }

    /** ServiceTask_RecordDeskPayment (记录收款): the customer's timeline. */
    @Bean("recordDeskPayment")
    JavaDelegate recordDeskPayment() {
        return execution -> {
            boolean pending = "PENDING".equals(execution.getVariable(DESK_PAYMENT_STATUS));
            PaymentMethod method = PaymentMethod.valueOf((String) execution.getVariable(PAYMENT_METHOD));
            opportunities.note(id(execution, OPPORTUNITY_ID), pending ? TimelineEvent.PAYMENT_RECORDED
                    : TimelineEvent.PAYMENT_RECEIVED, Actors.of(execution), method.label() + " "
                            + Money.yuan(new BigDecimal(execution.getVariable(PAYMENT_AMOUNT).toString())));
        };
    }

    /**
     * Task_ConfirmReceipt (确认到账), on create: the payment finance is to find on the bank statement — method, amount,
     * the transfer reference and who recorded it when — task-local, so nobody looks it up elsewhere.
     */
    @Bean("pendingPaymentDetails")
    TaskListener pendingPaymentDetails() {
        return task -> {
            Object pending = task.getVariable(PENDING_PAYMENT_ID);
            PaymentOrder order = payments.get(id(task, ORDER_ID));
            if (pending != null) {
                order.payment(((Number) pending).longValue()).ifPresent(p -> task.setVariableLocal(
                        PENDING_PAYMENT_TEXT, pendingText(p, staff.displayName(p.recordedBy()))));
            }
        };
    }

    /** 银行转账 ¥3,200.00，凭证号 HX20261201-88，赵敏（zhaomin） 2026-12-01 10:20 登记. */
    static String pendingText(PaymentOrder.Payment p, String recordedBy) {
        return p.methodLabel() + " " + Money.yuan(p.amount()) + (p.reference() == null ? "" : "，凭证号 " + p.reference())
                + "，" + recordedBy + " " + BusinessTime.shown(p.receivedAt()) + " 登记";
    }

    /** Task_ConfirmReceipt (确认到账), on complete. */
    @Bean("confirmReceiptInput")
    TaskListener confirmReceiptInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String decision = input.oneOf(RECEIPT_DECISION, true, "CONFIRM", "REJECT");
            input.check();
            Object pending = task.getVariable(PENDING_PAYMENT_ID);
            if (pending != null) {
                long paymentId = ((Number) pending).longValue();
                try {
                    payments.confirm(paymentId, "CONFIRM".equals(decision), Actors.of(task));
                } catch (ConflictException decidedOtherwise) {
                    throw InputRefusal.submission(decidedOtherwise.getMessage());
                }
                PaymentOrder order = payments.get(id(task, ORDER_ID));
                String told = told(task, order, paymentId);
                if (!"CONFIRM".equals(decision)) {
                    // nobody else learns of it: the desk that took the transfer must call the family
                    String recordedBy = order.payment(paymentId).map(p -> staff.displayName(p.recordedBy()))
                            .orElse("前台");
                    told += "Task_ConfirmReceipt".equals(task.getTaskDefinitionKey())
                            ? "；前台待办已重新生成“收取学费”；请告知登记人 " + recordedBy + "，由其与家长核实"
                            : "；请告知登记人 " + recordedBy + "，由其与家长核实后重新登记";
                }
                TaskFormRecord.told(task, told);
            }
        };
    }

    /**
     * What 收取学费 and 确认到账 tell who completes them: the family and its contract (the next task is another
     * family's), the payment, its receipt, the balance.
     */
    private String told(DelegateTask task, PaymentOrder order, long paymentId) {
        return toFamily(task.getVariable(CUSTOMER_NAME), contracts.find(order.contractId())
                .map(c -> "合同 " + c.number()).orElse(order.orderNo()), order.told(paymentId));
    }

    /**
     * 王小明（合同 BJ-HD-2026-00038）：{@code paid}, as the desk and finance read a payment after 完成 or 启动 (收取分期款):
     * the family first, since the next task or form is another family's.
     */
    static String toFamily(Object family, String contract, String paid) {
        return (family == null ? contract : family + "（" + contract + "）") + "：" + paid;
    }

    /**
     * ServiceTask_RecordConfirmation, ServiceTask_RecordInstallmentConfirmation (记录财务确认): under whoever decided, as
     * the payment records them — the Tasklist user, or the caller of 银行流水对账 through /api, which sets no engine user.
     */
    @Bean("recordReceiptConfirmation")
    JavaDelegate recordReceiptConfirmation() {
        return execution -> {
            boolean confirmed = "CONFIRM".equals(execution.getVariable(RECEIPT_DECISION));
            Object pending = execution.getVariable(PENDING_PAYMENT_ID);
            String by = pending == null ? Actors.of(execution) : payments.get(id(execution, ORDER_ID))
                    .payment(((Number) pending).longValue()).map(PaymentOrder.Payment::confirmedBy)
                    .orElse(Actors.of(execution));
            opportunities.note(id(execution, OPPORTUNITY_ID), confirmed ? TimelineEvent.PAYMENT_RECEIVED
                    : TimelineEvent.PAYMENT_REJECTED, by, confirmed ? "财务确认到账" : "财务未查到该笔款项");
        };
    }

    /** Task_HandlePaymentTimeout (处理缴费超时), on complete. */
    @Bean("paymentTimeoutInput")
    TaskListener paymentTimeoutInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String decision = input.oneOf(PAYMENT_TIMEOUT_DECISION, true, "EXTEND", "CANCEL");
            LocalDate newDue = "EXTEND".equals(decision) ? newDueDate(input, task, clock) : null;
            input.text(CANCEL_REASON, 500, "CANCEL".equals(decision));
            if ("CANCEL".equals(decision)) {
                moneyTaken(task).ifPresent(why -> input.problem(PAYMENT_TIMEOUT_DECISION, why));
            }
            input.check(CANCEL_REASON);
            if (newDue != null) {
                task.getExecution().setVariable(PAYMENT_DUE_AT, endOfDay(newDue).toString());
            }
        };
    }

    /**
     * Why the contract cannot simply be cancelled: the family paid something (or a payment waits for finance) that was
     * not paid back. A cancelled contract takes no refund, so that money would have no way back; empty when nothing
     * was taken, or all of it came back through a refund (the contract is then 已退费).
     */
    private java.util.Optional<String> moneyTaken(org.camunda.bpm.engine.delegate.DelegateTask task) {
        PaymentOrder order = payments.get(id(task, ORDER_ID));
        BigDecimal taken = order.confirmed().add(order.pending());
        boolean inForce = contracts.find(id(task, CONTRACT_ID)).map(Contract::inForce).orElse(false);
        return taken.signum() > 0 && inForce ? java.util.Optional.of("家长已付 " + Money.yuan(taken)
                + "（含待财务确认的款项），不能直接作废合同：请先为该合同申请退费，退费完成后再作废") : java.util.Optional.empty();
    }

    /**
     * ServiceTask_CancelContract (作废合同): the number stays used; the order takes no more money; the deal is lost. A
     * contract whose money all came back through a refund keeps its 已退费 and ends the same way.
     */
    @Bean("cancelContract")
    JavaDelegate cancelContract() {
        return execution -> {
            String reason = (String) execution.getVariable(CANCEL_REASON);
            if (contracts.find(id(execution, CONTRACT_ID)).map(Contract::inForce).orElse(true)) {
                contracts.cancel(id(execution, CONTRACT_ID), reason, Actors.of(execution));
            }
            payments.cancel(id(execution, ORDER_ID));
            long opportunityId = id(execution, OPPORTUNITY_ID);
            opportunities.note(opportunityId, TimelineEvent.CONTRACT_CANCELLED, Actors.of(execution), reason);
            boolean withdrawn = "WITHDRAWN".equals(execution.getVariable(COLLECT_OUTCOME));
            assignment.close(opportunityId, OpportunityStatus.LOST, (withdrawn ? "放弃报名，合同作废：" : "缴费超时，合同作废：")
                    + reason, Actors.of(execution));
            execution.setVariable(PAYMENT_OUTCOME, "CANCELLED");
        };
    }

    /** ServiceTask_CreditSale (计算业绩): paid (成单缴费), and the credit split by the DMN's policy. */
    @Bean("creditSale")
    JavaDelegate creditSale() {
        return execution -> {
            long opportunityId = id(execution, OPPORTUNITY_ID);
            PaymentOrder order = payments.get(id(execution, ORDER_ID));
            CreditPolicy policy = Coded.parse(CreditPolicy.class, (String) execution.getVariable(CREDIT_POLICY))
                    .orElseThrow(() -> new IllegalStateException("credit-policy.dmn gave no known policy: "
                            + execution.getVariable(CREDIT_POLICY)));
            var shares = credit.credit(opportunityId, policy, order.total());
            opportunities.reachStage(opportunityId, FunnelStage.PAID, TimelineEvent.PAID, Actors.of(execution),
                    "已缴 " + Money.yuan(order.confirmed()) + " / " + Money.yuan(order.total()) + "；业绩（"
                            + policy.label() + "）：" + String.join("，", shares.stream()
                                    .map(s -> s.userId() + " " + Money.yuan(s.amount())).toList()));
            execution.setVariable(PAYMENT_OUTCOME, "PAID");
        };
    }

    /**
     * ServiceTask_StartReferralReward (发起转介绍奖励): a family someone referred has paid; the referrer's reward
     * starts once (nothing for a family nobody referred).
     */
    @Bean("startReferralReward")
    JavaDelegate startReferralReward() {
        return execution -> referralRewards.referredFamilyPaid(id(execution, OPPORTUNITY_ID), id(execution, CONTRACT_ID))
                .ifPresent(r -> execution.setVariable("referralRewardNo", r.rewardNo()));
    }

    static String summary(PaymentOrder order) {
        StringBuilder s = new StringBuilder("缴费单 ").append(order.orderNo()).append("：应付 ")
                .append(Money.yuan(order.total())).append("，已到账 ").append(Money.yuan(order.confirmed()));
        if (order.pending().signum() > 0) {
            s.append("，待财务确认 ").append(Money.yuan(order.pending()));
        }
        if (order.overpaid().signum() > 0) {
            // paid back through 申请退费 with the reason 多付款退还 (decision 530), asked by customer service or the desk
            s.append("，多付 ").append(Money.yuan(order.overpaid())).append("（请在“申请退费”中选择“多付款退还”）");
        }
        if (order.collectionNote() != null) {
            s.append("。").append(order.collectionNote());
        }
        // 分期：第1期 2026-12-07 ¥5,320.00；第2期 2027-01-07 ¥5,320.00。
        s.append("。分期：").append(order.installments().stream().map(d -> "第" + d.seq() + "期 " + d.dueDate() + " "
                + Money.yuan(d.amount())).collect(java.util.stream.Collectors.joining("；"))).append("。");
        return s.toString();
    }
}
