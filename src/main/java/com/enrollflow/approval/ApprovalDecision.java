package com.enrollflow.approval;

import java.time.OffsetDateTime;

/** One approver's decision on one level of a quote. */
public record ApprovalDecision(long quoteId, int levelNo, String approvalGroup, String decision, String comment,
        String decidedBy, OffsetDateTime decidedAt) {

    public boolean approved() {
        return ApprovalService.APPROVE.equals(decision);
    }
}
