package com.enrollflow.common;

/** A resource the caller named does not exist; answered as 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
