package com.enrollflow.payment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The payment gateway's refund call on a local port, for tests. Like the real one it checks each request's signature
 * and keeps refunds by request id: a request id seen before is answered with its first refund and pays nothing more.
 * It can be told to misbehave. Its HMAC is computed here, not with {@link GatewaySignature}, so a field order both
 * sides got wrong the same way would still show.
 */
public final class FakeRefundGateway implements AutoCloseable {

    public enum Behaviour {
        /** Refunds once per request id and answers with a valid signature. */
        NORMAL,
        /** Refunds, but only after {@link #delay}: the caller has usually stopped waiting. */
        SLOW,
        /** 500 before refunding anything. */
        SERVER_ERROR,
        /** 400 before refunding anything. */
        BAD_REQUEST,
        /** A signed FAILED answer: refused, nothing refunded. */
        REFUSED,
        /** Refunds, then signs the answer with another key. */
        BAD_SIGNATURE,
        /** Refunds, then answers (signed) that it refunded ¥1.00. */
        OTHER_AMOUNT,
        /** Refunds, then answers (signed) for another request id. */
        OTHER_REQUEST,
        /** Refunds, then answers (signed) without a refund number. */
        NO_REFUND_NO,
        /** 200 with an HTML page. */
        GARBAGE,
        /** Refunds, then answers with a signed answer padded to a megabyte. */
        HUGE
    }

    /** A refund paid out, by request id. */
    public record Refund(String refundNo, String transactionId, String orderNo, String amount) {
    }

    /** The last request as it arrived. */
    public record Request(String signature, String idempotencyKey, String contentType, Map<String, String> body) {
    }

    static final String FAILED_MESSAGE = "原交易已全额退款";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Refund> refunds = new ConcurrentHashMap<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger handled = new AtomicInteger();
    private final AtomicInteger forged = new AtomicInteger();
    private volatile Behaviour behaviour = Behaviour.NORMAL;
    private volatile Duration delay = Duration.ofMillis(1500);
    private volatile Request last;

    private FakeRefundGateway(String secret) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/refunds", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static FakeRefundGateway start(String secret) {
        return new FakeRefundGateway(secret);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/refunds");
    }

    public void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** Refunds paid out: a request id counts once however often it came. */
    public int refunds() {
        return refunds.size();
    }

    public Optional<Refund> refund(String requestId) {
        return Optional.ofNullable(refunds.get(requestId));
    }

    public int requests() {
        return requests.get();
    }

    /** Requests refused because their signature or idempotency key did not match their body. */
    public int forged() {
        return forged.get();
    }

    public Request lastRequest() {
        return last;
    }

    /** Waits until this many requests have been answered (a slow one finishes after its caller gave up). */
    public void awaitHandled(int count, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (handled.get() < count && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    static String hmac(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            Map<String, String> body;
            try {
                body = JSON.readValue(exchange.getRequestBody().readNBytes(64 * 1024), new TypeReference<>() {
                });
            } catch (IOException e) {
                answer(exchange, 400, "{\"message\":\"not JSON\"}");
                return;
            }
            var headers = exchange.getRequestHeaders();
            last = new Request(headers.getFirst("X-Signature"), headers.getFirst("Idempotency-Key"),
                    headers.getFirst("Content-Type"), body);
            String requestId = body.get("requestId");
            String expected = hmac(secret, String.join("|", requestId, body.get("transactionId"), body.get("orderNo"),
                    body.get("amount")));
            if (!"POST".equals(exchange.getRequestMethod()) || !expected.equals(headers.getFirst("X-Signature"))
                    || requestId == null || !requestId.equals(headers.getFirst("Idempotency-Key"))) {
                forged.incrementAndGet();
                answer(exchange, 401, "{\"message\":\"bad signature\"}");
                return;
            }
            Behaviour b = behaviour;
            switch (b) {
                case SERVER_ERROR -> answer(exchange, 500, "{\"message\":\"internal error\"}");
                case BAD_REQUEST -> answer(exchange, 400, "{\"message\":\"unknown transaction\"}");
                case GARBAGE -> answer(exchange, 200, "<html><body>维护中</body></html>");
                case REFUSED -> answer(exchange, 200, signed(secret, requestId, null, body.get("amount"), "FAILED",
                        FAILED_MESSAGE, ""));
                default -> {
                    if (b == Behaviour.SLOW) {
                        sleep(delay);
                    }
                    Refund r = refunds.computeIfAbsent(requestId, id -> new Refund("RF2026" + numbers.incrementAndGet(),
                            body.get("transactionId"), body.get("orderNo"), body.get("amount")));
                    String answer = signed(b == Behaviour.BAD_SIGNATURE ? "not-the-shared-secret-0000" : secret,
                            b == Behaviour.OTHER_REQUEST ? "TF99-P99" : requestId,
                            b == Behaviour.NO_REFUND_NO ? null : r.refundNo(),
                            b == Behaviour.OTHER_AMOUNT ? "1.00" : r.amount(), "SUCCESS", null,
                            b == Behaviour.HUGE ? "x".repeat(1024 * 1024) : "");
                    answer(exchange, 200, answer);
                }
            }
        } catch (IOException e) {
            // the caller hung up (it timed out): the refund above stays paid out, as at a real gateway
        } finally {
            handled.incrementAndGet();
        }
    }

    private static String signed(String key, String requestId, String refundNo, String amount, String status,
            String message, String padding) throws IOException {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("requestId", requestId);
        if (refundNo != null) {
            answer.put("refundNo", refundNo);
        }
        answer.put("amount", amount);
        answer.put("status", status);
        if (message != null) {
            answer.put("message", message);
        }
        if (!padding.isEmpty()) {
            answer.put("padding", padding);
        }
        String signed = String.join("|", requestId, refundNo == null ? "" : refundNo, amount, status);
        answer.put("signature", hmac(key, signed));
        return JSON.writeValueAsString(answer);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
