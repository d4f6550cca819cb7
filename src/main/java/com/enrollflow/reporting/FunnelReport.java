package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The sales funnel (销售漏斗) of DOMAIN.md for a period: stage counts and the nine rates, each beside its value in the
 * previous period (上期: as many days just before {@code from}, from {@code previousFrom} to {@code previousTo}). A rate
 * or a change whose denominator is zero is null ("no data"), never 0 % or an error. {@code campuses}: the campuses
 * counted as a heading names them (the campus; without one 全部校区 for head office, 我负责的全部校区 for the others).
 */
public record FunnelReport(String from, String to, String campus, String campusName, String campuses, String channel,
        String channelLabel, String campaign, String productLine, String productLineLabel, String team,
        String teamName, String consultant, String consultantName, String previousFrom, String previousTo,
        List<Stage> stages, List<Rate> rates, Revenue revenue) {

    /**
     * Orders paid (成单缴费) in the period: their contract value, the average per order (每单收入) and the average
     * price actually paid per lesson, beside the KPI band of DOMAIN.md (158–398 CNY). Null averages: no order.
     * {@code refunded}: what refunds of these orders paid back (退费, whenever it was paid out); {@code net} = total −
     * refunded, the revenue the institution keeps (净收入).
     */
    public record Revenue(long orders, BigDecimal total, BigDecimal perOrder, BigDecimal perLesson,
            String kpiBand, BigDecimal refunded, BigDecimal net) {
    }

    /**
     * A stage's count; {@code previous}: its count in the previous period, {@code changePercent}: the change against it
     * in percent (null when the previous count is 0, or when there is no comparison).
     */
    public record Stage(String key, String label, long count, Long previous, BigDecimal changePercent) {
    }

    /** A rate in percent, and the same rate in the previous period ({@code previousPercent}). */
    public record Rate(String key, String label, String formula, BigDecimal percent, BigDecimal previousPercent) {
    }

    /** (now − before) ÷ before in percent, one decimal; null when before is 0 (nothing to compare with). */
    static BigDecimal change(long now, long before) {
        return before == 0 ? null : percent(now - before, before);
    }

    static BigDecimal percent(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator * 100L).divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
    }
}
