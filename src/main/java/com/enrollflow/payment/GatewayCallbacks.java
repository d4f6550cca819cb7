package com.enrollflow.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.OpportunityService;

/**
 * The online gateway's callback: verified, stored (idempotent on the gateway's transaction id) and only then used to
 * wake the process. The process reads stored payments, so a callback that arrives before the process waits for it,
 * twice, or out of order, is still counted exactly once.
 */
@Service
public class GatewayCallbacks {

    /** Who records an online payment: the platform, confirmed by its signed callback, no member of staff. */
    static final String GATEWAY = "gateway";

    /**
     * THROTTLED: a forged callback, or a replay of one already recorded, beyond its sender's rate limit, answered 429
     * and only counted in a metric.
     */
    public enum Result { RECORDED, DUPLICATE, IGNORED, REJECTED, THROTTLED }

    /** A gateway payment's external reference: its transaction id under this prefix. */
    static final String GATEWAY_REF = "GW:";

    /** What the gateway posts; fields it adds (currency, timestamps …) are ignored, not refused. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record Callback(String transactionId, String orderNo, String amount, String status) {
    }

    private final GatewaySignature signature;
    private final PaymentService payments;
    private final PaymentSignal signal;
    private final JdbcClient jdbc;
    private final TransactionTemplate audit;
    private final Clock clock;
    private final CallbackRateLimiter limiter;
    private final RejectedCallbacks rejected;
    private final Counter throttled;
    private final OpportunityService opportunities;
    private final TransactionTemplate paymentAndNote;

    GatewayCallbacks(GatewaySignature signature, PaymentService payments, PaymentSignal signal, JdbcClient jdbc,
            PlatformTransactionManager transactions, Clock clock, CallbackRateLimiter limiter,
            RejectedCallbacks rejected, MeterRegistry meters, OpportunityService opportunities) {
        this.opportunities = opportunities;
        this.paymentAndNote = new TransactionTemplate(transactions);
        this.limiter = limiter;
        this.rejected = rejected;
        this.throttled = Counter.builder("enrollflow.payment.callbacks.throttled")
                .description("forged gateway callbacks refused with 429 (rate limit per client address)")
                .register(meters);
        this.signature = signature;
        this.payments = payments;
        this.signal = signal;
        this.jdbc = jdbc;
        this.audit = new TransactionTemplate(transactions);
        this.audit.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** A callback handed over in-process (no client address, no rate limit). */
    public Result receive(Callback c, String sig) {
        return receive(c, sig, null);
    }

    /**
     * Checks the signature first; a forged callback changes nothing and is only counted (per hour and reason), and
     * beyond its sender's rate limit not even that. A callback with a valid signature keeps its audit row.
     */
    public Result receive(Callback c, String sig, String client) {
        if (!signature.valid(c.transactionId(), c.orderNo(), c.amount(), c.status(), sig)) {
            if (client != null && !limiter.tryAcquire(client)) {
                throttled.increment();
                return Result.THROTTLED;
            }
            rejected.count(sig == null || sig.isBlank() ? RejectedCallbacks.Reason.MISSING_SIGNATURE
                    : RejectedCallbacks.Reason.BAD_SIGNATURE, client, c.orderNo());
            return Result.REJECTED;
        }
        if (!"SUCCESS".equals(c.status())) {
            log(c, true, Result.IGNORED);
            return Result.IGNORED;
        }
        // a valid callback of a transaction already recorded changes nothing: replayed in a loop (a captured one
        // needs no key), it would take the order's lock and write an audit row each time. It takes a token of its
        // sender's bucket; a new transaction never does, so money is recorded whatever the address's state
        if (client != null && payments.recordedUnder(GATEWAY_REF + c.transactionId()) && !limiter.tryAcquire(client)) {
            throttled.increment();
            return Result.THROTTLED;
        }
        try {
            Result result = record(c);
            log(c, true, result);
            return result;
        } catch (RuntimeException e) {
            log(c, true, Result.REJECTED);
            throw e;
        }
    }

    /** The payment commits on its own (PaymentService.record) before the process is woken. */
    private Result record(Callback c) {
        PaymentOrder order = payments.findByNo(c.orderNo())
                .orElseThrow(() -> new InvalidInputException("orderNo", "未知的缴费单号"));
        BigDecimal amount;
        try {
            amount = new BigDecimal(c.amount());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("amount", "金额格式不正确");
        }
        // the payment and the family's timeline entry in one transaction, as the desk's payment and its entry
        PaymentService.Recorded r = paymentAndNote.execute(tx -> {
            PaymentService.Recorded recorded = payments.record(order.id(), PaymentMethod.ONLINE, amount,
                    GATEWAY_REF + c.transactionId(), "网关交易号 " + c.transactionId(), GATEWAY);
            if (!recorded.duplicate()) {
                PaymentOrder after = payments.get(order.id());
                opportunities.note(order.opportunityId(), TimelineEvent.PAYMENT_RECEIVED, "system", "线上支付 "
                        + Money.yuan(amount) + "（网关交易号 " + c.transactionId() + "，收据 " + recorded.receiptNo() + "）"
                        + (after.overpaid().signum() > 0 ? "；多付 " + Money.yuan(after.overpaid()) + "，待退还" : ""));
            }
            return recorded;
        });
        // also for a duplicate: if the first callback's wake-up was lost, this one wakes the process (harmless otherwise)
        signal.paymentArrived(order.opportunityId());
        return r.duplicate() ? Result.DUPLICATE : Result.RECORDED;
    }

    private void log(Callback c, boolean valid, Result result) {
        audit.executeWithoutResult(s -> jdbc.sql("insert into payment_callback (transaction_id, order_no, amount, "
                + "signature_valid, outcome, received_at) values (?, ?, ?, ?, ?, ?)")
                .params(cut(c.transactionId(), 100), cut(c.orderNo(), 32), cut(c.amount(), 32), valid,
                        result.name(), OffsetDateTime.now(clock))
                .update());
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
