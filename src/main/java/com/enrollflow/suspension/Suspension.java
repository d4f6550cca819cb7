package com.enrollflow.suspension;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A suspension (休学/停课) of one contract's lessons from {@code startsOn} to {@code endsOn} inclusive. */
public record Suspension(long id, long contractId, long opportunityId, String campusCode, LocalDate startsOn,
        LocalDate endsOn, String reason, String status, int lessonsReleased, String requestedBy,
        OffsetDateTime requestedAt, LocalDate resumedOn, String resumedBy) {

    public static final String ACTIVE = "ACTIVE";
    public static final String RESUMED = "RESUMED";

    @JsonProperty("statusLabel")
    public String statusLabel() {
        return ACTIVE.equals(status) ? "停课中" : "已复课";
    }
}
