package com.enrollflow.payment;

/**
 * The gateway did not confirm a refund. The message is for finance, in Chinese. Retryable: the gateway was unreachable,
 * too slow or failed on its side, and the same request may simply be sent again (it is idempotent). Not retryable:
 * the gateway refused, or answered something we cannot trust; a person has to look, and the message says whether
 * the money may already have gone out.
 */
public class GatewayRefundException extends RuntimeException {

    private final boolean retryable;

    public GatewayRefundException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public GatewayRefundException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
