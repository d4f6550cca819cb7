package com.enrollflow.opportunity;

import java.time.OffsetDateTime;

/** What an opportunity starts with, taken from the enquiry that opened it. */
public record NewOpportunity(
        long customerId,
        String channel,
        String campaign,
        String campusCode,
        String productLine,
        String grade,
        String subject,
        String goal,
        String ownerGroup,
        OffsetDateTime receivedAt) {
}
