package com.enrollflow.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * 登记市场活动 as marketing uses it in Tasklist: the start form records a campaign (or, ticked, changes the one of that
 * name), with the rules of /api/campaigns; every refusal names the form's field, stores nothing and starts nothing.
 */
@EnrollFlowTest
class CampaignFormTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;

    private static final LocalDate TODAY = LocalDate.now(BusinessTime.ZONE);

    /** What Tasklist sends for the form: the cost a number, as form-js's number field gives it. */
    private static Map<String, Object> form(String name, String channel, String campus, LocalDate startsOn,
            LocalDate endsOn, Object cost) {
        Map<String, Object> form = new HashMap<>();
        form.put("name", name);
        form.put("channel", channel);
        form.put("campus", campus);
        form.put("startsOn", startsOn == null ? null : startsOn.toString());
        form.put("endsOn", endsOn == null ? null : endsOn.toString());
        form.put("cost", cost);
        form.put("replacing", false);
        return form;
    }

    private static Map<String, Object> replacing(Map<String, Object> form) {
        form.put("replacing", true);
        return form;
    }

    /** Submits 登记市场活动 as Tasklist does, through the engine REST API with the user's password. */
    private ResponseEntity<JsonNode> submit(String user, Map<String, Object> form) {
        return StartForms.submit(http, user, "campaignRegistration", form);
    }

    private static String unique(String prefix) {
        return prefix + ThreadLocalRandom.current().nextInt(100000, 999999);
    }

    private Map<String, Object> stored(String name) {
        return jdbc.sql("select campus_code, channel, starts_on, ends_on, cost, created_by, updated_by from campaign "
                + "where name = ?").param(name).query().singleRow();
    }

    private long campaigns() {
        return jdbc.sql("select count(*) from campaign").query(Long.class).single();
    }

    private long submissions() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("campaignRegistration").count();
    }

    @Test
    void shouldRecordACampaignFromTheStartFormAndChangeItsCostWhenTicked() {
        String name = unique("冬令营体验课");
        ResponseEntity<JsonNode> made = submit("hanmei", form(name, "CAMPAIGN", "海淀", TODAY.minusDays(3),
                TODAY.plusDays(20), 5000.5));

        assertThat(made.getStatusCode()).as(String.valueOf(made.getBody())).isEqualTo(HttpStatus.OK);
        ProcessInstance submitted = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(made.getBody().get("id").asText()).singleResult();
        assertThat(submitted).as("the submission ends at once").isNull();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(made.getBody().get("id").asText()).activityId("EndEvent_CampaignSaved").count())
                .isOne();
        Map<String, Object> campaign = stored(name);
        assertThat(campaign.get("campus_code")).isEqualTo("BJ-HD");
        assertThat(campaign.get("channel")).isEqualTo("CAMPAIGN");
        assertThat((BigDecimal) campaign.get("cost")).isEqualByComparingTo("5000.50");
        assertThat(campaign.get("created_by")).isEqualTo("hanmei");
        long id = jdbc.sql("select id from campaign where name = ?").param(name).query(Long.class).single();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(made.getBody().get("id").asText()).variableName("campaignId").singleResult()
                .getValue()).isEqualTo(id);

        // the same name again: refused under 活动名称, with the way to change it
        ResponseEntity<JsonNode> again = submit("hanmei", form(name, "CAMPAIGN", "海淀", TODAY, TODAY, 100));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(again.getBody().path("message").asText()).isEqualTo("提交内容有误：活动名称：北京海淀校区已有同名的市场活动“" + name
                + "”：要修改它，请勾选“修改已登记的同名活动”；否则请换一个名称");

        // ticked: the real cost recorded afterwards, the name as typed with other spaces and case
        ResponseEntity<JsonNode> changed = submit("hanmei", replacing(form(" " + name + " ", "市场活动", "BJ-HD",
                TODAY.minusDays(3), TODAY.plusDays(25), 6200)));
        assertThat(changed.getStatusCode()).as(String.valueOf(changed.getBody())).isEqualTo(HttpStatus.OK);
        campaign = stored(name);
        assertThat((BigDecimal) campaign.get("cost")).isEqualByComparingTo("6200.00");
        assertThat(campaign.get("ends_on").toString()).isEqualTo(TODAY.plusDays(25).toString());
        assertThat(campaign.get("updated_by")).isEqualTo("hanmei");
        assertThat(jdbc.sql("select count(*) from campaign where name_key = ?").param(name.toLowerCase())
                .query(Long.class).single()).as("changed, not added").isOne();
    }

    @Test
    void shouldRefuseBadFieldsByTheFormsLabelsAndStoreNothing() {
        String name = unique("春季讲座");
        long before = campaigns();
        long submissions = submissions();

        ResponseEntity<JsonNode> bad = submit("hanmei", form(name, "CAMPAIGN", null, TODAY, TODAY.minusDays(1), -1));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().path("message").asText()).isEqualTo("提交内容有误：所属校区：必填：活动所属校区（不填为总部活动，"
                + "只有总部可以登记）；结束日期：结束日期早于开始日期；费用（元）：费用不能为负数");
        assertThat(submit("hanmei", form(name, "电视广告", "海淀", TODAY, TODAY, 1)).getBody().path("message").asText())
                .as("a channel the form does not offer").isEqualTo("提交内容有误：渠道：未知的渠道“电视广告”，可选：电话接访、"
                        + "在线接访、在线自主留存、直访、市场活动、渠道合作、转介绍、其他业务部门转入");
        assertThat(submit("hanmei", form(name, "CAMPAIGN", "浦东", TODAY, TODAY, 1)).getBody().path("message")
                .asText()).isEqualTo("提交内容有误：所属校区：您不负责上海浦东校区");
        assertThat(submit("hanmei", replacing(form(unique("没有的活动"), "CAMPAIGN", "海淀", TODAY, TODAY, 1))).getBody()
                .path("message").asText()).startsWith("提交内容有误：活动名称：北京海淀校区没有名为“没有的活动")
                .endsWith("”的市场活动；新活动请不要勾选“修改已登记的同名活动”");
        Map<String, Object> notABox = form(name, "CAMPAIGN", "海淀", TODAY, TODAY, 1);
        notABox.put("replacing", "也许");
        assertThat(submit("hanmei", notABox).getBody().path("message").asText())
                .isEqualTo("提交内容有误：修改已登记的同名活动：应为 true（是）或 false（否）");
        assertThat(submit("liwei", form(name, "CAMPAIGN", "海淀", TODAY, TODAY, 1)).getStatusCode())
                .as("a consultant may not start it").isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(campaigns()).isEqualTo(before);
        assertThat(submissions()).as("no refused submission stays").isEqualTo(submissions);
    }

    @Test
    void shouldKeepEachCampusMarketingToItsOwnCampaignsAndLetHeadOfficeRecordItsOwn() {
        String haidian = unique("海淀地推");
        assertThat(submit("hanmei", form(haidian, "CAMPAIGN", "海淀", TODAY, TODAY, 800)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> other = submit("weiqing", replacing(form(haidian, "CAMPAIGN", "浦东", TODAY, TODAY,
                1)));
        assertThat(other.getBody().path("message").asText()).as("上海浦东's marketing cannot see 海淀's campaign")
                .isEqualTo("提交内容有误：活动名称：上海浦东校区没有名为“" + haidian + "”的市场活动；新活动请不要勾选“修改已登记的同名活动”");
        assertThat((BigDecimal) stored(haidian).get("cost")).isEqualByComparingTo("800");

        String national = unique("全国直播课");
        ResponseEntity<JsonNode> headOffice = submit("gaofeng", form(national, "ONLINE_CHAT", null, TODAY,
                TODAY.plusDays(5), null));
        assertThat(headOffice.getStatusCode()).as(String.valueOf(headOffice.getBody())).isEqualTo(HttpStatus.OK);
        Map<String, Object> campaign = stored(national);
        assertThat(campaign.get("campus_code")).as("head office's own campaign").isNull();
        assertThat(campaign.get("cost")).as("a cost not known yet").isNull();
    }
}
