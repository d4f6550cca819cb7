package com.enrollflow.payment;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * HMAC-SHA256 with the secret shared with the payment gateway (enrollflow.payment.gateway-secret), as lower-case hex,
 * compared in constant time. Three texts are signed, each its fields joined by "|": the payment callback
 * "transactionId|orderNo|amount|status", our refund request "requestId|transactionId|orderNo|amount" and the
 * gateway's refund answer "requestId|refundNo|amount|status".
 */
@Component
public class GatewaySignature {

    private final byte[] secret;

    GatewaySignature(@Value("${enrollflow.payment.gateway-secret}") String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("enrollflow.payment.gateway-secret must be at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(String transactionId, String orderNo, String amount, String status) {
        return hmac(transactionId, orderNo, amount, status);
    }

    public boolean valid(String transactionId, String orderNo, String amount, String status, String signature) {
        if (transactionId == null || orderNo == null || amount == null || status == null) {
            return false;
        }
        return matches(sign(transactionId, orderNo, amount, status), signature);
    }

    /** The X-Signature of a refund request we send. A "|" inside a field would make two requests sign alike. */
    public String signRefundRequest(String requestId, String transactionId, String orderNo, String amount) {
        String[] fields = {requestId, transactionId, orderNo, amount};
        if (!unambiguous(fields)) {
            throw new IllegalArgumentException("refund request fields must be present and contain no '|'");
        }
        return hmac(fields);
    }

    /** Whether the gateway's refund answer is signed with our secret; an absent refundNo is signed as "". */
    public boolean validRefundAnswer(String requestId, String refundNo, String amount, String status,
            String signature) {
        String[] fields = {requestId, refundNo == null ? "" : refundNo, amount, status};
        return unambiguous(fields) && matches(hmac(fields), signature);
    }

    private String hmac(String... fields) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String text = String.join("|", fields);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean matches(String expected, String signature) {
        return signature != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.trim().toLowerCase().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean unambiguous(String[] fields) {
        return Arrays.stream(fields).allMatch(f -> Objects.nonNull(f) && f.indexOf('|') < 0);
    }
}
