package com.enrollflow.cockpit;

import static com.enrollflow.testsupport.SheetLines.line;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

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

import com.enrollflow.lead.LeadRequest;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * 经营看板's sections below the funnel — 服务水平, 满意度, 续费 — through the Cockpit session: the same figures as
 * /api/reports for the same filters, the director's campus only, 403 for a consultant, 400 naming a bad field, and
 * Excel files with the same numbers. June 2020 is a month no other test writes: complaints (two at 北京海淀, one at
 * 上海浦东), and at 北京海淀 two surveys (one answered 5/4/2, one unanswered) and two renewals (one declined, one open).
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
    @Autowired
    Leads leads;

    /** Every day up to tomorrow: whatever surveys and renewals other tests left count too, on both sides alike. */
    String always;

    @BeforeEach
    void complaintsOfJune2020() {
        always = "?from=2000-01-01&to=" + LocalDate.now(BusinessTime.ZONE).plusDays(1);
        if (jdbc.sql("select count(*) from complaint where complaint_no like 'BST-%'").query(Integer.class)
                .single() == 0) {
            complaints();
        }
        if (jdbc.sql("select count(*) from renewal where renewal_no like 'BST-%'").query(Integer.class).single() == 0) {
            surveysAndRenewals();
        }
    }

    private void complaints() {
        complaint(1, "BJ-HD", "TEACHING", "academicAffairs", "CLOSED", "2020-06-02T09:00", "2020-06-02T13:00",
                "2020-06-02T10:00", "2020-06-03T09:00", "2020-06-02T18:00");
        complaint(2, "BJ-HD", "SERVICE", "customerService", "OPEN", "2020-06-10T10:00", "2020-06-10T14:00", null,
                "2020-06-11T10:00", null);
        complaint(3, "SH-PD", "TEACHING", "academicAffairs", "OPEN", "2020-06-15T10:00", "2020-06-15T14:00", null,
                "2020-06-16T10:00", null);
    }

    private void surveysAndRenewals() {
        long contract = contract();
        jdbc.sql("insert into survey (contract_id, opportunity_id, customer_id, campus_code, occasion, created_at, "
                + "expires_at, sent_at, answered_at, teacher_rating, course_rating, service_rating) select c.id, "
                + "c.opportunity_id, c.customer_id, 'BJ-HD', 'AFTER_THIRD_LESSON', :sent, :sent, :sent, :sent, 5, 4, 2 "
                + "from contract c where c.id = :id").param("sent", beijing("2020-06-05T10:00")).param("id", contract)
                .update();
        jdbc.sql("insert into survey (contract_id, opportunity_id, customer_id, campus_code, occasion, created_at, "
                + "expires_at, sent_at) select c.id, c.opportunity_id, c.customer_id, 'BJ-HD', 'CONTRACT_END', :sent, "
                + ":sent, :sent from contract c where c.id = :id").param("sent", beijing("2020-06-20T10:00"))
                .param("id", contract).update();
        renewal(1, contract, "DECLINED");
        renewal(2, contract, "OPEN");
    }

    /** An issued contract of a new 北京海淀 lead, written as a row (no approval, payment or PDF needed here). */
    private long contract() {
        long opportunity = opportunity();
        int seq = (int) (System.nanoTime() % 90_000) + 10_000;
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into contract (number, campus_code, contract_year, seq, quote_id, opportunity_id, "
                + "customer_id, final_price, status, issued_by, issued_at, sha256, pdf_size) "
                + "select :number, 'BJ-HD', 2019, :seq, :quote, o.id, o.customer_id, 1000, 'ISSUED', 'zhouhua', :at, "
                + ":sha, 1 from opportunity o "
                + "where o.id = :id").param("number", "BST-" + seq).param("seq", seq).param("quote", -System.nanoTime())
                .param("at", beijing("2020-05-01T10:00")).param("sha", "0".repeat(64)).param("id", opportunity)
                .update(key, "id");
        return key.getKey().longValue();
    }

    private long opportunity() {
        return leads.receive(new LeadRequest("看板续费", Leads.newPhone(), "PHONE", null, "BJ-HD", "ONE_ON_ONE", "J2",
                "MATH", null, null, null, null)).opportunities().get(0).opportunityId();
    }

    private void renewal(int n, long contract, String status) {
        long opportunity = opportunity();
        jdbc.sql("insert into renewal (renewal_no, contract_id, opportunity_id, customer_id, campus_code, "
                + "product_line, consultant_id, trigger_kind, remaining_at_start, status, created_by, created_at) "
                + "select :no, :contract, o.id, o.customer_id, 'BJ-HD', 'ONE_ON_ONE', 'liwei', 'HOURS_LOW', 4, "
                + ":status, 'system', :at from opportunity o where o.id = :id").param("no", "BST-R" + n)
                .param("contract", contract)
                .param("status", status).param("at", beijing("2020-06-0" + (n + 1) + "T10:00")).param("id", opportunity)
                .update();
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
        // 穿透 from 续费: the same renewals and families as /api lists them, per state and slice
        for (String narrowed : List.of("&status=due", "&status=declined&campus=BJ-HD", "&status=underWay&teacher=-",
                "&status=renewed&consultant=-")) {
            assertThat(zhouhua.json(BOARD + "/renewals/families" + always + narrowed)).as(narrowed)
                    .isEqualTo(api("zhouhua", "renewals/families" + always + narrowed));
        }
        assertThat(zhouhua.json(BOARD + "/renewals/families" + always + "&status=due").get("total").asLong())
                .isEqualTo(zhouhua.json(BOARD + "/renewals" + always).at("/total/due").asLong());
        // 穿透 from 低分数: the same answers as /api lists them
        for (String narrowed : List.of("", "&campus=BJ-HD")) {
            assertThat(zhouhua.json(BOARD + "/satisfaction/low-scores" + always + narrowed)).as(narrowed)
                    .isEqualTo(api("zhouhua", "satisfaction/low-scores" + always + narrowed));
        }
        WebappSession hanmei = WebappSession.loggedIn(port, "cockpit", "hanmei", "demo");
        assertThat(hanmei.get(BOARD + "/renewals/families" + always + "&status=due").statusCode())
                .as("marketing reads the counts, not the families behind them").isEqualTo(403);
        assertThat(hanmei.get(BOARD + "/satisfaction/low-scores" + always).statusCode()).isEqualTo(403);
        // 穿透 from 超时未办任务: the same late tasks as /api lists them, and another campus is not found
        for (String group : List.of("客服", "academicAffairs", "个人任务")) {
            String encoded = java.net.URLEncoder.encode(group, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(zhouhua.json(BOARD + "/service-levels/overdue-tasks?campus=BJ-HD&group=" + encoded)).as(group)
                    .isEqualTo(api("zhouhua", "service-levels/overdue-tasks?campus=BJ-HD&group=" + group));
        }
        assertThat(zhouhua.get(BOARD + "/service-levels/overdue-tasks?campus=SH-PD&group=客服").statusCode())
                .isEqualTo(404);
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
        JsonNode june = zhouhua.json(BOARD + "/satisfaction" + JUNE).get("campuses").get(0);
        assertThat(List.of(june.get("sent").asInt(), june.get("answered").asInt(), june.get("lowScores").asInt()))
                .as("sent, answered, low scores, counted by hand").containsExactly(2, 1, 1);
        assertThat(june.get("responseRate").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(june.get("serviceAverage").decimalValue()).isEqualByComparingTo("2.00");
        JsonNode juneRenewals = zhouhua.json(BOARD + "/renewals" + JUNE).get("total");
        assertThat(List.of(juneRenewals.get("due").asLong(), juneRenewals.get("declined").asLong(),
                juneRenewals.get("underWay").asLong())).as("due, declined, under way").containsExactly(2L, 1L, 1L);
        assertThat(juneRenewals.get("rate").decimalValue()).as("none renewed: 0 %, not 无数据").isZero();
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
}
