package com.enrollflow.marketing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.enrollflow.common.TableWorkbook;

/** 活动与渠道 ROI as an Excel file and a CSV: rates in percent with one decimal, 无数据 where none. */
public final class CampaignWorkbook {

    public static final String FILE_NAME = "活动与渠道ROI.xlsx";
    static final List<String> HEADERS = List.of("维度", "名称", "渠道", "新线索", "成单", "转化率（%）", "成交额（元）",
            "费用（元）", "每成单费用（元）", "投资回报率（%）");

    private CampaignWorkbook() {
    }

    public static byte[] xlsx(CampaignReport report) {
        return TableWorkbook.xlsx(tables(report));
    }

    /** The report's one table, for the Excel file and the CSV alike. */
    public static List<TableWorkbook.Table> tables(CampaignReport report) {
        List<List<Object>> lines = new ArrayList<>();
        report.byCampaign().forEach(r -> lines.add(line("市场活动", r.name(), r.channelLabel(), r.figures())));
        report.byChannel().forEach(r -> lines.add(line("渠道", r.name(), r.channelLabel(), r.figures())));
        lines.add(line("未登记的活动", "（线索所填活动没有登记）", "", report.unregistered()));
        return List.of(new TableWorkbook.Table("活动与渠道ROI", HEADERS, lines));
    }

    private static List<Object> line(String slice, String name, String channel, CampaignReport.Figures f) {
        return Arrays.asList(slice, name, channel, f.leads(), f.paid(), TableWorkbook.percent(f.conversion()),
                f.revenue(), f.costRecorded() ? f.cost() : "未登记", f.costPerPaid(), TableWorkbook.percent(f.roi()));
    }

}
