package com.enrollflow.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static com.enrollflow.testsupport.WebappSession.ENGINE;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.enrollflow.common.Money;
import com.enrollflow.contract.ContractService;
import com.enrollflow.credit.CreditService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;
import com.enrollflow.testsupport.WebappSession;

/** contract-and-payment.bpmn (签约与缴费): contract, every payment path, timeout and the credit split. */
@EnrollFlowTest
class ContractAndPaymentProcessTests {

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    Sales sales;
    @Autowired
    Leads leads;
    @Autowired
    ProcessEngine engine;
    @Autowired
    PaymentService payments;
    @Autowired
    ContractService contracts;
    @Autowired
    CreditService credit;
    @Autowired
    GatewaySignature signature;
    @Autowired
    GatewayCallbacks callbacks;
    @Autowired
    Receipts receipts;
    @Autowired
    PaymentSignal signal;
    @LocalServerPort
    int port;

    record Started(Sales.Owned owned, Quote quote, ProcessInstance pi) {
    }

    private Started started(InstallmentPlan plan) {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.approvedQuote(o, plan);
        ProcessInstance pi = sales.start("contractAndPayment", o, Map.of("quoteId", q.id()));
        sales.runJobs(pi);
        return new Started(o, q, pi);
    }

    private PaymentOrder order(Started s) {
        return payments.forOpportunity(s.owned().opportunityId()).get(0);
    }

    private static Map<String, Object> desk(String method, BigDecimal amount, String reference) {
        Map<String, Object> v = new HashMap<>();
        v.put("paymentMethod", method);
        v.put("paymentAmount", amount.doubleValue());
        v.put("paymentReference", reference);
        return v;
    }

    @Test
    void shouldIssueTheContractAndTakeTheWholePriceAtTheDesk() {
        Started s = started(InstallmentPlan.FULL);
        assertThat(s.pi()).hasPassed("ServiceTask_IssueContract", "ServiceTask_OpenPaymentOrder", "ServiceTask_CheckPaid");
        assertThat(contracts.forQuote(s.quote().id())).isPresent();
        Task collect = sales.task(s.pi());
        assertThat(collect).hasDefinitionKey("Task_CollectPayment").hasCandidateGroup("frontDesk");
        assertThat(collect.getDueDate()).isAfter(new java.util.Date());

        leads.completeAs("zhaomin", collect, desk("WECHAT", s.quote().finalPrice(), null));
        sales.runJobs(s.pi());

        assertThat(s.pi()).hasPassed("ServiceTask_RecordDeskPayment", "BusinessRuleTask_DecideCreditPolicy",
                "ServiceTask_CreditSale", "EndEvent_Paid").isEnded();
        PaymentOrder order = order(s);
        assertThat(order.status()).isEqualTo("PAID");
        assertThat(order.payments()).singleElement().satisfies(p -> {
            assertThat(p.receiptNo()).matches("SJ-BJ-HD-\\d{4}-\\d{6}");
            assertThat(p.status()).isEqualTo("CONFIRMED");
        });
        assertThat(sales.column(s.owned().opportunityId(), "paid_at", OffsetDateTime.class)).isNotNull();
        // 1:1 at any campus: every consultant who owned the deal shares it (only liwei here)
        assertThat(credit.shares(s.owned().opportunityId())).singleElement().satisfies(share -> {
            assertThat(share.userId()).isEqualTo("liwei");
            assertThat(share.amount()).isEqualByComparingTo(s.quote().finalPrice());
            assertThat(share.policy()).isEqualTo("EVEN_SPLIT");
        });
    }

