package com.enrollflow.payment;

import java.math.BigDecimal;

/**
 * The online payment gateway's refund call (退款): pays an online payment back the way it came. Called from a job
 * that may run again, so every call carries our idempotency key and the gateway refunds a key at most once.
 */
public interface GatewayRefunds {

    /** A refund the gateway accepted: its own refund number, and the amount it confirmed. */
    record GatewayRefund(String gatewayRefundNo, BigDecimal amount) {
    }

    /** Whether a refund endpoint is configured (enrollflow.payment.gateway-refund-url non-blank). */
    boolean configured();

    /**
     * Asks the gateway to refund {@code amount} (CNY, at most 2 decimals, positive) of the payment it knows as
     * {@code transactionId} (the gateway's transaction id: the payment's external_ref without its "GW:" prefix) of
     * order {@code orderNo}. {@code requestId} is our idempotency key (e.g. "TF12-P34"): the same requestId sent twice
     * never refunds twice, the gateway answers the first refund again.
     *
     * @throws GatewayRefundException with a Chinese message for finance and whether a retry may help, when the
     *         refund is refused, the gateway is unreachable or too slow, or its answer is malformed, unsigned, wrongly
     *         signed or not about what was asked
     * @throws IllegalArgumentException when an argument is blank, contains "|", or the amount is not a positive
     *         amount in fen
     */
    GatewayRefund refund(String requestId, String transactionId, String orderNo, BigDecimal amount);
}
