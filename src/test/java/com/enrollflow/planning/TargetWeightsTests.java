package com.enrollflow.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 计划完成's forecast weighs each stage by its conversion to paid at the campus over the last 180 days. The report reads
 * the whole months of those days from funnel_month and the days of the first, partial month from funnel_day (V46);
 * its weights must be those of the 180 days counted from funnel_day alone, day by day: here with leads on the first
 * day of the window, on the day before it (not counted) and at the start of the first whole month.
 */
@EnrollFlowTest
class TargetWeightsTests {

    /** The funnel_day stage each report stage's conversion divides by, furthest first. */
    private static final String[][] STAGES = {{"PLANNED", "planned"}, {"VISITED", "visited"}, {"AGREED", "agreed"},
        {"INTENT", "intent"}, {"VALID", "valid"}, {"RECEIVED", "leads"}};

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    /** A lead of 北京朝阳 received at 10:00 Beijing on the day, valid then, paid then when asked. */
    private void lead(LocalDate day, boolean paid) {
        OffsetDateTime at = day.atTime(10, 0).atZone(BusinessTime.ZONE).toOffsetDateTime();
        long customer = Leads.customer(jdbc, "权重", at);
        jdbc.sql("insert into opportunity (customer_id, status, stage, channel, campus_code, owner_group, received_at, "
                + "valid_at, intent_at, paid_at) values (?, 'OPEN', 'RECEIVED', 'PHONE', 'BJ-CY', 'callCenter', ?, ?, "
                + "?, ?)").params(customer, at, at, paid ? at : null, paid ? at : null).update();
    }

    @Test
    void shouldWeighTheLast180DaysAsFunnelDayCountsThem() {
        LocalDate since = LocalDate.now(BusinessTime.ZONE).minusDays(TargetReports.MEASURED_DAYS);
        lead(since, true);
        lead(since, false);
        lead(since.minusDays(1), true);
        lead(since.minusDays(1), true);
        LocalDate whole = since.withDayOfMonth(1).plusMonths(1);
        lead(whole, false);

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        Map<String, Object> target = Map.of("campus", "BJ-CY", "period", "2031-06", "revenue", "10000");
        assertThat(http.withBasicAuth("gaofeng", "demo").exchange("/api/sales-targets", HttpMethod.PUT,
                new HttpEntity<>(target, headers), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode row = http.withBasicAuth("gaofeng", "demo").getForObject(
                "/api/reports/targets?period=2031-06&campus=BJ-CY", JsonNode.class).get("rows").get(0);

        // the 180 days as funnel_day counts them, day by day
        Map<String, long[]> reached = new HashMap<>();
        Map<String, BigDecimal> value = new HashMap<>();
        jdbc.sql("select stage, sum(opportunities) n, sum(orders) orders, sum(order_value) order_value from funnel_day "
                + "where campus_code = 'BJ-CY' and reached_on >= ? and (is_lead or stage not in ('leads', 'valid')) "
                + "group by stage").param(since).query(rs -> {
                    reached.put(rs.getString("stage"), new long[] {rs.getLong("n"), rs.getLong("orders")});
                    value.put(rs.getString("stage"), rs.getBigDecimal("order_value"));
                });
        long paid = reached.getOrDefault("paid", new long[2])[0];
        assertThat(reached.get("valid")[0]).as("the window's first day counted").isGreaterThanOrEqualTo(3);
        for (String[] stage : STAGES) {
            long n = reached.getOrDefault(stage[1], new long[2])[0];
            JsonNode conversion = null;
            for (JsonNode s : row.get("pipeline")) {
                if (stage[0].equals(s.get("stage").asText())) {
                    conversion = s.get("conversion");
                }
            }
            if (n == 0) {
                assertThat(conversion.isNull()).as(stage[0] + ": nothing reached it, no data").isTrue();
            } else {
                assertThat(conversion.decimalValue()).as(stage[0]).isEqualByComparingTo(BigDecimal.valueOf(
                        Math.min(paid, n)).divide(BigDecimal.valueOf(n), 4, RoundingMode.HALF_UP));
            }
        }
        long orders = reached.getOrDefault("paid", new long[2])[1];
        if (orders == 0) {
            assertThat(row.get("averageOrder").isNull()).isTrue();
        } else {
            assertThat(row.get("averageOrder").decimalValue()).isEqualByComparingTo(
                    value.get("paid").divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP));
        }
    }
}
