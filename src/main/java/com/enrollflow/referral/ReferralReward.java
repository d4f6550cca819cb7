package com.enrollflow.referral;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import com.enrollflow.common.Money;

/**
 * A referrer's reward for one referred family (转介绍奖励), as stored: what the policy table decided, the supervisor's
 * approval when it was needed, and what was granted (a GIFT line of a contract, or a voucher).
 */
public record ReferralReward(long id, long referralId, long referrerCustomerId, String referrerName,
        long referredCustomerId, String referredName, long paidContractId, String paidContractNumber,
        String campusCode, String status, String rewardKind, Integer lessons, BigDecimal amount,
        Boolean approvalNeeded, String approvedBy, String approvalComment, String grantedAs, Long grantedContractId,
        Integer grantedLineNo, OffsetDateTime createdAt, OffsetDateTime grantedAt) {

    /** ZJS000012: the number staff read, and the business key of its process. */
    public String rewardNo() {
        return number(id);
    }

    public static String number(long id) {
        return String.format("ZJS%06d", id);
    }

    /** The reward in words: 赠送 4 课时（或代金券 ¥800.00）, or 代金券 ¥500.00. */
    public String described() {
        return described(rewardKind, lessons, amount);
    }

    /**
     * What the supervisor who decided 审批转介绍奖励 is told after 完成 (decision 661): the grant itself is the
     * process's next, asynchronous step, so the approval says what will be granted and where the outcome shows: the
     * family's mail, or customer service's call when the family has no e-mail address (decision 718).
     */
    public String toldApprover(boolean familyMailed) {
        return "REJECTED".equals(status)
                ? "已驳回转介绍奖励 " + rewardNo() + "：不发放；驳回意见已记入介绍人" + referrerName + "的客户动态"
                : "已同意转介绍奖励 " + rewardNo() + "（介绍 " + referredName + "）：" + described() + "，系统随即发放给介绍人"
                        + referrerName + "，发放结果记入其客户动态" + (familyMailed ? "并邮件通知家庭"
                                : "；家长没有登记邮箱，本校区客服将收到“电话告知介绍人”任务");
    }

    /** The reward of that kind, lessons and value in words; 待确定 before the policy table has decided. */
    static String described(String rewardKind, Integer lessons, BigDecimal amount) {
        if (rewardKind == null) {
            return "待确定";
        }
        String voucher = "代金券 " + Money.yuan(amount);
        return RewardKind.GIFT_LESSONS.name().equals(rewardKind)
                ? "赠送 " + lessons + " 课时（无有效合同时改发" + voucher + "）" : voucher;
    }
}