    @Test
    void shouldShowWhatIsDueAndTakeItWithoutTheDeskTypingTheAmount() {
        Started s = started(InstallmentPlan.FULL);
        Task collect = sales.task(s.pi());
        String due = Money.yuan(s.quote().finalPrice());
        assertThat(engine.getTaskService().getVariableLocal(collect.getId(), "amountDue")).isEqualTo(due);
        assertThat(engine.getTaskService().getVariable(collect.getId(), "paymentAmount"))
                .isEqualTo(s.quote().finalPrice().doubleValue());

        assertThatThrownBy(() -> leads.completeAs("zhaomin", collect,
                desk("CASH", s.quote().finalPrice().add(new BigDecimal("0.01")), null)))
                .isInstanceOf(ProcessEngineException.class).hasMessage("提交内容有误：实收金额：不能超过应收 " + due);
        assertThat(order(s).payments()).as("nothing stored").isEmpty();

        // Tasklist submits the amount as filled in; here the desk only chooses how the family pays
        leads.completeAs("zhaomin", collect, Map.of("paymentMethod", "CASH"));
        sales.runJobs(s.pi());
        assertThat(s.pi()).hasPassed("EndEvent_Paid").isEnded();
        assertThat(order(s).payments()).singleElement().satisfies(
                p -> assertThat(p.amount()).isEqualByComparingTo(s.quote().finalPrice()));
    }

    @Test
    void shouldFillInTheInstallmentDueAndRefuseMoreThanTheBalanceNamingBoth() {
        Started s = started(InstallmentPlan.THREE);
        BigDecimal total = s.quote().finalPrice();
        BigDecimal first = order(s).installments().get(0).amount();
        Task collect = sales.task(s.pi());
        assertThat(engine.getTaskService().getVariableLocal(collect.getId(), "amountDue"))
                .isEqualTo(Money.yuan(first) + "（第 1 期，共 3 期；未付余额 " + Money.yuan(total) + "）");
        assertThat(engine.getTaskService().getVariable(collect.getId(), "paymentAmount")).isEqualTo(first.doubleValue());

        leads.completeAs("zhaomin", collect, desk("CASH", new BigDecimal("1000.00"), null));
        sales.runJobs(s.pi());
        Task rest = sales.task(s.pi());
        BigDecimal left = first.subtract(new BigDecimal("1000.00"));
        assertThat(engine.getTaskService().getVariableLocal(rest.getId(), "amountDue").toString())
                .startsWith(Money.yuan(left) + "（第 1 期，共 3 期；");
        assertThat(engine.getTaskService().getVariable(rest.getId(), "paymentAmount")).isEqualTo(left.doubleValue());
        BigDecimal open = total.subtract(new BigDecimal("1000.00"));
        assertThatThrownBy(() -> leads.completeAs("zhaomin", rest, desk("CARD", open.add(BigDecimal.ONE), null)))
                .hasMessage("提交内容有误：实收金额：不能超过未付余额 " + Money.yuan(open) + "（本期应收 " + Money.yuan(left) + "）");
        // paying ahead, up to the balance, is the family's choice
        leads.completeAs("zhaomin", rest, desk("CARD", open, null));
        sales.runJobs(s.pi());
        assertThat(order(s).status()).isEqualTo("PAID");
    }

