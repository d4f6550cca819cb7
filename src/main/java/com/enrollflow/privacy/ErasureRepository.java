package com.enrollflow.privacy;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.enrollflow.customer.Erasures;

/** Table privacy_erasure: one row per erased customer (unique), the counts as a JSON object. */
@Repository
class ErasureRepository implements Erasures {

    private static final TypeReference<LinkedHashMap<String, Integer>> COUNTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ErasureRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Erasure> forCustomer(long customerId) {
        return jdbc.sql("select id, customer_id, trigger_type, reason, requested_by, executed_at, erased_counts "
                + "from privacy_erasure where customer_id = ?").param(customerId)
                .query((rs, n) -> {
                    ErasureTrigger trigger = ErasureTrigger.valueOf(rs.getString(3));
                    return new Erasure(rs.getLong(1), rs.getLong(2), trigger, trigger.label(), rs.getString(4),
                            rs.getString(5), rs.getObject(6, OffsetDateTime.class), read(rs.getString(7)));
                })
                .optional();
    }

    @Override
    public boolean erased(long customerId) {
        return jdbc.sql("select count(*) from privacy_erasure where customer_id = ?").param(customerId)
                .query(Long.class).single() > 0;
    }

    Erasure insert(long customerId, ErasureTrigger trigger, String reason, String requestedBy, OffsetDateTime at,
            Map<String, Integer> counts) {
        jdbc.sql("insert into privacy_erasure (customer_id, trigger_type, reason, requested_by, executed_at, "
                + "erased_counts) values (?, ?, ?, ?, ?, ?)")
                .params(customerId, trigger.name(), reason, requestedBy, at, write(counts))
                .update();
        return forCustomer(customerId).orElseThrow();
    }

    private String write(Map<String, Integer> counts) {
        try {
            return json.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Integer> read(String text) {
        try {
            return json.readValue(text, COUNTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("privacy_erasure.erased_counts unreadable", e);
        }
    }
}
