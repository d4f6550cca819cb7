package com.enrollflow.testsupport;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/** A refund asked for as staff ask through the API, and a contract's hours as the front desk reads them. */
public final class RefundRequests {

    private RefundRequests() {
    }

    /** POST /api/refunds as {@code user}. */
    public static ResponseEntity<JsonNode> post(TestRestTemplate http, String user, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").postForEntity("/api/refunds", new HttpEntity<>(body, headers),
                JsonNode.class);
    }

    /** The contract's ledger as the front desk reads it in GET /api/contracts/{id}: kind consumed/refunded/remaining. */
    public static List<String> hours(TestRestTemplate http, long contractId) {
        JsonNode hours = http.withBasicAuth("zhaomin", "demo").getForEntity("/api/contracts/" + contractId,
                JsonNode.class).getBody().get("hours");
        return StreamSupport.stream(hours.spliterator(), false).map(l -> l.get("kindLabel").asText() + " "
                + l.get("consumed").asInt() + "/" + l.get("refunded").asInt() + "/" + l.get("remaining").asInt())
                .toList();
    }
}
