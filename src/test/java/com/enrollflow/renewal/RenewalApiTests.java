package com.enrollflow.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * POST /api/contracts/{id}/renewals when a family asks, and the renewal report: by role, by campus, by field; the
 * report counts renewals by campus, consultant and teacher, and renewals never enter the new-lead funnel.
 */
@EnrollFlowTest
class RenewalApiTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    Renewals renewals;
    @Autowired
    SchedulingService scheduling;
    @Autowired
    JdbcClient jdbc;

    private final List<Long> students = new ArrayList<>();

    @AfterEach
    void freeTheTeachers() {
        students.forEach(o -> scheduling.closeSchedule(o, "测试结束", "test"));
    }

    private long contract(int left) {
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(1, 1, 1);
        teaching.leaveOnly(s.contract().contractId(), left);
        jdbc.sql("update opportunity set owner_user = 'liwei' where id = ?").param(s.contract().opportunityId())
                .update();
        students.add(s.contract().opportunityId());
        return s.contract().contractId();
    }

    private ResponseEntity<JsonNode> post(String user, long contractId, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").postForEntity("/api/contracts/" + contractId + "/renewals",
                new HttpEntity<>(body, headers), JsonNode.class);
    }

    private int renewalsOf(long contractId) {
        return jdbc.sql("select count(*) from renewal where contract_id = ?").param(contractId).query(Integer.class)
                .single();
    }

    @Test
    void shouldStartARenewalTheFamilyAsksForOnceAndShowItByNumber() {
        long contractId = contract(12);
        ResponseEntity<JsonNode> created = post("chenxi", contractId, Map.of("note", "家长来电想续费"));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().get("renewalNo").asText()).startsWith("XF");
        assertThat(created.getBody().get("triggerLabel").asText()).isEqualTo("家长提出续费");
        assertThat(created.getBody().get("statusLabel").asText()).isEqualTo("续费沟通中");
        assertThat(created.getBody().get("ownerUser").asText()).isEqualTo("liwei");
        students.add(created.getBody().get("opportunityId").asLong());

        ResponseEntity<JsonNode> again = post("liwei", contractId, Map.of());
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().toString()).contains("已有进行中的续费");
        assertThat(renewalsOf(contractId)).isEqualTo(1);

        JsonNode shown = http.withBasicAuth("wuting", "demo").getForObject("/api/renewals/{n}", JsonNode.class,
                created.getBody().get("renewalNo").asText());
        assertThat(shown.get("id").asLong()).isEqualTo(created.getBody().get("id").asLong());
    }

    @Test
    void shouldRefuseOtherCampusesRolesThatDoNotRenewAndAnOverlongNoteStoringNothing() {
        long contractId = contract(12);
        assertThat(post("zhengkai", contractId, Map.of()).getStatusCode()).as("a teacher").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("fengyu", contractId, Map.of()).getStatusCode()).as("finance").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("xuming", contractId, Map.of()).getStatusCode()).as("a consultant of 上海浦东")
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<JsonNode> tooLong = post("liwei", contractId, Map.of("note", "很".repeat(501)));
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getBody().toString()).contains("note");
        assertThat(renewalsOf(contractId)).isZero();
    }

    @Test
    void shouldReportRenewalsByCampusConsultantAndTeacherAndKeepThemOutOfTheFunnel() {
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        long declined = contract(5);
        long asked = contract(8);
        // the fixture's own sales are leads of today: the funnel is read once they exist
        JsonNode funnelBefore = http.withBasicAuth("sunqiang", "demo").getForObject(
                "/api/reports/funnel?from={f}&to={t}", JsonNode.class, today.minusDays(1), today.plusDays(1));
        JsonNode before = report("sunqiang", "");

        Renewal d = renewals.remindIfDue(declined).orElseThrow();
        students.add(d.opportunityId());
        renewals.talked(d.id(), new Renewals.Talk("DECLINE", null, "转到其他机构", null, null, null), "liwei");
        students.add(renewals.request(asked, null, "liwei").opportunityId());

        JsonNode after = report("sunqiang", "");
        assertThat(after.at("/total/due").asLong() - before.at("/total/due").asLong()).isEqualTo(2);
        assertThat(after.at("/total/declined").asLong() - before.at("/total/declined").asLong()).isEqualTo(1);
        assertThat(after.at("/total/underWay").asLong() - before.at("/total/underWay").asLong()).isEqualTo(1);
        JsonNode liwei = row(after.get("byConsultant"), "liwei");
        assertThat(liwei.get("name").asText()).contains("李伟");
        JsonNode zhengkai = row(after.get("byTeacher"), "T-BJHD-01");
        assertThat(zhengkai.get("name").asText()).isEqualTo("郑凯");
        assertThat(row(after.get("byCampus"), "BJ-HD").get("name").asText()).isEqualTo("北京海淀校区");

        JsonNode funnelAfter = http.withBasicAuth("sunqiang", "demo").getForObject(
                "/api/reports/funnel?from={f}&to={t}", JsonNode.class, today.minusDays(1), today.plusDays(1));
        assertThat(funnelAfter.get("stages")).as("two renewal opportunities, no new lead")
                .isEqualTo(funnelBefore.get("stages"));

        JsonNode none = report("sunqiang", "&from=2001-01-01&to=2001-01-31");
        assertThat(none.at("/total/due").asLong()).isZero();
        assertThat(none.at("/total/rate").isNull()).as("nothing due: no data").isTrue();

        ResponseEntity<byte[]> csv = http.withBasicAuth("sunqiang", "demo").getForEntity(
                "/api/reports/renewals?format=csv", byte[].class);
        String text = new String(csv.getBody(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF维度,编号,名称,应续,已续费,不续费,作废,进行中,续费率（%）,续费金额（元）\r\n");
        assertThat(text).contains("授课教师,T-BJHD-01,郑凯");
        ResponseEntity<byte[]> xlsx = http.withBasicAuth("sunqiang", "demo").getForEntity(
                "/api/reports/renewals?format=xlsx", byte[].class);
        assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.getBody()))) {
            var sheet = book.getSheet("续费统计");
            assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("应续");
            assertThat(sheet.getRow(sheet.getLastRowNum()).getCell(2).getStringCellValue()).isEqualTo("合计");
            assertThat((long) sheet.getRow(sheet.getLastRowNum()).getCell(3).getNumericCellValue())
                    .isEqualTo(after.at("/total/due").asLong());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        JsonNode otherCampus = report("panlei", "");
        assertThat(otherCampus.get("byCampus").findValuesAsText("key")).doesNotContain("BJ-HD");
        assertThat(http.withBasicAuth("liwei", "demo").getForEntity("/api/reports/renewals", String.class)
                .getStatusCode()).as("a consultant reads no reports").isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> bad = http.withBasicAuth("sunqiang", "demo").getForEntity(
                "/api/reports/renewals?from=yesterday", String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("from");
    }

    /**
     * A count of the report opens the renewals behind it (续费明细), with the families, for the roles that see families
     * (not marketing, not consultants), within the reader's campuses, and as an Excel file with the same rows.
     */
    @Test
    void shouldListTheFamiliesBehindACountToThoseWhoMaySeeThem() {
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        Renewal d = renewals.remindIfDue(contract(5)).orElseThrow();
        students.add(d.opportunityId());
        renewals.talked(d.id(), new Renewals.Talk("DECLINE", null, "家长觉得太贵", null, null, null), "liwei");
        String family = jdbc.sql("select name from customer where id = ?").param(d.customerId()).query(String.class)
                .single();
        String period = "&campus=BJ-HD&from=" + today + "&to=" + today;

        JsonNode counted = row(report("sunqiang", period).get("byConsultant"), "liwei");
        JsonNode listed = families("sunqiang", period + "&consultant=liwei&status=declined");
        assertThat(listed.get("statusLabel").asText()).isEqualTo("不续费");
        assertThat(listed.get("total").asLong()).as("the list is the count it opens")
                .isEqualTo(counted.get("declined").asLong()).isPositive();
        JsonNode mine = null;
        for (JsonNode r : listed.get("renewals")) {
            if (d.renewalNo().equals(r.get("renewalNo").asText())) {
                mine = r;
            }
        }
        assertThat(mine).as("the declined renewal is listed").isNotNull();
        assertThat(mine.get("customerName").asText()).isEqualTo(family);
        assertThat(mine.get("declineReason").asText()).isEqualTo("家长觉得太贵");
        assertThat(mine.get("consultantName").asText()).contains("李伟");
        assertThat(mine.get("campusName").asText()).isEqualTo("北京海淀校区");
        assertThat(mine.get("opportunityId").asLong()).isEqualTo(d.opportunityId());
        assertThat(listed.get("filters").asText()).isEqualTo("北京海淀校区 · " + mine.get("consultantName").asText());
        assertThat(families("sunqiang", period + "&consultant=liwei&status=不续费").get("total").asLong())
                .as("the state by its Chinese name").isEqualTo(listed.get("total").asLong());
        assertThat(families("sunqiang", period + "&consultant=liwei&status=renewed").get("renewals")
                .findValuesAsText("renewalNo")).doesNotContain(d.renewalNo());

        ResponseEntity<byte[]> xlsx = http.withBasicAuth("sunqiang", "demo").getForEntity(
                "/api/reports/renewals/families?format=xlsx&status=declined&consultant=liwei" + period, byte[].class);
        assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.getBody()))) {
            var sheet = book.getSheet("续费明细");
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("家长");
            assertThat(sheet.getLastRowNum()).isEqualTo(listed.get("renewals").size());
            boolean found = false;
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                found |= d.renewalNo().equals(sheet.getRow(i).getCell(0).getStringCellValue())
                        && family.equals(sheet.getRow(i).getCell(2).getStringCellValue());
            }
            assertThat(found).isTrue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        assertThat(families("panlei", "&status=declined&from=" + today + "&to=" + today).get("renewals")
                .findValuesAsText("renewalNo")).as("another campus's supervisor").doesNotContain(d.renewalNo());
        for (String user : new String[] {"hanmei", "liwei"}) {
            assertThat(http.withBasicAuth(user, "demo").getForEntity("/api/reports/renewals/families?status=due",
                    String.class).getStatusCode()).as(user + " sees no families' names").isEqualTo(HttpStatus.FORBIDDEN);
        }
        ResponseEntity<String> bad = http.withBasicAuth("sunqiang", "demo").getForEntity(
                "/api/reports/renewals/families?status=lost&teacher=x y", String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("status").contains("teacher").contains("不续费");
    }

    private JsonNode families(String user, String query) {
        return http.withBasicAuth(user, "demo").getForObject("/api/reports/renewals/families?x=1" + query,
                JsonNode.class);
    }

    private JsonNode report(String user, String query) {
        return http.withBasicAuth(user, "demo").getForObject("/api/reports/renewals?x=1" + query, JsonNode.class);
    }

    private static JsonNode row(JsonNode rows, String key) {
        for (JsonNode r : rows) {
            if (r.get("key").asText().equals(key)) {
                return ((com.fasterxml.jackson.databind.node.ObjectNode) r.get("figures").deepCopy()).put("name",
                        r.get("name").asText());
            }
        }
        throw new AssertionError("no row " + key + " in " + rows);
    }
}
