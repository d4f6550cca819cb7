package com.enrollflow.pricing;

import java.math.BigDecimal;

/**
 * One line of a quote: the 1:1 lessons (kind LESSONS) or a class (kind CLASS). {@code finalAmount} is the
 * line's share of the final price after all discounts (in proportion to the list amounts; the lines add up to
 * the final price exactly), {@code unitPrice} what one of its lessons really costs.
 */
public record QuoteLine(int lineNo, String kind, String itemCode, String description, int lessons,
        BigDecimal unitListPrice, BigDecimal listAmount, BigDecimal finalAmount, BigDecimal unitPrice) {

    public static final String LESSONS = "LESSONS";
    public static final String CLASS = "CLASS";
}
