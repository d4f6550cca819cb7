package com.enrollflow.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.client.RestClient;

import com.enrollflow.payment.FakeRefundGateway.Behaviour;
import com.enrollflow.payment.GatewayRefunds.GatewayRefund;

/** The refund call against a gateway on a local port that checks signatures, keeps refunds by request id and lies. */
class GatewayRefundsTests {

    static final String SECRET = "refund-test-secret-0123456789";
    static final String REQUEST = "TF12-P34";
    static final String TRANSACTION = "WX4200001234";
    static final String ORDER = "PO-2026-0042";
    static final BigDecimal AMOUNT = new BigDecimal("3600.00");

    private final FakeRefundGateway gateway = FakeRefundGateway.start(SECRET);
    private final GatewayRefunds refunds = refunds(gateway.url().toString(), Duration.ofSeconds(5));

    static HttpGatewayRefunds refunds(String url, Duration readTimeout) {
        return new HttpGatewayRefunds(url, Duration.ofSeconds(2), readTimeout, new GatewaySignature(SECRET),
                RestClient.builder());
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @Test
    void shouldRefundOnceAndAnswerTheFirstRefundWhenTheSameRequestComesAgain() {
        GatewayRefund first = refunds.refund(REQUEST, TRANSACTION, ORDER, AMOUNT);
        GatewayRefund again = refunds.refund(REQUEST, TRANSACTION, ORDER, AMOUNT);

        assertThat(first.gatewayRefundNo()).isNotBlank();
        assertThat(first.amount()).isEqualByComparingTo("3600.00").hasScaleOf(2);
        assertThat(again).isEqualTo(first);
        assertThat(gateway.requests()).isEqualTo(2);
        assertThat(gateway.refunds()).as("refunds paid out").isEqualTo(1);
        assertThat(gateway.refund(REQUEST)).hasValue(
                new FakeRefundGateway.Refund(first.gatewayRefundNo(), TRANSACTION, ORDER, "3600.00"));

        GatewayRefund other = refunds.refund("TF12-P35", TRANSACTION, ORDER, new BigDecimal("100.5"));
        assertThat(other.gatewayRefundNo()).isNotEqualTo(first.gatewayRefundNo());
        assertThat(other.amount()).isEqualTo(new BigDecimal("100.50"));
        assertThat(gateway.refunds()).isEqualTo(2);
    }

    @Test
    void shouldSendTheAmountInFenSignedAndTheRequestIdAsIdempotencyKey() {
        refunds.refund(REQUEST, TRANSACTION, ORDER, new BigDecimal("123.4"));

        FakeRefundGateway.Request sent = gateway.lastRequest();
        assertThat(sent.body()).containsExactly(java.util.Map.entry("requestId", REQUEST),
                java.util.Map.entry("transactionId", TRANSACTION), java.util.Map.entry("orderNo", ORDER),
                java.util.Map.entry("amount", "123.40"));
        assertThat(sent.idempotencyKey()).isEqualTo(REQUEST);
        assertThat(sent.contentType()).startsWith("application/json");
        assertThat(sent.signature()).isEqualTo(FakeRefundGateway.hmac(SECRET, REQUEST + "|" + TRANSACTION + "|"
                + ORDER + "|123.40"));
        assertThat(gateway.forged()).isZero();
    }

    @Test
    void theFakeGatewayShouldRefuseARequestWhoseSignatureDoesNotMatchItsBody() throws Exception {
        String body = "{\"requestId\":\"TF1-P1\",\"transactionId\":\"T\",\"orderNo\":\"O\",\"amount\":\"9999.00\"}";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway.url())
                .header("Content-Type", "application/json").header("Idempotency-Key", "TF1-P1")
                .header("X-Signature", FakeRefundGateway.hmac(SECRET, "TF1-P1|T|O|1.00"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(gateway.forged()).isEqualTo(1);
        assertThat(gateway.refunds()).isZero();
    }

    @Test
    void shouldAskForARetryWhenTheGatewayFailsAndRefundOnTheRetry() {
        gateway.behave(Behaviour.SERVER_ERROR);
        refused(() -> refunds.refund(REQUEST, TRANSACTION, ORDER, AMOUNT), true)
                .hasMessageContaining("HTTP 500").hasMessageContaining("自动重试").hasMessageContaining(REQUEST);
        assertThat(gateway.refunds()).isZero();

        gateway.behave(Behaviour.NORMAL);
        assertThat(refunds.refund(REQUEST, TRANSACTION, ORDER, AMOUNT).amount()).isEqualByComparingTo(AMOUNT);
        assertThat(gateway.refunds()).isEqualTo(1);
    }

    @Test
    void shouldStopWaitingAtTheReadTimeoutAndNeverRefundTwiceOnTheRetry() throws InterruptedException {
        GatewayRefunds impatient = refunds(gateway.url().toString(), Duration.ofMillis(400));
        gateway.behave(Behaviour.SLOW);
        gateway.delay(Duration.ofMillis(1500));

        long start = System.nanoTime();
        refused(() -> impatient.refund(REQUEST, TRANSACTION, ORDER, AMOUNT), true)
                .hasMessageContaining("未应答").hasMessageContaining("不会重复退款");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1400));

        // the gateway went on and paid out after we stopped waiting; the retry gets that refund, not a second one
        gateway.awaitHandled(1, Duration.ofSeconds(5));
        assertThat(gateway.refunds()).isEqualTo(1);
        gateway.behave(Behaviour.NORMAL);
        GatewayRefund retried = impatient.refund(REQUEST, TRANSACTION, ORDER, AMOUNT);
        assertThat(retried.gatewayRefundNo()).isEqualTo(gateway.refund(REQUEST).orElseThrow().refundNo());
        assertThat(gateway.refunds()).isEqualTo(1);
    }

