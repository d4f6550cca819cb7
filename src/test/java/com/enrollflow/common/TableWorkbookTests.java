package com.enrollflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** A report's CSV and its Excel file carry the same tables, cell for cell, as a manager opens them. */
class TableWorkbookTests {

    private static final List<TableWorkbook.Table> TABLES = List.of(
            new TableWorkbook.Table("活动", List.of("名称", "新线索", "转化率（%）", "成交额（元）"), List.of(
                    Arrays.asList("春季体验课, 海淀", 3, TableWorkbook.percent(new BigDecimal("0.3333")),
                            new BigDecimal("12000.00")),
                    Arrays.asList("没有线索的活动", 0, TableWorkbook.percent(null), new BigDecimal("0.00")))),
            new TableWorkbook.Table("渠道", List.of("渠道", "新线索"), List.<List<Object>>of(List.of("转介绍", 2))));

    @Test
    void shouldWriteEachTableAsExcelOpensAUtf8Csv() {
        byte[] csv = TableWorkbook.csv(TABLES);

        assertThat(Arrays.copyOf(csv, 3)).as("UTF-8 byte-order mark").containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8)).isEqualTo("""
                名称,新线索,转化率（%）,成交额（元）\r
                "春季体验课, 海淀",3,33.3,12000.00\r
                没有线索的活动,0,无数据,0.00\r
                \r
                渠道,新线索\r
                转介绍,2\r
                """);
    }

    @Test
    void shouldNeverLetACsvCellBeTakenForAFormula() {
        byte[] csv = TableWorkbook.csv(List.of(new TableWorkbook.Table("活动", List.of("名称", "退费冲减（元）"), List.of(
                Arrays.asList("=HYPERLINK(\"http://evil.example\",\"点我\")", new BigDecimal("-12.50")),
                Arrays.asList("+86 骗局", -3), Arrays.asList("-1+1", null), Arrays.asList("@SUM(A1)", 0),
                Arrays.asList("\t=1+1", 0), Arrays.asList("春季 = 优惠", 0)))));

        assertThat(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8)).isEqualTo("""
                名称,退费冲减（元）\r
                "'=HYPERLINK(""http://evil.example"",""点我"")",-12.50\r
                '+86 骗局,-3\r
                '-1+1,无数据\r
                '@SUM(A1),0\r
                '\t=1+1,0\r
                春季 = 优惠,0\r
                """);
    }

    @Test
    void shouldPutTheSameCellsInTheWorkbookNumbersAsNumbers() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(TableWorkbook.xlsx(TABLES)))) {
            assertThat(book.getNumberOfSheets()).isEqualTo(2);
            assertThat(cells(book.getSheet("活动"))).containsExactly(
                    List.of("名称", "新线索", "转化率（%）", "成交额（元）"),
                    List.of("春季体验课, 海淀", "3", "33.3", "12000.00"),
                    List.of("没有线索的活动", "0", "无数据", "0.00"));
            assertThat(cells(book.getSheet("渠道"))).containsExactly(List.of("渠道", "新线索"), List.of("转介绍", "2"));
            Row first = book.getSheet("活动").getRow(1);
            assertThat(first.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(3).getNumericCellValue()).isEqualTo(12000.0);
            assertThat(book.getSheet("活动").getRow(2).getCell(2).getCellType()).as("无数据, never 0")
                    .isEqualTo(CellType.STRING);
        }
        List<TableWorkbook.Table> formula = List.of(new TableWorkbook.Table("活动", List.of("名称"),
                List.<List<Object>>of(List.of("=HYPERLINK(\"http://evil.example\",\"点我\")"))));
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(TableWorkbook.xlsx(formula)))) {
            Cell cell = book.getSheet("活动").getRow(1).getCell(0);
            assertThat(cell.getCellType()).as("a text cell, never a formula").isEqualTo(CellType.STRING);
            assertThat(cell.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil.example\",\"点我\")");
        }
    }

    @Test
    void shouldMakeEachColumnAsWideAsItsWidestCellSoABanksNameIsReadWhole() throws IOException {
        List<TableWorkbook.Table> balances = List.of(new TableWorkbook.Table("监管余额", List.of("校区", "监管银行", "已收"),
                List.of(Arrays.asList("北京海淀校区", "中国工商银行北京海淀支行营业部", new BigDecimal("1234567.00")),
                        Arrays.asList("合计", "", new BigDecimal("7.00")))));
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(TableWorkbook.xlsx(balances)))) {
            Sheet sheet = book.getSheet("监管余额");
            assertThat(sheet.getColumnWidth(1) / 256).as("15 Chinese characters take 30 places, and a margin")
                    .isEqualTo(32);
            assertThat(sheet.getColumnWidth(0) / 256).isEqualTo(14);
            assertThat(sheet.getColumnWidth(2) / 256).as("an amount as wide as its digits").isEqualTo(12);
        }
    }

    private static List<List<String>> cells(Sheet sheet) {
        DataFormatter shown = new DataFormatter();
        List<List<String>> rows = new ArrayList<>();
        for (Row row : sheet) {
            List<String> line = new ArrayList<>();
            for (Cell cell : row) {
                line.add(shown.formatCellValue(cell));
            }
            rows.add(line);
        }
        return rows;
    }
}
