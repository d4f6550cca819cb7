package com.enrollflow.planning;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * 计划完成情况: each target of the period beside the actual (revenue and orders paid in the period) and a forecast
 * (the actual plus the open pipeline weighted by the conversion measured from each stage to payment over the last
 * {@code measuredDays} days, at the campus's average order). A rate is null ("no data") when its denominator is zero.
 */
public record TargetReport(String period, LocalDate from, LocalDate to, int measuredDays, List<Row> rows) {

    public record Row(SalesTarget target, BigDecimal actualRevenue, long actualOrders, BigDecimal achievement,
            BigDecimal ordersAchievement, long openOpportunities, BigDecimal averageOrder, BigDecimal expectedRevenue,
            BigDecimal forecastRevenue, BigDecimal forecastAchievement, List<Stage> pipeline) {
    }

    /** Open opportunities at a stage, and the share of the stage's opportunities that went on to pay. */
    public record Stage(String stage, String label, long open, BigDecimal conversion) {
    }
}
