package com.enrollflow.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 销售计划: a team's target for a month of its own (May 2031, which no other test pays into), its actual counted by hand
 * (one ¥12,000 order of two targeted), the open pipeline by stage, and the forecast made of it; fields refused by name,
 * campuses kept apart.
 */
@EnrollFlowTest
class SalesTargetTests {

    private static final String PERIOD = "2031-05";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    PaymentService payments;
    @Autowired
    SchedulingService scheduling;

    private final List<Long> students = new ArrayList<>();

    @AfterEach
    void freeTheTeachers() {
        students.forEach(o -> scheduling.closeSchedule(o, "测试结束", "test"));
    }

    private static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private ResponseEntity<JsonNode> set(String user, Map<String, Object> body) {
        return http.withBasicAuth(user, "demo").exchange("/api/sales-targets", HttpMethod.PUT,
                new HttpEntity<>(body, json()), JsonNode.class);
    }

    private static Map<String, Object> target(String campus, String team, String period, String revenue) {
        Map<String, Object> body = new HashMap<>();
        body.put("campus", campus);
        body.put("team", team);
        body.put("period", period);
        body.put("revenue", revenue);
        body.put("orders", "2");
        return body;
    }

    /** A new lead of SH-XH in the team, that reached the stage whose column is given. */
    private long openLead(String team, String stageColumn) {
        Map<String, Object> lead = new HashMap<>();
        lead.put("name", "计划线索" + ThreadLocalRandom.current().nextInt(100000, 999999));
        lead.put("phone", "137" + ThreadLocalRandom.current().nextInt(10000000, 99999999));
        lead.put("channel", "PHONE");
        lead.put("campus", "SH-XH");
        JsonNode made = http.withBasicAuth("wangfang", "demo").postForObject("/api/leads",
                new HttpEntity<>(lead, json()), JsonNode.class);
        long id = made.get("opportunities").get(0).get("opportunityId").asLong();
        jdbc.sql("update opportunity set team_id = ?, " + stageColumn + " = current_timestamp where id = ?")
                .params(team, id).update();
        return id;
    }

