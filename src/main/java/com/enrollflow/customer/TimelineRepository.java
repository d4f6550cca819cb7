package com.enrollflow.customer;

import java.time.OffsetDateTime;
import java.util.List;

import com.enrollflow.common.RecordRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The customer's timeline (客户动态): what happened when, and who did it. */
@Repository
public class TimelineRepository {

    /** Rows to records, snake_case columns to camelCase components (see RecordRowMapper). */
    private static final RowMapper<Entry> ENTRY_ROWS = RecordRowMapper.of(Entry.class);

    public record Entry(OffsetDateTime occurredAt, String eventType, Long opportunityId, String actor,
            String detail) {
    }

    private final JdbcClient jdbc;

    TimelineRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(long customerId, Long opportunityId, TimelineEvent type, String actor, String detail,
            OffsetDateTime at) {
        jdbc.sql("insert into timeline_event (customer_id, opportunity_id, occurred_at, event_type, actor, detail) "
                + "values (?, ?, ?, ?, ?, ?)")
                .params(customerId, opportunityId, at, type.name(), actor, truncate(detail))
                .update();
    }

    public List<Entry> forCustomer(long customerId) {
        return jdbc.sql("select occurred_at, event_type, opportunity_id, actor, detail from timeline_event "
                + "where customer_id = ? order by occurred_at, id")
                .param(customerId).query(ENTRY_ROWS).list();
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 999) + "…";
    }
}
