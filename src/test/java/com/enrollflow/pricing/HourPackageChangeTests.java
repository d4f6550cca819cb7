package com.enrollflow.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.StartForms;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 调整课时包 as head office uses it: the Tasklist start form and POST /api/price-list/packages add, change and stop a
 * campus's hour package, which the campus's price list (and so the plan form) then offers or not; a bad field or
 * anyone but head office changes nothing. The package here is 上海徐汇's 200课时包, which the demo has not.
 */
@EnrollFlowTest
class HourPackageChangeTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;

    @AfterEach
    void removeThePackage() {
        jdbc.sql("delete from hour_package where campus_code = 'SH-XH' and code = 'PKG200'").update();
    }

    private static Map<String, Object> change(String campus, Object minLessons, Object percent, Boolean stopped) {
        Map<String, Object> form = new HashMap<>();
        form.put("campus", campus);
        form.put("minLessons", minLessons);
        form.put("discountPercent", percent);
        form.put("stopped", stopped);
        return form;
    }

    /** 上海徐汇's packages as its price list offers them: 200课时包 15%. */
    private List<String> packagesOfXuhui() {
        List<String> offered = new ArrayList<>();
        http.withBasicAuth("kongfan", "demo").getForObject("/api/price-list?campus=SH-XH", JsonNode.class)
                .forEach(e -> {
                    if ("PACKAGE".equals(e.path("kind").asText())) {
                        offered.add(e.path("name").asText() + " " + e.path("percentOff").decimalValue()
                                .stripTrailingZeros().toPlainString() + "%");
                    }
                });
        return offered;
    }

    private String summary(ResponseEntity<JsonNode> submitted) {
        return (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(submitted.getBody().get("id").asText()).variableName("packageSummary")
                .singleResult().getValue();
    }

    @Test
    void shouldAddChangeAndStopAPackageThatThePriceListThenOffers() {
        ResponseEntity<JsonNode> added = StartForms.submit(http, "gaofeng", "hourPackageChange",
                change("徐汇", 200L, 15L, false));
        assertThat(added.getStatusCode()).as(String.valueOf(added.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(summary(added)).isEqualTo("上海徐汇校区 200课时包（一对一满 200 课时）：折扣 15%，此后的方案按它计价");
        assertThat(packagesOfXuhui()).contains("200课时包 15%", "120课时包 12%");

        ResponseEntity<JsonNode> changed = StartForms.submit(http, "gaofeng", "hourPackageChange",
                change("SH-XH", 200, 16.5, null));
        assertThat(summary(changed)).isEqualTo("上海徐汇校区 200课时包（一对一满 200 课时）：折扣 15% → 16.5%，此后的方案按它计价");
        assertThat(packagesOfXuhui()).contains("200课时包 16.5%").doesNotContain("200课时包 15%");

        // a plan of 200 lessons gets it
        ResponseEntity<JsonNode> quote = http.withBasicAuth("kongfan", "demo").postForEntity("/api/quotes/preview",
                Map.of("campusCode", "SH-XH", "productLine", "ONE_ON_ONE", "grade", "J2", "subject", "MATH",
                        "teacherLevel", "STANDARD", "lessons", 200, "packageCode", "PKG200"), JsonNode.class);
        assertThat(quote.getStatusCode()).as(String.valueOf(quote.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(quote.getBody().get("standardDiscount").decimalValue()).isEqualByComparingTo(quote.getBody()
                .get("listPrice").decimalValue().multiply(new java.math.BigDecimal("0.165"))
                .setScale(2, java.math.RoundingMode.HALF_UP));

        ResponseEntity<JsonNode> stopped = StartForms.submit(http, "gaofeng", "hourPackageChange",
                change("徐汇", 200, null, true));
        assertThat(summary(stopped)).isEqualTo("上海徐汇校区 200课时包已停用：此后的方案不再享受它的折扣");
        assertThat(packagesOfXuhui()).noneMatch(p -> p.startsWith("200课时包")).contains("120课时包 12%");

        // stopping one the campus does not offer: refused under 起购课时, listing what it offers
        ResponseEntity<JsonNode> again = http.withBasicAuth("gaofeng", "demo").postForEntity(
                "/api/price-list/packages", change("徐汇", 200, null, true), JsonNode.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(again.getBody().at("/errors/0/message").asText()).isEqualTo("上海徐汇校区没有在用的200课时包；"
                + "在用的课时包：40课时包 5%、80课时包 10%、120课时包 12%");
    }

    @Test
    void shouldRefuseBadFieldsAndAnyoneButHeadOffice() {
        long before = jdbc.sql("select count(*) from hour_package").query(Long.class).single();

        assertThat(StartForms.submit(http, "gaofeng", "hourPackageChange", change("徐汇", 12.5, 100L, false))
                .getBody().path("message").asText()).isEqualTo("提交内容有误：起购课时：起购课时应为整数；折扣（%）：折扣不能超过 99.99%");
        assertThat(StartForms.submit(http, "gaofeng", "hourPackageChange", change("徐汇", 200L, null, false))
                .getBody().path("message").asText()).isEqualTo("提交内容有误：折扣（%）：必填：折扣（%）");
        assertThat(http.withBasicAuth("zhouhua", "demo").postForEntity("/api/price-list/packages",
                change("海淀", 200, 15, false), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(StartForms.submit(http, "caiwen", "hourPackageChange", change("浦东", 200L, 15L, false))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(jdbc.sql("select count(*) from hour_package").query(Long.class).single()).isEqualTo(before);
    }
}
