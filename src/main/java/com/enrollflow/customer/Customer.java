package com.enrollflow.customer;

import java.time.OffsetDateTime;

/** A person we know, identified by the normalised phone number (E.164). */
public record Customer(long id, String name, String phone, String email, OffsetDateTime createdAt) {
}
