package com.enrollflow.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.StartForms;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 登记优惠活动 as head office uses it: the Tasklist start form and POST /api/price-list/promotions publish a promotion
 * that consultants of its campus can then choose and the quote takes off; a bad field, a name already running or anyone
 * but head office publishes nothing. The promotions here are 上海徐汇's, and removed after each test.
 */
@EnrollFlowTest
class PromotionRegistrationTests {

    private static final LocalDate TODAY = LocalDate.now(BusinessTime.ZONE);

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;

    private final List<String> names = new ArrayList<>();

    @AfterEach
    void removeThePromotions() {
        names.forEach(name -> jdbc.sql("delete from promotion where name = ?").param(name).update());
    }

    private Map<String, Object> promotion(String name, String campus, String line, Object percent, Object amount,
            LocalDate from, LocalDate to) {
        names.add(name);
        Map<String, Object> form = new HashMap<>();
        form.put("name", name);
        form.put("campus", campus);
        form.put("productLine", line);
        form.put("percentOff", percent);
        form.put("amountOff", amount);
        form.put("validFrom", from == null ? null : from.toString());
        form.put("validTo", to == null ? null : to.toString());
        return form;
    }

    private static String unique(String prefix) {
        return prefix + ThreadLocalRandom.current().nextInt(100000, 999999);
    }

    private List<String> promotionsOf(String campus) {
        List<String> codes = new ArrayList<>();
        http.withBasicAuth("gaofeng", "demo").getForObject("/api/price-list?campus=" + campus, JsonNode.class)
                .forEach(e -> {
                    if ("PROMOTION".equals(e.path("kind").asText())) {
                        codes.add(e.path("code").asText());
                    }
                });
        return codes;
    }

    private long promotions() {
        return jdbc.sql("select count(*) from promotion").query(Long.class).single();
    }

