package com.enrollflow.lead;

import java.util.List;

/** The answer to a lead: the customer, whether we knew them already, and their open opportunities. */
public record LeadIntakeResult(long customerId, boolean duplicate, List<OpportunityRef> opportunities) {

    public record OpportunityRef(long opportunityId, String processInstanceId) {
    }
}
