package com.enrollflow.opportunity;

import java.time.OffsetDateTime;

/**
 * What an opportunity starts with, taken from the enquiry that opened it. {@code callCentre} is the call centre
 * that received a lead without a campus (校区数据范围); null when the campus is known.
 */
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
        OffsetDateTime receivedAt,
        String callCentre) {

    public NewOpportunity(long customerId, String channel, String campaign, String campusCode, String productLine,
            String grade, String subject, String goal, String ownerGroup, OffsetDateTime receivedAt) {
        this(customerId, channel, campaign, campusCode, productLine, grade, subject, goal, ownerGroup, receivedAt,
                null);
    }
}
