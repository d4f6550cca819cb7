package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The sales funnel (销售漏斗) of DOMAIN.md for a period: stage counts and the nine rates. A rate whose
 * denominator is zero is null ("no data"), never 0 % or an error.
 */
public record FunnelReport(String from, String to, String campus, String campusName, String channel,
        String channelLabel, String campaign, String productLine, String productLineLabel, List<Stage> stages,
        List<Rate> rates, Revenue revenue) {

    /**
     * Orders paid (成单缴费) in the period: their contract value, the average per order (每单收入) and the average
     * price actually paid per lesson, beside the KPI band of DOMAIN.md (158–398 CNY). Null averages: no order.
     * {@code refunded}: what refunds of these orders paid back (退费, whenever it was paid out); {@code net} = total −
     * refunded, the revenue the institution keeps (净收入).
     */
    public record Revenue(long orders, BigDecimal total, BigDecimal perOrder, BigDecimal perLesson,
            String kpiBand, BigDecimal refunded, BigDecimal net) {
    }

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