    @Test
    void shouldPutTheTeamsActualAndForecastBesideItsTarget() {
        // a team of its own (inactive: distribution never routes to it), so its open pipeline is only this test's
        String team = "TPLAN" + ThreadLocalRandom.current().nextInt(10000, 99999);
        jdbc.sql("insert into sales_team (id, name, campus_code, product_line, strategy, member_group, claim_hold_cap, "
                + "active) values (?, ?, 'SH-XH', 'ONE_ON_ONE', 'SUPERVISOR_DESIGNATES', 'consultant', 3, false)")
                .params(team, "徐汇计划组" + team).update();
        openLead(team, "planned_at");
        openLead(team, "agreed_at");
        // one order of ¥12,000 paid in May 2031 by the team
        TeachingTestSupport.Taught paid = teaching.contractWithSchedule(1, 0, 1).contract();
        students.add(paid.opportunityId());
        payments.openOrder(paid.opportunityId(), paid.quoteId(), paid.contractId(), "BJ-HD",
                new BigDecimal("12000.00"), InstallmentPlan.FULL, LocalDate.of(2031, 5, 10));
        jdbc.sql("update opportunity set campus_code = 'SH-XH', team_id = ?, paid_at = ? where id = ?")
                .params(team, OffsetDateTime.parse("2031-05-10T10:00:00+08:00"), paid.opportunityId()).update();

        assertThat(set("gaofeng", target("SH-XH", team, PERIOD, "20000")).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> replaced = set("gaofeng", target("上海徐汇校区", team, PERIOD, "24,000"));
        assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(replaced.getBody().get("revenue").decimalValue()).isEqualByComparingTo("24000");
        assertThat(replaced.getBody().get("productLineLabel").asText()).isEqualTo("全部产品线");
        assertThat(jdbc.sql("select count(*) from sales_target where team_id = ?").param(team).query(Integer.class)
                .single()).as("set again: replaced").isOne();

        JsonNode report = http.withBasicAuth("gaofeng", "demo").getForObject(
                "/api/reports/targets?period={p}&campus=SH-XH", JsonNode.class, PERIOD);
        assertThat(report.get("from").asText()).isEqualTo("2031-05-01");
        assertThat(report.get("to").asText()).isEqualTo("2031-05-31");
        JsonNode row = null;
        for (JsonNode r : report.get("rows")) {
            if (team.equals(r.at("/target/teamId").asText())) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("actualRevenue").decimalValue()).isEqualByComparingTo("12000.00");
        assertThat(row.get("actualOrders").asLong()).isEqualTo(1);
        assertThat(row.get("achievement").decimalValue()).isEqualByComparingTo("0.5000");
        assertThat(row.get("ordersAchievement").decimalValue()).isEqualByComparingTo("0.5000");
        assertThat(row.get("openOpportunities").asLong()).isEqualTo(2);
        Map<String, Long> open = new HashMap<>();
        row.get("pipeline").forEach(s -> open.put(s.get("stage").asText(), s.get("open").asLong()));
        assertThat(open).containsEntry("PLANNED", 1L).containsEntry("AGREED", 1L).containsEntry("RECEIVED", 0L);
        // the forecast is the actual plus each open opportunity at its stage's measured conversion and the average order
        BigDecimal expected = BigDecimal.ZERO;
        for (JsonNode s : row.get("pipeline")) {
            if (!s.get("conversion").isNull() && !row.get("averageOrder").isNull()) {
                expected = expected.add(row.get("averageOrder").decimalValue().multiply(s.get("conversion").decimalValue())
                        .multiply(BigDecimal.valueOf(s.get("open").asLong())));
            }
        }
        assertThat(row.get("expectedRevenue").decimalValue())
                .isEqualByComparingTo(expected.setScale(2, RoundingMode.HALF_UP));
        assertThat(row.get("forecastRevenue").decimalValue())
                .isEqualByComparingTo(new BigDecimal("12000.00").add(expected.setScale(2, RoundingMode.HALF_UP)));

        String csv = http.withBasicAuth("gaofeng", "demo").getForObject(
                "/api/reports/targets?period={p}&campus=SH-XH&format=csv", String.class, PERIOD);
        assertThat(csv).as("the campus by its name, as the board shows it")
                .contains(PERIOD + ",上海徐汇校区,徐汇计划组" + team + ",全部产品线,24000.00,12000.00,50.0,2,1,2,");

        JsonNode haidian = http.withBasicAuth("zhouhua", "demo").getForObject("/api/reports/targets?period={p}",
                JsonNode.class, PERIOD);
        assertThat(haidian.get("rows").findValuesAsText("campusCode")).as("another campus's targets")
                .doesNotContain("SH-XH");

        // each campus's forecast weights are its own, also when one report measures several campuses at once
        assertThat(set("zhouhua", target("BJ-HD", null, PERIOD, "50000")).getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode both = http.withBasicAuth("gaofeng", "demo").getForObject("/api/reports/targets?period={p}",
                JsonNode.class, PERIOD);
        assertThat(both.get("rows").findValuesAsText("campusCode")).contains("BJ-HD", "SH-XH");
        for (JsonNode r : both.get("rows")) {
            String campus = r.at("/target/campusCode").asText();
            JsonNode alone = http.withBasicAuth("gaofeng", "demo").getForObject(
                    "/api/reports/targets?period={p}&campus={c}", JsonNode.class, PERIOD, campus).get("rows").get(0);
            assertThat(r.get("averageOrder")).as(campus).isEqualTo(alone.get("averageOrder"));
            assertThat(r.get("pipeline").findValues("conversion")).as(campus)
                    .isEqualTo(alone.get("pipeline").findValues("conversion"));
        }
    }

    @Test
    void shouldRefuseBadTargetsByNameAndOtherCampusesAndRoles() {
        Map<String, Object> bad = target("SH-XH", "没有这个团队", "2031-13", "-5");
        bad.put("orders", "1.5");
        ResponseEntity<JsonNode> refused = set("gaofeng", bad);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().toString()).contains("team").contains("period").contains("revenue")
                .contains("orders");
        Map<String, Object> numbers = target("SH-XH", null, "2031-13", null);
        numbers.put("revenue", -5);
        numbers.put("orders", 1.5);
        assertThat(set("gaofeng", numbers).getBody().toString()).as("JSON numbers are checked as the typed ones")
                .contains("\"revenue\"").contains("不能为负数").contains("\"orders\"").contains("单数须为整数");
        Map<String, Object> revenueAsOrders = target("SH-XH", null, "2031", "3000000000");
        revenueAsOrders.put("orders", 3000000000L);
        ResponseEntity<JsonNode> huge = set("gaofeng", revenueAsOrders);
        assertThat(huge.getStatusCode()).as("not a 500").isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(huge.getBody().toString()).contains("\"orders\"").contains("单数最多 1000000 单");
        ResponseEntity<JsonNode> otherCampus = set("zhouhua", target("SH-XH", null, "2031", "100000"));
        assertThat(otherCampus.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(otherCampus.getBody().toString()).contains("campus");
        // 海淀一对一组 sells 1:1 lessons: a 班课 target for it could never be met
        Map<String, Object> wrongLine = target("BJ-HD", "BJHD1V1", "2031", "100000");
        wrongLine.put("productLine", "CLASS");
        ResponseEntity<JsonNode> neverMet = set("zhouhua", wrongLine);
        assertThat(neverMet.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(neverMet.getBody().toString()).contains("productLine").contains("该团队只做一对一，不能设班课的目标");
        assertThat(set("sunqiang", target("BJ-HD", null, "2031", "100000")).getStatusCode())
                .as("a supervisor reads targets, the director sets them").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(set("zhouhua", target("BJ-HD", null, "2031", "1,200,000")).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.withBasicAuth("sunqiang", "demo").getForObject("/api/sales-targets?period=2031", JsonNode.class)
                .findValuesAsText("campusCode")).contains("BJ-HD");
        ResponseEntity<String> noPeriod = http.withBasicAuth("zhouhua", "demo").getForEntity("/api/reports/targets",
                String.class);
        assertThat(noPeriod.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noPeriod.getBody()).contains("period");
        assertThat(http.withBasicAuth("liwei", "demo").getForEntity("/api/reports/targets?period=2031", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void shouldKeepEverySettingOfATargetWithWhoSetItAndWhen() {
        // a month no other test sets: 北京海淀's director, then head office, then the director again
        String period = "2032-0" + ThreadLocalRandom.current().nextInt(1, 10);
        jdbc.sql("delete from sales_target_change where period = ?").param(period).update();
        jdbc.sql("delete from sales_target where period = ?").param(period).update();
        assertThat(set("zhouhua", target("BJ-HD", null, period, "50000")).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(set("lujun", target("BJ-HD", null, period, "80000")).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> last = set("zhouhua", target("北京海淀校区", null, period, "60,000"));
        assertThat(last.getBody().get("setBy").asText()).isEqualTo("zhouhua");
        assertThat(last.getBody().get("setByName").asText()).contains("zhouhua").isNotEqualTo("zhouhua");

        JsonNode history = http.withBasicAuth("sunqiang", "demo").getForObject(
                "/api/sales-targets/history?campus=海淀&period={p}", JsonNode.class, period);
        assertThat(history.findValuesAsText("setBy")).as("newest first").containsExactly("zhouhua", "lujun", "zhouhua");
        assertThat(history.findValues("revenue")).extracting(JsonNode::decimalValue)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("60000"), new BigDecimal("80000"), new BigDecimal("50000"));
        assertThat(history.get(0).get("setAtShown").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");
        assertThat(jdbc.sql("select count(*) from sales_target where period = ?").param(period).query(Long.class)
                .single()).as("one target, three settings").isOne();

        // the report's table says who set it last, in the export too
        String csv = http.withBasicAuth("zhouhua", "demo").getForObject(
                "/api/reports/targets?period={p}&campus=BJ-HD&format=csv", String.class, period);
        assertThat(csv).contains("设定人,设定时间").contains(last.getBody().get("setByName").asText() + ","
                + last.getBody().get("setAtShown").asText());

        assertThat(http.withBasicAuth("panlei", "demo").getForObject("/api/sales-targets/history?period={p}",
                JsonNode.class, period)).as("another campus's supervisor sees none of it").isEmpty();
        assertThat(http.withBasicAuth("liwei", "demo").getForEntity("/api/sales-targets/history", String.class)
                .getStatusCode()).as("a consultant").isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> bad = http.withBasicAuth("zhouhua", "demo").getForEntity(
                "/api/sales-targets/history?period=去年", String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("period");
    }
}
