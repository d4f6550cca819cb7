package com.enrollflow.opportunity;

import org.springframework.stereotype.Component;

import com.enrollflow.common.NotFoundException;
import com.enrollflow.reference.CampusScope;

/**
 * Campus scope for anything reached through an opportunity (quotes, contracts, payment orders, lessons,
 * assignments): the acting user must work for its campus, or, before intent, for the call centre that received it.
 * Otherwise the answer is the same "not found" as for an id that does not exist, so nothing is revealed.
 */
@Component
public class OpportunityAccess {

    private final OpportunityRepository opportunities;
    private final CampusScope scope;

    OpportunityAccess(OpportunityRepository opportunities, CampusScope scope) {
        this.opportunities = opportunities;
        this.scope = scope;
    }

    public Opportunity require(long opportunityId) {
        return opportunities.findById(opportunityId)
                .filter(o -> scope.current().sees(o.campusCode(), o.callCentre()))
                .orElseThrow(() -> notFound("商机 " + opportunityId));
    }

    /** A campus-bound object (contract, payment order, quote, lesson) of the given campus. */
    public void requireCampus(String campusCode, String what) {
        if (!scope.current().seesCampus(campusCode)) {
            throw notFound(what);
        }
    }

    public static NotFoundException notFound(String what) {
        return new NotFoundException("您负责的校区中没有" + what);
    }
}
