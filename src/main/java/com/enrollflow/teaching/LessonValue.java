package com.enrollflow.teaching;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What lessons of a ledger line are worth: the line's final price × lessons ÷ the lessons the price bought, rounded
 * half-up to the fen once for the line, never per lesson, so rounding never accumulates. Gifted lessons are worth
 * nothing. The refund (value consumed), the custodial balance and a transfer (value moved) all count with it.
 */
public final class LessonValue {

    private LessonValue() {
    }

    /** {@code lessons} of a line whose {@code finalAmount} paid for {@code basis} lessons; 0 when nothing was paid. */
    public static BigDecimal of(String kind, BigDecimal finalAmount, int basis, int lessons) {
        if ("GIFT".equals(kind) || basis == 0 || lessons == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return finalAmount.multiply(BigDecimal.valueOf(Math.min(lessons, basis)))
                .divide(BigDecimal.valueOf(basis), 2, RoundingMode.HALF_UP);
    }
}
