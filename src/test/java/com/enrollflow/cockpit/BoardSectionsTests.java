package com.enrollflow.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * 经营看板's sections below the funnel — 服务水平, 满意度, 续费 — through the Cockpit session: the same figures as
 * /api/reports for the same filters, the director's campus only, 403 for a consultant, 400 naming a bad field, and
 * Excel files with the same numbers. Complaints of June 2020 (a month no other test writes): two at 北京海淀, one at
 * 上海浦东.
 */
@EnrollFlowTest
class BoardSectionsTests {

    static final String BOARD = BoardResourceTests.BOARD;
    static final String JUNE = "?from=2020-06-01&to=2020-06-30";
    static final List<String> SECTIONS = List.of("service-levels", "satisfaction", "renewals");

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    /** Every day up to tomorrow: whatever surveys and renewals other tests left count too, on both sides alike. */
    String always;

    @BeforeEach
    void complaintsOfJune2020() {
        always = "?from=2000-01-01&to=" + LocalDate.now(BusinessTime.ZONE).plusDays(1);
        if (jdbc.sql("select count(*) from complaint where complaint_no like 'BST-%'").query(Integer.class)
                .single() > 0) {
            return;
        }
        complaint(1, "BJ-HD", "TEACHING", "academicAffairs", "CLOSED", "2020-06-02T09:00", "2020-06-02T13:00",
                "2020-06-02T10:00", "2020-06-03T09:00", "2020-06-02T18:00");
        complaint(2, "BJ-HD", "SERVICE", "customerService", "OPEN", "2020-06-10T10:00", "2020-06-10T14:00", null,
                "2020-06-11T10:00", null);
        complaint(3, "SH-PD", "TEACHING", "academicAffairs", "OPEN", "2020-06-15T10:00", "2020-06-15T14:00", null,
                "2020-06-16T10:00", null);
    }

    private void complaint(int n, String campus, String category, String group, String status, String created,
            String responseDue, String responded, String resolutionDue, String resolved) {
        OffsetDateTime at = beijing(created);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into customer (name, phone, created_at, updated_at) values (?, ?, ?, ?)")
                .params("看板服务" + n, Leads.newPhone(), at, at).update(key, "id");
        jdbc.sql("insert into complaint (complaint_no, customer_id, campus_code, category, severity, description, "
                + "handler_group, status, response_due, resolution_due, responded_at, resolved_at, created_by, "
                + "created_at) values (?, ?, ?, ?, 'NORMAL', '看板测试', ?, ?, ?, ?, ?, ?, 'chenxi', ?)")
                .params("BST-" + n, key.getKey().longValue(), campus, category, group, status, beijing(responseDue),
                        beijing(resolutionDue), beijing(responded), beijing(resolved), at)
                .update();
    }

    private static OffsetDateTime beijing(String local) {
        return local == null ? null : OffsetDateTime.parse(local + ":00+08:00");
    }

