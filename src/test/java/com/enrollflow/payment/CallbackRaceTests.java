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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

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
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

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

    /**
     * The window the order's lock leaves on H2 (decision 549), made certain: another request has inserted the same
     * gateway transaction and not committed yet when this one checks. On H2 this one's insert then waits on the unique
     * key and is refused once the other commits; on PostgreSQL the other insert's foreign key already holds the order
     * row, so this one waits at the order's lock and then finds the payment. Either way the answer is the other's
     * payment, as a duplicate, not an error, and the order has one payment.
     */
    @Test
    void shouldAnswerThePaymentAnotherRequestRecordedBetweenTheCheckAndTheInsert() throws Exception {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.approvedQuote(o, InstallmentPlan.FULL);
        sales.runJobs(sales.start("contractAndPayment", o, Map.of("quoteId", q.id())));
        PaymentOrder order = payments.forOpportunity(o.opportunityId()).get(0);
        String ref = GatewayCallbacks.GATEWAY_REF + "WINDOW-" + order.orderNo();
        TransactionTemplate other = new TransactionTemplate(transactions);
        other.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        CountDownLatch inserted = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> first = pool.submit(() -> other.executeWithoutResult(tx -> {
            jdbc.sql("insert into payment (order_id, method, amount, status, external_ref, recorded_by, received_at) "
                    + "values (?, 'ONLINE', ?, 'PENDING', ?, 'gateway', current_timestamp)")
                    .params(order.id(), order.total(), ref).update();
            inserted.countDown();
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
            PaymentService.Recorded r = payments.record(order.id(), PaymentMethod.ONLINE, order.total(), ref,
                    "网关交易号 WINDOW", "gateway");
            first.get(30, TimeUnit.SECONDS);

            assertThat(r.duplicate()).as("answered as the other request's payment").isTrue();
            assertThat(jdbc.sql("select count(*) from payment where order_id = ?").param(order.id())
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(r.paymentId()).isEqualTo(jdbc.sql("select id from payment where external_ref = ?").param(ref)
                    .query(Long.class).single());
        } finally {
            pool.shutdownNow();
        }
    }
}
