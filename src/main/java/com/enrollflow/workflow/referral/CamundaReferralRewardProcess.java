package com.enrollflow.workflow.referral;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.SystemLookups;
import com.enrollflow.referral.ReferralReward;
import com.enrollflow.referral.ReferralRewardProcess;
import com.enrollflow.workflow.ProcessConstants;

/**
 * Starts referral-reward.bpmn (转介绍奖励): business key = the reward number (ZJS000012); the referrer's opportunity
 * gives the campus's tenant, so the supervisors of the referrer's campus approve it.
 */
@Component
class CamundaReferralRewardProcess implements ReferralRewardProcess {

    static final String PROCESS = "referralReward";

    private final RuntimeService runtime;
    private final SystemLookups system;

    CamundaReferralRewardProcess(RuntimeService runtime, SystemLookups system) {
        this.runtime = runtime;
        this.system = system;
    }

    @Override
    public void start(ReferralReward reward, long referrerOpportunityId, String productLine, BigDecimal contractPrice) {
        Map<String, Object> v = new HashMap<>();
        v.put(ReferralDelegates.REWARD_ID, reward.id());
        v.put(ProcessConstants.OPPORTUNITY_ID, referrerOpportunityId);
        v.put(ProcessConstants.CUSTOMER_NAME, reward.referrerName());
        v.put("referredName", reward.referredName());
        v.put(ProcessConstants.PRODUCT_LINE, productLine);
        // a decision input, never money arithmetic: the table compares it with thresholds in whole yuan
        v.put("contractPrice", contractPrice.doubleValue());
        system.unrestricted(() -> runtime.startProcessInstanceByKey(PROCESS, reward.rewardNo(), v));
    }
}