    private JsonNode api(String user, String path) {
        ResponseEntity<JsonNode> r = http.withBasicAuth(user, "demo").getForEntity("/api/reports/" + path,
                JsonNode.class);
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.OK);
        return withoutMoment(r.getBody());
    }

    /** The service-level report says when it was counted; two calls differ in that only. */
    private static JsonNode withoutMoment(JsonNode report) {
        if (report instanceof ObjectNode o) {
            o.remove("asOf");
        }
        return report;
    }

    private static List<String> texts(JsonNode rows, String field) {
        List<String> texts = new ArrayList<>();
        rows.forEach(r -> texts.add(r.get(field).asText()));
        return texts;
    }

    @Test
    void shouldAgreeWithTheReportsApiForTheSameFilters() {
        WebappSession zhouhua = WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo");
        for (String filters : List.of(JUNE, JUNE + "&campus=BJ-HD", always, always + "&campus=BJ-HD")) {
            assertThat(withoutMoment(zhouhua.json(BOARD + "/service-levels" + filters))).as(filters)
                    .isEqualTo(api("zhouhua", "service-levels" + filters));
            assertThat(zhouhua.json(BOARD + "/renewals" + filters)).as(filters)
                    .isEqualTo(api("zhouhua", "renewals" + filters));
        }
        // /api/reports/satisfaction has no campus filter: the director's scope is one campus, the same answer
        for (String filters : List.of(JUNE, always)) {
            assertThat(zhouhua.json(BOARD + "/satisfaction" + filters)).as(filters)
                    .isEqualTo(api("zhouhua", "satisfaction" + filters));
            assertThat(zhouhua.json(BOARD + "/satisfaction" + filters + "&campus=BJ-HD")).as(filters)
                    .isEqualTo(api("zhouhua", "satisfaction" + filters));
        }
        JsonNode gaofeng = WebappSession.loggedIn(port, "cockpit", "gaofeng", "demo")
                .json(BOARD + "/satisfaction" + always + "&campus=BJ-HD");
        assertThat(gaofeng).as("head office choosing 北京海淀 reads what its director reads")
                .isEqualTo(api("zhouhua", "satisfaction" + always));
    }

    @Test
    void shouldShowTheCampusDirectorOnlyTheirCampus() {
        WebappSession zhouhua = WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo");
        JsonNode levels = zhouhua.json(BOARD + "/service-levels" + JUNE);
        assertThat(texts(levels.get("campuses"), "campusCode")).containsExactly("BJ-HD");
        assertThat(levels.get("total").get("filed").asInt()).as("the 上海浦东 complaint is not counted").isEqualTo(2);
        assertThat(levels.get("total").get("openOverdue").asInt()).isEqualTo(1);
        assertThat(texts(levels.get("overdueTasks"), "campusCode")).allMatch("BJ-HD"::equals);
        assertThat(texts(levels.get("handlerGroups"), "handlerGroupLabel")).as("roles in Chinese, not group ids")
                .containsExactly("教务", "客服");
        assertThat(texts(zhouhua.json(BOARD + "/satisfaction" + always).get("campuses"), "campusCode"))
                .allMatch("BJ-HD"::equals);
        JsonNode renewals = zhouhua.json(BOARD + "/renewals" + always);
        assertThat(texts(renewals.get("byCampus"), "key")).allMatch("BJ-HD"::equals);
        long byHand = jdbc.sql("select count(*) from renewal where campus_code = 'BJ-HD'").query(Long.class).single();
        assertThat(renewals.get("total").get("due").asLong()).as("every renewal of 北京海淀, counted by hand")
                .isEqualTo(byHand);
        for (String section : SECTIONS) {
            assertThat(zhouhua.get(BOARD + "/" + section + JUNE + "&campus=SH-PD").statusCode()).as(section)
                    .isEqualTo(404);
        }

        JsonNode everything = WebappSession.loggedIn(port, "cockpit", "gaofeng", "demo")
                .json(BOARD + "/service-levels" + JUNE);
        assertThat(everything.get("total").get("filed").asInt()).as("总部 sees both campuses").isEqualTo(3);
    }

    @Test
    void shouldSayNoDataWhereNothingWasDue() {
        JsonNode renewals = WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo")
                .json(BOARD + "/renewals?from=1999-01-01&to=1999-01-31");
        assertThat(renewals.get("total").get("due").asLong()).isZero();
        assertThat(renewals.get("total").get("rate").isNull()).as("no renewal due: no rate, not 0 %").isTrue();
    }

    @Test
    void shouldRefuseAConsultantAndNameABadField() {
        WebappSession liwei = WebappSession.loggedIn(port, "tasklist", "liwei", "demo");
        for (String section : SECTIONS) {
            assertThat(liwei.get(BOARD + "/" + section + JUNE).statusCode()).as(section).isEqualTo(403);
            assertThat(liwei.download(BOARD + "/" + section + ".xlsx" + JUNE).statusCode()).as(section).isEqualTo(403);
        }
        WebappSession zhouhua = WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo");
        for (String section : SECTIONS) {
            assertThat(field(zhouhua, section + "?from=2020-13-01&to=2020-06-30")).as(section).containsExactly("from");
            assertThat(field(zhouhua, section + "?from=2020-06-01")).as(section).containsExactly("to");
            assertThat(field(zhouhua, section + JUNE + "&campus=火星")).as(section).containsExactly("campus");
        }
    }

    private List<String> field(WebappSession session, String path) {
        HttpResponse<String> r = session.get(BOARD + "/" + path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        try {
            JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            return texts(body.get("problems"), "field");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldExportTheSameNumbersToExcel() throws IOException {
        WebappSession zhouhua = WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo");
        HttpResponse<byte[]> levels = zhouhua.download(BOARD + "/service-levels.xlsx" + JUNE);
        assertThat(levels.statusCode()).isEqualTo(200);
        assertThat(levels.headers().firstValue("Content-Disposition").orElse("")).contains("filename*=UTF-8''");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(levels.body()))) {
            List<String> campus = line(book.getSheet("服务水平"), "BJ-HD", "校区");
            assertThat(campus.get(4)).as("投诉数").isEqualTo("2");
            assertThat(campus.get(15)).as("未结超时").isEqualTo("1");
            assertThat(book.getSheet("超时任务")).isNotNull();
        }

        JsonNode renewals = zhouhua.json(BOARD + "/renewals" + always);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                zhouhua.download(BOARD + "/renewals.xlsx" + always).body()))) {
            List<String> total = line(book.getSheet("续费统计"), "合计", null);
            assertThat(total.get(3)).as("应续").isEqualTo(String.valueOf(renewals.get("total").get("due").asLong()));
            assertThat(total.get(4)).as("已续费")
                    .isEqualTo(String.valueOf(renewals.get("total").get("renewed").asLong()));
        }
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                zhouhua.download(BOARD + "/renewals.xlsx?from=1999-01-01&to=1999-01-31").body()))) {
            assertThat(line(book.getSheet("续费统计"), "合计", null).get(8)).as("续费率").isEqualTo("无数据");
        }

        JsonNode satisfaction = zhouhua.json(BOARD + "/satisfaction" + always);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                zhouhua.download(BOARD + "/satisfaction.xlsx" + always).body()))) {
            assertThat(book.getSheet("满意度（校区）").getLastRowNum()).isEqualTo(satisfaction.get("campuses").size());
            assertThat(book.getSheet("满意度（教师）").getLastRowNum()).isEqualTo(satisfaction.get("teachers").size());
            for (JsonNode c : satisfaction.get("campuses")) {
                List<String> line = line(book.getSheet("满意度（校区）"), c.get("campusCode").asText(), null);
                assertThat(line.get(2)).as("发送问卷").isEqualTo(c.get("sent").asText());
                assertThat(line.get(3)).as("回收问卷").isEqualTo(c.get("answered").asText());
            }
        }
    }

    /** The first line whose first cell is {@code first} (and third is {@code third}), numbers written as integers. */
    private static List<String> line(Sheet sheet, String first, String third) {
        for (Row row : sheet) {
            List<String> cells = new ArrayList<>();
            row.forEach(c -> cells.add(switch (c.getCellType()) {
                case NUMERIC -> c.getNumericCellValue() == Math.rint(c.getNumericCellValue())
                        ? String.valueOf((long) c.getNumericCellValue()) : String.valueOf(c.getNumericCellValue());
                default -> c.getStringCellValue();
            }));
            if (!cells.isEmpty() && cells.get(0).equals(first) && (third == null || cells.get(2).equals(third))) {
                return cells;
            }
        }
        throw new AssertionError("no line " + first + " in " + sheet.getSheetName());
    }
}
