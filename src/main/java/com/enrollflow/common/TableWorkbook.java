package com.enrollflow.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A report's tables as an Excel workbook, one sheet per table, in the form every export of ours has: a bold header
 * row of Chinese column names, numbers as numbers, text as text, and 无数据 where a figure is null (nothing to
 * measure — never 0). The same tables as CSV ({@link #csv}), so that a report's two files always agree.
 */
public final class TableWorkbook {

    public static final String NO_DATA = "无数据";

    /** One sheet: its name, the column headers and the lines (Number, String or null per cell). */
    public record Table(String sheet, List<String> headers, List<List<Object>> lines) {
    }

    private TableWorkbook() {
    }

    /**
     * The tables as one CSV file, as Excel opens it: UTF-8 with a byte-order mark, each table's header line and lines,
     * an empty line between tables; decimals as written (12000.00), 无数据 where a figure is null. A text that Excel
     * would take for a formula ({@link #asText}) is written as text.
     */
    public static byte[] csv(List<Table> tables) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            writer.write('\uFEFF');
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.EXCEL);
            for (int t = 0; t < tables.size(); t++) {
                if (t > 0) {
                    csv.println();
                }
                csv.printRecord(tables.get(t).headers());
                for (List<Object> line : tables.get(t).lines()) {
                    csv.printRecord(line.stream().map(TableWorkbook::csvCell).toList());
                }
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Object csvCell(Object v) {
        if (v == null) {
            return NO_DATA;
        }
        if (v instanceof Number) {
            return v instanceof BigDecimal b ? b.toPlainString() : v;
        }
        return asText(v.toString());
    }

    /**
     * A text as a CSV cell Excel shows as text: one that starts with =, +, -, @, a tab or a carriage return would be
     * run as a formula when the file is opened (CSV injection: a campaign named =HYPERLINK(…), a family's name typed
     * by anyone who can send a lead), so it gets a leading apostrophe, which Excel reads as "this cell is text".
     * Numbers are never texts here, so a negative amount stays a number. The Excel file needs nothing of the kind: its
     * cells are typed, and a text cell is never a formula.
     */
    static String asText(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** A rate (a fraction: 0.3333) as the percent the exports show (33.3, under a header ending in （%）); null stays. */
    public static BigDecimal percent(BigDecimal rate) {
        return rate == null ? null : rate.movePointRight(2).setScale(1, RoundingMode.HALF_UP);
    }

    public static byte[] xlsx(List<Table> tables) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            for (Table table : tables) {
                sheet(book, table, header);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A decimal shows the places it has (an amount its fen: 12000.00; a rate in percent one place); one style per
     * number of places, as a workbook holds a limited number of styles.
     */
    private static CellStyle decimals(XSSFWorkbook book, int places) {
        String format = "0." + "0".repeat(places);
        for (int i = 0; i < book.getNumCellStyles(); i++) {
            CellStyle style = book.getCellStyleAt(i);
            if (format.equals(style.getDataFormatString())) {
                return style;
            }
        }
        CellStyle style = book.createCellStyle();
        style.setDataFormat(book.createDataFormat().getFormat(format));
        return style;
    }

    /**
     * A column as wide as its widest cell, header included (a Chinese character takes two places, as Excel draws it), at
     * least 8 and at most 50 places: a bank's name or an account number is read whole, a count does not spread.
     */
    static int width(Table table, int column) {
        int widest = places(table.headers().get(column));
        for (List<Object> line : table.lines()) {
            Object v = column < line.size() ? line.get(column) : null;
            String shown = v == null ? NO_DATA : v instanceof BigDecimal b ? b.toPlainString() : v.toString();
            widest = Math.max(widest, places(shown));
        }
        return Math.min(50, Math.max(8, widest + 2));
    }

    private static int places(String text) {
        return text.codePoints().map(c -> c < 0x1100 ? 1 : 2).sum();
    }

    private static void sheet(XSSFWorkbook book, Table table, CellStyle header) {
        Sheet sheet = book.createSheet(table.sheet());
        Row top = sheet.createRow(0);
        for (int i = 0; i < table.headers().size(); i++) {
            top.createCell(i).setCellValue(table.headers().get(i));
            top.getCell(i).setCellStyle(header);
            sheet.setColumnWidth(i, width(table, i) * 256);
        }
        int r = 1;
        for (List<Object> line : table.lines()) {
            Row row = sheet.createRow(r++);
            for (int i = 0; i < line.size(); i++) {
                Object v = line.get(i);
                if (v instanceof BigDecimal b && b.scale() > 0) {
                    row.createCell(i).setCellValue(b.doubleValue());
                    row.getCell(i).setCellStyle(decimals(book, b.scale()));
                } else if (v instanceof Number n) {
                    row.createCell(i).setCellValue(n.doubleValue());
                } else {
                    row.createCell(i).setCellValue(v == null ? NO_DATA : v.toString());
                }
            }
        }
    }
}
