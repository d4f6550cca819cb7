package com.enrollflow.planning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.enrollflow.common.TableWorkbook;

/**
 * 计划完成情况 as an Excel file: one line per target, rates in percent with one decimal, 无数据 where none, and who set
 * the target last and when.
 */
public final class TargetWorkbook {

    public static final String FILE_NAME = "计划完成情况.xlsx";
    static final List<String> HEADERS = List.of("期间", "校区", "团队", "产品线", "目标收入（元）", "实际收入（元）",
            "完成率（%）", "目标单数", "实际单数", "在跟商机", "预测收入（元）", "预测完成率（%）", "设定人", "设定时间");

    private TargetWorkbook() {
    }

    public static byte[] xlsx(TargetReport report) {
        return TableWorkbook.xlsx(tables(report));
    }

    /** The report's one table, for the Excel file and the CSV alike; a target without an order count reads 未设定. */
    static List<TableWorkbook.Table> tables(TargetReport report) {
        List<List<Object>> lines = new ArrayList<>();
        for (TargetReport.Row r : report.rows()) {
            SalesTarget t = r.target();
            lines.add(Arrays.asList(t.period(), t.campusName(), t.teamName() == null ? "全部团队" : t.teamName(),
                    t.productLineLabel(), t.revenue(), r.actualRevenue(), TableWorkbook.percent(r.achievement()),
                    t.orders() == null ? "未设定" : t.orders(), r.actualOrders(), r.openOpportunities(),
                    r.forecastRevenue(), TableWorkbook.percent(r.forecastAchievement()), t.setByName(),
                    t.setAtShown()));
        }
        return List.of(new TableWorkbook.Table("计划完成情况", HEADERS, lines));
    }

}
