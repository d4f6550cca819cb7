package com.enrollflow.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 市场活动 kept by marketing, and the campaign and channel ROI report: fields refused by name, campuses kept apart,
 * and every figure of a campaign counted by hand (three leads, one paid ¥12,000, a cost of ¥5,000).
 */
@EnrollFlowTest
class CampaignApiTests {

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

    private ResponseEntity<JsonNode> create(String user, Map<String, Object> body) {
        return http.withBasicAuth(user, "demo").postForEntity("/api/campaigns", new HttpEntity<>(body, json()),
                JsonNode.class);
    }

    private static Map<String, Object> campaign(String name, String campus, String cost) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("channel", "市场活动");
        body.put("campus", campus);
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        body.put("startsOn", today.minusDays(10).toString());
        body.put("endsOn", today.plusDays(10).toString());
        body.put("cost", cost);
        return body;
    }

    /** A 北京海淀 lead of the channel 市场活动 naming the campaign as {@code text}, received by 北京海淀's marketing. */
    private void haidianLeadOf(String text) {
        Map<String, Object> lead = new HashMap<>();
        lead.put("name", unique("活动线索"));
        lead.put("phone", "139" + ThreadLocalRandom.current().nextInt(10000000, 99999999));
        lead.put("channel", "CAMPAIGN");
        lead.put("campus", "BJ-HD");
        lead.put("campaign", text);
        assertThat(http.withBasicAuth("hanmei", "demo").postForEntity("/api/leads", new HttpEntity<>(lead, json()),
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    private static String unique(String prefix) {
        return prefix + ThreadLocalRandom.current().nextInt(100000, 999999);
    }

    @Test
    void shouldLetMarketingKeepItsCampusCampaignsAndRefuseBadFieldsByName() {
        String name = unique("寒假体验课");
        ResponseEntity<JsonNode> made = create("hanmei", campaign(name, "海淀", "5,000"));
        assertThat(made.getStatusCode()).as(String.valueOf(made.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(made.getBody().get("channelLabel").asText()).isEqualTo("市场活动");
        assertThat(made.getBody().get("campusCode").asText()).isEqualTo("BJ-HD");
        assertThat(made.getBody().get("cost").decimalValue()).isEqualByComparingTo("5000");
        long id = made.getBody().get("id").asLong();

        assertThat(create("hanmei", campaign(" " + name.toUpperCase() + " ", "海淀", null)).getStatusCode())
                .as("the same name, whatever the case and spaces").isEqualTo(HttpStatus.CONFLICT);

        Map<String, Object> bad = campaign("", "海淀", "-1");
        bad.put("channel", "电视");
        bad.put("endsOn", LocalDate.now(BusinessTime.ZONE).minusDays(20).toString());
        ResponseEntity<JsonNode> refused = create("hanmei", bad);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().toString()).contains("name").contains("channel").contains("endsOn")
                .contains("cost");
        // the cost as a JSON number, as a client that read a campaign sends it back; never a boolean
        Map<String, Object> numbered = campaign(unique("寒假数字费用"), "海淀", null);
        numbered.put("cost", new BigDecimal("6200.50"));
        ResponseEntity<JsonNode> asNumber = create("hanmei", numbered);
        assertThat(asNumber.getStatusCode()).as(String.valueOf(asNumber.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(asNumber.getBody().get("cost").decimalValue()).isEqualByComparingTo("6200.50");
        numbered.put("name", unique("寒假真假费用"));
        numbered.put("cost", true);
        ResponseEntity<JsonNode> asFlag = create("hanmei", numbered);
        assertThat(asFlag.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(asFlag.getBody().toString()).contains("\"cost\"").contains("类型不正确");
        assertThat(create("hanmei", campaign(unique("无校区"), null, "1")).getStatusCode())
                .as("a campus's marketing names its campus").isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<JsonNode> otherCampus = create("weiqing", campaign(unique("跨校区"), "海淀", "1"));
        assertThat(otherCampus.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(otherCampus.getBody().toString()).contains("campus");
        assertThat(create("liwei", campaign(unique("顾问"), "海淀", "1")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(create("lujun", campaign(unique("总部活动"), null, "80000")).getStatusCode())
                .as("head office's campaign, for every campus").isEqualTo(HttpStatus.CREATED);

        Map<String, Object> cost = campaign(name, "海淀", "6200.50");
        assertThat(http.withBasicAuth("weiqing", "demo").exchange("/api/campaigns/" + id, HttpMethod.PUT,
                new HttpEntity<>(cost, json()), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<JsonNode> updated = http.withBasicAuth("hanmei", "demo").exchange("/api/campaigns/" + id,
                HttpMethod.PUT, new HttpEntity<>(cost, json()), JsonNode.class);
        assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(updated.getBody().get("cost").decimalValue()).isEqualByComparingTo("6200.50");
        assertThat(updated.getBody().get("updatedBy").asText()).isEqualTo("hanmei");
    }

    @Test
    void shouldExportACampaignNamedLikeAFormulaAsTextNotAsAFormula() {
        String name = unique("=1+2暑期");
        assertThat(create("hanmei", campaign(name, "BJ-HD", "100")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        LocalDate today = LocalDate.now(BusinessTime.ZONE);

        String csv = new String(http.withBasicAuth("hanmei", "demo").getForObject(
                "/api/reports/campaigns?from={f}&to={t}&format=csv", byte[].class, today, today),
                StandardCharsets.UTF_8);
        assertThat(csv).as("the name as text: Excel shows it and runs nothing")
                .contains("\r\n市场活动,'" + name + ",市场活动,0,0,无数据,").doesNotContain("," + name);
    }

    @Test
    void shouldCountACampaignsLeadsConversionRevenueCostPerPaidStudentAndReturn() {
        String name = unique("暑期公开课");
        assertThat(create("hanmei", campaign(name, "BJ-HD", "5000")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        for (String text : List.of(name, "  " + name.toLowerCase() + " ")) {
            haidianLeadOf(text);
        }
        // the third lead paid ¥12,000: the teaching fixture's sale, named as this campaign's
        TeachingTestSupport.Taught paid = teaching.contractWithSchedule(1, 0, 1).contract();
        students.add(paid.opportunityId());
        payments.openOrder(paid.opportunityId(), paid.quoteId(), paid.contractId(), "BJ-HD",
                new BigDecimal("12000.00"), InstallmentPlan.FULL, LocalDate.now(BusinessTime.ZONE));
        jdbc.sql("update opportunity set campaign = ?, paid_at = current_timestamp where id = ?")
                .params(name, paid.opportunityId()).update();

        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        JsonNode report = http.withBasicAuth("sunqiang", "demo").getForObject(
                "/api/reports/campaigns?from={f}&to={t}", JsonNode.class, today, today);
        JsonNode row = row(report.get("byCampaign"), name);
        JsonNode f = row.get("figures");
        assertThat(row.get("channelLabel").asText()).isEqualTo("市场活动");
        assertThat(f.get("leads").asLong()).isEqualTo(3);
        assertThat(f.get("paid").asLong()).isEqualTo(1);
        assertThat(f.get("conversion").decimalValue()).isEqualByComparingTo("0.3333");
        assertThat(f.get("revenue").decimalValue()).isEqualByComparingTo("12000.00");
        assertThat(f.get("cost").decimalValue()).isEqualByComparingTo("5000.00");
        assertThat(f.get("costPerPaid").decimalValue()).isEqualByComparingTo("5000.00");
        assertThat(f.get("roi").decimalValue()).as("(12000 − 5000) ÷ 5000").isEqualByComparingTo("1.4000");
        assertThat(row(report.get("byChannel"), "市场活动").get("figures").get("cost").decimalValue())
                .isGreaterThanOrEqualTo(new BigDecimal("5000.00"));

        JsonNode lastYear = http.withBasicAuth("sunqiang", "demo").getForObject(
                "/api/reports/campaigns?from=2001-01-01&to=2001-01-31", JsonNode.class);
        assertThat(lastYear.get("byCampaign").findValuesAsText("name")).doesNotContain(name);

        JsonNode shanghai = http.withBasicAuth("panlei", "demo").getForObject(
                "/api/reports/campaigns?from={f}&to={t}", JsonNode.class, today, today);
        assertThat(shanghai.get("byCampaign").findValuesAsText("name")).as("another campus's campaign")
                .doesNotContain(name);

        String csv = new String(http.withBasicAuth("hanmei", "demo").getForObject(
                "/api/reports/campaigns?from={f}&to={t}&format=csv", byte[].class, today, today),
                StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF维度,名称,渠道,新线索,成单,转化率（%）,");
        assertThat(csv).contains("市场活动," + name + ",市场活动,3,1,33.3,12000.00,5000.00,5000.00,140.0");
        assertThat(http.withBasicAuth("liwei", "demo").getForEntity("/api/reports/campaigns", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> bad = http.withBasicAuth("hanmei", "demo").getForEntity(
                "/api/reports/campaigns?to=someday", String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("to");
    }

    @Test
    void shouldCountACampusCampaignOnlyTheLeadsOfItsCampusAndBoundItsDates() {
        // 北京海淀's leads carry a text no campaign of theirs registered yet; 上海浦东 registers that text first
        String text = unique("海淀春季开放日");
        haidianLeadOf(text);
        assertThat(create("weiqing", campaign(text, "SH-PD", "100")).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        JsonNode all = http.withBasicAuth("gaofeng", "demo").getForObject("/api/reports/campaigns?from={f}&to={t}",
                JsonNode.class, today, today);
        assertThat(row(all.get("byCampaign"), text).get("figures").get("leads").asLong())
                .as("上海浦东's campaign does not take 北京海淀's leads").isZero();
        long unregistered = all.get("unregistered").get("leads").asLong();
        assertThat(unregistered).as("they stay unregistered").isPositive();

        // the name is unique within a campus: 北京海淀 registers its own campaign of that text, and head office one
        // for every other campus
        assertThat(create("hanmei", campaign(" " + text + " ", "BJ-HD", "300")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(create("lujun", campaign(text, null, "500")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<JsonNode> again = create("hanmei", campaign(text.toUpperCase(), "BJ-HD", "1"));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("detail").asText()).contains("北京海淀").contains("已有同名的市场活动");
        JsonNode claimed = http.withBasicAuth("gaofeng", "demo").getForObject(
                "/api/reports/campaigns?from={f}&to={t}", JsonNode.class, today, today);
        assertThat(leadsOf(claimed, text, "BJ-HD")).as("北京海淀's own campaign takes its lead").isOne();
        assertThat(leadsOf(claimed, text, "SH-PD")).isZero();
        assertThat(leadsOf(claimed, text, null)).as("head office's: not the leads a campus's own campaign has")
                .isZero();
        assertThat(claimed.get("unregistered").get("leads").asLong()).isEqualTo(unregistered - 1);

        Map<String, Object> forever = campaign(unique("长期活动"), "BJ-HD", "1000");
        forever.put("startsOn", "0001-01-01");
        forever.put("endsOn", "9999-12-31");
        ResponseEntity<JsonNode> refused = create("hanmei", forever);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("errors").findValuesAsText("field")).contains("startsOn", "endsOn");
        forever.put("startsOn", today.toString());
        forever.put("endsOn", today.plusYears(3).toString());
        assertThat(create("hanmei", forever).getBody().toString())
                .as("its cost would count in full in every period of three years").contains("最长 366 天");
    }

    /**
     * A period's whole months are counted from the month summary and its other days from the day summary (V53): a
     * lead on the first and last day of a period, inside its whole months and just outside it counts exactly where a
     * count by hand puts it, for periods of whole months, of part of one month, and of both.
     */
    @Test
    void shouldCountTheSameLeadsWhetherAPeriodHoldsWholeMonthsOrDays() {
        String text = unique("九四年冬令营");
        Map<String, Object> body = campaign(text, "BJ-HD", "1000");
        body.put("startsOn", "1994-01-10");
        body.put("endsOn", "1994-04-20");
        assertThat(create("hanmei", body).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        for (String day : List.of("1994-01-09", "1994-01-10", "1994-02-01", "1994-02-15", "1994-03-31",
                "1994-04-20", "1994-04-21")) {
            haidianLeadOf(text);
            // the lead just received, moved to that day (the summaries follow every write to opportunity)
            assertThat(jdbc.sql("update opportunity set received_at = ? where campaign = ? and received_at > ?")
                    .params(OffsetDateTime.parse(day + "T09:30:00+08:00"), text,
                            OffsetDateTime.parse("2000-01-01T00:00:00+08:00"))
                    .update()).isOne();
        }
        Map<String, Long> expected = new java.util.LinkedHashMap<>();
        expected.put("1994-01-10..1994-04-20", 5L);  // the first day, February and March whole, the last day
        expected.put("1994-01-09..1994-04-21", 7L);
        expected.put("1994-02-01..1994-03-31", 3L);  // two whole months
        expected.put("1994-02-01..1994-02-28", 2L);  // one whole month
        expected.put("1994-02-02..1994-02-28", 1L);  // a month less its first day
        expected.put("1994-02-10..1994-02-20", 1L);  // days of one month
        expected.put("1994-03-31..1994-04-01", 1L);  // two days across a month's end
        expected.put("1994-01-11..1994-04-19", 3L);
        expected.put("1994-05-01..1994-05-31", 0L);  // after the campaign, none
        expected.forEach((period, leads) -> {
            String[] days = period.split("\\.\\.");
            JsonNode report = http.withBasicAuth("sunqiang", "demo").getForObject(
                    "/api/reports/campaigns?from={f}&to={t}", JsonNode.class, days[0], days[1]);
            if (leads == 0) {
                assertThat(report.get("byCampaign").findValuesAsText("name")).as(period + ": neither leads nor dates")
                        .doesNotContain(text);
            } else {
                assertThat(leadsOf(report, text, "BJ-HD")).as(period).isEqualTo(leads);
            }
        });
    }

    /** The leads on the campaign row of that name kept by {@code campus} (null: head office). */
    private static long leadsOf(JsonNode report, String name, String campus) {
        for (JsonNode r : report.get("byCampaign")) {
            if (r.get("name").asText().equals(name) && r.path("campusCode").asText(null) == null == (campus == null)
                    && (campus == null || campus.equals(r.get("campusCode").asText()))) {
                return r.get("figures").get("leads").asLong();
            }
        }
        throw new AssertionError("no row " + name + " of " + campus + " in " + report);
    }

    private static JsonNode row(JsonNode rows, String name) {
        for (JsonNode r : rows) {
            if (r.get("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no row " + name + " in " + rows);
    }
}
