package com.enrollflow.payment;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * HMAC-SHA256 over "transactionId|orderNo|amount|status" with the secret shared with the payment gateway
 * (enrollflow.payment.gateway-secret). Compared in constant time.
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
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String text = String.join("|", transactionId, orderNo, amount, status);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean valid(String transactionId, String orderNo, String amount, String status, String signature) {
        if (signature == null || transactionId == null || orderNo == null || amount == null || status == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(transactionId, orderNo, amount, status).getBytes(StandardCharsets.UTF_8),
                signature.trim().toLowerCase().getBytes(StandardCharsets.UTF_8));
    }
}
