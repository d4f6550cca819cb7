package com.enrollflow.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Uploads;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 导入课时单价 as head office would use it: 经营看板's 价目表 exported, a price and its day edited in Excel, the file
 * uploaded — that price changes from that day, the rows nobody edited change nothing; a file with a bad row changes
 * nothing at all and names every bad row. The rows edited here are 上海徐汇's 特级教师 高三 and 高二 (所有科目).
 */
@EnrollFlowTest
class PriceRateImportTests {

    private static final LocalDate TODAY = LocalDate.now(BusinessTime.ZONE);
    private static final String KEYS = "campus_code = 'SH-XH' and teacher_level = 'MASTER' "
            + "and grade in ('S3', 'S2', 'S1') and subject is null";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @AfterEach
    void restoreTheDemoRates() {
        jdbc.sql("delete from price_rate where " + KEYS + " and valid_from > ?").param(TODAY.minusDays(1)).update();
        jdbc.sql("update price_rate set valid_to = null where " + KEYS).update();
    }

    /** 上海徐汇's price list as 经营看板 exports it today. */
    private XSSFWorkbook exported() throws IOException {
        WebappSession gaofeng = WebappSession.loggedIn(port, "cockpit", "gaofeng", "demo");
        byte[] file = gaofeng.download("/camunda/api/cockpit/plugin/enrollflow-board/default/price-list.xlsx?from="
                + TODAY + "&to=" + TODAY + "&campus=SH-XH").body();
        return new XSSFWorkbook(new ByteArrayInputStream(file));
    }

