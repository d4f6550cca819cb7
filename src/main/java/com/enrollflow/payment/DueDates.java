package com.enrollflow.payment;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

import com.enrollflow.reference.BusinessTime;

/** Due dates of payments and installments: when one ends, and how far staff may move it (付款期限). */
public final class DueDates {

    /** The longest extension of a due date staff may give (payment timeout, overdue installment). */
    public static final int MAX_EXTENSION_DAYS = 60;

    private DueDates() {
    }

    /** What is wrong with a new due date, if anything: it lies after today and at most 60 days ahead. */
    public static Optional<String> extensionProblem(LocalDate due, LocalDate today) {
        return due == null || !due.isAfter(today) || due.isAfter(today.plusDays(MAX_EXTENSION_DAYS))
                ? Optional.of("须为今天之后 " + MAX_EXTENSION_DAYS + " 天内的日期") : Optional.empty();
    }

    /** A due day's last minute in business time: what the due-date timers wait for. */
    public static OffsetDateTime endOfDay(LocalDate day) {
        return day.atTime(23, 59).atZone(BusinessTime.ZONE).toOffsetDateTime();
    }
}
