package com.enrollflow.suspension;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.enrollflow.reference.BusinessTime;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A suspension (休学/停课) of one contract's lessons from {@code startsOn} to {@code endsOn} inclusive. */
public record Suspension(long id, long contractId, long opportunityId, String campusCode, LocalDate startsOn,
        LocalDate endsOn, String reason, String status, int lessonsReleased, String requestedBy,
        OffsetDateTime requestedAt, LocalDate resumedOn, String resumedBy) {

    public static final String ACTIVE = "ACTIVE";
    public static final String RESUMED = "RESUMED";

    /**
     * As staff say where it stands today: 已登记，2026-12-07 起停课 before its first day (it read 停课中 from the day it
     * was registered), 停课中 through its days, 停课已到期，待安排复课 after its last day until 安排复课, 已复课.
     */
    @JsonProperty("statusLabel")
    public String statusLabel() {
        return statusLabel(LocalDate.now(BusinessTime.ZONE));
    }

    String statusLabel(LocalDate today) {
        if (!ACTIVE.equals(status)) {
            return "已复课";
        }
        if (today.isBefore(startsOn)) {
            return "已登记，" + startsOn + " 起停课";
        }
        return today.isAfter(endsOn) ? "停课已到期，待安排复课" : "停课中";
    }
}
