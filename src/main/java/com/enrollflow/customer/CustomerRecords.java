package com.enrollflow.customer;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.Coded;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.RecordRowMapper;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Channel;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Scope;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The customer's single record (客户档案), the same for call centre and front desk: contact details,
 * every enquiry, every opportunity with stage, owner and funnel timestamps, and the timeline.
 */
@Service
@Transactional(readOnly = true)
public class CustomerRecords {

    /** Rows to records, snake_case columns to camelCase components (see RecordRowMapper). */
    private static final RowMapper<EnquiryView> ENQUIRY_VIEW_ROWS = RecordRowMapper.of(EnquiryView.class);
    private static final RowMapper<OpportunityView> OPPORTUNITY_VIEW_ROWS = RecordRowMapper.of(OpportunityView.class);

    public record CustomerRecord(long id, String name, String phone, String phoneDisplay, String email,
            java.time.LocalDate studentBirthDate, OffsetDateTime createdAt, List<EnquiryView> enquiries, List<OpportunityView> opportunities,
            List<TimelineView> timeline) {
    }

    public record EnquiryView(long id, Long opportunityId, boolean repeatEnquiry, String channel, String name,
            String phoneAsGiven, String campus, String productLine, String campaign, String referrer, String notes,
            String receivedBy, OffsetDateTime receivedAt) {

        @JsonProperty("channelLabel")
        public String channelLabel() {
            return label(Channel.class, channel);
        }

        @JsonProperty("productLineLabel")
        public String productLineLabel() {
            return label(ProductLine.class, productLine);
        }
    }

    public record OpportunityView(long id, String status, String stage, String productLine, String campus,
            String channel, String campaign, String intentLevel, String teamId, String ownerUser, String ownerGroup,
            String pool, int recycleCount, boolean recycleExempt, int contactAttempts, Long splitFromId,
            String processInstanceId, OffsetDateTime receivedAt, OffsetDateTime validAt, OffsetDateTime intentAt,
            OffsetDateTime assignedAt, OffsetDateTime firstContactAt, OffsetDateTime agreedAt,
            OffsetDateTime visitedAt, OffsetDateTime plannedAt, OffsetDateTime paidAt, OffsetDateTime enrolledAt,
            OffsetDateTime closedAt, String closeReason) {

        @JsonProperty("channelLabel")
        public String channelLabel() {
            return label(Channel.class, channel);
        }

        @JsonProperty("productLineLabel")
        public String productLineLabel() {
            return label(ProductLine.class, productLine);
        }
    }

    /** The Chinese label shown beside a stored code (null for none). */
    private static <E extends Enum<E> & Coded> String label(Class<E> type, String code) {
        return Coded.parse(type, code).map(Coded::label).orElse(null);
    }

    public record TimelineView(OffsetDateTime at, String event, String eventLabel, Long opportunityId, String actor,
            String detail) {
    }

    private final CustomerRepository customers;
    private final TimelineRepository timeline;
    private final PhoneNumbers phones;
    private final JdbcClient jdbc;
    private final CampusScope campusScope;

    CustomerRecords(CustomerRepository customers, TimelineRepository timeline, PhoneNumbers phones,
            JdbcClient jdbc, CampusScope campusScope) {
        this.campusScope = campusScope;
        this.customers = customers;
        this.timeline = timeline;
        this.phones = phones;
        this.jdbc = jdbc;
    }

    /** The customer as the acting user may see them: empty unless one of their opportunities is in scope. */
    public Optional<CustomerRecord> byPhone(String e164) {
        return customers.findByPhone(e164).flatMap(this::record);
    }

    /**
     * The customer of the caller's campuses a form names by phone in {@code field}, typed in any spelling (138 0013
     * 8000, +86…); empty, with a problem of the field, when it is missing, is no phone, or names no such customer.
     * The customer row only: their opportunities the caller sees are {@link #visibleOpportunities}.
     */
    public Optional<Customer> byPhoneTyped(InputRules rules, String field, String typed) {
        String phone = rules.required(field, typed, 40);
        if (phone == null) {
            return Optional.empty();
        }
        Optional<String> e164 = phones.normalise(phone);
        if (e164.isEmpty()) {
            rules.problem(field, "不是有效的电话号码：“" + InputRules.abbreviate(phone) + "”");
            return Optional.empty();
        }
        Optional<Customer> found = customers.findByPhone(e164.get()).filter(c -> visible(c.id()));
        if (found.isEmpty()) {
            rules.problem(field, "您负责的校区没有手机号为 " + phones.display(e164.get()) + " 的客户");
        }
        return found;
    }

    public Optional<CustomerRecord> byId(long id) {
        return customers.findById(id).flatMap(this::record);
    }

    /** Whether the acting user may see the customer: one of their opportunities is within the user's campuses. */
    public boolean visible(long customerId) {
        Scope scope = campusScope.current();
        return scope.bind(jdbc.sql("select count(*) from opportunity o where o.customer_id = :customer and "
                + scope.opportunityCondition("o."))).param("customer", customerId).query(Long.class).single() > 0;
    }

    /**
     * Campus scope (校区数据范围): only the opportunities of the campuses (or, before intent, the call centres) the
     * user works for, with their enquiries and timeline; a customer with none of those is not found at all.
     */
    private Optional<CustomerRecord> record(Customer c) {
        List<OpportunityView> opportunities = visibleOpportunities(c.id());
        if (opportunities.isEmpty()) {
            return Optional.empty();
        }
        Set<Long> visible = opportunities.stream().map(OpportunityView::id).collect(Collectors.toSet());
        List<EnquiryView> enquiries = jdbc.sql("select id, opportunity_id, repeat_enquiry, channel, name, "
                + "phone_as_given, campus_code as campus, product_line, campaign, referrer, notes, received_by, "
                + "received_at from enquiry where customer_id = ? order by received_at, id")
                .param(c.id()).query(ENQUIRY_VIEW_ROWS).list().stream()
                .filter(e -> e.opportunityId() == null || visible.contains(e.opportunityId())).toList();
        List<TimelineView> events = timeline.forCustomer(c.id()).stream()
                .filter(e -> e.opportunityId() == null || visible.contains(e.opportunityId()))
                .map(e -> new TimelineView(e.occurredAt(), e.eventType(), label(e.eventType()), e.opportunityId(),
                        e.actor(), e.detail()))
                .toList();
        return Optional.of(new CustomerRecord(c.id(), c.name(), c.phone(), phones.display(c.phone()), c.email(),
                c.birthDate(), c.createdAt(), enquiries, opportunities, events));
    }

    /** The customer's opportunities within the caller's campuses (or, before intent, call centres), in order. */
    public List<OpportunityView> visibleOpportunities(long customerId) {
        Scope scope = campusScope.current();
        return scope.bind(jdbc.sql("select id, status, stage, product_line, "
                + "campus_code as campus, channel, campaign, intent_level, team_id, owner_user, owner_group, pool, "
                + "recycle_count, recycle_exempt, contact_attempts, split_from_id, process_instance_id, received_at, "
                + "valid_at, intent_at, assigned_at, first_contact_at, agreed_at, visited_at, planned_at, paid_at, "
                + "enrolled_at, closed_at, close_reason "
                + "from opportunity o where customer_id = :customer and " + scope.opportunityCondition("o.")
                + " order by id"))
                .param("customer", customerId).query(OPPORTUNITY_VIEW_ROWS).list();
    }

    private static String label(String eventType) {
        try {
            return TimelineEvent.valueOf(eventType).label();
        } catch (IllegalArgumentException e) {
            return eventType;
        }
    }
}
