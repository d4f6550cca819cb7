package com.enrollflow.lead;

import java.time.OffsetDateTime;
import java.util.List;

import com.enrollflow.common.RecordRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Every enquiry as it came in (接待记录). */
@Repository
public class EnquiryRepository {

    /** Rows to records, snake_case columns to camelCase components (see RecordRowMapper). */
    private static final RowMapper<Enquiry> ENQUIRY_ROWS = RecordRowMapper.of(Enquiry.class);

    public record Enquiry(long id, Long opportunityId, boolean repeatEnquiry, String channel, String name,
            String phoneAsGiven, String email, String campusCode, String productLine, String grade, String subject,
            String goal, String campaign, String referrer, String notes, String receivedBy,
            OffsetDateTime receivedAt) {
    }

    private final JdbcClient jdbc;

    EnquiryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long customerId, long opportunityId, boolean repeat, ValidLead l, String receivedBy,
            OffsetDateTime at) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into enquiry (customer_id, opportunity_id, repeat_enquiry, channel, name, phone_as_given, "
                + "email, campus_code, product_line, grade, subject, goal, campaign, referrer, notes, received_by, "
                + "received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(customerId, opportunityId, repeat, l.channel().name(), l.name(), l.phoneAsGiven(), l.email(),
                        l.campus(), name(l.productLine()), name(l.grade()), name(l.subject()), l.goal(),
                        l.campaign(), l.referrer(), l.notes(), receivedBy, at)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public Enquiry get(long id) {
        return jdbc.sql("select id, opportunity_id, repeat_enquiry, channel, name, phone_as_given, email, campus_code, "
                + "product_line, grade, subject, goal, campaign, referrer, notes, received_by, received_at "
                + "from enquiry where id = ?").param(id).query(ENQUIRY_ROWS).single();
    }

    /** Notes of the enquiry that opened an opportunity; null for one split off at intent (it has none). */
    public String firstNotes(long opportunityId) {
        List<String> notes = jdbc.sql("select notes from enquiry where opportunity_id = ? and repeat_enquiry = false "
                + "order by id").param(opportunityId).query((rs, n) -> rs.getString(1)).list();
        return notes.isEmpty() ? null : notes.get(0);
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
