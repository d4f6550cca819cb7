package com.enrollflow.lead;

import java.util.List;

/**
 * The answer to a lead: the customer, whether we knew them already, and their open opportunities. When the customer
 * is already followed at a campus the receiver does not work for (one customer, one owner, across campuses), the
 * receiver learns only that, by whom and where ({@code followedElsewhere}): no customer id, no opportunity ids.
 */
public record LeadIntakeResult(Long customerId, boolean duplicate, List<OpportunityRef> opportunities,
        List<FollowedElsewhere> followedElsewhere) {

    public LeadIntakeResult(Long customerId, boolean duplicate, List<OpportunityRef> opportunities) {
        this(customerId, duplicate, opportunities, List.of());
    }

    public LeadIntakeResult {
        followedElsewhere = followedElsewhere == null ? List.of() : List.copyOf(followedElsewhere);
    }

    public record OpportunityRef(long opportunityId, String processInstanceId) {
    }

    /** 已有人跟进: the owner's name (or their team's) and the campus, nothing else. */
    public record FollowedElsewhere(String followedBy, String campus, String campusName) {
    }
}