    @Test
    void shouldCountTheFirstInstallmentAsPaidAndKeepTheRestOpen() {
        Started s = started(InstallmentPlan.THREE);
        PaymentOrder order = order(s);
        assertThat(order.installments()).hasSize(3);
        assertThat(order.installments().stream().map(InstallmentPlan.Due::amount).reduce(BigDecimal.ZERO,
                BigDecimal::add)).isEqualByComparingTo(s.quote().finalPrice());
        BigDecimal first = order.installments().get(0).amount();
        // 缴费情况 as the desk reads it in 收取学费: each installment with its day, one sentence
        assertThat(engine.getTaskService().getVariable(sales.task(s.pi()).getId(), "paymentSummary").toString())
                .endsWith("。分期：" + order.installments().stream().map(d -> "第" + d.seq() + "期 " + d.dueDate() + " "
                        + com.enrollflow.common.Money.yuan(d.amount())).collect(java.util.stream.Collectors.joining("；"))
                        + "。");

        assertThatThrownBy(() -> leads.completeAs("zhaomin", sales.task(s.pi()),
                desk("CASH", s.quote().finalPrice().add(BigDecimal.ONE), null)))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("实收金额：不能超过未付余额");
        leads.completeAs("zhaomin", sales.task(s.pi()), desk("CASH", new BigDecimal("1000.00"), null));
        sales.runJobs(s.pi());
        assertThat(sales.task(s.pi())).hasDefinitionKey("Task_CollectPayment");

        leads.completeAs("zhaomin", sales.task(s.pi()), desk("CARD", first.subtract(new BigDecimal("1000.00")), null));
        sales.runJobs(s.pi());
        assertThat(s.pi()).hasPassed("EndEvent_Paid").isEnded();
        PaymentOrder after = order(s);
        assertThat(after.status()).isEqualTo("OPEN");
        assertThat(after.installmentsCovered()).isEqualTo(1);
        assertThat(after.outstanding()).isEqualByComparingTo(s.quote().finalPrice().subtract(first));
        assertThat(after.payments()).extracting(PaymentOrder.Payment::receiptNo).doesNotHaveDuplicates();
    }

    @Test
    void shouldWaitForFinanceToConfirmABankTransfer() {
        Started s = started(InstallmentPlan.FULL);
        assertThatThrownBy(() -> leads.completeAs("zhaomin", sales.task(s.pi()),
                desk("BANK_TRANSFER", s.quote().finalPrice(), null)))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("交易流水号/转账凭证号：必填");
        leads.completeAs("zhaomin", sales.task(s.pi()), desk("BANK_TRANSFER", s.quote().finalPrice(), "工行 6222…0012"));
        Task confirm = sales.task(s.pi());
        assertThat(confirm).hasDefinitionKey("Task_ConfirmReceipt").hasCandidateGroup("finance");
        // finance has two days (an interbank transfer may take them); undone, it shows in 本组逾期任务
        assertThat(confirm.getDueDate()).isCloseTo(new java.util.Date(confirm.getCreateTime().getTime()
                + 48 * 3_600_000L), 60_000);
        assertThat(order(s).payments()).singleElement().satisfies(p -> assertThat(p.receiptNo()).isNull());
        // finance sees which money to look for on the statement
        assertThat(engine.getTaskService().getVariableLocal(confirm.getId(), "pendingPaymentText").toString())
                .startsWith("银行转账 " + Money.yuan(s.quote().finalPrice()) + "，凭证号 工行 6222…0012，赵敏（zhaomin） ");

        leads.completeAs("fengyu", confirm, Map.of("receiptDecision", "REJECT"));
        sales.runJobs(s.pi());
        assertThat(sales.task(s.pi())).hasDefinitionKey("Task_CollectPayment");

        leads.completeAs("zhaomin", sales.task(s.pi()), desk("BANK_TRANSFER", s.quote().finalPrice(), "工行 第二笔"));
        leads.completeAs("fengyu", sales.task(s.pi()), Map.of("receiptDecision", "CONFIRM"));
        sales.runJobs(s.pi());
        assertThat(s.pi()).hasPassed("ServiceTask_RecordConfirmation", "EndEvent_Paid").isEnded();
        assertThat(order(s).payments()).extracting(PaymentOrder.Payment::status).containsExactly("REJECTED",
                "CONFIRMED");
    }

    /** As Tasklist does it: claim, then submit the form; the engine's answer's status. */
    private static int claimAndSubmit(WebappSession session, String user, Task task, Map<String, Object> values) {
        Map<String, Object> variables = new HashMap<>();
        values.forEach((name, value) -> {
            Map<String, Object> typed = new HashMap<>();
            typed.put("value", value);
            variables.put(name, typed);
        });
        int claimed = session.post(ENGINE + "/task/" + task.getId() + "/claim", Map.of("userId", user)).status();
        assertThat(claimed).isEqualTo(204);
        return session.post(ENGINE + "/task/" + task.getId() + "/submit-form", Map.of("variables", variables))
                .status();
    }

