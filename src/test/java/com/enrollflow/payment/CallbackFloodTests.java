package com.enrollflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.pricing.Quote;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Sales;

/**
 * Security checklist item 7: a flood of forged gateway callbacks from one address gets 429 after a burst and leaves
 * the audit at a counter row per hour, while the same address's validly signed callback still records the payment.
 * The floods come from 127.0.0.2 and .3 (loopback addresses of their own), so other tests' callbacks are not throttled.
 */
@EnrollFlowTest
class CallbackFloodTests {

    private static final String FLOODER = "127.0.0.2";
    /** Another address for the second test, so the order of the tests does not matter. */
    private static final String THROTTLED_GATEWAY = "127.0.0.3";
    private static final int FORGED = 3000;
    /** A third, for the replay of a valid callback. */
    private static final String REPLAYER = "127.0.0.4";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Sales sales;
    @Autowired
    PaymentService payments;
    @Autowired
    GatewaySignature gateway;
    @LocalServerPort
    int port;

    @Test
    void shouldThrottleAFloodOfForgedCallbacksAndKeepTheAuditBounded() throws IOException {
        long callbackRows = count("payment_callback");
        long counterRows = count("payment_callback_rejection");
        long counted = countedRejections();

        int rejected = 0;
        int throttled = 0;
        for (int i = 0; i < FORGED; i++) {
            String forged = "{\"transactionId\":\"FORGED-" + i + "\",\"orderNo\":\"NO-SUCH-ORDER\",\"amount\":\"1.00\","
                    + "\"status\":\"SUCCESS\"}";
            int status = post(FLOODER, forged, i % 3 == 0 ? null : "deadbeef" + i);
            if (status == 401) {
                rejected++;
            } else if (status == 429) {
                throttled++;
            } else {
                throw new AssertionError("forged callback " + i + " answered " + status);
            }
        }

        // the burst (20) and at most the refill of the test's duration are answered; the rest is refused at once
        assertThat(rejected).isBetween(20, 20 + 30 * 10);
        assertThat(throttled).isEqualTo(FORGED - rejected);
        assertThat(count("payment_callback")).as("no row per forged callback").isEqualTo(callbackRows);
        assertThat(count("payment_callback_rejection") - counterRows).as("counter rows: hour × reason")
                .isLessThanOrEqualTo(4);
        assertThat(countedRejections() - counted).as("every answered forgery counted").isEqualTo(rejected);

        // another address is not throttled by this one's flood
        HttpHeaders forgedHeaders = json();
        forgedHeaders.set("X-Gateway-Signature", "0000");
        assertThat(http.postForEntity("/api/payments/gateway/callback", new HttpEntity<>(Map.of("transactionId", "X",
                "orderNo", "NO-SUCH-ORDER", "amount", "1.00", "status", "SUCCESS"), forgedHeaders), String.class)
                .getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void shouldStillRecordAValidCallbackFromAThrottledAddress() throws IOException {
        for (int i = 0; i < 100; i++) {
            post(THROTTLED_GATEWAY, "{\"transactionId\":\"F\",\"orderNo\":\"N\",\"amount\":\"1\",\"status\":\"SUCCESS\"}", "00");
        }
        assertThat(post(THROTTLED_GATEWAY, "{\"transactionId\":\"F\",\"orderNo\":\"N\",\"amount\":\"1\",\"status\":\"SUCCESS\"}",
                "00")).as("control: the address is throttled").isEqualTo(429);

        PaymentOrder order = openOrder();
        String txn = "WX-FLOOD-" + order.opportunityId();
        String amount = order.total().toPlainString();
        String body = "{\"transactionId\":\"" + txn + "\",\"orderNo\":\"" + order.orderNo() + "\",\"amount\":\""
                + amount + "\",\"status\":\"SUCCESS\"}";

        assertThat(post(THROTTLED_GATEWAY, body, gateway.sign(txn, order.orderNo(), amount, "SUCCESS"))).isEqualTo(200);
        assertThat(payments.get(order.id()).payments()).hasSize(1);
        assertThat(jdbc.sql("select count(*) from payment_callback where transaction_id = ? and outcome = 'RECORDED'")
                .param(txn).query(Long.class).single()).as("a valid callback keeps its audit row").isEqualTo(1);
    }

    @Test
    void shouldThrottleTheReplayOfAValidCallbackAlreadyRecorded() throws IOException {
        PaymentOrder order = openOrder();
        String txn = "WX-REPLAY-" + order.opportunityId();
        String amount = order.total().toPlainString();
        String body = "{\"transactionId\":\"" + txn + "\",\"orderNo\":\"" + order.orderNo() + "\",\"amount\":\""
                + amount + "\",\"status\":\"SUCCESS\"}";
        String signature = gateway.sign(txn, order.orderNo(), amount, "SUCCESS");

        // a captured callback, sent again and again: the first records, the burst of replays is answered, then 429
        int answered = 0;
        int throttled = 0;
        for (int i = 0; i < 200; i++) {
            int status = post(REPLAYER, body, signature);
            if (status == 200) {
                answered++;
            } else if (status == 429) {
                throttled++;
            } else {
                throw new AssertionError("replay " + i + " answered " + status);
            }
        }
        assertThat(answered).isBetween(1 + 20, 1 + 20 + 30 * 10);
        assertThat(throttled).isEqualTo(200 - answered);
        assertThat(payments.get(order.id()).payments()).as("recorded once").hasSize(1);
        assertThat(jdbc.sql("select count(*) from payment_callback where transaction_id = ?").param(txn)
                .query(Long.class).single()).as("no audit row per throttled replay").isEqualTo(answered);
    }

    /** A new 1:1 sale's order, waiting for its payment (paid in full). */
    private PaymentOrder openOrder() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.approvedQuote(o, InstallmentPlan.FULL);
        sales.runJobs(sales.start("contractAndPayment", o, Map.of("quoteId", q.id())));
        return payments.forOpportunity(o.opportunityId()).get(0);
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private long countedRejections() {
        return jdbc.sql("select coalesce(sum(callbacks), 0) from payment_callback_rejection").query(Long.class)
                .single();
    }

    private static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    /** One HTTP/1.1 POST of the callback from the given loopback address; returns the status code. */
    private int post(String from, String json, String signature) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder("POST /api/payments/gateway/callback HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Content-Type: application/json\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n")
                    .append("Connection: close\r\n");
            if (signature != null) {
                head.append("X-Gateway-Signature: ").append(signature).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Integer.parseInt(response.substring(9, 12));
        }
    }
}
