package com.enrollflow.payment;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.enrollflow.common.Money;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The refund call over HTTP: a signed JSON POST to enrollflow.payment.gateway-refund-url. The answer is trusted only
 * when it is signed with our secret and repeats our request id and amount; anything else is an exception, never a
 * refund. What finance must do next is in the exception's message: wait for the retry, or check with the gateway
 * before paying the family any other way.
 */
@Component
class HttpGatewayRefunds implements GatewayRefunds {

    /** A real answer is a few hundred bytes; more is read no further. */
    static final int MAX_ANSWER_BYTES = 16 * 1024;
    private static final int MAX_REFUND_NO = 64;

    private static final Logger log = LoggerFactory.getLogger(HttpGatewayRefunds.class);
    /** Its own mapper: an answer with a key twice (which one was signed?) is refused, unknown keys are ignored. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** What the gateway answers; fields it adds are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(String requestId, String refundNo, String amount, String status, String message, String signature) {
    }

    private record Raw(int status, byte[] body) {
    }

    private final URI url;
    private final Duration readTimeout;
    private final GatewaySignature signature;
    private final RestClient http;

    HttpGatewayRefunds(@Value("${enrollflow.payment.gateway-refund-url:}") String url,
            @Value("${enrollflow.payment.gateway-refund-connect-timeout:PT5S}") Duration connectTimeout,
            @Value("${enrollflow.payment.gateway-refund-read-timeout:PT15S}") Duration readTimeout,
            GatewaySignature signature, RestClient.Builder rest) {
        this.url = url == null || url.isBlank() ? null : endpoint(url.strip());
        this.readTimeout = readTimeout;
        this.signature = signature;
        // redirects are not followed: the signed request goes to the configured address or nowhere
        HttpClient client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(readTimeout);
        this.http = rest.requestFactory(requests).build();
    }

    @Override
    public boolean configured() {
        return url != null;
    }

    @Override
    public GatewayRefund refund(String requestId, String transactionId, String orderNo, BigDecimal amount) {
        for (String field : new String[] {requestId, transactionId, orderNo}) {
            if (field == null || field.isBlank()) {
                throw new IllegalArgumentException("requestId, transactionId and orderNo must not be blank");
            }
        }
        String amountText = amountText(amount);
        String requestSignature = signature.signRefundRequest(requestId, transactionId, orderNo, amountText);
        if (url == null) {
            throw new GatewayRefundException("未配置支付网关的退款地址（enrollflow.payment.gateway-refund-url），"
                    + "无法原路退回在线支付", false);
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("transactionId", transactionId);
        body.put("orderNo", orderNo);
        body.put("amount", amountText);
        Raw raw = send(requestId, body, requestSignature);
        GatewayRefund refund = accepted(requestId, amount, raw);
        log.info("gateway refund {} of {} (order {}) accepted as {}", requestId, amountText, orderNo,
                refund.gatewayRefundNo());
        return refund;
    }

    private Raw send(String requestId, Map<String, String> body, String requestSignature) {
        String retry = "，稍后将自动重试（同一退款请求号 " + requestId + " 不会重复退款）";
        try {
            return http.post().uri(url).contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                    .header("X-Signature", requestSignature).header("Idempotency-Key", requestId)
                    .body(JSON.writeValueAsBytes(body))
                    .exchange((request, response) -> new Raw(response.getStatusCode().value(),
                            response.getBody().readNBytes(MAX_ANSWER_BYTES + 1)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (RestClientException e) {
            if (causedBy(e, HttpConnectTimeoutException.class) || causedBy(e, ConnectException.class)) {
                throw failed(requestId, "connect failed", "无法连接支付网关的退款接口" + retry, true, e);
            }
            if (causedBy(e, HttpTimeoutException.class) || causedBy(e, SocketTimeoutException.class)) {
                throw failed(requestId, "timed out", "支付网关的退款接口在 " + readTimeout.toSeconds() + " 秒内未应答"
                        + retry, true, e);
            }
            throw failed(requestId, "transport error", "与支付网关的退款接口通信中断" + retry, true, e);
        }
    }

    /** The refund the answer confirms, or the exception that says why it confirms none. */
    private GatewayRefund accepted(String requestId, BigDecimal amount, Raw raw) {
        int status = raw.status();
        if (status >= 500 || status == 429) {
            throw failed(requestId, "HTTP " + status, "支付网关的退款接口暂时无法处理（HTTP " + status + "），稍后将自动重试"
                    + "（同一退款请求号 " + requestId + " 不会重复退款）", true, null);
        }
        if (status < 200 || status > 299) {
            throw failed(requestId, "HTTP " + status, "支付网关未受理退款请求 " + requestId + "（HTTP " + status
                    + "），请核对网关配置与该笔支付后处理", false, null);
        }
        if (raw.body().length > MAX_ANSWER_BYTES) {
            throw untrusted(requestId, "answer over " + MAX_ANSWER_BYTES + " bytes",
                    "超过 " + MAX_ANSWER_BYTES / 1024 + " KB");
        }
        Answer a;
        try {
            a = JSON.readValue(raw.body(), Answer.class);
        } catch (IOException e) {
            throw untrusted(requestId, "answer not JSON of the expected shape", "不是约定格式的 JSON");
        }
        if (a == null || !("SUCCESS".equals(a.status()) || "FAILED".equals(a.status()))) {
            throw untrusted(requestId, "unknown status", "状态无法识别");
        }
        if (!signature.validRefundAnswer(a.requestId(), a.refundNo(), a.amount(), a.status(), a.signature())) {
            throw untrusted(requestId, "bad signature", "签名无效");
        }
        if (!requestId.equals(a.requestId())) {
            throw untrusted(requestId, "answer for another request " + printable(a.requestId(), 40),
                    "属于另一退款请求号（" + printable(a.requestId(), 40) + "）");
        }
        if ("FAILED".equals(a.status())) {
            String why = a.message() == null || a.message().isBlank() ? "未说明原因" : printable(a.message(), 100);
            throw failed(requestId, "refused by the gateway", "支付网关拒绝退款（退款请求号 " + requestId + "）：" + why,
                    false, null);
        }
        if (a.refundNo() == null || !a.refundNo().matches("\\p{Graph}{1," + MAX_REFUND_NO + "}")) {
            throw untrusted(requestId, "no usable refundNo", "缺少有效的退款单号");
        }
        BigDecimal confirmed = parsedAmount(a.amount());
        if (confirmed == null || confirmed.compareTo(amount) != 0) {
            throw untrusted(requestId, "amount " + printable(a.amount(), 20) + " instead of " + amountText(amount),
                    "金额（" + (confirmed == null ? printable(a.amount(), 20) : Money.yuan(confirmed)) + "）与申请退款的 "
                            + Money.yuan(amount) + " 不符");
        }
        return new GatewayRefund(a.refundNo(), confirmed.setScale(2, RoundingMode.UNNECESSARY));
    }

