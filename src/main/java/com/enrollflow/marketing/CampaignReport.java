package com.enrollflow.marketing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * 活动与渠道 ROI: per campaign and per channel, the new leads received in the period, how many of them paid, the
 * conversion, their contracts' value, the cost, the cost per paid student and the return on the cost. A rate is null
 * ("no data") when its denominator is zero or the cost is not recorded.
 */
public record CampaignReport(LocalDate from, LocalDate to, String campus, List<Row> byCampaign, List<Row> byChannel,
        Figures unregistered) {

    /** One campaign ({@code key} its id) or one channel ({@code key} its code), with the name staff read. */
    public record Row(String key, String name, String channel, String channelLabel, String campusCode,
            Figures figures) {
    }

    public record Figures(long leads, long paid, BigDecimal conversion, BigDecimal revenue, BigDecimal cost,
            boolean costRecorded, BigDecimal costPerPaid, BigDecimal roi) {
    }
}
