package com.enrollflow.reporting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The funnel as an Excel file (销售漏斗.xlsx), what the board shows: the filters it was made with, the seven stages
 * and the nine rates (percent with one decimal, "无数据" where the denominator is zero). Counts and percents are
 * number cells, so a manager can go on calculating with them.
 */
@Component
public class FunnelWorkbook {

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
            text(sheet.createRow(r++), null, "校区", report.campusName() == null ? "本人负责的全部校区" : report.campusName());
            text(sheet.createRow(r++), null, "渠道", orAll(report.channelLabel()));
            text(sheet.createRow(r++), null, "产品线", orAll(report.productLineLabel()));
            text(sheet.createRow(r++), null, "市场活动", orAll(report.campaign()));
            r++;
            text(sheet.createRow(r++), bold, "阶段", "数量");
            for (FunnelReport.Stage stage : report.stages()) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(stage.label());
                row.createCell(1).setCellValue(stage.count());
            }
            r++;
            text(sheet.createRow(r++), bold, "转化率", "公式", "百分比（%）");
            Map<String, String> stageLabels = new HashMap<>();
            report.stages().forEach(s -> stageLabels.put(s.key(), s.label()));
            for (FunnelReport.Rate rate : report.rates()) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(rate.label());
                row.createCell(1).setCellValue(formula(rate.formula(), stageLabels));
                if (rate.percent() == null) {
                    row.createCell(2).setCellValue(NO_DATA);
                } else {
                    row.createCell(2).setCellValue(rate.percent().doubleValue());
                    row.getCell(2).setCellStyle(oneDecimal);
                }
            }
            sheet.setColumnWidth(0, 18 * 256);
            sheet.setColumnWidth(1, 26 * 256);
            sheet.setColumnWidth(2, 14 * 256);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