    /** An answer we cannot trust: the gateway may or may not have paid out, so finance checks before anything else. */
    private static GatewayRefundException untrusted(String requestId, String why, String what) {
        return failed(requestId, why, "支付网关的退款应答" + what + "，不予采信。退款结果未知：请先在支付网关后台按退款请求号 "
                + requestId + " 核对，确认未退款之前不要以其他方式退款", false, null);
    }

    private static GatewayRefundException failed(String requestId, String why, String message, boolean retryable,
            Throwable cause) {
        log.warn("gateway refund {} not confirmed ({}), retryable: {}", requestId, why, retryable);
        return new GatewayRefundException(message, retryable, cause);
    }

    /** "123.45": positive, in fen; 123.4 is sent as "123.40", 123.456 is refused. */
    private static String amountText(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("a refund amount is positive");
        }
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a refund amount has at most 2 decimals: " + amount, e);
        }
    }

    /** The answer's amount, or null when it is no plain decimal in fen. */
    private static BigDecimal parsedAmount(String text) {
        if (text == null || !text.matches("\\d{1,12}(\\.\\d{1,2})?")) {
            return null;
        }
        return new BigDecimal(text);
    }

    /** Text from the gateway as it may appear in a message or a log line: no control characters, cut short. */
    private static String printable(String s, int max) {
        if (s == null) {
            return "";
        }
        String clean = s.replaceAll("\\p{Cntrl}", "");
        return clean.length() <= max ? clean : clean.substring(0, max) + "…";
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static URI endpoint(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("enrollflow.payment.gateway-refund-url is no URL", e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalStateException("enrollflow.payment.gateway-refund-url must be an http(s) URL");
        }
        return uri;
    }
}