    @Test
    void shouldTellTheDeskAndFinanceInTasklistTheContractTheReceiptAndTheBalanceAfterCompleteAndNobodyElse() {
        Started s = started(InstallmentPlan.FULL);
        String price = Money.yuan(s.quote().finalPrice());
        // the family first: the next task is another family's
        String contract = engine.getRuntimeService().getVariable(s.pi().getId(), "customerName") + "（合同 "
                + engine.getRuntimeService().getVariable(s.pi().getId(), "contractNo") + "）：";
        WebappSession desk = WebappSession.login(port, "zhaomin", "demo");
        WebappSession finance = WebappSession.login(port, "fengyu", "demo");

        Task transfer = sales.task(s.pi());
        assertThat(claimAndSubmit(desk, "zhaomin", transfer, desk("BANK_TRANSFER", s.quote().finalPrice(),
                "工行 0012"))).isEqualTo(204);
        assertThat(desk.taskResult(transfer.getId()))
                .isEqualTo(contract + "银行转账 " + price + "，待财务确认到账；确认到账后未付余额 ¥0.00。");
        // finance, another campus's front desk, an unknown task: nothing, alike
        assertThat(finance.taskResult(transfer.getId())).isNull();
        assertThat(WebappSession.login(port, "shenjia", "demo").taskResult(transfer.getId())).isNull();
        assertThat(desk.taskResult("no-such-task")).isNull();

        Task notFound = sales.task(s.pi());
        assertThat(claimAndSubmit(finance, "fengyu", notFound, Map.of("receiptDecision", "REJECT"))).isEqualTo(204);
        assertThat(finance.taskResult(notFound.getId())).isEqualTo(contract + "银行转账 " + price
                + "（凭证号 工行 0012），财务未查到，不计入已缴；未付余额 " + price + "；前台待办已重新生成“收取学费”；"
                + "请告知登记人 赵敏（zhaomin），由其与家长核实。");
        sales.runJobs(s.pi());

        Task tooMuch = sales.task(s.pi());
        assertThat(claimAndSubmit(desk, "zhaomin", tooMuch, desk("CASH", s.quote().finalPrice().add(BigDecimal.ONE),
                null))).isNotEqualTo(204);
        assertThat(desk.taskResult(tooMuch.getId())).as("a refused form tells nothing").isNull();
        Task secondTransfer = sales.task(s.pi());
        assertThat(claimAndSubmit(desk, "zhaomin", secondTransfer, desk("BANK_TRANSFER", s.quote().finalPrice(),
                "工行 0013"))).isEqualTo(204);
        Task found = sales.task(s.pi());
        assertThat(claimAndSubmit(finance, "fengyu", found, Map.of("receiptDecision", "CONFIRM"))).isEqualTo(204);
        String receipt = order(s).payments().get(1).receiptNo();
        assertThat(receipt).matches("SJ-BJ-HD-\\d{4}-\\d{6}");
        assertThat(finance.taskResult(found.getId()))
                .isEqualTo(contract + "银行转账 " + price + "，收据 " + receipt + "；未付余额 ¥0.00。");
        assertThat(desk.taskResult(found.getId())).isNull();
    }

    @Test
    void shouldHandATransferRecordedOutsideTasklistToFinance() {
        Started s = started(InstallmentPlan.FULL);
        // the desk records the transfer through the API (e.g. from its cash register), not through the task
        payments.record(order(s).id(), PaymentMethod.BANK_TRANSFER, s.quote().finalPrice(), "DESK:" + Leads.newPhone(),
                "工行回单 0091", "zhaomin");
        signal.paymentArrived(s.owned().opportunityId());
        sales.runJobs(s.pi());

        Task confirm = sales.task(s.pi());
        assertThat(s.pi()).hasPassed("BoundaryEvent_PaymentReceived", "Gateway_ToFinance");
        assertThat(confirm).hasDefinitionKey("Task_ConfirmReceipt").hasCandidateGroup("finance");
        assertThat(engine.getRuntimeService().getVariable(s.pi().getId(), "paymentSummary").toString())
                .contains("待财务确认");
        leads.completeAs("fengyu", confirm, Map.of("receiptDecision", "CONFIRM"));
        sales.runJobs(s.pi());
        assertThat(s.pi()).hasPassed("EndEvent_Paid").isEnded();
    }

