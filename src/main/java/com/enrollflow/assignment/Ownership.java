package com.enrollflow.assignment;

import java.time.OffsetDateTime;

/** Who holds an opportunity now, as the assignment rules see it (columns of the opportunity table). */
public record Ownership(long opportunityId, long customerId, String status, String campusCode, String productLine,
        String teamId, String ownerUser, String firstOwner, String pool, OffsetDateTime assignedAt,
        OffsetDateTime firstContactAt, int recycleCount, boolean recycleExempt) {

    public boolean isOpen() {
        return "OPEN".equals(status);
    }

    /** Whether a recycle may take it: open, held by someone, and not exempt (锁定/VIP). */
    public boolean recyclable() {
        return isOpen() && ownerUser != null && !recycleExempt;
    }
}
