package com.enrollflow.common;

/** The request clashes with what is stored (e.g. an idempotency key reused for another body); 409/422. */
public class ConflictException extends RuntimeException {

    private final int status;

    public ConflictException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