    /** The row of 特级教师 and the grade (高三) in the 1:1 sheet: 校区 教师级别 年级 科目 每课时（元） 生效日期 截止日期. */
    private static Row master(Sheet rates, String grade) {
        for (Row row : rates) {
            if ("特级教师".equals(row.getCell(1).getStringCellValue()) && grade.equals(row.getCell(2).getStringCellValue())
                    && "所有科目".equals(row.getCell(3).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no 特级教师 " + grade + " row");
    }

    private static byte[] bytes(XSSFWorkbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        return out.toByteArray();
    }

    private ResponseEntity<JsonNode> upload(String user, String fileName, byte[] content) {
        return http.withBasicAuth(user, "demo").exchange("/api/price-list/rates/import", HttpMethod.POST,
                Uploads.file(fileName, content), JsonNode.class);
    }

    private BigDecimal tenLessons(String grade, LocalDate day) {
        return http.withBasicAuth("kongfan", "demo").postForEntity("/api/quotes/preview", Map.of("campusCode",
                "SH-XH", "productLine", "ONE_ON_ONE", "grade", grade, "subject", "MATH", "teacherLevel", "MASTER",
                "lessons", 10, "pricingDate", day.toString()), JsonNode.class).getBody().get("listPrice")
                .decimalValue();
    }

    private long rates() {
        return jdbc.sql("select count(*) from price_rate").query(Long.class).single();
    }

    @Test
    void shouldChangeTheEditedRowsOfAnExportedPriceListFromTheirDay() throws IOException {
        BigDecimal before;
        byte[] file;
        int rows;
        try (XSSFWorkbook workbook = exported()) {
            Sheet sheet = workbook.getSheet("一对一课时单价");
            Row s3 = master(sheet, "高三");
            before = BigDecimal.valueOf(s3.getCell(4).getNumericCellValue()).setScale(2);
            s3.getCell(4).setCellValue(before.add(BigDecimal.valueOf(20)).doubleValue());
            s3.getCell(5).setCellValue(TODAY.plusDays(15).toString());
            rows = sheet.getLastRowNum();
            file = bytes(workbook);
        }

        ResponseEntity<JsonNode> imported = upload("gaofeng", "价目表.xlsx", file);

        assertThat(imported.getStatusCode()).as(String.valueOf(imported.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(imported.getBody().get("rows").asInt()).isEqualTo(rows);
        assertThat(imported.getBody().get("changed").asInt()).as("only the row edited").isOne();
        assertThat(imported.getBody().get("unchanged").asInt()).isEqualTo(rows - 1);
        assertThat(imported.getBody().at("/changes/0").asText()).isEqualTo("上海徐汇校区 特级教师 高三 所有科目 一对一课时单价 "
                + com.enrollflow.common.Money.yuan(before) + " → " + com.enrollflow.common.Money.yuan(before.add(
                        BigDecimal.valueOf(20))) + "，" + TODAY.plusDays(15) + " 起生效");
        assertThat(tenLessons("S3", TODAY.plusDays(14))).isEqualByComparingTo(before.multiply(BigDecimal.TEN));
        assertThat(tenLessons("S3", TODAY.plusDays(15))).isEqualByComparingTo(before.add(BigDecimal.valueOf(20))
                .multiply(BigDecimal.TEN));

        // the same file again: everything is already so
        ResponseEntity<JsonNode> again = upload("gaofeng", "价目表.xlsx", file);
        assertThat(again.getBody().get("changed").asInt()).isZero();
        assertThat(again.getBody().get("unchanged").asInt()).isEqualTo(rows);
    }

    @Test
    void shouldChangeNothingWhenARowIsBadAndNameEachBadRow() throws IOException {
        byte[] file;
        int s2Row;
        int s3Row;
        try (XSSFWorkbook workbook = exported()) {
            Sheet sheet = workbook.getSheet("一对一课时单价");
            Row s2 = master(sheet, "高二");
            s2.getCell(4).setCellValue(999); // a new price, but the day it began long ago left as it was
            s2Row = s2.getRowNum() + 1;
            Row s3 = master(sheet, "高三");
            s3.getCell(4).setCellValue("四百");
            s3Row = s3.getRowNum() + 1;
            Row extra = sheet.createRow(sheet.getLastRowNum() + 1);
            List<String> texts = List.of("上海徐汇校区", "特级教师", "高一", "所有科目");
            for (int i = 0; i < texts.size(); i++) {
                extra.createCell(i).setCellValue(texts.get(i));
            }
            extra.createCell(4).setCellValue(500);
            extra.createCell(5).setCellValue(TODAY.plusDays(3).toString());
            file = bytes(workbook);
        }
        long before = rates();

        ResponseEntity<JsonNode> refused = upload("gaofeng", "价目表.xlsx", file);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        String pastDay = " 行 生效日期：生效日期应在 " + TODAY + " 至 " + TODAY.plusDays(366) + " 之间：已报出的价格不变，"
                + "过去的价格不能更改";
        assertThat(refused.getBody().get("errors").findValuesAsText("message")).as("every problem of every row")
                .containsExactlyInAnyOrder("第 " + s2Row + pastDay, "第 " + s3Row + " 行 每课时（元）：不是数字：“四百”",
                        "第 " + s3Row + pastDay);
        assertThat(rates()).as("the good row is not kept either").isEqualTo(before);

        try (XSSFWorkbook other = new XSSFWorkbook()) {
            Row header = other.createSheet("单价").createRow(0);
            header.createCell(0).setCellValue("校区");
            header.createCell(1).setCellValue("价格");
            assertThat(upload("gaofeng", "单价.xlsx", bytes(other)).getBody().at("/errors/0/message").asText())
                    .startsWith("第 1 行缺少列：教师级别、年级、科目、每课时（元）、生效日期");
        }
        assertThat(upload("gaofeng", "价目表.csv", "校区".getBytes()).getBody().at("/errors/0/message").asText())
                .startsWith("请上传 Excel .xlsx 文件");
        assertThat(upload("zhouhua", "价目表.xlsx", file).getStatusCode()).as("a campus director")
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void shouldRefuseOnePriceAndDayTwiceHoweverItIsSpelt() throws IOException {
        byte[] file;
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("一对一课时单价");
            List<List<String>> rows = List.of(List.of("校区", "教师级别", "年级", "科目", "每课时（元）", "生效日期"),
                    List.of("上海徐汇校区", "特级教师", "高三", "所有科目", "460", TODAY.plusDays(15).toString()),
                    List.of("SH-XH", "MASTER", "S3", "", "470", TODAY.plusDays(15).toString()));
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            file = bytes(workbook);
        }
        long before = rates();

        ResponseEntity<JsonNode> refused = upload("gaofeng", "价目表.xlsx", file);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("errors").findValuesAsText("message"))
                .containsExactly("第 3 行与第 2 行是同一单价的同一生效日期，请只保留一行");
        assertThat(rates()).isEqualTo(before);
    }
}
