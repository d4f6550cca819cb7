package com.enrollflow.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Uploads;
import com.fasterxml.jackson.databind.JsonNode;

/** Bulk import of marketing's lead lists (CSV and Excel) through POST /api/leads/import. */
@EnrollFlowTest
class LeadImportTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;
    @Autowired
    Leads leads;

    @Test
    void shouldImportGoodRowsReportBadOnesAndCreateNothingOnReimport() {
        String a = Leads.newPhone();
        String b = Leads.newPhone();
        String csv = "姓名,电话,校区,年级,备注\n"
                + "赵一," + a + ",BJ-HD,J1,春季讲座\n"
                + "钱二,12345,BJ-HD,J1,号码错\n"
                + "孙三,+86 " + b + ",MARS,J1,校区错\n"
                + "\n"
                + "李四," + b + ",SH-PD,S1,\n"
                + "赵一妈妈," + a + ",BJ-HD,J1,同一家人\n";
        byte[] gbk = csv.getBytes(Charset.forName("GB18030"));

        JsonNode report = upload("spring-campaign.csv", gbk, "春季讲座").getBody();
        assertThat(report.get("rows").asInt()).isEqualTo(5);
        assertThat(report.get("created").asInt()).isEqualTo(2);
        assertThat(report.get("duplicates").asInt()).isEqualTo(1);
        assertThat(report.get("rejected").asInt()).isEqualTo(2);
        JsonNode rows = report.get("results");
        assertThat(rows.get(0).get("row").asInt()).isEqualTo(2);
        assertThat(rows.get(0).get("status").asText()).isEqualTo("CREATED");
        assertThat(rows.get(1).get("status").asText()).isEqualTo("REJECTED");
        assertThat(rows.get(1).get("errors").findValuesAsText("field")).containsExactly("phone");
        assertThat(rows.get(2).get("errors").findValuesAsText("field")).containsExactly("campus");
        assertThat(rows.get(3).get("row").asInt()).isEqualTo(6);
        assertThat(rows.get(3).get("status").asText()).isEqualTo("CREATED");
        assertThat(rows.get(4).get("status").asText()).isEqualTo("DUPLICATE");

        JsonNode again = upload("spring-campaign.csv", gbk, "春季讲座").getBody();
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("duplicates").asInt()).isEqualTo(3);
        assertThat(again.get("results").get(0).get("reason").asText()).contains("已导入过");

        assertThat(http.withBasicAuth("hanmei", "demo").getForEntity("/api/customers?phone={p}", JsonNode.class, a)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN); // marketing imports, but reads no customer records
        JsonNode record = http.withBasicAuth("zhangli", "demo")
                .getForObject("/api/customers?phone={p}", JsonNode.class, a);
        assertThat(record.get("enquiries")).hasSize(2);
        assertThat(record.at("/opportunities/0/campaign").asText()).isEqualTo("春季讲座");
        assertThat(record.at("/opportunities/0/channel").asText()).isEqualTo("CAMPAIGN");
    }

    @Test
    void shouldImportTheStudentsBirthDateFromADateCellOrTextAndRejectABadOneByField() throws Exception {
        String dated = Leads.newPhone();
        String typed = Leads.newPhone();
        String wrong = Leads.newPhone();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("线索");
            titles(sheet, "姓名", "电话", "出生日期");
            var dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy/m/d"));
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("钱生日");
            row.createCell(1).setCellValue(dated);
            row.createCell(2).setCellValue(java.time.LocalDate.of(2013, 9, 1));
            row.getCell(2).setCellStyle(dateStyle);
            row = sheet.createRow(2);
            row.createCell(0).setCellValue("孙生日");
            row.createCell(1).setCellValue(typed);
            row.createCell(2).setCellValue("2011-12-31");
            row = sheet.createRow(3);
            row.createCell(0).setCellValue("李生日");
            row.createCell(1).setCellValue(wrong);
            row.createCell(2).setCellValue("2099-01-01");
            workbook.write(out);
        }
        JsonNode report = upload("birthdays.xlsx", out.toByteArray(), null).getBody();
        assertThat(report.get("created").asInt()).as(report.toString()).isEqualTo(2);
        assertThat(report.get("results").get(2).get("errors").findValuesAsText("field"))
                .containsExactly("studentBirthDate");
        assertThat(http.withBasicAuth("zhangli", "demo").getForObject("/api/customers?phone={p}", JsonNode.class, dated)
                .get("studentBirthDate").asText()).isEqualTo("2013-09-01");
        assertThat(http.withBasicAuth("zhangli", "demo").getForObject("/api/customers?phone={p}", JsonNode.class, typed)
                .get("studentBirthDate").asText()).isEqualTo("2011-12-31");
    }

    @Test
    void shouldImportAnExcelWorkbookWithNumericPhoneCells() throws Exception {
        String phone = Leads.newPhone();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("线索");
            titles(sheet, "name", "phone", "channel");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("周五");
            row.createCell(1).setCellValue(Double.parseDouble(phone));
            row.createCell(2).setCellValue("PARTNER");
            workbook.write(out);
        }
        JsonNode report = upload("partner.xlsx", out.toByteArray(), null).getBody();
        assertThat(report.get("created").asInt()).isEqualTo(1);
        JsonNode record = http.withBasicAuth("zhangli", "demo")
                .getForObject("/api/customers?phone={p}", JsonNode.class, phone);
        assertThat(record.at("/opportunities/0/channel").asText()).isEqualTo("PARTNER");
    }

    @Test
    void shouldTakeAFormulasValueAndIgnoreCellsFarOutsideTheList() throws Exception {
        String phone = Leads.newPhone();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("线索");
            titles(sheet, "姓名", "电话", "校区");
            Row row = sheet.createRow(1);
            // a name put together in the sheet, as lists built with VLOOKUP or & are
            row.createCell(0).setCellFormula("\"公式\"&\"家长\"");
            row.createCell(1).setCellValue(phone);
            row.createCell(2).setCellValue("BJ-HD");
            // the last column a sheet may have, on this row and on the sheet's last row: once made the server pad
            // every row to 16 384 cells and the table to a million rows
            row.createCell(16_383).setCellValue("x");
            sheet.createRow(1_048_575).createCell(16_383).setCellValue("x");
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            workbook.write(out);
        }
        JsonNode report = upload("formula.xlsx", out.toByteArray(), null).getBody();
        assertThat(report.get("created").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.get("rows").asInt()).as("the last row holds nothing in the list's columns: no lead")
                .isEqualTo(1);
        assertThat(http.withBasicAuth("zhangli", "demo").getForObject("/api/customers?phone={p}", JsonNode.class,
                phone).get("name").asText()).isEqualTo("公式家长");
    }

    @Test
    void shouldRefuseAFileWhoseFormulaHasNoResultNamingTheCellAndImportNothing() throws Exception {
        String phone = Leads.newPhone();
        String second = Leads.newPhone();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("线索");
            titles(sheet, "姓名", "电话", "校区");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("公式前一行");
            row.createCell(1).setCellValue(phone);
            row.createCell(2).setCellValue("BJ-HD");
            row = sheet.createRow(2);
            row.createCell(0).setCellValue("公式电话");
            // a program's export: the formula is written, its result is not (POI, like such programs, does not
            // calculate unless asked)
            row.createCell(1).setCellFormula("\"" + second.substring(0, 3) + "\"&\"" + second.substring(3) + "\"");
            row.createCell(2).setCellValue("BJ-HD");
            workbook.write(out);
        }
        ResponseEntity<JsonNode> refused = upload("generated.xlsx", out.toByteArray(), null);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("errors").findValuesAsText("field")).containsExactly("file");
        assertThat(refused.getBody().get("errors").findValuesAsText("message")).singleElement().asString()
                .startsWith("第 3 行「电话」列（单元格 B3）是公式，文件里却没有保存它的计算结果")
                .contains("用 Excel 或 WPS 打开文件、保存后再导入");
        for (String p : List.of(phone, second)) {
            assertThat(http.withBasicAuth("zhangli", "demo").getForEntity("/api/customers?phone={p}", String.class, p)
                    .getStatusCode()).as("nothing of the file is imported").isEqualTo(HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void shouldGiveTheRowsWithoutACampusTheCampusChosenForTheListAndRefuseOneUnknown() {
        String without = Leads.newPhone();
        String with = Leads.newPhone();
        byte[] csv = ("姓名,电话,校区\n浦东讲座," + without + ",\n海淀讲座," + with + ",北京海淀校区\n")
                .getBytes(StandardCharsets.UTF_8);
        ResponseEntity<JsonNode> unknown = uploadTo("lujun", "/api/leads/import?campus={c}", "list.csv", csv, "火星校区");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().get("errors").findValuesAsText("field")).containsExactly("campus");
        assertThat(unknown.getBody().get("errors").findValuesAsText("message")).singleElement().asString()
                .startsWith("未知的校区“火星校区”");
        assertThat(http.withBasicAuth("zhangli", "demo").getForEntity("/api/customers?phone={p}", String.class,
                without).getStatusCode()).as("nothing of the list is imported").isEqualTo(HttpStatus.NOT_FOUND);

        JsonNode report = uploadTo("lujun", "/api/leads/import?campus={c}", "list.csv", csv, "上海浦东校区").getBody();
        assertThat(report.get("created").asInt()).as(report.toString()).isEqualTo(2);
        assertThat(http.withBasicAuth("lujun", "demo").getForObject("/api/customers?phone={p}", JsonNode.class,
                without).at("/opportunities/0/campus").asText()).isEqualTo("SH-PD");
        assertThat(http.withBasicAuth("lujun", "demo").getForObject("/api/customers?phone={p}", JsonNode.class,
                with).at("/opportunities/0/campus").asText()).as("a row's own campus stands").isEqualTo("BJ-HD");
    }

    @Test
    void shouldRefuseASheetFarLargerThanALeadListBeforeReadingItAll() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var workbook = new org.apache.poi.xssf.streaming.SXSSFWorkbook(100)) {
            Sheet sheet = workbook.createSheet("线索");
            titles(sheet, "姓名", "电话");
            var styled = workbook.createCellStyle();
            // rows that hold nothing but a style, as a sheet formatted down to its bottom has
            for (int r = 1; r <= 100_001; r++) {
                sheet.createRow(r).createCell(0).setCellStyle(styled);
            }
            workbook.write(out);
        }
        ResponseEntity<JsonNode> refused = upload("styled.xlsx", out.toByteArray(), null);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("errors").findValuesAsText("field")).containsExactly("file");
        assertThat(refused.getBody().toString()).contains("行数超过 100000 行");
    }

    @Test
    void shouldTakeAnotherImportersIdenticalRowAsTheirOwnEnquiry() {
        String phone = Leads.newPhone();
        byte[] csv = ("姓名,电话,校区,年级\n吴同," + phone + ",BJ-HD,J1\n").getBytes(StandardCharsets.UTF_8);
        assertThat(upload("lujun", "a.csv", csv, null).getBody().get("created").asInt()).isEqualTo(1);

        // 北京海淀's marketing imports the same row: not "already imported" (another user's answer), an enquiry
        JsonNode second = upload("hanmei", "b.csv", csv, null).getBody();
        assertThat(second.get("results").get(0).get("reason").asText()).doesNotContain("已导入过")
                .contains("客户再次咨询");
        assertThat(upload("hanmei", "b.csv", csv, null).getBody().get("results").get(0).get("reason").asText())
                .as("the same importer's second upload is still recognised").contains("已导入过");
        assertThat(http.withBasicAuth("zhangli", "demo").getForObject("/api/customers?phone={p}", JsonNode.class,
                phone).get("enquiries")).hasSize(2);
    }

    @Test
    void shouldIgnoreColumnsItDoesNotKnowAndRefuseTwoColumnsOfOneField() {
        String phone = Leads.newPhone();
        // a department's list: a row number, a WeChat id, and the trailing comma many tools write
        byte[] extra = ("序号,姓名,电话,微信号,\n1,周同," + phone + ",wx123,\n").getBytes(StandardCharsets.UTF_8);
        JsonNode report = upload("extra.csv", extra, null).getBody();
        assertThat(report.get("created").asInt()).as(report.toString()).isEqualTo(1);

        String other = Leads.newPhone();
        ResponseEntity<JsonNode> two = upload("two.csv", ("姓名,电话,手机\n吴双," + other + "," + Leads.newPhone()
                + "\n").getBytes(StandardCharsets.UTF_8), null);
        assertThat(two.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(two.getBody().get("errors").findValuesAsText("message"))
                .containsExactly("表头中“电话”和“手机”是同一项，只能保留一列");
        assertThat(http.withBasicAuth("zhangli", "demo").getForEntity("/api/customers?phone={p}", JsonNode.class,
                other).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldTakeALineCopiedTwiceInOneListOnce() {
        String phone = Leads.newPhone();
        String shown = phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7);
        byte[] csv = ("姓名,电话,校区\n冯双," + phone + ",BJ-HD\n冯双," + shown + ",BJ-HD\n").getBytes(StandardCharsets.UTF_8);
        JsonNode report = upload("copied.csv", csv, null).getBody();
        assertThat(report.get("created").asInt()).isEqualTo(1);
        assertThat(report.at("/results/1/status").asText()).isEqualTo("DUPLICATE");
        assertThat(report.at("/results/1/reason").asText()).isEqualTo("与第 2 行姓名、电话相同，未重复登记");
        assertThat(http.withBasicAuth("zhangli", "demo").getForObject("/api/customers?phone={p}", JsonNode.class,
                phone).get("enquiries")).as("no 客户再次咨询 for the owner").hasSize(1);
    }

    @Test
    void shouldRefuseAnUnknownChannelForTheListOnceNotUnderEveryRow() {
        byte[] csv = ("姓名,电话\n甲," + Leads.newPhone() + "\n乙," + Leads.newPhone() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        ResponseEntity<JsonNode> answer = http.withBasicAuth("lujun", "demo").exchange(
                "/api/leads/import?channel=火星", HttpMethod.POST, Uploads.file("mars.csv", csv), JsonNode.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().get("errors").findValuesAsText("field")).containsExactly("channel");
        assertThat(answer.getBody().get("errors").findValuesAsText("message").get(0)).startsWith("未知的渠道“火星”");
    }

    @Test
    void shouldNameTheLineOfAQuoteTheFileNeverCloses() {
        String csv = "姓名,电话\n甲一," + Leads.newPhone() + "\n\"张三," + Leads.newPhone() + "\n乙一," + Leads.newPhone()
                + "\n";
        ResponseEntity<JsonNode> answer = upload("quote.csv", csv.getBytes(StandardCharsets.UTF_8), null);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().get("errors").findValuesAsText("message")).singleElement()
                .satisfies(m -> assertThat(m).startsWith("第 3 行附近引号不配对").contains("本次未导入任何行"));
    }

    @Test
    void shouldGiveARowImportedAgainAfterItsLeadClosedANewOpportunity() {
        String phone = Leads.newPhone();
        byte[] csv = ("姓名,电话,校区,年级\n郑新," + phone + ",BJ-HD,J1\n").getBytes(StandardCharsets.UTF_8);
        JsonNode first = upload("hanmei", "summer.csv", csv, "暑期体验课").getBody();
        long opportunity = first.at("/results/0/opportunityIds/0").asLong();
        assertThat(upload("hanmei", "summer.csv", csv, "暑期体验课").getBody().at("/results/0/reason").asText())
                .as("a retry while the lead is open").contains("已导入过");

        // the call centre finds the number wrong: the lead is closed as 无效
        engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(opportunity))
                .list().forEach(pi -> leads.runJobs(pi.getId()));
        Task firstContact = engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(opportunity)).singleResult();
        leads.completeAs("zhangli", firstContact, java.util.Map.of("contactResult", "WRONG_NUMBER",
                "contactNote", "空号"));
        assertThat(leads.opportunity(opportunity).status()).isEqualTo("INVALID");

        // next summer the family is on the campaign's list again: a new enquiry, not a replay of the closed one
        JsonNode again = upload("hanmei", "summer.csv", csv, "暑期体验课").getBody();
        assertThat(again.at("/results/0/status").asText()).as(again.toString()).isEqualTo("CREATED");
        assertThat(again.at("/results/0/opportunityIds/0").asLong()).isNotEqualTo(opportunity);
        assertThat(upload("hanmei", "summer.csv", csv, "暑期体验课").getBody().at("/results/0/reason").asText())
                .as("and a retry of that upload is recognised again").contains("已导入过");
    }

    @Test
    void shouldRejectAFileWithoutTheRequiredColumns() {
        ResponseEntity<JsonNode> response = upload("bad.csv", "foo,bar\n1,2\n".getBytes(StandardCharsets.UTF_8), null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("errors").findValuesAsText("field")).containsExactly("file");
        // which column is missing, and the titles that would do, in Chinese only (decision 672)
        ResponseEntity<JsonNode> noPhone = upload("bad.csv", "姓名,微信号\n甲,wx1\n".getBytes(StandardCharsets.UTF_8),
                null);
        assertThat(noPhone.getBody().get("errors").findValuesAsText("message").get(0))
                .isEqualTo("第一行表头缺少“电话”列（可用标题：电话、手机、手机号、手机号码、联系电话、电话号码、家长电话、家长手机、"
                        + "联系方式）；请改表头后重新导入，本次未导入任何行");

        // a broken spreadsheet: what to send instead, in Chinese, not the parser's words
        ResponseEntity<JsonNode> broken = upload("leads.xlsx", "PK\u0003\u0004 not a workbook".getBytes(
                StandardCharsets.UTF_8), null);
        assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        String said = broken.getBody().get("errors").findValuesAsText("message").get(0);
        assertThat(said).contains("无法读取文件：应为 CSV").contains("“姓名”和“电话”").doesNotContain("null")
                .doesNotContainPattern("[A-Za-z]{6,}");
    }

    private ResponseEntity<JsonNode> upload(String fileName, byte[] content, String campaign) {
        // head-office marketing (总部市场): the file has rows for 北京海淀 and 上海浦东
        return upload("lujun", fileName, content, campaign);
    }

    private ResponseEntity<JsonNode> upload(String user, String fileName, byte[] content, String campaign) {
        return uploadTo(user, "/api/leads/import" + (campaign == null ? "" : "?campaign=" + campaign), fileName,
                content);
    }

    private ResponseEntity<JsonNode> uploadTo(String user, String url, String fileName, byte[] content,
            Object... urlValues) {
        return http.withBasicAuth(user, "demo").exchange(url, HttpMethod.POST, Uploads.file(fileName, content),
                JsonNode.class, urlValues);
    }

    /**
     * What staff upload by mistake is refused whole, saying what it is and what to do (decision 672): a list with only
     * its header (the template as downloaded), an Excel 97-2003 workbook, a PDF; an .xlsx saved under a .csv name is
     * still read as the workbook it is, and the titles 家长姓名 and 手机号码 are taken. A campaign for the rows without
     * one that no lead could take is refused once, not under every row.
     */
    @Test
    void shouldSayWhatAFileIsWhenItCannotBeALeadList() throws Exception {
        ResponseEntity<JsonNode> headerOnly = upload("空白.csv", "姓名,电话\n".getBytes(StandardCharsets.UTF_8), null);
        assertThat(headerOnly.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(headerOnly.getBody().get("errors").findValuesAsText("message"))
                .containsExactly("文件中只有表头，没有要导入的行；请在表头下逐行填写后再导入");

        byte[] xls = new byte[64];
        byte[] ole = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(ole, 0, xls, 0, ole.length);
        ResponseEntity<JsonNode> old = upload("旧版名单.xls", xls, null);
        assertThat(old.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(old.getBody().get("errors").findValuesAsText("message").get(0))
                .startsWith("不支持 Excel 97-2003（.xls）格式");

        ResponseEntity<JsonNode> pdf = upload("报告.csv", "%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.UTF_8), null);
        assertThat(pdf.getBody().get("errors").findValuesAsText("message").get(0)).startsWith("无法读取文件：应为 CSV");

        String phone = Leads.newPhone();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("名单");
            titles(sheet, "家长姓名", "手机号码");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("改名单");
            row.createCell(1).setCellValue(phone);
            workbook.write(out);
        }
        ResponseEntity<JsonNode> renamed = upload("名单.csv", out.toByteArray(), null);
        assertThat(renamed.getStatusCode()).as(String.valueOf(renamed.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(renamed.getBody().get("created").asInt()).isEqualTo(1);

        String other = Leads.newPhone();
        ResponseEntity<JsonNode> longCampaign = upload("a.csv", ("姓名,电话\n甲," + other + "\n").getBytes(
                StandardCharsets.UTF_8), "活".repeat(70));
        assertThat(longCampaign.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(longCampaign.getBody().get("errors").findValuesAsText("field")).containsExactly("campaign");
        assertThat(http.withBasicAuth("admin", "admin").getForEntity("/api/customers?phone={p}", String.class, other)
                .getStatusCode()).as("nothing stored").isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** The sheet's first row: the column titles as a list's header carries them. */
    private static void titles(Sheet sheet, String... titles) {
        Row header = sheet.createRow(0);
        for (int i = 0; i < titles.length; i++) {
            header.createCell(i).setCellValue(titles[i]);
        }
    }
}
