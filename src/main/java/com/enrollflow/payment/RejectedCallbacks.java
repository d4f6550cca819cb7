package com.enrollflow.payment;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Callbacks whose signature fails, counted per hour and reason in payment_callback_rejection: the audit shows how
 * many came, when, and the last sender, and stays at two rows an hour however many arrive.
 */
@Component
class RejectedCallbacks {

    enum Reason { BAD_SIGNATURE, MISSING_SIGNATURE }

    private final JdbcClient jdbc;
    private final TransactionTemplate own;
    private final Clock clock;

    RejectedCallbacks(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    void count(Reason reason, String client, String orderNo) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime hour = now.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        String from = cut(client, 64);
        String order = cut(orderNo, 32);
        try {
            own.executeWithoutResult(s -> {
                if (increment(hour, reason, from, order, now) == 0) {
                    jdbc.sql("insert into payment_callback_rejection (hour_start, reason, callbacks, last_client, "
                            + "last_order_no, last_received_at) values (?, ?, 1, ?, ?, ?)")
                            .params(hour, reason.name(), from, order, now).update();
                }
            });
        } catch (DuplicateKeyException concurrentFirst) {
            // another request inserted this hour's row first: count on it
            own.executeWithoutResult(s -> increment(hour, reason, from, order, now));
        }
    }

    private int increment(OffsetDateTime hour, Reason reason, String client, String orderNo, OffsetDateTime now) {
        return jdbc.sql("update payment_callback_rejection set callbacks = callbacks + 1, last_client = ?, "
                + "last_order_no = ?, last_received_at = ? where hour_start = ? and reason = ?")
                .params(client, orderNo, now, hour, reason.name()).update();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
