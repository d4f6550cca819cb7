package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The sales funnel (销售漏斗) of DOMAIN.md for a period: stage counts and the nine rates. A rate whose
 * denominator is zero is null ("no data"), never 0 % or an error.
 */
public record FunnelReport(String from, String to, String campus, String channel, String campaign,
        List<Stage> stages, List<Rate> rates) {

    public record Stage(String key, String label, long count) {
    }

    public record Rate(String key, String label, String formula, BigDecimal percent) {
    }

    static BigDecimal percent(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator * 100L).divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
    }
}
