package com.enrollflow.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.enrollflow.pricing.Quote;
import com.enrollflow.testsupport.Concurrently;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.PdfText;
import com.enrollflow.testsupport.Sales;
import com.fasterxml.jackson.databind.JsonNode;

/** Desk payments outside Tasklist (a later installment), finance confirmation and receipts, through HTTP. */
@EnrollFlowTest
class PaymentApiTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    Sales sales;
    @Autowired
    PaymentService payments;
    @Autowired
    ProcessEngine engine;

    /** 收取学费, where a transfer finance did not find goes back to. */
    private static final String DESK_TASK = "Task_CollectPayment";

    private PaymentOrder openOrder() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.approvedQuote(o, InstallmentPlan.TWO);
        sales.runJobs(sales.start("contractAndPayment", o, Map.of("quoteId", q.id())));
        return payments.forOpportunity(o.opportunityId()).get(0);
    }

    private ResponseEntity<JsonNode> pay(String user, String orderNo, String key, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            headers.set("Idempotency-Key", key);
        }
        return http.withBasicAuth(user, "demo").exchange("/api/payment-orders/" + orderNo + "/payments",
                HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    @Test
    void shouldRecordADeskPaymentOnceAndHandOutItsReceipt() {
        PaymentOrder order = openOrder();
        String key = "desk-" + Leads.newPhone();
        Map<String, Object> cash = Map.of("method", "CASH", "amount", 1000.00);

        ResponseEntity<JsonNode> first = pay("zhaomin", order.orderNo(), key, cash);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<JsonNode> retried = pay("zhaomin", order.orderNo(), key, cash);
        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retried.getBody().get("paymentId")).isEqualTo(first.getBody().get("paymentId"));
        assertThat(payments.get(order.id()).payments()).hasSize(1);
        // the order as the desk and finance read it: what came in, what is still owed, what was paid too much
        JsonNode read = http.withBasicAuth("zhaomin", "demo").getForObject("/api/payment-orders/" + order.orderNo(),
                JsonNode.class);
        assertThat(read.get("confirmed").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(read.get("pending").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(read.get("outstanding").decimalValue()).isEqualByComparingTo(order.total().subtract(
                new java.math.BigDecimal("1000.00")));
        assertThat(read.get("overpaid").decimalValue()).isEqualByComparingTo("0.00");

        long paymentId = first.getBody().get("paymentId").asLong();
        String receiptNo = first.getBody().get("receiptNo").asText();
        ResponseEntity<byte[]> receipt = http.withBasicAuth("fengyu", "demo")
                .getForEntity("/api/payments/" + paymentId + "/receipt", byte[].class);
        assertThat(receipt.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(receipt.getHeaders().getContentDisposition().getFilename()).isEqualTo(receiptNo + ".pdf");
        assertThat(PdfText.of(receipt.getBody())).contains("收据", "收据编号：" + receiptNo, "交款人：王小明",
                "金额：¥1,000.00", "付款方式：现金", order.orderNo(), "经办人：赵敏")
                .as("the family's receipt names the staff member, not a login").doesNotContain("zhaomin");
        assertThat(http.withBasicAuth("zhengkai", "demo").getForEntity("/api/payments/" + paymentId + "/receipt",
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void shouldRefuseAKeyAlreadyUsedForAnotherPaymentInsteadOfLeavingThisOneUnrecorded() {
        PaymentOrder first = openOrder();
        PaymentOrder second = openOrder();
        String key = "1"; // a desk client that numbers its requests from 1 each day
        ResponseEntity<JsonNode> taken = pay("zhaomin", first.orderNo(), key, Map.of("method", "CASH", "amount", 800));
        assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<JsonNode> other = pay("zhaomin", second.orderNo(), key, Map.of("method", "CASH", "amount", 800));
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(other.getBody().toString()).contains("Idempotency-Key 已用于另一笔收款", "本次未收款")
                .doesNotContain(taken.getBody().get("receiptNo").asText());
        ResponseEntity<JsonNode> more = pay("zhaomin", first.orderNo(), key, Map.of("method", "CASH", "amount", 200));
        assertThat(more.getStatusCode()).as("the same order, another amount")
                .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(payments.get(second.id()).payments()).isEmpty();
        assertThat(payments.get(first.id()).payments()).hasSize(1);
    }

    @Test
    void shouldNameEachBadFieldAndStoreNothing() {
        PaymentOrder order = openOrder();
        assertThat(pay("zhaomin", order.orderNo(), null, Map.of("method", "CASH", "amount", 10)).getBody().toString())
                .contains("Idempotency-Key");
        assertThat(pay("zhaomin", order.orderNo(), "k-" + Leads.newPhone(), Map.of("method", "ONLINE", "amount", 10))
                .getBody().toString()).contains("method");
        ResponseEntity<JsonNode> tooMuch = pay("zhaomin", order.orderNo(), "k-" + Leads.newPhone(),
                Map.of("method", "CARD", "amount", 999999));
        assertThat(tooMuch.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooMuch.getBody().toString()).as("the request's own field").contains("amount")
                .doesNotContain("paymentAmount");
        ResponseEntity<JsonNode> noReference = pay("zhaomin", order.orderNo(), "k-" + Leads.newPhone(),
                Map.of("method", "BANK_TRANSFER", "amount", 500));
        assertThat(noReference.getStatusCode()).as("finance finds a transfer by its reference")
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReference.getBody().toString()).contains("reference");
        assertThat(pay("liwei", order.orderNo(), "k-" + Leads.newPhone(), Map.of("method", "CASH", "amount", 10))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(payments.get(order.id()).payments()).isEmpty();
    }

    @Test
    void shouldDescribeThePaymentEndpointsInTheApiDocument() {
        JsonNode paths = http.getForObject("/v3/api-docs", JsonNode.class).get("paths");
        assertThat(paths.has("/api/payments/gateway/callback")).isTrue();
        assertThat(paths.at("/~1api~1payment-orders~1{orderNo}~1payments/post/summary").asText()).contains("前台收款");
    }

    @Test
    void shouldIssueTheReceiptOfATransferOnlyOnceFinanceConfirmedIt() {
        PaymentOrder order = openOrder();
        long paymentId = pay("zhaomin", order.orderNo(), "t-" + Leads.newPhone(), Map.of("method", "BANK_TRANSFER",
                "amount", 500.00, "reference", "招行 8812")).getBody().get("paymentId").asLong();
        assertThat(http.withBasicAuth("zhaomin", "demo").getForEntity("/api/payments/" + paymentId + "/receipt",
                String.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(http.withBasicAuth("zhaomin", "demo").postForEntity("/api/payments/" + paymentId + "/confirmation",
                Map.of("received", true), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        JsonNode confirmed = http.withBasicAuth("fengyu", "demo").postForObject("/api/payments/" + paymentId
                + "/confirmation", Map.of("received", true), JsonNode.class);
        assertThat(confirmed.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(http.withBasicAuth("zhaomin", "demo").getForEntity("/api/payments/" + paymentId + "/receipt",
                byte[].class).getStatusCode()).isEqualTo(HttpStatus.OK);
        // the same decision again is a retry; the other one would undo what finance decided
        assertThat(http.withBasicAuth("fengyu", "demo").postForEntity("/api/payments/" + paymentId + "/confirmation",
                Map.of("received", true), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> undo = http.withBasicAuth("fengyu", "demo").postForEntity("/api/payments/"
                + paymentId + "/confirmation", Map.of("received", false), JsonNode.class);
        assertThat(undo.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(undo.getBody().toString()).contains("这笔款项已确认到账，不能再驳回");
        assertThat(payments.get(order.id()).confirmed()).isEqualByComparingTo("500.00");
    }

    /**
     * Two finance staff, or a client's retry, confirming the same transfer at the same moment: one confirmation and
     * one receipt number; the others are answered with it as repeats, not as confirmations of their own.
     */
    @Test
    void shouldConfirmATransferOnceWhenFinanceConfirmsItSeveralTimesAtOnce() throws Exception {
        PaymentOrder order = openOrder();
        long paymentId = pay("zhaomin", order.orderNo(), "t-" + Leads.newPhone(), Map.of("method", "BANK_TRANSFER",
                "amount", 500.00, "reference", "建行 " + Leads.newPhone())).getBody().get("paymentId").asLong();

        List<ResponseEntity<JsonNode>> answers = Concurrently.run(Concurrently.times(4, () -> http
                .withBasicAuth("fengyu", "demo").postForEntity("/api/payments/" + paymentId + "/confirmation",
                        Map.of("received", true), JsonNode.class)));

        assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode()).as(String.valueOf(a.getBody()))
                .isEqualTo(HttpStatus.OK));
        assertThat(answers).filteredOn(a -> !a.getBody().get("duplicate").asBoolean()).as("confirmed once")
                .hasSize(1);
        String receipt = payments.get(order.id()).payment(paymentId).orElseThrow().receiptNo();
        assertThat(answers).extracting(a -> a.getBody().get("receiptNo").asText()).containsOnly(receipt);
        assertThat(payments.get(order.id()).confirmed()).isEqualByComparingTo("500.00");
    }

    @Test
    void shouldMoveTheSaleOnWhenFinanceConfirmsThroughTheApiATransferTheDeskRecordedInTasklist() {
        Sales.WaitingTransfer t = sales.transferWaitingForFinance("工行 " + Leads.newPhone());
        String taskId = sales.task(t.pi()).getId();

        JsonNode confirmed = decideAsFinance(t, true);

        assertThat(confirmed.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.get("receiptNo").asText()).isEqualTo(sales.payment(t).receiptNo()).isNotBlank();
        // 确认到账 is done, not left open for finance to do again in Tasklist, and the sale goes on
        assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).isZero();
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).singleResult()
                .getAssignee()).isEqualTo("fengyu");
        sales.runJobs(t.pi());
        assertThat(t.pi()).hasPassed("ServiceTask_RecordConfirmation", "EndEvent_Paid");
        // a retry answers as the first did
        assertThat(decideAsFinance(t, true).get("receiptNo").asText()).isEqualTo(confirmed.get("receiptNo").asText());
    }

    @Test
    void shouldSendTheTransferBackToTheDeskWhenFinanceRejectsItThroughTheApi() {
        Sales.WaitingTransfer t = sales.transferWaitingForFinance("工行 " + Leads.newPhone());
        String taskId = sales.task(t.pi()).getId();

        JsonNode rejected = decideAsFinance(t, false);

        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).isZero();
        sales.runJobs(t.pi());
        // as after 未到账 in Tasklist: the desk takes the payment again
        assertThat(sales.task(t.pi()).getTaskDefinitionKey()).isEqualTo(DESK_TASK);
    }

    /** 冯雨 (finance) decides the transfer through the API: received or not. */
    private JsonNode decideAsFinance(Sales.WaitingTransfer t, boolean received) {
        return http.withBasicAuth("fengyu", "demo").postForObject("/api/payments/" + t.paymentId() + "/confirmation",
                Map.of("received", received), JsonNode.class);
    }
}
