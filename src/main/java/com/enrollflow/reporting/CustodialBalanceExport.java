package com.enrollflow.reporting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import com.enrollflow.common.TableWorkbook;

/**
 * 监管余额 as finance exports it, with Chinese headers and a 合计 row: CSV in UTF-8 with a byte-order mark (so Excel
 * shows the Chinese), amounts as plain numbers with two decimals; or an Excel workbook with the amounts as numbers.
 * The moment of the figures is in the file's name.
 */
final class CustodialBalanceExport {

    static final List<String> HEADERS = List.of("校区代码", "校区", "监管银行", "监管账号", "户名", "已收", "已消课时价值", "已退",
            "监管余额");
    static final String SHEET = "监管余额";
    private static final String TOTAL = "合计";
    private static final String NO_ACCOUNT = "未登记监管账户";

    private CustodialBalanceExport() {
    }

    static byte[] csv(CustodialBalance report) {
        return TableWorkbook.csv(List.of(new TableWorkbook.Table(SHEET, HEADERS, lines(report))));
    }

    static byte[] xlsx(CustodialBalance report) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet(SHEET);
            CellStyle header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle money = book.createCellStyle();
            money.setDataFormat(book.createDataFormat().getFormat("#,##0.00"));
            Row top = sheet.createRow(0);
            for (int i = 0; i < HEADERS.size(); i++) {
                top.createCell(i).setCellValue(HEADERS.get(i));
                top.getCell(i).setCellStyle(header);
            }
            int r = 1;
            for (List<Object> line : lines(report)) {
                Row row = sheet.createRow(r++);
                for (int i = 0; i < line.size(); i++) {
                    if (line.get(i) instanceof BigDecimal amount) {
                        row.createCell(i).setCellValue(amount.doubleValue());
                        row.getCell(i).setCellStyle(money);
                    } else {
                        row.createCell(i).setCellValue((String) line.get(i));
                    }
                }
            }
            for (int i = 0; i < HEADERS.size(); i++) {
                sheet.setColumnWidth(i, (i == 2 || i == 4 ? 36 : i == 3 ? 26 : 14) * 256);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line per campus, then 合计; amounts as BigDecimal, the rest as text. */
    private static List<List<Object>> lines(CustodialBalance report) {
        List<List<Object>> lines = new ArrayList<>();
        for (CustodialBalance.Row c : report.campuses()) {
            lines.add(List.of(c.campusCode(), c.campusName(), c.bankName() == null ? NO_ACCOUNT : c.bankName(),
                    c.accountNo() == null ? "" : c.accountNo(), c.accountName() == null ? "" : c.accountName(),
                    c.paid(), c.consumedValue(), c.refunded(), c.balance()));
        }
        CustodialBalance.Figures t = report.total();
        lines.add(List.of(TOTAL, "", "", "", "", t.paid(), t.consumedValue(), t.refunded(), t.balance()));
        return lines;
    }
}
