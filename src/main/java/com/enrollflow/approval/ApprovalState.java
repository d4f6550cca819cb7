package com.enrollflow.approval;

import java.util.List;

/** The levels a quote needs, in order, what was decided so far, and the overall outcome. */
public record ApprovalState(long quoteId, List<String> requiredLevels, String outcome, List<ApprovalDecision> decisions) {

    public static final String PENDING = "PENDING";
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";

    /** Approved means every required level has an approval (none required counts as approved). */
    public boolean complete() {
        return APPROVED.equals(outcome) && decisions.stream().filter(ApprovalDecision::approved).count()
                == requiredLevels.size();
    }

    public String lastComment() {
        return decisions.isEmpty() ? null : decisions.get(decisions.size() - 1).comment();
    }
}
