package com.enrollflow.opportunity;

import java.time.OffsetDateTime;

/** A sales opportunity (商机) as stored, with its funnel timestamps. */
public record Opportunity(
        long id,
        long customerId,
        String status,
        String stage,
        String channel,
        String campaign,
        String campusCode,
        String productLine,
        String grade,
        String subject,
        String goal,
        String studyHabits,
        String budget,
        String startPlan,
        String intentLevel,
        String suggestedIntentLevel,
        String ownerUser,
        String ownerGroup,
        int contactAttempts,
        Long splitFromId,
        String processInstanceId,
        OffsetDateTime receivedAt,
        OffsetDateTime validAt,
        OffsetDateTime intentAt,
        OffsetDateTime assignedAt,
        OffsetDateTime closedAt,
        String closeReason,
        OffsetDateTime agreedAt,
        OffsetDateTime visitedAt,
        OffsetDateTime plannedAt,
        OffsetDateTime paidAt,
        OffsetDateTime enrolledAt,
        String callCentre) {

    /** The Camunda tenant it belongs to: its campus's, or while it has none the receiving call centre's. */
    public String tenantId() {
        return campusCode != null ? com.enrollflow.reference.Campus.tenantId(campusCode) : callCentre;
    }

    public boolean isOpen() {
        return OpportunityStatus.OPEN.name().equals(status);
    }
}