    @Test
    void shouldPublishAPromotionThatTheCampusQuotesTakeOff() {
        String name = unique("徐汇春季报名季");
        ResponseEntity<JsonNode> submitted = StartForms.submit(http, "gaofeng", "promotionRegistration",
                promotion(name, "徐汇", "ONE_ON_ONE", 5L, null, TODAY, TODAY.plusDays(30)));

        assertThat(submitted.getStatusCode()).as(String.valueOf(submitted.getBody())).isEqualTo(HttpStatus.OK);
        String code = jdbc.sql("select code from promotion where name = ?").param(name).query(String.class).single();
        assertThat(code).startsWith("YH" + TODAY.format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd")) + "-");
        HistoricProcessInstance form = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(submitted.getBody().get("id").asText()).singleResult();
        assertThat(form.getTenantId()).isEqualTo("SHXH");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(form.getId())
                .variableName("promotionSummary").singleResult().getValue()).isEqualTo("已发布优惠活动 " + name + "（"
                        + code + "）：上海徐汇校区，一对一，减 5%，" + TODAY + " 至 " + TODAY.plusDays(30));
        assertThat(promotionsOf("SH-XH")).contains(code);
        assertThat(promotionsOf("BJ-HD")).as("another campus's consultants are not offered it").doesNotContain(code);

        // a 上海徐汇 quote takes 5 % off after the package: ten 高三 lessons of a 特级教师, no package at ten
        ResponseEntity<JsonNode> quote = http.withBasicAuth("kongfan", "demo").postForEntity("/api/quotes/preview",
                Map.of("campusCode", "SH-XH", "productLine", "ONE_ON_ONE", "grade", "S3", "subject", "MATH",
                        "teacherLevel", "MASTER", "lessons", 10, "promotionCode", code), JsonNode.class);
        assertThat(quote.getStatusCode()).as(String.valueOf(quote.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(quote.getBody().get("standardDiscount").decimalValue())
                .isEqualByComparingTo(quote.getBody().get("listPrice").decimalValue().multiply(new java.math.BigDecimal(
                        "0.05")).setScale(2, java.math.RoundingMode.HALF_UP));

        // the same name while it runs: refused under 活动名称
        ResponseEntity<JsonNode> again = http.withBasicAuth("gaofeng", "demo").postForEntity(
                "/api/price-list/promotions", promotion(name, null, null, null, "200", TODAY.plusDays(10),
                        TODAY.plusDays(40)), JsonNode.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(again.getBody().at("/errors/0/field").asText()).isEqualTo("name");
        assertThat(again.getBody().at("/errors/0/message").asText()).isEqualTo("已有同名的优惠活动“" + name + "”（" + code
                + "）与这些日期重叠；家长和顾问按名称选择优惠，请换一个名称");
    }

    @Test
    void shouldRefuseBadFieldsByTheFormsLabelsAndStoreNothing() {
        long before = promotions();

        assertThat(StartForms.submit(http, "gaofeng", "promotionRegistration", promotion(unique("两种优惠"), "徐汇",
                "网课", 5L, 100L, TODAY.minusDays(1), TODAY.minusDays(2))).getBody().path("message").asText())
                .isEqualTo("提交内容有误：适用产品线：未知的产品线“网课”，可选：一对一、班课；立减金额（元）：折扣比例和立减金额只填一项；"
                        + "开始日期：开始日期应在 " + TODAY + " 至 " + TODAY.plusDays(366) + " 之间：已报出的价格不随新活动改变；"
                        + "结束日期：结束日期早于开始日期");
        assertThat(StartForms.submit(http, "gaofeng", "promotionRegistration", promotion(unique("没有优惠"), null,
                null, null, null, TODAY, TODAY.plusDays(400))).getBody().path("message").asText())
                .isEqualTo("提交内容有误：折扣比例（%）：请填写折扣比例或立减金额（只填一项）；结束日期：一个优惠活动最长 366 天；"
                        + "长期优惠请每年发布一次");
        assertThat(StartForms.submit(http, "gaofeng", "promotionRegistration", promotion(unique("全免"), null, null,
                100L, null, TODAY, TODAY)).getBody().path("message").asText())
                .isEqualTo("提交内容有误：折扣比例（%）：折扣比例不能超过 99.99%");

        assertThat(promotions()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void shouldLetOnlyHeadOfficePublishPromotions() {
        Map<String, Object> offer = promotion(unique("校区自办优惠"), "海淀", null, 10, null, TODAY, TODAY);

        assertThat(http.withBasicAuth("hanmei", "demo").postForEntity("/api/price-list/promotions", offer,
                JsonNode.class).getStatusCode()).as("marketing").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.withBasicAuth("zhouhua", "demo").postForEntity("/api/price-list/promotions", offer,
                JsonNode.class).getStatusCode()).as("a campus director").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(StartForms.submit(http, "sunqiang", "promotionRegistration", offer).getStatusCode())
                .as("nor through the engine's start form").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(jdbc.sql("select count(*) from promotion where name = ?").param(offer.get("name"))
                .query(Long.class).single()).isZero();
    }

    @Test
    void shouldEndAPromotionEarlyOrWithdrawOneNotBegun() {
        String running = unique("徐汇限时优惠");
        String code = http.withBasicAuth("gaofeng", "demo").postForEntity("/api/price-list/promotions",
                promotion(running, "SH-XH", null, null, "300", TODAY, TODAY.plusDays(60)), JsonNode.class).getBody()
                .get("code").asText();

        Map<String, Object> ending = promotion(running, null, null, null, null, null, TODAY.plusDays(10));
        ending.put("ending", true);
        ResponseEntity<JsonNode> ended = StartForms.submit(http, "gaofeng", "promotionRegistration", ending);

        assertThat(ended.getStatusCode()).as(String.valueOf(ended.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.sql("select valid_to from promotion where code = ?").param(code).query(LocalDate.class)
                .single()).isEqualTo(TODAY.plusDays(10));
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(ended.getBody().get("id").asText()).variableName("promotionSummary").singleResult()
                .getValue()).isEqualTo("已提前结束优惠活动 " + running + "（" + code + "）：最后一天 " + TODAY.plusDays(10)
                        + "（原定 " + TODAY.plusDays(60) + "）");
        assertThat(http.withBasicAuth("gaofeng", "demo").getForObject("/api/price-list?campus=SH-XH&on="
                + TODAY.plusDays(11), String.class)).as("not offered after its new last day").doesNotContain(code);

        // later than it ends, or before today: refused under 结束日期
        ResponseEntity<JsonNode> later = http.withBasicAuth("gaofeng", "demo").postForEntity(
                "/api/price-list/promotions/" + code + "/ending", Map.of("validTo", TODAY.plusDays(20).toString()),
                JsonNode.class);
        assertThat(later.getBody().at("/errors/0/field").asText()).isEqualTo("validTo");
        assertThat(later.getBody().at("/errors/0/message").asText()).isEqualTo(running + "（" + code + "）原定 "
                + TODAY.plusDays(10) + " 结束；提前结束请填写更早的最后一天");
        assertThat(http.withBasicAuth("gaofeng", "demo").postForEntity("/api/price-list/promotions/" + code
                + "/ending", Map.of("validTo", TODAY.minusDays(1).toString()), JsonNode.class).getBody()
                .at("/errors/0/message").asText()).isEqualTo("最后一天不能早于今天（" + TODAY + "）：今天及以前的报价已按活动计价");

        // one not begun, ended before its first day: withdrawn
        String planned = unique("徐汇寒假预告");
        String plannedCode = http.withBasicAuth("gaofeng", "demo").postForEntity("/api/price-list/promotions",
                promotion(planned, "SH-XH", null, 8, null, TODAY.plusDays(30), TODAY.plusDays(60)), JsonNode.class)
                .getBody().get("code").asText();
        ResponseEntity<JsonNode> withdrawn = http.withBasicAuth("gaofeng", "demo").postForEntity(
                "/api/price-list/promotions/" + plannedCode + "/ending", Map.of("validTo", TODAY.toString()),
                JsonNode.class);
        assertThat(withdrawn.getStatusCode()).as(String.valueOf(withdrawn.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(withdrawn.getBody().get("summary").asText()).isEqualTo("已撤销优惠活动 " + planned + "（" + plannedCode
                + "）：原定 " + TODAY.plusDays(30) + " 开始，尚未开始");
        assertThat(jdbc.sql("select count(*) from promotion where code = ?").param(plannedCode).query(Long.class)
                .single()).isZero();
        assertThat(http.withBasicAuth("hanmei", "demo").postForEntity("/api/price-list/promotions/" + code + "/ending",
                Map.of("validTo", TODAY.toString()), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
