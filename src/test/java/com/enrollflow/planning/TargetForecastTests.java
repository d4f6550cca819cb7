package com.enrollflow.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * 预测收入 worked out by hand for one target, and the case with nothing to forecast from: open opportunities at a
 * campus where no order was paid in the measured days are "no data", not a forecast that counts them as worth ¥0.
 */
class TargetForecastTests {

    private static final SalesTarget TARGET = new SalesTarget(1, "BJ-HD", "北京海淀校区", null, null, null, "全部产品线",
            "2026-12", new BigDecimal("100000.00"), null, "zhouhua", "周华（zhouhua）", OffsetDateTime.now(),
            "2026-12-01 09:00");
    private static final TargetReports.Slice HAIDIAN = new TargetReports.Slice("BJ-HD", "BJHD1V1", "ONE_ON_ONE");
    private static final List<TargetReports.Paid> PAID = List.of(
            new TargetReports.Paid(HAIDIAN, 2, new BigDecimal("24000.00")));
    private static final List<TargetReports.Open> OPEN = List.of(new TargetReports.Open(HAIDIAN, "INTENT", 6),
            new TargetReports.Open(HAIDIAN, "PLANNED", 1));

    @Test
    void shouldForecastTheActualPlusTheWeightedPipeline() {
        TargetReports.Measured measured = new TargetReports.Measured(Map.of("INTENT", new BigDecimal("0.2500"),
                "PLANNED", new BigDecimal("0.5000")), new BigDecimal("12000.00"));

        TargetReport.Row row = TargetReports.row(TARGET, true, measured, PAID, OPEN);

        // 6 × 0.25 × 12 000 + 1 × 0.5 × 12 000 = 18 000 + 6 000
        assertThat(row.expectedRevenue()).isEqualByComparingTo("24000.00");
        assertThat(row.forecastRevenue()).isEqualByComparingTo("48000.00");
        assertThat(row.forecastAchievement()).isEqualByComparingTo("0.4800");
        assertThat(row.ordersAchievement()).as("no order target").isNull();
    }

    @Test
    void shouldGiveNoForecastForAPipelineNothingWasMeasuredFor() {
        TargetReports.Measured nothing = new TargetReports.Measured(Map.of("INTENT", new BigDecimal("0.0000")), null);

        TargetReport.Row row = TargetReports.row(TARGET, true, nothing, PAID, OPEN);

        assertThat(row.openOpportunities()).isEqualTo(7);
        assertThat(row.actualRevenue()).isEqualByComparingTo("24000.00");
        assertThat(row.forecastRevenue()).as("无数据, not the actual alone").isNull();
        assertThat(row.forecastAchievement()).isNull();

        assertThat(TargetReports.row(TARGET, true, nothing, PAID, List.of()).forecastRevenue())
                .as("no open opportunity: the actual is the forecast").isEqualByComparingTo("24000.00");
        assertThat(TargetReports.row(TARGET, false, nothing, PAID, OPEN).forecastRevenue())
                .as("a period already over: its actual").isEqualByComparingTo("24000.00");
    }
}
