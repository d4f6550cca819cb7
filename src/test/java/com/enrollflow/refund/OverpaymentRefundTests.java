package com.enrollflow.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.contract.ContractService;
import com.enrollflow.payment.FakeRefundGateway;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentMethod;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.suspension.Suspensions;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.RefundRuns;
import com.enrollflow.testsupport.StartForms;
import com.enrollflow.testsupport.TestRefundGateway;
import com.enrollflow.transfer.Transfers;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 多付款退还: money confirmed beyond what the order asks (a second online payment, a payment after the contract was
 * cancelled) goes back through the refund's approval gate and payout, and nothing else changes: the lessons, the
 * ledger, the sales credit and the contract's status stay as they were.
 */
@EnrollFlowTest
class OverpaymentRefundTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    PaymentService payments;
    @Autowired
    ContractService contracts;
    @Autowired
    Refunds refunds;
    @Autowired
    RefundQuotes quotes;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    Transfers transfers;
    @Autowired
    Suspensions suspensions;

    /** A BJ-HD contract of 60 lessons at ¥12,000 with {@code taught} lessons taught and 3 ahead. */
    private TeachingTestSupport.Schedule contract(int taught) {
        return teaching.contractWithSchedule(taught, taught, 3);
    }

    private PaymentOrder order(TeachingTestSupport.Taught t) {
        return payments.openOrder(t.opportunityId(), t.quoteId(), t.contractId(), "BJ-HD", new BigDecimal("12000.00"),
                InstallmentPlan.TWO, LocalDate.now());
    }

    /** One payment, received {@code daysAgo} days ago so that newest first is well defined. */
    private void pay(PaymentOrder order, PaymentMethod method, String amount, String ref, int daysAgo) {
        payments.record(order.id(), method, new BigDecimal(amount), ref, null, "zhaomin");
        jdbc.sql("update payment set received_at = ? where external_ref = ?")
                .params(OffsetDateTime.now().minusDays(daysAgo), ref).update();
    }

    private ProcessInstance process(Refund r) {
        return RefundRuns.process(engine, leads, r.refundNo());
    }

    private Task task(ProcessInstance pi) {
        return RefundRuns.task(engine, leads, pi);
    }

    private ResponseEntity<JsonNode> post(String user, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").postForEntity("/api/refunds", new HttpEntity<>(body, headers),
                JsonNode.class);
    }

    private int refundsOn(long contractId) {
        return jdbc.sql("select count(*) from refund where contract_id = ?").param(contractId).query(Integer.class)
                .single();
    }

    private String contractStatus(long contractId) {
        return jdbc.sql("select status from contract where id = ?").param(contractId).query(String.class).single();
    }

    /** The fixture's lessons still standing (not cancelled). */
    private long lessonsStanding(TeachingTestSupport.Schedule s) {
        return s.lessons().stream().filter(id -> !"CANCELLED".equals(jdbc.sql("select status from lesson where id = ?")
                .param(id).query(String.class).single())).count();
    }

    @Test
    void shouldPayASecondOnlinePaymentBackThroughTheGatewayAndLeaveLessonsContractAndCreditAsTheyWere()
            throws Exception {
        TeachingTestSupport.Schedule s = contract(2);
        long contractId = s.contract().contractId();
        PaymentOrder order = order(s.contract());
        pay(order, PaymentMethod.CASH, "5000.00", "DESK:overpay-" + contractId, 3);
        pay(order, PaymentMethod.ONLINE, "7000.00", "GW:TX-overpay-a-" + contractId, 2);
        // the family paid the second installment again through the app: the gateway took it, so it is recorded
        pay(order, PaymentMethod.ONLINE, "700.00", "GW:TX-overpay-b-" + contractId, 1);
        long standing = lessonsStanding(s);
        assertThat(standing).as("the fixture's lessons").isEqualTo(5);

        var contract = contracts.find(contractId).orElseThrow();
        assertThat(quotes.quote(contract, RefundReason.OVERPAYMENT).computation().amount())
                .as("the preview: confirmed ¥12,700.00 less the ¥12,000.00 asked").isEqualByComparingTo("700.00");

        // customer service types the reason as staff say it
        Refund r = refunds.request(new Refunds.Request(contractId, null, "多付", "家长重复缴费"), "chenxi");
        assertThat(r.reason()).isEqualTo(RefundReason.OVERPAYMENT);
        assertThat(r.amount()).isEqualByComparingTo("700.00");
        assertThat(r.consumedValue()).as("no lesson is valued").isEqualByComparingTo("0.00");
        assertThat(r.fees()).as("no fee is kept on money never owed").isEqualByComparingTo("0.00");
        assertThat(r.computation()).contains("应收 ¥12,000.00").contains("已确认收款 ¥12,700.00")
                .contains("退费金额 = 已确认收款 − 应收 − 已退还多付款 = ¥700.00").contains("合同继续有效");

        ProcessInstance pi = process(r);
        assertThat(refunds.get(r.id()).requiredLevels())
                .as("¥700.00, 5.8 % of the contract: the supervisor, as every refund")
                .containsExactly("salesSupervisor");
        Task approval = task(pi);
        assertThat(approval.getName()).isEqualTo("审批退费");
        leads.completeAs("sunqiang", approval, Map.of("refundDecision", "APPROVE", "approvalComment", "核实重复缴费"));
        FakeRefundGateway gateway = TestRefundGateway.get();
        int before = gateway.refunds();
        leads.runJobs(pi.getId());

        assertThat(pi).hasPassed("ServiceTask_RefundThroughGateway").isEnded();
        assertThat(gateway.refunds()).as("the second online payment, newest, went back once").isEqualTo(before + 1);
        List<Refund.Payout> paidBack = refunds.payouts(r.id());
        assertThat(paidBack).singleElement().satisfies(p -> {
            assertThat(p.channel()).isEqualTo(PayoutChannel.GATEWAY);
            assertThat(p.amount()).isEqualByComparingTo("700.00");
        });
        Refund paid = refunds.get(r.id());
        assertThat(paid.status()).isEqualTo(RefundStatus.PAID);
        assertThat(contractStatus(contractId)).as("the contract stays in force").isEqualTo("ISSUED");
        assertThat(lessonsStanding(s)).as("no lesson cancelled").isEqualTo(standing);
        assertThat(jdbc.sql("select count(*) from sales_credit_reversal where refund_id = ?").param(r.id())
                .query(Integer.class).single()).as("no credit taken back").isZero();
        assertThat(jdbc.sql("select refunded_value from opportunity where id = ?").param(s.contract().opportunityId())
                .query(BigDecimal.class).single()).as("the funnel's 退费 and 净营收: the sale's value is unchanged")
                .isEqualByComparingTo("0.00");
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = "
                + "'REFUND_PAID'").param(s.contract().opportunityId()).query(String.class).single())
                .contains("多付款退还").contains("合同状态不变");
        byte[] pdf = jdbc.sql("select pdf from refund_document where refund_id = ?").param(r.id()).query(byte[].class)
                .single();
        try (var doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            assertThat(text).contains("多付款退还").contains("已确认收款¥12,700.00").contains("退费金额：¥700.00")
                    .as("no lesson table for money that was never the lessons'").doesNotContain("已消课时价值")
                    .as("and no lesson ends").doesNotContain("全部作废").contains("课时和课程安排不变");
        }

        assertThatThrownBy(() -> refunds.request(new Refunds.Request(contractId, null, "OVERPAYMENT", null),
                "chenxi")).isInstanceOf(ConflictException.class).hasMessageContaining("没有多付的款项")
                .hasMessageContaining("已退还多付款 ¥700.00");
        // a refund of the lessons afterwards counts what the family paid and kept: ¥12,000.00
        assertThat(quotes.quote(contract, RefundReason.PERSONAL).computation().paid()).isEqualByComparingTo("12000.00");
    }

    @Test
    void shouldReturnEverythingAnOnlinePaymentBroughtAfterTheContractWasCancelled() {
        TeachingTestSupport.Schedule s = contract(0);
        long contractId = s.contract().contractId();
        PaymentOrder order = order(s.contract());
        contracts.cancel(contractId, "家长放弃报名", "liwei");
        payments.cancel(order.id());
        // the family paid from an old payment link: the gateway took the money, so it is recorded
        pay(order, PaymentMethod.ONLINE, "12000.00", "GW:TX-late-" + contractId, 0);

        assertThatThrownBy(() -> refunds.request(new Refunds.Request(contractId, null, "个人原因", null), "chenxi"))
                .as("a refund of the lessons needs a contract in force").isInstanceOf(ConflictException.class);
        ResponseEntity<JsonNode> asked = post("chenxi", Map.of("contractId", contractId, "reason", "OVERPAYMENT",
                "note", "合同已作废后付款"));
        assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Refund r = refunds.get(jdbc.sql("select id from refund where contract_id = ?").param(contractId)
                .query(Long.class).single());
        assertThat(r.amount()).as("all of it: nothing is owed on a cancelled contract")
                .isEqualByComparingTo("12000.00");
        assertThat(r.computation()).contains("已作废").contains("已确认收款 ¥12,000.00");

        ProcessInstance pi = process(r);
        assertThat(refunds.get(r.id()).requiredLevels())
                .as("over ¥10,000.00: up to head office's finance manager, as the policy table says")
                .containsExactly("salesSupervisor", "campusDirector", "financeManager");
        leads.completeAs("sunqiang", task(pi), Map.of("refundDecision", "APPROVE", "approvalComment", "同意"));
        leads.completeAs("zhouhua", task(pi), Map.of("refundDecision", "APPROVE", "approvalComment", "同意"));
        leads.completeAs("heyun", task(pi), Map.of("refundDecision", "APPROVE", "approvalComment", "同意"));
        leads.runJobs(pi.getId());
        assertThat(pi).isEnded();
        assertThat(refunds.get(r.id()).status()).isEqualTo(RefundStatus.PAID);
        assertThat(contractStatus(contractId)).isEqualTo("CANCELLED");
    }

    /**
     * A family refunded for moving away (¥11,600 back of ¥12,000, two lessons taught) later pays ¥6,000 from an old
     * payment link: the refund kept nothing of it, so all of it comes back, and the contract stays 部分退费.
     */
    @Test
    void shouldReturnAPaymentThatArrivedAfterTheContractWasRefunded() {
        TeachingTestSupport.Schedule s = contract(2);
        long contractId = s.contract().contractId();
        PaymentOrder order = order(s.contract());
        pay(order, PaymentMethod.CASH, "12000.00", "DESK:refunded-" + contractId, 3);
        String lessons = refunds.request(new Refunds.Request(contractId, null, "RELOCATION", "全家搬去外地"), "chenxi")
                .refundNo();
        assertThat(RefundRuns.throughToTheEnd(engine, leads, lessons)).isEnded();
        assertThat(contractStatus(contractId)).isEqualTo("PARTIALLY_REFUNDED");
        assertThatThrownBy(() -> refunds.request(new Refunds.Request(contractId, null, "OVERPAYMENT", null), "chenxi"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("没有多付的款项：合同已部分退费")
                .hasMessageContaining("已确认收款 ¥12,000.00，退费已退 ¥11,600.00，退费时扣除（已消课时价值、手续费）¥400.00");

        pay(order, PaymentMethod.ONLINE, "6000.00", "GW:TX-after-refund-" + contractId, 0);
        Refund back = refunds.request(new Refunds.Request(contractId, null, "OVERPAYMENT", "退费后又在 App 里付了款"),
                "chenxi");
        assertThat(back.amount()).isEqualByComparingTo("6000.00");
        assertThat(back.computation()).contains("退费金额 = 已确认收款 − 退费已退 − 退费时扣除 − 已退还多付款 = ¥6,000.00")
                .contains("合同状态不变（部分退费）");
        assertThat(RefundRuns.throughToTheEnd(engine, leads, back.refundNo())).hasPassed(
                "ServiceTask_RefundThroughGateway").isEnded();
        assertThat(refunds.get(back.id()).status()).isEqualTo(RefundStatus.PAID);
        assertThat(contractStatus(contractId)).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(quotes.surplus(contracts.find(contractId).orElseThrow()).amount()).isEqualByComparingTo("0.00");
    }

    /**
     * A family paying in installments had taught more than it paid when it left (¥8,000 of lessons against ¥6,000
     * paid: nothing came back, ¥2,000 short). Its second installment arriving afterwards first covers that shortfall;
     * only the rest, ¥4,000, is owed back.
     */
    @Test
    void shouldKeepTheShortfallOfARefundFromAPaymentThatArrivedAfterIt() {
        TeachingTestSupport.Schedule s = contract(0);
        long contractId = s.contract().contractId();
        teaching.leaveOnly(contractId, 20); // 40 of 60 lessons taught: ¥8,000
        PaymentOrder order = order(s.contract());
        pay(order, PaymentMethod.CASH, "6000.00", "DESK:short-" + contractId, 3);
        Refund lessons = refunds.request(new Refunds.Request(contractId, null, "PERSONAL", "不再学习"), "chenxi");
        assertThat(lessons.amount()).isEqualByComparingTo("0.00");
        assertThat(lessons.shortfall()).isEqualByComparingTo("2000.00");
        assertThat(RefundRuns.throughToTheEnd(engine, leads, lessons.refundNo())).isEnded();

        pay(order, PaymentMethod.ONLINE, "6000.00", "GW:TX-short-" + contractId, 0);
        Refund back = refunds.request(new Refunds.Request(contractId, null, "OVERPAYMENT", null), "chenxi");
        assertThat(back.amount()).isEqualByComparingTo("4000.00");
        assertThat(back.computation()).contains("已确认收款 ¥12,000.00，退费已退 ¥0.00，退费时扣除（已消课时价值、手续费）¥8,000.00");
    }

    /**
     * While a double payment is being returned, a transfer waits (it counts the money paid), and a suspension goes on:
     * the overpayment ends nothing.
     */
    @Test
    void shouldHoldATransferButNotASuspensionWhileAnOverpaymentIsReturned() {
        TeachingTestSupport.Schedule s = contract(0);
        long contractId = s.contract().contractId();
        PaymentOrder order = order(s.contract());
        pay(order, PaymentMethod.CASH, "12000.00", "DESK:busy-" + contractId, 1);
        pay(order, PaymentMethod.ONLINE, "300.00", "GW:TX-busy-" + contractId, 0);
        Refund back = refunds.request(new Refunds.Request(contractId, null, "OVERPAYMENT", null), "chenxi");

        assertThatThrownBy(() -> transfers.request(contractId, new Transfers.Request("PHYSICS", "STANDARD", "换物理",
                null), "wuting")).isInstanceOf(ConflictException.class).hasMessage("合同 " + numberOf(contractId)
                        + " 有进行中的多付款退还 " + back.refundNo() + "（" + back.status().label() + "），退还完成后才能转课");
        LocalDate tomorrow = LocalDate.now(com.enrollflow.reference.BusinessTime.ZONE).plusDays(1);
        assertThat(suspensions.suspend(contractId, new Suspensions.Request(tomorrow.toString(),
                tomorrow.plusDays(14).toString(), "学生住院"), "zhaomin")).isNotNull();
    }

    private String numberOf(long contractId) {
        return jdbc.sql("select number from contract where id = ?").param(contractId).query(String.class).single();
    }

    @Test
    void shouldRefuseAnOverpaymentRequestThatIsWrongByFieldOrHasNothingToReturnAndStoreNothing() {
        TeachingTestSupport.Schedule s = contract(0);
        long contractId = s.contract().contractId();
        PaymentOrder order = order(s.contract());
        pay(order, PaymentMethod.CASH, "6000.00", "DESK:exact-" + contractId, 1);

        assertThatThrownBy(() -> refunds.request(new Refunds.Request(contractId, null, "OVERPAYMENT", null, true),
                "chenxi")).isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.getMessage()).contains("withdrawal").contains("不能同时退学"));
        ResponseEntity<JsonNode> nothing = post("chenxi", Map.of("contractId", contractId, "reason", "多付款退还"));
        assertThat(nothing.getStatusCode()).as("paid ¥6,000.00 of ¥12,000.00").isEqualTo(HttpStatus.CONFLICT);
        assertThat(nothing.getBody().toString()).contains("没有多付的款项").contains("应收 ¥12,000.00")
                .contains("已确认收款 ¥6,000.00");
        ResponseEntity<JsonNode> preview = http.withBasicAuth("chenxi", "demo").getForEntity("/api/contracts/"
                + contractId + "/refund-preview?reason=OVERPAYMENT", JsonNode.class);
        assertThat(preview.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        pay(order, PaymentMethod.ONLINE, "6500.00", "GW:TX-over-" + contractId, 0);
        assertThat(post("taoran", Map.of("contractId", contractId, "reason", "OVERPAYMENT")).getStatusCode())
                .as("customer service of another campus").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("liwei", Map.of("contractId", contractId, "reason", "OVERPAYMENT")).getStatusCode())
                .as("a consultant takes no refund requests").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("fengyu", Map.of("contractId", contractId, "reason", "OVERPAYMENT")).getStatusCode())
                .as("finance pays refunds out and does not ask for them").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refundsOn(contractId)).as("nothing stored").isZero();
        ResponseEntity<JsonNode> asked = post("zhaomin", Map.of("contractId", contractId, "reason", "OVERPAYMENT"));
        assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(asked.getBody().get("amount").decimalValue()).isEqualByComparingTo("500.00");
    }

    @Test
    void shouldTakeAnOverpaymentFromTheTasklistStartFormAndNameTheWithdrawalFieldWhenItIsTicked() {
        TeachingTestSupport.Schedule s = contract(0);
        long contractId = s.contract().contractId();
        PaymentOrder order = order(s.contract());
        pay(order, PaymentMethod.CASH, "6000.00", "DESK:form-" + contractId, 2);
        pay(order, PaymentMethod.ONLINE, "6000.00", "GW:TX-form-a-" + contractId, 1);
        pay(order, PaymentMethod.ONLINE, "6000.00", "GW:TX-form-b-" + contractId, 0);
        String number = numberOf(contractId);

        Map<String, Object> ticked = new java.util.HashMap<>(Map.of("contract", number, "reason", "OVERPAYMENT",
                "withdrawal", true));
        ResponseEntity<JsonNode> refused = StartForms.submit(http, "zhaomin", "refundRequest", ticked);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().path("message").asText())
                .isEqualTo("提交内容有误：退学（学员不再上课，结束排课）：退还多付款时学员照常上课，不能同时退学；要退学请选择其他退费原因");
        assertThat(refundsOn(contractId)).as("nothing stored").isZero();

        Map<String, Object> form = new java.util.HashMap<>(Map.of("contract", number, "reason", "OVERPAYMENT",
                "withdrawal", false, "note", "第二期在 App 里又付了一次"));
        assertThat(StartForms.submit(http, "zhaomin", "refundRequest", form).getStatusCode().is2xxSuccessful())
                .isTrue();
        List<Refund> made = refunds.forContract(contractId);
        assertThat(made).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RefundReason.OVERPAYMENT);
            assertThat(r.amount()).isEqualByComparingTo("6000.00");
            assertThat(r.requestedBy()).isEqualTo("zhaomin");
            assertThat(r.withdrawal()).isFalse();
        });
    }
}
