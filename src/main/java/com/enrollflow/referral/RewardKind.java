package com.enrollflow.referral;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** What a referrer gets (转介绍奖励方式), as referral-reward.dmn names it. */
@CodeName("转介绍奖励方式")
public enum RewardKind implements Coded {
    /** Lessons on the referrer's newest contract in force (a GIFT line of its hours ledger). */
    GIFT_LESSONS("赠送课时", "赠课"),
    /** A voucher (代金券) with a code, a value and an expiry. */
    VOUCHER("代金券", "优惠券");

    private final String label;
    private final List<String> aliases;

    RewardKind(String label, String... aliases) {
        this.label = label;
        this.aliases = List.of(aliases);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }
}
