package com.enrollflow.referral;

import java.math.BigDecimal;

/** The reward workflow as the domain sees it (implemented by workflow.referral.CamundaReferralRewardProcess). */
public interface ReferralRewardProcess {

    /**
     * Starts {@code referralReward} for a stored reward (business key = its number). {@code referrerOpportunityId}
     * places it at the referrer's campus; the product line and the contract's price are the policy table's inputs.
     */
    void start(ReferralReward reward, long referrerOpportunityId, String productLine, BigDecimal contractPrice);
}
