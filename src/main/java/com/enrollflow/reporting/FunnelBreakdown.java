package com.enrollflow.reporting;

import java.util.List;

/**
 * The funnel broken down by one dimension (分组对比): {@code by} (CAMPUS, TEAM, CONSULTANT, CHANNEL, CAMPAIGN,
 * PRODUCT_LINE) and what staff call it, the filters in Chinese ({@code filters}, empty: none), and a line per value.
 */
public record FunnelBreakdown(String from, String to, String by, String byLabel, String filters, List<Line> lines) {

    /**
     * One value of the dimension: {@code key} is what the matching filter takes (null for the opportunities without
     * a value, e.g. 未分配团队), {@code label} what staff read; the seven counts and nine rates of those opportunities.
     */
    public record Line(String key, String label, List<FunnelReport.Stage> stages, List<FunnelReport.Rate> rates) {
    }
}
