package com.enrollflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.contract.Contract;
import com.enrollflow.teaching.ClassFixtures;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.StartForms;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 收取分期款 (decision 578): the front desk takes a later installment in Tasklist with the contract as typed; cash is
 * receipted at once, a bank transfer waits for finance's 确认到账 in the contract's campus; too much, an online
 * payment, a foreign contract or a double click store nothing.
 */
@EnrollFlowTest
class InstallmentCollectionTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ClassFixtures classes;
    @Autowired
    PaymentService payments;
    @Autowired
    Leads leads;
    @LocalServerPort
    int port;

    /** A ¥1,600.00 class in two installments of ¥800.00, the first paid at the desk. */
    private Contract firstPaid(String name) {
        Contract c = classes.student("BJ-HD", classes.newClass("BJ-HD", 16), name);
        PaymentOrder order = payments.openOrder(c.opportunityId(), c.quoteId(), c.id(), "BJ-HD",
                new BigDecimal("1600.00"), InstallmentPlan.TWO, LocalDate.now());
        payments.record(order.id(), PaymentMethod.CARD, new BigDecimal("800.00"), "DESK:first-" + c.id(), null,
                "zhaomin");
        return c;
    }

    private ResponseEntity<JsonNode> collect(String user, String contract, String method, String amount,
            String reference) {
        Map<String, Object> form = new HashMap<>();
        form.put("contract", contract);
        form.put("paymentMethod", method);
        form.put("paymentAmount", amount);
        form.put("paymentReference", reference);
        return StartForms.submit(http, user, "installmentCollection", form);
    }

    private PaymentOrder order(Contract c) {
        return payments.forContract(c.id()).orElseThrow();
    }

    private int payments(Contract c) {
        return order(c).payments().size();
    }

    @Test
    void shouldTakeTheSecondInstallmentInCashAndReceiptItAtOnce() {
        Contract c = firstPaid("刘二期");

        ResponseEntity<JsonNode> taken = collect("zhaomin", c.number(), "CASH", null, null);

        assertThat(taken.getStatusCode()).as(String.valueOf(taken.getBody())).isEqualTo(HttpStatus.OK);
        PaymentOrder after = order(c);
        assertThat(after.status()).as("both installments paid").isEqualTo("PAID");
        assertThat(after.payments()).hasSize(2);
        PaymentOrder.Payment second = after.payments().get(1);
        assertThat(second.amount()).as("what was due: the second installment").isEqualByComparingTo("800.00");
        assertThat(second.status()).isEqualTo("CONFIRMED");
        assertThat(second.receiptNo()).startsWith("SJ-BJ-HD-");
        HistoricProcessInstance pi = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(taken.getBody().get("id").asText()).singleResult();
        assertThat(pi.getTenantId()).as("the contract's campus").isEqualTo("BJHD");
        assertThat(pi.getBusinessKey()).isEqualTo(String.valueOf(c.opportunityId()));
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("collectionSummary").singleResult().getValue().toString())
                .contains("现金 ¥800.00").contains("收据 " + second.receiptNo()).contains("未付余额 ¥0.00");
    }

    @Test
    void shouldLetFinanceOfTheCampusConfirmABankTransfer() {
        Contract c = firstPaid("陈转账");
        ResponseEntity<JsonNode> noReference = collect("zhaomin", c.number(), "BANK_TRANSFER", "800", null);
        assertThat(noReference.getBody().path("message").asText()).contains("交易流水号/转账凭证号：必填");

        ResponseEntity<JsonNode> taken = collect("zhaomin", c.number(), "BANK_TRANSFER", "800", "工行 HX20261205-07");

        assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(order(c).pending()).isEqualByComparingTo("800.00");
        Task confirm = engine.getTaskService().createTaskQuery().processInstanceId(taken.getBody().get("id").asText())
                .singleResult();
        assertThat(confirm.getName()).isEqualTo("确认到账");
        assertThat(confirm.getTenantId()).isEqualTo("BJHD");
        assertThat(confirm.getDueDate()).isCloseTo(new java.util.Date(confirm.getCreateTime().getTime()
                + 48 * 3_600_000L), 60_000);
        assertThat(engine.getTaskService().createTaskQuery().taskId(confirm.getId()).taskCandidateGroup("finance")
                .count()).isOne();
        assertThat((String) engine.getTaskService().getVariable(confirm.getId(), "pendingPaymentText"))
                .contains("银行转账 ¥800.00，凭证号 工行 HX20261205-07");
        leads.completeAs("fengyu", confirm, Map.of("receiptDecision", "CONFIRM"));

        PaymentOrder after = order(c);
        assertThat(after.status()).isEqualTo("PAID");
        assertThat(after.payments().get(1).status()).isEqualTo("CONFIRMED");
        assertThat(after.payments().get(1).receiptNo()).startsWith("SJ-BJ-HD-");
        assertThat(jdbc.sql("select count(*) from timeline_event where opportunity_id = ? and event_type = "
                + "'PAYMENT_RECEIVED' and detail = '财务确认到账'").param(c.opportunityId()).query(Integer.class)
                .single()).isOne();
    }

    @Test
    void shouldTellFinanceTheBalanceLeftCountingOnlyConfirmedMoneyWhileAnotherTransferWaits() {
        Contract c = firstPaid("郑两笔");
        ResponseEntity<JsonNode> first = collect("zhaomin", c.number(), "BANK_TRANSFER", "500", "工行 A-01");
        ResponseEntity<JsonNode> second = collect("zhaomin", c.number(), "BANK_TRANSFER", "300", "工行 B-02");
        // the desk's notice after 启动 of the second: the balance if both arrive
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(second.getBody().get("id").asText()).variableName("startResult").singleResult()
                .getValue()).isEqualTo("郑两笔（合同 " + c.number() + "）：银行转账 ¥300.00，待财务确认到账；"
                        + "待确认的款项全部到账后未付余额 ¥0.00。");
        // nothing more may be taken while both wait: the desk is told why the balance is nothing
        assertThat(collect("zhaomin", c.number(), "CASH", "100", null).getBody().path("message").asText())
                .isEqualTo("提交内容有误：实收金额：不能超过应收 ¥0.00（另有 ¥800.00 待财务确认到账）");
        Task confirm = engine.getTaskService().createTaskQuery().processInstanceId(first.getBody().get("id").asText())
                .singleResult();
        leads.completeAs("fengyu", confirm, Map.of("receiptDecision", "REJECT"));

        // ¥800.00 unpaid, of which the ¥300.00 transfer may still cover some: not ¥500.00 as if it had arrived
        assertThat(WebappSession.login(port, "fengyu", "demo").taskResult(confirm.getId())).isEqualTo("郑两笔（合同 "
                + c.number() + "）：银行转账 ¥500.00（凭证号 工行 A-01），财务未查到，不计入已缴；未付余额 ¥800.00（其中 ¥300.00 "
                + "待财务确认）；请告知登记人 赵敏（zhaomin），由其与家长核实后重新登记。");
        assertThat(order(c).outstanding()).isEqualByComparingTo("800.00");
        assertThat(order(c).pending()).isEqualByComparingTo("300.00");
    }

    @Test
    void shouldRefuseTooMuchOnlineForeignAndDoubleSubmissionsAndStoreNothing() {
        Contract c = firstPaid("王拒收");

        assertThat(collect("zhaomin", c.number(), "CASH", "900", null).getBody().path("message").asText())
                .startsWith("提交内容有误：实收金额：").contains("¥800.00");
        assertThat(collect("zhaomin", c.number(), "ONLINE", "100", null).getBody().path("message").asText())
                .contains("线上支付由支付平台回调自动入账");
        assertThat(collect("zhaomin", "BJ-HD-2026-99999", "CASH", "100", null).getBody().path("message").asText())
                .isEqualTo("提交内容有误：合同编号或家长手机号：您负责的校区中没有合同 BJ-HD-2026-99999");
        assertThat(collect("shenjia", c.number(), "CASH", "100", null).getBody().path("message").asText())
                .as("the front desk of 上海浦东").contains("您负责的校区中没有合同");
        assertThat(collect("fengyu", c.number(), "CASH", "100", null).getStatusCode()).as("finance does not take money")
                .isEqualTo(HttpStatus.FORBIDDEN);
        Contract unpaid = classes.student("BJ-HD", classes.newClass("BJ-HD", 16), "赵未首付");
        payments.openOrder(unpaid.opportunityId(), unpaid.quoteId(), unpaid.id(), "BJ-HD", new BigDecimal("1600.00"),
                InstallmentPlan.TWO, LocalDate.now());
        assertThat(collect("zhaomin", unpaid.number(), "CASH", null, null).getBody().path("message").asText())
                .as("the first payment is the sale's own task").contains("还没有首付：请在前台待办的“收取学费”任务中收取");
        assertThat(payments(unpaid)).isZero();
        assertThat(payments(c)).isOne();

        assertThat(collect("zhaomin", c.number(), "CASH", "300", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> again = collect("zhaomin", c.number(), "CASH", "300", null);
        assertThat(again.getBody().path("message").asText()).contains("您刚刚已登记同一笔收款（现金 ¥300.00");
        assertThat(payments(c)).as("a double click takes nothing twice").isEqualTo(2);
        assertThat(order(c).openBalance()).isEqualByComparingTo("500.00");
    }
}
