package com.enrollflow.renewal;

/** renewal-policy.dmn (确定续费规则), as the application reads it. */
public interface RenewalPolicy {

    /**
     * When to remind, and the prepaid-fee regulation's bounds: no renewal fee while more than
     * {@code maxRemainingToCollect} lessons remain, nor more than {@code maxMonthsAhead} months before the new lessons.
     */
    record Rules(int remindAtRemaining, int maxRemainingToCollect, int maxMonthsAhead) {
    }

    Rules forLine(String productLine);
}
