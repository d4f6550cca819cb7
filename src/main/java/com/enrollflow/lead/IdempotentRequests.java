package com.enrollflow.lead;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The first answer to each idempotent request, stored in the same transaction as the work it answers:
 * either both are committed or neither. The primary key (scope, key) decides a race between two
 * requests with the same key: the loser rolls back and replays the winner's answer.
 */
@Repository
class IdempotentRequests {

    record Stored(String requestHash, int status, String body) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotentRequests(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Stored> find(String scope, String key) {
        return jdbc.sql("select request_hash, response_status, response_body from idempotent_request "
                + "where scope = ? and request_key = ?")
                .params(scope, key)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3)))
                .optional();
    }

    void save(String scope, String key, String requestHash, int status, String body) {
        jdbc.sql("insert into idempotent_request (scope, request_key, request_hash, response_status, response_body, "
                + "created_at) values (?, ?, ?, ?, ?, ?)")
                .params(scope, key, requestHash, status, body, OffsetDateTime.now(clock))
                .update();
    }

    /** Forgets an answer, so that the key's next request is taken as new. */
    void forget(String scope, String key) {
        jdbc.sql("delete from idempotent_request where scope = ? and request_key = ?").params(scope, key).update();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