    @Test
    void shouldAskForARetryWhenNothingListensAtTheGatewayAddress() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        GatewayRefunds unreachable = refunds("http://127.0.0.1:" + closedPort + "/refunds", Duration.ofSeconds(2));

        refused(() -> unreachable.refund(REQUEST, TRANSACTION, ORDER, AMOUNT), true)
                .hasMessageContaining("无法连接");
    }

    /** Answers the gateway may have paid out on: never a success, never retried blindly, finance checks first. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "BAD_SIGNATURE, 签名无效",
        "OTHER_AMOUNT,  金额（¥1.00）与申请退款的 ¥3,600.00 不符",
        "OTHER_REQUEST, 属于另一退款请求号（TF99-P99）",
        "NO_REFUND_NO,  缺少有效的退款单号",
        "GARBAGE,       不是约定格式的 JSON",
        "HUGE,          超过 16 KB",
    })
    void shouldNotTrustAnAnswerThatIsNotSignedOrNotAboutWhatWasAsked(Behaviour behaviour, String why) {
        gateway.behave(behaviour);

        refused(() -> refunds.refund(REQUEST, TRANSACTION, ORDER, AMOUNT), false)
                .hasMessageContaining(why).hasMessageContaining("不予采信")
                .hasMessageContaining("退款结果未知").hasMessageContaining(REQUEST);
    }

    @Test
    void shouldPassOnTheGatewaysReasonWhenItRefusesTheRefund() {
        gateway.behave(Behaviour.REFUSED);

        refused(() -> refunds.refund(REQUEST, TRANSACTION, ORDER, AMOUNT), false)
                .hasMessage("支付网关拒绝退款（退款请求号 " + REQUEST + "）：" + FakeRefundGateway.FAILED_MESSAGE);
        assertThat(gateway.refunds()).isZero();
    }

    @Test
    void shouldNotRetryWhenTheGatewayRejectsTheRequest() {
        gateway.behave(Behaviour.BAD_REQUEST);

        refused(() -> refunds.refund(REQUEST, TRANSACTION, ORDER, AMOUNT), false).hasMessageContaining("HTTP 400");
        assertThat(gateway.refunds()).isZero();
    }

    @Test
    void shouldSaySoWhenNoRefundAddressIsConfigured() {
        GatewayRefunds none = refunds("  ", Duration.ofSeconds(1));

        assertThat(none.configured()).isFalse();
        assertThat(refunds.configured()).isTrue();
        refused(() -> none.refund(REQUEST, TRANSACTION, ORDER, AMOUNT), false)
                .hasMessageContaining("未配置支付网关的退款地址");
        assertThatThrownBy(() -> refunds("ftp://gateway.example/refunds", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseAmountsThatAreNoPositiveFenAndFieldsThatWouldSignAmbiguously() {
        for (BigDecimal amount : new BigDecimal[] {BigDecimal.ZERO, new BigDecimal("-5.00"), new BigDecimal("1.005")}) {
            assertThatThrownBy(() -> refunds.refund(REQUEST, TRANSACTION, ORDER, amount))
                    .as(amount.toPlainString()).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> refunds.refund("TF12|P34", TRANSACTION, ORDER, AMOUNT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> refunds.refund(REQUEST, " ", ORDER, AMOUNT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(gateway.requests()).isZero();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void shouldNeverLogTheSecretNorASignature(CapturedOutput output) {
        refunds.refund(REQUEST, TRANSACTION, ORDER, AMOUNT);
        gateway.behave(Behaviour.BAD_SIGNATURE);
        assertThatThrownBy(() -> refunds.refund("TF12-P36", TRANSACTION, ORDER, AMOUNT))
                .isInstanceOf(GatewayRefundException.class);

        assertThat(output.getAll()).contains(REQUEST, "TF12-P36").doesNotContain(SECRET)
                .doesNotContain(gateway.lastRequest().signature());
    }

    @Test
    void shouldCheckTheRefundAnswerSignatureOverRequestIdRefundNoAmountAndStatus() {
        GatewaySignature signature = new GatewaySignature(SECRET);
        String valid = FakeRefundGateway.hmac(SECRET, "TF1-P1|RF1|10.00|SUCCESS");

        assertThat(signature.validRefundAnswer("TF1-P1", "RF1", "10.00", "SUCCESS", valid)).isTrue();
        assertThat(signature.validRefundAnswer("TF1-P1", "RF1", "10.00", "SUCCESS", valid.toUpperCase())).isTrue();
        assertThat(signature.validRefundAnswer("TF1-P1", "RF1", "10.01", "SUCCESS", valid)).isFalse();
        assertThat(signature.validRefundAnswer("TF1-P1", "RF1", "10.00", "FAILED", valid)).isFalse();
        assertThat(signature.validRefundAnswer("TF1-P1", "RF1", "10.00", "SUCCESS", null)).isFalse();
        assertThat(signature.validRefundAnswer("TF1-P1", "RF1", null, "SUCCESS", valid)).isFalse();
        assertThat(signature.validRefundAnswer("TF1-P1", "RF1|10.00", "SUCCESS", "x",
                FakeRefundGateway.hmac(SECRET, "TF1-P1|RF1|10.00|SUCCESS|x"))).as("a '|' inside a field").isFalse();
        // the callback's signature is unchanged
        assertThat(signature.sign("T1", "PO-1", "10.00", "SUCCESS"))
                .isEqualTo(FakeRefundGateway.hmac(SECRET, "T1|PO-1|10.00|SUCCESS"));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, boolean retryable) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(GatewayRefundException.class,
                e -> assertThat(e.retryable()).as("retryable").isEqualTo(retryable));
    }
}
