package com.enrollflow.survey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The survey link's token: {@code <survey id>.<expiry, epoch seconds>.<HMAC-SHA256 of both>}, base64url, signed with
 * {@code enrollflow.survey.token-secret}. Whoever holds it may answer that one survey until it expires; it names no
 * person, and a changed id or expiry no longer matches its signature.
 */
@Component
public class SurveyTokens {

    /** What a valid signature says. */
    public record Claims(long surveyId, Instant expiresAt) {
    }

    private final byte[] secret;

    SurveyTokens(@Value("${enrollflow.survey.token-secret}") String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalStateException("enrollflow.survey.token-secret must be at least 32 characters "
                    + "(ENROLLFLOW_SURVEY_SECRET)");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String issue(long surveyId, Instant expiresAt) {
        String payload = surveyId + "." + expiresAt.getEpochSecond();
        return payload + "." + mac(payload);
    }

    /** The claims of a token whose signature is ours; empty for anything else (the expiry is checked by the caller). */
    public Optional<Claims> read(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("\\d{1,12}")) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1];
        if (!MessageDigest.isEqual(mac(payload).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(new Claims(Long.parseLong(parts[0]), Instant.ofEpochSecond(Long.parseLong(parts[1]))));
    }

    private String mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
