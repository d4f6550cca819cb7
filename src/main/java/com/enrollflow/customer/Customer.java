package com.enrollflow.customer;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A person we know, identified by the normalised phone number (E.164). {@code birthDate}: the student's (学生生日),
 * when the family gave it.
 */
public record Customer(long id, String name, String phone, String email, OffsetDateTime createdAt,
        LocalDate birthDate) {
}
