package com.enrollflow.assignment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One team member as a strategy sees them at the moment of choice.
 *
 * @param previousOwner owned this opportunity at some time before
 * @param originalOwner was the first owner of this opportunity
 * @param takenFrom the opportunity is being taken from this person right now (recycle, return, hand-over)
 */
public record Candidate(String userId, String displayName, MemberStatus status, int capacity, int openCount,
        int assignedInBatch, OffsetDateTime lastAssignedAt, BigDecimal conversionRate, boolean previousOwner,
        boolean originalOwner, boolean takenFrom) {

    String name() {
        return displayName == null || displayName.isBlank() ? userId : displayName;
    }

    boolean hasRoom() {
        return status == MemberStatus.ACTIVE && openCount < capacity;
    }
}
