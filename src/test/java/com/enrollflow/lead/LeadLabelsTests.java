package com.enrollflow.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.Channel;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Uploads;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Leads in the words staff use: POST /api/leads and the import take every code's Chinese label (taken from the enums,
 * so a new code is covered at once) and the common variants, store codes, and refuse unknown words by field.
 */
@EnrollFlowTest
class LeadLabelsTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    Leads leads;
    @Autowired
    CampusRepository campuses;

    @Test
    void shouldImportTheIssuesSpreadsheetWithChineseValues() throws Exception {
        String phone = Leads.newPhone();
        byte[] xlsx = workbook(List.of("姓名", "电话", "渠道", "校区", "产品线", "年级", "科目"),
                List.of(List.of("韩梅梅", phone, "电话接访", "北京海淀校区", "一对一", "初二", "数学")));

        JsonNode report = upload("市场部名单.xlsx", xlsx).getBody();

        assertThat(report.get("created").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.get("rejected").asInt()).isZero();
        Opportunity stored = leads.opportunity(report.at("/results/0/opportunityIds/0").asLong());
        assertThat(stored.channel()).isEqualTo("PHONE");
        assertThat(stored.campusCode()).isEqualTo("BJ-HD");
        assertThat(stored.productLine()).isEqualTo("ONE_ON_ONE");
        assertThat(stored.grade()).isEqualTo("J2");
        assertThat(stored.subject()).isEqualTo("MATH");
    }

    @Test
    void shouldImportEveryLabelOfEveryCodedColumnAndEveryCampusName() {
        List<Campus> all = campuses.findActive();
        int rows = max(Channel.values().length, Grade.values().length, Subject.values().length,
                ProductLine.values().length, all.size() * 2);
        StringBuilder csv = new StringBuilder("姓名,电话,渠道,校区,产品线,年级,科目\n");
        List<String> phones = new java.util.ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String phone = Leads.newPhone();
            phones.add(phone);
            Campus campus = all.get(i % all.size());
            String campusWord = i < all.size() ? campus.name() : campus.name().replace(campus.city(), "");
            csv.append("标签").append(i).append(',').append(phone).append(',')
                    .append(Channel.values()[i % Channel.values().length].label()).append(',')
                    .append(campusWord).append(',')
                    .append(ProductLine.values()[i % ProductLine.values().length].label()).append(',')
                    .append(Grade.values()[i % Grade.values().length].label()).append(',')
                    .append(Subject.values()[i % Subject.values().length].label()).append('\n');
        }

        JsonNode report = upload("labels.csv", csv.toString().getBytes(StandardCharsets.UTF_8)).getBody();

        assertThat(report.get("created").asInt()).as(report.toString()).isEqualTo(rows);
        for (int i = 0; i < rows; i++) {
            Opportunity o = leads.opportunity(report.at("/results/" + i + "/opportunityIds/0").asLong());
            assertThat(o.channel()).isEqualTo(Channel.values()[i % Channel.values().length].name());
            assertThat(o.campusCode()).isEqualTo(all.get(i % all.size()).code());
            assertThat(o.productLine()).isEqualTo(ProductLine.values()[i % ProductLine.values().length].name());
            assertThat(o.grade()).isEqualTo(Grade.values()[i % Grade.values().length].name());
            assertThat(o.subject()).isEqualTo(Subject.values()[i % Subject.values().length].name());
        }
    }

    @Test
    void shouldRejectAnImportedRowWithUnknownWordsNamingEachColumnAndStoreNothing() {
        String phone = Leads.newPhone();
        String csv = "姓名,电话,渠道,校区,产品线,年级,科目\n"
                + "王五," + phone + ",飞鸽传书,火星校区,一对二,初九,数学课\n";

        JsonNode report = upload("bad-words.csv", csv.getBytes(StandardCharsets.UTF_8)).getBody();

        assertThat(report.get("rejected").asInt()).isEqualTo(1);
        JsonNode errors = report.at("/results/0/errors");
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("channel", "campus", "productLine",
                "grade", "subject");
        assertThat(errors.findValuesAsText("message")).contains(
                "未知的年级“初九”，可选：学前、小学一年级、小学二年级、小学三年级、小学四年级、小学五年级、小学六年级、初一、初二、初三、"
                        + "高一、高二、高三",
                "未知的产品线“一对二”，可选：一对一、班课",
                "未知的校区“火星校区”，可选：" + String.join("、", campuses.findActive().stream().map(Campus::name).toList()));
        assertThat(errors.findValuesAsText("message")).anySatisfy(m -> assertThat(m)
                .startsWith("未知的校区“火星校区”，可选：北京朝阳校区、北京海淀校区、"));
        assertThat(http.withBasicAuth("zhangli", "demo").getForEntity("/api/customers?phone={p}", JsonNode.class, phone)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldRegisterALeadThroughTheApiInWordsAndVariants() {
        String phone = Leads.newPhone();
        Map<String, Object> lead = lead(phone, Map.of("channel", "电话", "campus", " 海淀 ", "productLine", "１对１",
                "grade", "初中二年级", "subject", "数"));

        ResponseEntity<JsonNode> answer = post("zhangli", lead);

        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.CREATED);
        Opportunity stored = leads.opportunity(answer.getBody().at("/opportunities/0/opportunityId").asLong());
        assertThat(List.of(stored.channel(), stored.campusCode(), stored.productLine(), stored.grade(),
                stored.subject())).containsExactly("PHONE", "BJ-HD", "ONE_ON_ONE", "J2", "MATH");
        JsonNode record = http.withBasicAuth("zhangli", "demo").getForObject("/api/customers?phone={p}",
                JsonNode.class, phone);
        assertThat(record.at("/opportunities/0/channel").asText()).isEqualTo("PHONE");
        assertThat(record.at("/opportunities/0/channelLabel").asText()).isEqualTo("电话接访");
        assertThat(record.at("/opportunities/0/productLineLabel").asText()).isEqualTo("一对一");
        assertThat(record.at("/enquiries/0/channelLabel").asText()).isEqualTo("电话接访");
    }

    @Test
    void shouldTakeEveryGradeVariantStaffWrite() {
        for (String word : List.of("初二", "初中二年级", "八年级", "J2", "Ｊ２", "j2")) {
            ResponseEntity<JsonNode> answer = post("zhangli", lead(Leads.newPhone(), Map.of("channel", "PHONE",
                    "grade", word, "productLine", "1v1")));
            assertThat(answer.getStatusCode()).as(word).isEqualTo(HttpStatus.CREATED);
            Opportunity stored = leads.opportunity(answer.getBody().at("/opportunities/0/opportunityId").asLong());
            assertThat(stored.grade()).as(word).isEqualTo("J2");
            assertThat(stored.productLine()).isEqualTo("ONE_ON_ONE");
        }
    }

    @Test
    void shouldRefuseUnknownWordsThroughTheApiNamingEachFieldAndStoreNothing() {
        String phone = Leads.newPhone();
        ResponseEntity<JsonNode> answer = post("zhangli", lead(phone, Map.of("channel", "飞鸽传书", "campus", "火星",
                "grade", "初九", "subject", "数学课", "productLine", "一对二")));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("channel",
                "campus", "grade", "subject", "productLine");
        assertThat(answer.getBody().get("errors").findValuesAsText("message")).contains(
                "未知的渠道“飞鸽传书”，可选：电话接访、在线接访、在线自主留存、直访、市场活动、渠道合作、转介绍、其他业务部门转入",
                "未知的科目“数学课”，可选：语文、数学、英语、物理、化学、生物、历史、地理、政治、全科");
        assertThat(http.withBasicAuth("zhangli", "demo").getForEntity("/api/customers?phone={p}", JsonNode.class, phone)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldStillRefuseACampusTheCallerDoesNotServeWhenNamedInChinese() {
        ResponseEntity<JsonNode> answer = post("zhangli", lead(Leads.newPhone(), Map.of("channel", "电话接访",
                "campus", "上海浦东校区")));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().get("errors").findValuesAsText("message"))
                .containsExactly("您不负责“上海浦东校区”，不能为该校区登记线索");
    }

    private static Map<String, Object> lead(String phone, Map<String, Object> codes) {
        Map<String, Object> lead = new HashMap<>(Map.of("name", "李雷", "phone", phone));
        lead.putAll(codes);
        return lead;
    }

    private ResponseEntity<JsonNode> post(String user, Map<String, Object> lead) {
        return http.withBasicAuth(user, "demo").postForEntity("/api/leads", lead, JsonNode.class);
    }

    static byte[] workbook(List<String> headers, List<List<String>> rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("线索");
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                header.createCell(c).setCellValue(headers.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            workbook.write(out);
        }
        return out.toByteArray();
    }

    private ResponseEntity<JsonNode> upload(String fileName, byte[] content) {
        return upload(http, "lujun", fileName, content);
    }

    /** POST /api/leads/import as the user (lujun: head-office marketing, every campus). */
    static ResponseEntity<JsonNode> upload(TestRestTemplate http, String user, String fileName, byte[] content) {
        return http.withBasicAuth(user, "demo").exchange("/api/leads/import", HttpMethod.POST,
                Uploads.file(fileName, content), JsonNode.class);
    }

    private static int max(int... values) {
        return java.util.Arrays.stream(values).max().orElseThrow();
    }
}
