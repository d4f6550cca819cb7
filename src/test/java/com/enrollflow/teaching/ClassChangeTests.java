package com.enrollflow.teaching;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.camunda.bpm.engine.ProcessEngine;
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

import com.enrollflow.contract.Contract;
import com.enrollflow.testsupport.Concurrently;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.StartForms;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 调整班级 (decision 575): academic affairs change a class's 上课时间, price or first day in Tasklist or through
 * POST /api/classes/{code}/changes; the families with lessons left in it are mailed when its days change, signed
 * contracts keep their price, every change is kept with the values before and after, and a bad, foreign or empty
 * change stores nothing.
 */
@EnrollFlowTest
class ClassChangeTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ClassFixtures classes;

    /** The classes this test put on sale: off sale again after it, so that no other test's price list lists them. */
    private final List<String> forSale = new java.util.ArrayList<>();

    @AfterEach
    void offSale() {
        forSale.forEach(code -> jdbc.sql("update class_offering set active = false where code = ?").param(code)
                .update());
    }

    /** A class of the campus for sale (the fixture's classes are off sale), with its schedule. */
    private String classForSale(String campus) {
        String code = classes.newClass(campus, 16);
        forSale.add(code);
        jdbc.sql("update class_offering set active = true, schedule = '每周六 09:00–11:00' where code = ?").param(code)
                .update();
        return code;
    }

    private ResponseEntity<JsonNode> post(String user, String code, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").postForEntity("/api/classes/" + code + "/changes",
                new HttpEntity<>(body, headers), JsonNode.class);
    }

    private static Map<String, Object> change(String schedule, String price, String startsOn, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("schedule", schedule);
        body.put("price", price);
        body.put("startsOn", startsOn);
        body.put("reason", reason);
        return body;
    }

    private Map<String, Object> row(String code) {
        return jdbc.sql("select schedule, price, starts_on from class_offering where code = ?").param(code).query()
                .singleRow();
    }

    private int changes(String code) {
        return jdbc.sql("select count(*) from class_offering_change where class_code = ?").param(code)
                .query(Integer.class).single();
    }

    private List<String> mailsTo(long opportunityId) {
        return jdbc.sql("select body from notification where kind = 'CLASS_CHANGED' and opportunity_id = ?")
                .param(opportunityId).query(String.class).list();
    }

    @Test
    void shouldMoveTheClassToSundayFromTheFormAndTellEveryFamilyWithLessonsLeft() {
        String code = classForSale("BJ-HD");
        Contract mailed = classes.student("BJ-HD", code, "周家长");
        Contract noMail = classes.student("BJ-HD", code, "吴无邮箱");
        jdbc.sql("update customer set email = 'zhou@example.com' where id = ?").param(mailed.customerId()).update();
        jdbc.sql("update customer set email = null where id = ?").param(noMail.customerId()).update();
        jdbc.sql("update class_offering set active = true where code = ?").param(code).update();
        Map<String, Object> form = new HashMap<>();
        form.put("classOffering", ClassFixtures.className(code));
        form.put("schedule", "每周日 09:00–11:00");
        form.put("reason", "老师周六有教研，改到周日上午");

        ResponseEntity<JsonNode> submitted = StartForms.submit(http, "wuting", "classChange", form);

        assertThat(submitted.getStatusCode()).as(String.valueOf(submitted.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(row(code).get("schedule")).isEqualTo("每周日 09:00–11:00");
        assertThat(((BigDecimal) row(code).get("price"))).as("the price was not asked to change")
                .isEqualByComparingTo("1600.00");
        JsonNode history = http.withBasicAuth("wuting", "demo").getForObject("/api/classes/" + code + "/changes",
                JsonNode.class);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("changedBy").asText()).isEqualTo("wuting");
        assertThat(history.get(0).get("scheduleBefore").asText()).isEqualTo("每周六 09:00–11:00");
        assertThat(history.get(0).get("scheduleAfter").asText()).isEqualTo("每周日 09:00–11:00");
        assertThat(mailsTo(mailed.opportunityId())).singleElement().asString()
                .contains("周家长家长，您好").contains("上课时间：每周六 09:00–11:00 → 每周日 09:00–11:00")
                .contains("原因：老师周六有教研，改到周日上午");
        assertThat(mailsTo(noMail.opportunityId())).isEmpty();
        String summary = (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(submitted.getBody().get("id").asText()).variableName("classSummary")
                .singleResult().getValue();
        assertThat(summary).contains("已调整 " + ClassFixtures.className(code)).contains("已发邮件通知 1 位家长");
        assertThat(http.withBasicAuth("dingning", "demo").getForEntity("/api/classes/" + code + "/changes",
                JsonNode.class).getStatusCode()).as("another campus does not see the class")
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldSellAtTheNewPriceWhileSignedContractsKeepTheirsAndMailNobodyForAPrice() {
        String code = classForSale("BJ-HD");
        Contract signed = classes.student("BJ-HD", code, "郑已签约");
        jdbc.sql("update customer set email = 'zheng@example.com' where id = ?").param(signed.customerId()).update();
        jdbc.sql("update class_offering set active = true where code = ?").param(code).update();

        ResponseEntity<JsonNode> changed = post("zhouhua", code, change(null, "1,800", null, "教材升级"));

        assertThat(changed.getStatusCode()).as(String.valueOf(changed.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(changed.getBody().get("changes").get(0).asText())
                .isEqualTo("全班价格：¥1,600.00 → ¥1,800.00（已签合同不变）");
        assertThat(changed.getBody().get("familiesNotified").asInt()).isZero();
        JsonNode priceList = http.withBasicAuth("liwei", "demo").getForObject("/api/price-list?campus=BJ-HD",
                JsonNode.class);
        assertThat(priceList.findValues("code").stream().anyMatch(c -> c.asText().equals(code))).isTrue();
        for (JsonNode entry : priceList.findParents("code")) {
            if (entry.get("code").asText().equals(code)) {
                assertThat(entry.get("price").decimalValue()).isEqualByComparingTo("1800.00");
            }
        }
        assertThat(jdbc.sql("select final_price from contract where id = ?").param(signed.id())
                .query(BigDecimal.class).single()).isEqualByComparingTo("1600.00");
        assertThat(mailsTo(signed.opportunityId())).isEmpty();
    }

    @Test
    void shouldRefuseByFieldAndStoreNothing() {
        String code = classForSale("BJ-HD");
        String pudong = classForSale("SH-PD");
        String held = classForSale("BJ-HD");
        Contract student = classes.student("BJ-HD", held, "冯点名");
        jdbc.sql("update class_offering set active = true where code = ?").param(held).update();
        Map<String, Object> rollCall = new HashMap<>();
        rollCall.put("classOffering", held);
        rollCall.put("heldOn", ClassFixtures.today().toString());
        assertThat(StartForms.submit(http, "wuting", "classRollCall", rollCall).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        Map<String, Object> before = row(code);

        ResponseEntity<JsonNode> nothing = post("wuting", code, change("每周六 09:00–11:00", "1600", null, "核对"));
        assertThat(nothing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(nothing.getBody().at("/errors/0/field").asText()).isEqualTo("classOffering");
        assertThat(nothing.getBody().toString()).contains("没有要调整的内容");
        ResponseEntity<JsonNode> bad = post("wuting", code, change("<b>周日</b>", "-5", "2026-13-40", null));
        assertThat(bad.getBody().findValuesAsText("field")).containsExactlyInAnyOrder("schedule", "price",
                "startsOn", "reason");
        ResponseEntity<JsonNode> begun = post("wuting", held, change(null, null,
                ClassFixtures.today().plusDays(3).toString(), "推迟开课"));
        assertThat(begun.getBody().at("/errors/0/field").asText()).isEqualTo("startsOn");
        assertThat(begun.getBody().toString()).contains("已点名 1 次，开课日期不能再改");
        assertThat(post("wuting", pudong, change("每周日 10:00–12:00", null, null, "调课")).getBody()
                .at("/errors/0/field").asText()).as("another campus's class is not found").isEqualTo("classOffering");
        assertThat(post("liwei", code, change("每周日 10:00–12:00", null, null, "调课")).getStatusCode())
                .as("a consultant").isEqualTo(HttpStatus.FORBIDDEN);
        Map<String, Object> form = new HashMap<>();
        form.put("classOffering", code);
        form.put("schedule", "每周日 10:00–12:00");
        form.put("reason", "调课");
        assertThat(StartForms.submit(http, "zhengkai", "classChange", form).getStatusCode()).as("a teacher")
                .isEqualTo(HttpStatus.FORBIDDEN);
        jdbc.sql("update class_offering set active = false where code = ?").param(code).update();
        assertThat(post("wuting", code, change(null, "1700", null, "调价")).getBody().toString())
                .contains("price").contains("已停止招生，不再报价");

        assertThat(row(code)).isEqualTo(before);
        assertThat(changes(code) + changes(pudong) + changes(held)).isZero();
        assertThat(mailsTo(student.opportunityId())).isEmpty();
    }

    @Test
    void shouldMakeTwoChangesAtTheSameMomentOneAfterTheOther() throws Exception {
        String code = classForSale("BJ-HD");
        List<Callable<ResponseEntity<JsonNode>>> both = List.of(
                () -> post("wuting", code, change("每周日 09:00–11:00", null, null, "改到周日")),
                () -> post("zhouhua", code, change("每周五 18:00–20:00", null, null, "改到周五晚上")));

        List<ResponseEntity<JsonNode>> answers = Concurrently.run(both);

        assertThat(answers).extracting(ResponseEntity::getStatusCode).containsOnly(HttpStatus.OK);
        List<Map<String, Object>> history = jdbc.sql("select schedule_before, schedule_after from "
                + "class_offering_change where class_code = ? order by id").param(code).query().listOfRows();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("schedule_before")).isEqualTo("每周六 09:00–11:00");
        assertThat(history.get(1).get("schedule_before")).as("the second read the first's result")
                .isEqualTo(history.get(0).get("schedule_after"));
        assertThat(row(code).get("schedule")).isEqualTo(history.get(1).get("schedule_after"));
    }
}
