package com.enrollflow.privacy;

import java.time.Clock;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.reference.BusinessTime;

/**
 * Which customers' retention period (保留期) is over. Two rules, periods from {@code enrollflow.privacy.*}:
 * <ul>
 * <li>a <b>closed lead</b> (no opportunity won, none open) whose last opportunity closed more than
 * {@code closed-lead-retention} ago;</li>
 * <li>a <b>finished customer</b> (an opportunity won, none open) whose last business with us — the last
 * closing, lesson, installment due date or payment — lies more than {@code finished-customer-retention} back, and
 * who owes nothing (no open payment order).</li>
 * </ul>
 * Customers already erased are never due again.
 */
@Component
class RetentionPolicy {

    private static final String NOT_ERASED = "not exists (select 1 from privacy_erasure e where e.customer_id = c.id)";

    private static final String CLOSED_LEADS = "select c.id from customer c where " + NOT_ERASED
            + " and exists (select 1 from opportunity o where o.customer_id = c.id)"
            + " and not exists (select 1 from opportunity o where o.customer_id = c.id"
            + " and (o.status in ('OPEN', 'WON') or o.closed_at is null or o.closed_at >= :cutoff))";

    private static final String FINISHED_CUSTOMERS = "select c.id from customer c where " + NOT_ERASED
            + " and exists (select 1 from opportunity o where o.customer_id = c.id and o.status = 'WON')"
            + " and not exists (select 1 from opportunity o where o.customer_id = c.id"
            + " and (o.status = 'OPEN' or o.closed_at is null or o.closed_at >= :cutoff))"
            + " and not exists (select 1 from lesson l where l.customer_id = c.id and l.status <> 'CANCELLED'"
            + " and l.ends_at >= :cutoff)"
            + " and not exists (select 1 from payment_order p join opportunity o on o.id = p.opportunity_id"
            + " where o.customer_id = c.id and (p.status = 'OPEN'"
            + " or (p.status <> 'CANCELLED' and exists (select 1 from installment i where i.order_id = p.id"
            + " and i.due_date >= :cutoffDay))"
            + " or exists (select 1 from payment y where y.order_id = p.id and y.received_at >= :cutoff)))";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Period closedLeadRetention;
    private final Period finishedCustomerRetention;

    RetentionPolicy(JdbcClient jdbc, Clock clock,
            @Value("${enrollflow.privacy.closed-lead-retention:P2Y}") Period closedLeadRetention,
            @Value("${enrollflow.privacy.finished-customer-retention:P3Y}") Period finishedCustomerRetention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.closedLeadRetention = closedLeadRetention;
        this.finishedCustomerRetention = finishedCustomerRetention;
    }

    /** The customers due now, lowest id first, at most {@code limit}. */
    List<Long> due(int limit) {
        TreeSet<Long> ids = new TreeSet<>();
        ids.addAll(query(CLOSED_LEADS, closedLeadRetention, null));
        ids.addAll(query(FINISHED_CUSTOMERS, finishedCustomerRetention, null));
        return ids.stream().limit(limit).toList();
    }

    /** Why this customer is due now (the rule and its period), or empty when not (any more). */
    Optional<String> dueReason(long customerId) {
        if (!query(FINISHED_CUSTOMERS, finishedCustomerRetention, customerId).isEmpty()) {
            return Optional.of("保留期届满：报名已结束超过 " + finishedCustomerRetention);
        }
        if (!query(CLOSED_LEADS, closedLeadRetention, customerId).isEmpty()) {
            return Optional.of("保留期届满：线索关闭（未成单）超过 " + closedLeadRetention);
        }
        return Optional.empty();
    }

    private List<Long> query(String sql, Period retention, Long customerId) {
        ZonedDateTime cutoff = ZonedDateTime.now(clock.withZone(BusinessTime.ZONE)).minus(retention);
        var statement = jdbc.sql(sql + (customerId == null ? "" : " and c.id = :id"))
                .param("cutoff", cutoff.toOffsetDateTime()).param("cutoffDay", cutoff.toLocalDate());
        if (customerId != null) {
            statement = statement.param("id", customerId);
        }
        return statement.query(Long.class).list();
    }
}