    @Test
    void shouldEndTheDeskTaskWhenTheOnlinePaymentArrivesAndCountDuplicatesOnce() {
        Started s = started(InstallmentPlan.FULL);
        PaymentOrder order = order(s);
        String amount = s.quote().finalPrice().toPlainString();
        var callback = new GatewayCallbacks.Callback("WX20261125001", order.orderNo(), amount, "SUCCESS");
        String sig = signature.sign("WX20261125001", order.orderNo(), amount, "SUCCESS");

        assertThat(callbacks.receive(callback, sig)).isEqualTo(GatewayCallbacks.Result.RECORDED);
        assertThat(callbacks.receive(callback, sig)).isEqualTo(GatewayCallbacks.Result.DUPLICATE);
        assertThat(sales.task(s.pi())).isNull();
        sales.runJobs(s.pi());

        assertThat(s.pi()).hasPassed("BoundaryEvent_PaymentReceived", "EndEvent_Paid").isEnded();
        assertThat(order(s).payments()).hasSize(1);
        assertThat(order(s).confirmed()).isEqualByComparingTo(s.quote().finalPrice());
        // the customer's timeline says the money came, once, as it does for the desk's payments (decision 610)
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = "
                + "'PAYMENT_RECEIVED'").param(s.owned().opportunityId()).query(String.class).list())
                .singleElement().satisfies(d -> assertThat(d).startsWith("线上支付 " + Money.yuan(s.quote().finalPrice())
                        + "（网关交易号 WX20261125001，收据 "));
        // its receipt names no login as 经办人: nobody at the campus handled it
        long paymentId = order(s).payments().get(0).id();
        assertThat(com.enrollflow.testsupport.PdfText.of(receipts.receipt(paymentId))).contains("经办人：线上支付平台自动确认")
                .doesNotContain("gateway");
    }

    @Test
    void shouldKeepMoneyTheGatewayTookTwiceAsOverpaidForARefund() {
        Started s = started(InstallmentPlan.FULL);
        PaymentOrder order = order(s);
        String amount = s.quote().finalPrice().toPlainString();
        for (String txn : new String[] {"WX-TWICE-1", "WX-TWICE-2"}) {
            assertThat(callbacks.receive(new GatewayCallbacks.Callback(txn, order.orderNo(), amount, "SUCCESS"),
                    signature.sign(txn, order.orderNo(), amount, "SUCCESS"))).isEqualTo(GatewayCallbacks.Result.RECORDED);
        }
        sales.runJobs(s.pi());
        assertThat(s.pi()).hasPassed("EndEvent_Paid").isEnded();
        PaymentOrder paid = order(s);
        assertThat(paid.payments()).hasSize(2);
        assertThat(paid.status()).isEqualTo("PAID");
        assertThat(paid.outstanding()).isZero();
        assertThat(paid.overpaid()).isEqualByComparingTo(s.quote().finalPrice());
    }

    @Test
    void shouldCountAPaymentThatArrivesBeforeTheProcessWaitsForIt() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.approvedQuote(o, InstallmentPlan.FULL);
        ProcessInstance pi = sales.start("contractAndPayment", o, Map.of("quoteId", q.id()));
        // contract and order made, the check not yet run: the callback overtakes the process
        var management = engine.getManagementService();
        management.executeJob(management.createJobQuery().processInstanceId(pi.getId()).singleResult().getId());
        assertThat(pi).isWaitingAt("ServiceTask_CheckPaid");
        PaymentOrder order = payments.forOpportunity(o.opportunityId()).get(0);
        String amount = q.finalPrice().toPlainString();
        assertThat(callbacks.receive(new GatewayCallbacks.Callback("ALI-EARLY-1", order.orderNo(), amount, "SUCCESS"),
                signature.sign("ALI-EARLY-1", order.orderNo(), amount, "SUCCESS")))
                .isEqualTo(GatewayCallbacks.Result.RECORDED);

        sales.runJobs(pi);
        assertThat(pi).hasPassed("EndEvent_Paid").hasNotPassed("Task_CollectPayment").isEnded();
    }

    @Test
    void shouldIgnoreAForgedCallback() {
        Started s = started(InstallmentPlan.FULL);
        PaymentOrder order = order(s);
        String amount = s.quote().finalPrice().toPlainString();
        assertThat(callbacks.receive(new GatewayCallbacks.Callback("FAKE-1", order.orderNo(), amount, "SUCCESS"),
                "00" + signature.sign("FAKE-1", order.orderNo(), amount, "SUCCESS").substring(2)))
                .isEqualTo(GatewayCallbacks.Result.REJECTED);
        assertThat(order(s).payments()).isEmpty();
        assertThat(sales.task(s.pi())).hasDefinitionKey("Task_CollectPayment");
    }

    /** The payment window's timer (缴费超时) fires: the owner gets 处理缴费超时. */
    private void paymentWindowCloses(Started s) {
        var management = engine.getManagementService();
        management.executeJob(management.createJobQuery().processInstanceId(s.pi().getId())
                .activityId("BoundaryEvent_PaymentOverdue").singleResult().getId());
    }

    @Test
    void shouldGiveMoreTimeOrCancelTheContractWhenNobodyPays() {
        Started s = started(InstallmentPlan.FULL);
        paymentWindowCloses(s);
        Task timeout = sales.task(s.pi());
        assertThat(timeout).hasDefinitionKey("Task_HandlePaymentTimeout").isAssignedTo("liwei");

        assertThatThrownBy(() -> leads.completeAs("liwei", timeout, Map.of("paymentTimeoutDecision", "EXTEND",
                "newDueDate", "2020-01-01"))).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("新的缴费期限：");
        leads.completeAs("liwei", timeout, Map.of("paymentTimeoutDecision", "EXTEND",
                "newDueDate", LocalDate.now().plusDays(5).toString()));
        sales.runJobs(s.pi());
        assertThat(sales.task(s.pi())).hasDefinitionKey("Task_CollectPayment");

        paymentWindowCloses(s);
        leads.completeAs("liwei", sales.task(s.pi()), Map.of("paymentTimeoutDecision", "CANCEL",
                "cancelReason", "家长决定暂缓报名"));
        assertThat(s.pi()).hasPassed("ServiceTask_CancelContract", "EndEvent_PaymentCancelled").isEnded();
        assertThat(contracts.forQuote(s.quote().id()).orElseThrow().status()).isEqualTo("CANCELLED");
        assertThat(order(s).status()).isEqualTo("CANCELLED");
        assertThat(leads.opportunity(s.owned().opportunityId()).status()).isEqualTo("LOST");
    }

    @Test
    void shouldMoveOnWhenTheFamilyPaysOnlineWhileTheConsultantHandlesTheTimeout() {
        Started s = started(InstallmentPlan.FULL);
        paymentWindowCloses(s);
        assertThat(sales.task(s.pi())).hasDefinitionKey("Task_HandlePaymentTimeout");

        // the family pays online before the consultant decides: the sale goes on by itself (decision 608)
        PaymentOrder order = order(s);
        String amount = s.quote().finalPrice().toPlainString();
        String txn = "WX-LATE-" + order.id();
        assertThat(callbacks.receive(new GatewayCallbacks.Callback(txn, order.orderNo(), amount, "SUCCESS"),
                signature.sign(txn, order.orderNo(), amount, "SUCCESS"))).isEqualTo(GatewayCallbacks.Result.RECORDED);
        sales.runJobs(s.pi());
        assertThat(s.pi()).hasPassed("BoundaryEvent_PaidDuringTimeout", "Gateway_CheckAgain", "EndEvent_Paid")
                .hasNotPassed("ServiceTask_CancelContract").isEnded();
        assertThat(leads.opportunity(s.owned().opportunityId()).status()).isNotEqualTo("LOST");
    }

    @Test
    void shouldCancelTheContractWhenTheFamilyWithdrawsAtTheDesk() {
        Started s = started(InstallmentPlan.FULL);
        assertThatThrownBy(() -> leads.completeAs("zhaomin", sales.task(s.pi()), Map.of("collectOutcome", "WITHDRAWN")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("放弃原因：必填");
        leads.completeAs("zhaomin", sales.task(s.pi()), Map.of("collectOutcome", "WITHDRAWN",
                "cancelReason", "孩子决定去另一家机构"));

        assertThat(s.pi()).hasPassed("Gateway_CollectOutcome", "ServiceTask_CancelContract", "EndEvent_PaymentCancelled")
                .hasNotPassed("ServiceTask_RecordDeskPayment").isEnded();
        assertThat(contracts.forQuote(s.quote().id()).orElseThrow().status()).isEqualTo("CANCELLED");
        assertThat(order(s).payments()).isEmpty();
        assertThat(leads.opportunity(s.owned().opportunityId()).closeReason()).startsWith("放弃报名");
    }

    @Test
    void shouldNotCancelAContractTheFamilyPaidPartOfButEndItOnceTheMoneyCameBack() {
        Started s = started(InstallmentPlan.FULL);
        leads.completeAs("zhaomin", sales.task(s.pi()), desk("CASH", new BigDecimal("2000.00"), null));
        sales.runJobs(s.pi());
        assertThat(sales.task(s.pi())).hasDefinitionKey("Task_CollectPayment");

        assertThatThrownBy(() -> leads.completeAs("zhaomin", sales.task(s.pi()), Map.of("collectOutcome",
                "WITHDRAWN", "cancelReason", "孩子决定去另一家机构"))).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("家长已付 ¥2,000.00（含待财务确认的款项），不能直接作废合同：请先为该合同申请退费");
        assertThat(contracts.forQuote(s.quote().id()).orElseThrow().status()).as("a cancelled contract takes no "
                + "refund: the ¥2,000 would have no way back").isEqualTo("ISSUED");

        // the refund paid everything back (已退费): now 放弃报名 ends the sale and the contract keeps its status
        jdbc.sql("update contract set status = 'REFUNDED' where quote_id = ?").param(s.quote().id()).update();
        leads.completeAs("zhaomin", sales.task(s.pi()), Map.of("collectOutcome", "WITHDRAWN",
                "cancelReason", "已全额退费"));
        assertThat(s.pi()).hasPassed("ServiceTask_CancelContract", "EndEvent_PaymentCancelled").isEnded();
        assertThat(contracts.forQuote(s.quote().id()).orElseThrow().status()).isEqualTo("REFUNDED");
        assertThat(leads.opportunity(s.owned().opportunityId()).closeReason()).startsWith("放弃报名");
    }

    @Test
    void shouldRaiseAnIncidentInsteadOfAContractForAnUnapprovedQuote() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.quote(o, new BigDecimal("3000.00"), InstallmentPlan.FULL);
        ProcessInstance pi = sales.start("contractAndPayment", o, Map.of("quoteId", q.id()));
        var management = engine.getManagementService();
        var job = management.createJobQuery().processInstanceId(pi.getId()).singleResult();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("不能生成合同");
        }
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
        assertThat(contracts.forQuote(q.id())).isEmpty();
        assertThat(payments.forOpportunity(o.opportunityId())).isEmpty();
    }
}
