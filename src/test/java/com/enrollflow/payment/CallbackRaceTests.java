package com.enrollflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.enrollflow.pricing.Quote;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Sales;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The gateway's callback and its duplicates at the same moment (as on two nodes, cluster.TwoNodeClusterTests):
 * one payment, and no error answer although every duplicate also tries to wake the waiting process.
 */
@EnrollFlowTest
class CallbackRaceTests {

    private static final int CALLBACKS = 6;

    @Autowired
    TestRestTemplate http;
    @Autowired
    Sales sales;
    @Autowired
    PaymentService payments;
    @Autowired
    GatewaySignature gateway;
    @Autowired
    ProcessEngine engine;

    @RepeatedTest(3)
    void shouldRecordOnePaymentAndAnswerEveryDuplicateWhenTheyArriveAtOnce() throws Exception {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.approvedQuote(o, InstallmentPlan.FULL);
        sales.runJobs(sales.start("contractAndPayment", o, Map.of("quoteId", q.id())));
        PaymentOrder order = payments.forOpportunity(o.opportunityId()).get(0);
        String amount = order.total().setScale(2).toPlainString();
        String txn = "RACE-" + order.orderNo();
        HttpHeaders signed = new HttpHeaders();
        signed.setContentType(MediaType.APPLICATION_JSON);
        signed.set("X-Gateway-Signature", gateway.sign(txn, order.orderNo(), amount, "SUCCESS"));
        Map<String, String> callback = Map.of("transactionId", txn, "orderNo", order.orderNo(), "amount", amount,
                "status", "SUCCESS", "currency", "CNY");

        ExecutorService pool = Executors.newFixedThreadPool(CALLBACKS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ResponseEntity<JsonNode>>> futures = new ArrayList<>();
        for (int i = 0; i < CALLBACKS; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return http.postForEntity("/api/payments/gateway/callback", new HttpEntity<>(callback, signed),
                        JsonNode.class);
            }));
        }
        start.countDown();
        List<ResponseEntity<JsonNode>> answers = new ArrayList<>();
        for (Future<ResponseEntity<JsonNode>> f : futures) {
            answers.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode().value()).as("%s", a.getBody())
                .isEqualTo(200));
        assertThat(answers.stream().map(a -> a.getBody().get("result").asText()))
                .filteredOn("RECORDED"::equals).hasSize(1);
        assertThat(payments.forOpportunity(o.opportunityId()).get(0).status()).isEqualTo("PAID");
        assertThat(engine.getRuntimeService().createExecutionQuery()
                .processInstanceBusinessKey(String.valueOf(o.opportunityId()))
                .messageEventSubscriptionName("PaymentReceived").count()).isZero();
    }
}
