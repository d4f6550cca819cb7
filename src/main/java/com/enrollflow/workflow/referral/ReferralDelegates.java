package com.enrollflow.workflow.referral;

import static com.enrollflow.workflow.SalesVariables.id;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.referral.GiftLessons;
import com.enrollflow.referral.ReferralReward;
import com.enrollflow.referral.ReferralRewards;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.TaskInput;
import com.enrollflow.workflow.engine.TaskFormRecord;

/** referral-reward.bpmn (转介绍奖励): the decision stored, the supervisor's approval, the grant. */
@Configuration
class ReferralDelegates {

    static final String REWARD_ID = "referralRewardId";
    static final String DECISION = "rewardDecision";
    static final String COMMENT = "approvalComment";
    static final String GRANTED_TEXT = "rewardGrantedText";
    static final String PHONE_OUTCOME = "phoneOutcome";

    private final ReferralRewards rewards;
    private final GiftLessons giftLessons;

    ReferralDelegates(ReferralRewards rewards, GiftLessons giftLessons) {
        this.rewards = rewards;
        this.giftLessons = giftLessons;
    }

    /** ServiceTask_RecordReferralReward (登记转介绍奖励): what the policy table decided, stored with the reward. */
    @Bean("recordReferralReward")
    JavaDelegate recordReferralReward() {
        return execution -> {
            Object approval = execution.getVariable("approvalNeeded");
            ReferralReward r = rewards.decided(id(execution, REWARD_ID), (String) execution.getVariable("rewardKind"),
                    (Number) execution.getVariable("rewardLessons"), (Number) execution.getVariable("rewardAmount"),
                    Boolean.TRUE.equals(approval) || "true".equals(String.valueOf(approval)));
            execution.setVariable("approvalNeeded", Boolean.TRUE.equals(r.approvalNeeded()));
        };
    }

    /** Task_ApproveReferralReward (审批转介绍奖励), on create: the reward as the supervisor reads it. */
    @Bean("referralRewardApprovalPrepare")
    TaskListener referralRewardApprovalPrepare() {
        return task -> {
            ReferralReward r = rewards.get(id(task, REWARD_ID));
            task.setVariableLocal("rewardNo", r.rewardNo());
            task.setVariableLocal("rewardSummary", "介绍人：" + r.referrerName() + "\n被介绍家庭：" + r.referredName()
                    + "（合同 " + r.paidContractNumber() + " " + rewards.paidSoFar(r) + "）\n奖励：" + r.described());
        };
    }

    /** Task_ApproveReferralReward, on complete: the decision, refused by field (a rejection needs a comment). */
    @Bean("referralRewardDecisionInput")
    TaskListener referralRewardDecisionInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String decision = input.oneOf(DECISION, true, ReferralRewards.APPROVE, ReferralRewards.REJECT);
            String comment = input.text(COMMENT, 1000, ReferralRewards.REJECT.equals(decision));
            input.check(COMMENT);
            try {
                ReferralReward r = rewards.approve(id(task, REWARD_ID), decision, comment, Actors.of(task));
                TaskFormRecord.told(task, r.toldApprover(rewards.mailsReferrer(r)));
            } catch (InvalidInputException e) {
                throw TaskInput.rejected(e);
            } catch (ConflictException e) {
                throw InputRefusal.submission(e.getMessage());
            }
        };
    }

    /**
     * ServiceTask_GrantReferralReward (发放转介绍奖励): gifted lessons or a voucher, once; what was given in words
     * (rewardGrantedText) and whether the family was mailed (referrerMailed: else customer service phones).
     */
    @Bean("grantReferralReward")
    JavaDelegate grantReferralReward() {
        return execution -> {
            ReferralRewards.Grant g = rewards.grant(id(execution, REWARD_ID), Actors.of(execution));
            execution.setVariable("grantedAs", g.reward().grantedAs());
            // not granted: the referred family's contract was refunded or cancelled meanwhile
            execution.setVariable("rewardGranted", "GRANTED".equals(g.reward().status()));
            execution.setVariable(GRANTED_TEXT, g.granted());
            execution.setVariable("referrerMailed", g.mailed());
        };
    }

    /**
     * ServiceTask_BookGiftLessons (赠送课时排课): the gifted lessons at the end of the family's schedule; giftBooking
     * BOOKED, WAITING (the schedule is being changed: tried again the next day) or NOTHING, and giftLessonsText, the
     * lessons booked (电话告知介绍人 shows them).
     */
    @Bean("bookGiftLessons")
    JavaDelegate bookGiftLessons() {
        return execution -> {
            GiftLessons.Result booked = giftLessons.book(id(execution, REWARD_ID), Actors.of(execution));
            execution.setVariable("giftBooking", booked.booking().name());
            execution.setVariable("giftLessonsText", booked.lessons());
        };
    }

    /** Task_PhoneReferrer (电话告知介绍人), on complete: what the family was told, required, onto the timeline. */
    @Bean("referrerPhoneInput")
    TaskListener referrerPhoneInput() {
        return task -> {
            Object said = task.getVariable(PHONE_OUTCOME);
            try {
                rewards.referrerPhoned(id(task, REWARD_ID), said == null ? null : said.toString(), Actors.of(task));
            } catch (InvalidInputException e) {
                throw TaskInput.rejected(e);
            }
            TaskFormRecord.told(task, "通话结果已记入介绍人" + task.getVariable("customerName") + "的客户动态");
        };
    }
}
