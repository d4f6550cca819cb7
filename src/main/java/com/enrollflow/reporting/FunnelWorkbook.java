package com.enrollflow.reporting;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

import com.enrollflow.common.TableWorkbook;

/**
 * The funnel as an Excel file (销售漏斗.xlsx), what the board shows: the filters it was made with, the seven stages
 * and the nine rates (percent with one decimal, "无数据" where the denominator is zero). Counts and percents are
 * number cells, so a manager can go on calculating with them.
 */
@Component
public class FunnelWorkbook {

    /** The breakdown's file name, without its extension. */
    public static final String BREAKDOWN_FILE = "销售漏斗分组对比";

    public static final String FILE_NAME = "销售漏斗.xlsx";
    public static final String SHEET = "销售漏斗";
    public static final String NO_DATA = "无数据";

    public byte[] xlsx(FunnelReport report) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle oneDecimal = workbook.createCellStyle();
            oneDecimal.setDataFormat(workbook.createDataFormat().getFormat("0.0"));
            Sheet sheet = workbook.createSheet(SHEET);
            int r = 0;
            text(sheet.createRow(r++), bold, "销售漏斗");
            text(sheet.createRow(r++), null, "统计期间", report.from() + " 至 " + report.to());
            text(sheet.createRow(r++), null, "校区", report.campuses());
            text(sheet.createRow(r++), null, "渠道", orAll(report.channelLabel()));
            text(sheet.createRow(r++), null, "产品线", orAll(report.productLineLabel()));
            text(sheet.createRow(r++), null, "市场活动", orAll(report.campaign()));
            text(sheet.createRow(r++), null, "销售团队", orAll(report.teamName()));
            text(sheet.createRow(r++), null, "课程顾问", orAll(report.consultantName()));
            text(sheet.createRow(r++), null, "上期", report.previousFrom() + " 至 " + report.previousTo());
            r++;
            text(sheet.createRow(r++), bold, "阶段", "数量", "上期数量", "变化（%）");
            for (FunnelReport.Stage stage : report.stages()) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(stage.label());
                row.createCell(1).setCellValue(stage.count());
                if (stage.previous() != null) {
                    row.createCell(2).setCellValue(stage.previous());
                }
                percent(row, 3, stage.changePercent(), oneDecimal);
            }
            r++;
            text(sheet.createRow(r++), bold, "转化率", "公式", "百分比（%）", "上期（%）");
            Map<String, String> stageLabels = new HashMap<>();
            report.stages().forEach(s -> stageLabels.put(s.key(), s.label()));
            for (FunnelReport.Rate rate : report.rates()) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(rate.label());
                row.createCell(1).setCellValue(formula(rate.formula(), stageLabels));
                percent(row, 2, rate.percent(), oneDecimal);
                percent(row, 3, rate.previousPercent(), oneDecimal);
            }
            r++;
            FunnelReport.Revenue revenue = report.revenue();
            text(sheet.createRow(r++), bold, "收入", "金额（元）");
            r = amount(sheet, r, "成单数", BigDecimal.valueOf(revenue.orders()), null);
            r = amount(sheet, r, "合同金额（元）", revenue.total(), null);
            r = amount(sheet, r, "每单收入（元）", revenue.perOrder(), "参考区间 " + revenue.kpiBand() + " 元");
            r = amount(sheet, r, "课时单价（元）", revenue.perLesson(), null);
            r = amount(sheet, r, "退费（元）", revenue.refunded(), null);
            r = amount(sheet, r, "净收入（元）", revenue.net(), null);
            sheet.setColumnWidth(0, 18 * 256);
            sheet.setColumnWidth(1, 26 * 256);
            sheet.setColumnWidth(2, 14 * 256);
            sheet.setColumnWidth(3, 14 * 256);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line of the revenue block: label, the amount as a number (无数据 when none) and a note. */
    private static int amount(Sheet sheet, int r, String label, BigDecimal value, String note) {
        Row row = sheet.createRow(r);
        row.createCell(0).setCellValue(label);
        if (value == null) {
            row.createCell(1).setCellValue(NO_DATA);
        } else {
            row.createCell(1).setCellValue(value.doubleValue());
        }
        if (note != null) {
            row.createCell(2).setCellValue(note);
        }
        return r + 1;
    }

    /** A percent with one decimal, or 无数据 (nothing to compare with), never 0. */
    private static void percent(Row row, int column, java.math.BigDecimal value, CellStyle oneDecimal) {
        if (value == null) {
            row.createCell(column).setCellValue(NO_DATA);
        } else {
            row.createCell(column).setCellValue(value.doubleValue());
            row.getCell(column).setCellStyle(oneDecimal);
        }
    }

    /**
     * The breakdown (分组对比.xlsx): the period and filters, then a line per value with the seven counts and the nine
     * rates (percent, 无数据 where the denominator is zero), as the board shows it.
     */
    public static byte[] xlsx(FunnelBreakdown breakdown) {
        List<String> headers = new java.util.ArrayList<>(List.of(breakdown.byLabel()));
        List<List<Object>> lines = new java.util.ArrayList<>();
        if (!breakdown.lines().isEmpty()) {
            breakdown.lines().get(0).stages().forEach(s -> headers.add(s.label()));
            breakdown.lines().get(0).rates().forEach(rate -> headers.add(rate.label() + "（%）"));
        }
        for (FunnelBreakdown.Line line : breakdown.lines()) {
            List<Object> cells = new java.util.ArrayList<>();
            cells.add(line.label());
            line.stages().forEach(s -> cells.add(s.count()));
            line.rates().forEach(rate -> cells.add(rate.percent() == null ? TableWorkbook.NO_DATA : rate.percent()));
            lines.add(cells);
        }
        String title = "统计期间 " + breakdown.from() + " 至 " + breakdown.to() + "，筛选："
                + (breakdown.filters().isEmpty() ? "全部" : breakdown.filters());
        return TableWorkbook.xlsx(List.of(new TableWorkbook.Table("按" + breakdown.byLabel(), headers, lines),
                new TableWorkbook.Table("说明", List.of("说明"), List.of(List.of(title)))));
    }

    /** The opportunities behind a count's file name, without its extension. */
    public static final String OPPORTUNITIES_FILE = "商机明细";

    /** 商机明细.xlsx: the opportunities behind a count, as listed on the board (the newest 200 and the total). */
    public static byte[] xlsx(FunnelDrilldown.Listing listing) {
        List<List<Object>> lines = new java.util.ArrayList<>();
        for (FunnelDrilldown.Opportunity o : listing.opportunities()) {
            lines.add(new java.util.ArrayList<>(java.util.Arrays.asList(o.id(), o.customerName(), o.campusName(),
                    o.teamName(), o.ownerName(), o.channelLabel(), o.productLineLabel(), o.statusLabel(),
                    o.stageLabel(), o.reachedAt())));
        }
        String title = listing.stageLabel() + "：统计期间 " + listing.from() + " 至 " + listing.to() + "，筛选："
                + (listing.filters().isEmpty() ? "全部" : listing.filters()) + "；共 " + listing.total() + " 个，列出最新的 "
                + listing.opportunities().size() + " 个";
        return TableWorkbook.xlsx(List.of(new TableWorkbook.Table(OPPORTUNITIES_FILE, List.of("商机编号", "客户", "校区",
                "销售团队", "课程顾问", "渠道", "产品线", "状态", "当前阶段", listing.stageLabel().replaceAll("量$", "") + "时间"),
                lines), new TableWorkbook.Table("说明", List.of("说明"), List.of(List.of(title)))));
    }

    /** "valid / leads" as a manager reads it: 有效信息量 ÷ 总线索量. */
    private static String formula(String codes, Map<String, String> stageLabels) {
        String[] parts = codes.split(" / ");
        return stageLabels.getOrDefault(parts[0], parts[0]) + " ÷ " + stageLabels.getOrDefault(parts[1], parts[1]);
    }

    private static String orAll(String value) {
        return value == null || value.isBlank() ? "全部" : value;
    }

    private static void text(Row row, CellStyle style, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
            if (style != null) {
                row.getCell(i).setCellStyle(style);
            }
        }
    }
}
