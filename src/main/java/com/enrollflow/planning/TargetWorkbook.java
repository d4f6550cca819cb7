package com.enrollflow.planning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.enrollflow.common.TableWorkbook;

/** 计划完成情况 as an Excel file: one line per target, rates in percent with one decimal, 无数据 where none. */
public final class TargetWorkbook {

    public static final String FILE_NAME = "计划完成情况.xlsx";
    static final List<String> HEADERS = List.of("期间", "校区", "团队", "产品线", "目标收入（元）", "实际收入（元）",
            "完成率（%）", "目标单数", "实际单数", "在跟商机", "预测收入（元）", "预测完成率（%）");

    private TargetWorkbook() {
    }

    public static byte[] xlsx(TargetReport report) {
        List<List<Object>> lines = new ArrayList<>();
        for (TargetReport.Row r : report.rows()) {
            SalesTarget t = r.target();
            lines.add(Arrays.asList(t.period(), t.campusCode(), t.teamName() == null ? "全部团队" : t.teamName(),
                    t.productLineLabel(), t.revenue(), r.actualRevenue(), percent(r.achievement()), t.orders(),
                    r.actualOrders(), r.openOpportunities(), r.forecastRevenue(), percent(r.forecastAchievement())));
        }
        return TableWorkbook.xlsx(List.of(new TableWorkbook.Table("计划完成情况", HEADERS, lines)));
    }

    private static BigDecimal percent(BigDecimal rate) {
        return rate == null ? null : rate.movePointRight(2).setScale(1, RoundingMode.HALF_UP);
    }
}
