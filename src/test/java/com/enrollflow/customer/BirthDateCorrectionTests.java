package com.enrollflow.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 更正学生生日: the staff who talk to a family correct the student's birth date of a customer of their campuses, through
 * the API and the Tasklist start form; the customer's timeline keeps the old date; bad dates, other campuses, other
 * roles and erased customers are refused, and nothing changes then.
 */
@EnrollFlowTest
class BirthDateCorrectionTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;

    private static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    /** A 北京海淀 phone enquiry with the birth date the family gave first; the customer's id. */
    private long customer(String phone, String birthDate) {
        Map<String, Object> lead = new HashMap<>(Map.of("name", "生日更正", "phone", phone, "channel", "电话接访",
                "campus", "BJ-HD", "productLine", "ONE_ON_ONE"));
        if (birthDate != null) {
            lead.put("studentBirthDate", birthDate);
        }
        ResponseEntity<JsonNode> created = http.withBasicAuth("zhaomin", "demo").postForEntity("/api/leads",
                new HttpEntity<>(lead, json()), JsonNode.class);
        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
        return created.getBody().get("customerId").asLong();
    }

    private ResponseEntity<JsonNode> correct(String user, long customerId, Map<String, ?> body) {
        return http.withBasicAuth(user, "demo").exchange("/api/customers/" + customerId + "/student-birth-date",
                HttpMethod.PUT, new HttpEntity<>(body, json()), JsonNode.class);
    }

    private JsonNode record(long customerId) {
        return http.withBasicAuth("zhaomin", "demo").getForObject("/api/customers/" + customerId, JsonNode.class);
    }

    private List<String> corrections(long customerId) {
        return record(customerId).get("timeline").findParents("event").stream()
                .filter(e -> e.get("event").asText().equals("BIRTH_DATE_CORRECTED"))
                .map(e -> e.get("eventLabel").asText() + "：" + e.get("detail").asText() + "（" + e.get("actor").asText()
                        + "）")
                .toList();
    }

    @Test
    void shouldCorrectTheBirthDateAndKeepTheOldOneOnTheTimeline() {
        long id = customer(Leads.newPhone(), "2012-05-20");

        ResponseEntity<JsonNode> corrected = correct("zhaomin", id, Map.of("studentBirthDate", "2012-06-02"));

        assertThat(corrected.getStatusCode()).as(String.valueOf(corrected.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(corrected.getBody().get("studentBirthDate").asText()).isEqualTo("2012-06-02");
        assertThat(corrections(id)).containsExactly("学生生日更正：学生生日：2012-05-20 → 2012-06-02（zhaomin）");
        assertThat(correct("chenxi", id, Map.of("studentBirthDate", "2012-06-02")).getStatusCode())
                .as("the same date again").isEqualTo(HttpStatus.OK);
        assertThat(corrections(id)).as("writes nothing more").hasSize(1);

        long none = customer(Leads.newPhone(), null);
        assertThat(correct("liwei", none, Map.of("studentBirthDate", "2013-01-31")).getStatusCode())
                .as("a consultant gives one that was never given").isEqualTo(HttpStatus.OK);
        assertThat(corrections(none)).containsExactly("学生生日更正：学生生日：未填写 → 2013-01-31（liwei）");
    }

    @Test
    void shouldRefuseBadDatesOtherCampusesRolesAndErasedCustomersAndChangeNothing() {
        long id = customer(Leads.newPhone(), "2012-05-20");
        for (Map<String, ?> bad : List.<Map<String, ?>>of(Map.of(), Map.of("studentBirthDate", " "),
                Map.of("studentBirthDate", "2/6/2012"), Map.of("studentBirthDate", "2099-01-01"),
                Map.of("studentBirthDate", "1980-01-01"))) {
            ResponseEntity<JsonNode> refused = correct("zhaomin", id, bad);
            assertThat(refused.getStatusCode()).as(bad.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody().get("errors").findValuesAsText("field")).as(bad.toString())
                    .containsExactly("studentBirthDate");
        }
        assertThat(correct("shenjia", id, Map.of("studentBirthDate", "2012-06-02")).getStatusCode())
                .as("上海浦东's front desk").isEqualTo(HttpStatus.NOT_FOUND);
        for (String reader : List.of("zhouhua", "sunqiang", "gaofeng", "zhengkai", "hanmei")) {
            assertThat(correct(reader, id, Map.of("studentBirthDate", "2012-06-02")).getStatusCode())
                    .as(reader + " does not talk the family's dates through").isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(record(id).get("studentBirthDate").asText()).isEqualTo("2012-05-20");
        assertThat(corrections(id)).isEmpty();

        assertThat(http.withBasicAuth("chenxi", "demo").postForEntity("/api/customers/" + id + "/erasure",
                new HttpEntity<>(Map.of("reason", "家长要求删除个人信息"), json()), String.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        ResponseEntity<JsonNode> erased = correct("zhaomin", id, Map.of("studentBirthDate", "2012-06-02"));
        assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(erased.getBody().toString()).contains("个人信息已按规定删除");
    }

    @Test
    void shouldCorrectFromTheTasklistStartFormByTheFamilysPhoneAndRefuseItByTheFormsFields() {
        String phone = Leads.newPhone();
        long id = customer(phone, "2012-05-20");
        String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("birthDateCorrection").latestVersion().singleResult().getId();
        var identity = engine.getIdentityService();
        identity.setAuthentication("zhaomin", List.of("frontDesk"));
        ProcessInstance corrected;
        try {
            assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition, form("12345", null)))
                    .hasMessage("提交内容有误：家长手机号：不是有效的电话号码：“12345”；学生生日：必填：学生生日（格式 2012-05-20）");
            assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition,
                    form(Leads.newPhone(), "2012-06-02"))).hasMessageContaining("家长手机号：您负责的校区没有手机号为 ");
            corrected = engine.getFormService().submitStartForm(definition,
                    form(phone.substring(0, 3) + "-" + phone.substring(3), "2012-06-02"));
        } finally {
            identity.clearAuthentication();
        }
        assertThat(corrected).hasPassed("ServiceTask_CorrectBirthDate", "EndEvent_BirthDateCorrected").isEnded();
        assertThat(record(id).get("studentBirthDate").asText()).isEqualTo("2012-06-02");
        assertThat(corrections(id)).containsExactly("学生生日更正：学生生日：2012-05-20 → 2012-06-02（zhaomin）");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(corrected.getId())
                .variableName("startResult").singleResult().getValue())
                .as("what the desk reads after 启动: whose record changed")
                .isEqualTo(record(id).get("name").asText() + "（客户编号 " + id + "）的学生生日已更正为 2012-06-02。");

        Map<String, Object> variables = Map.of("phone", Map.of("value", phone), "studentBirthDate",
                Map.of("value", "2012-06-03"));
        assertThat(http.withBasicAuth("zhouhua", "demo").postForEntity(
                "/engine-rest/process-definition/key/birthDateCorrection/submit-form",
                new HttpEntity<>(Map.of("variables", variables), json()), String.class).getStatusCode())
                .as("a director may not start it").isEqualTo(HttpStatus.FORBIDDEN);
    }

    private static Map<String, Object> form(String phone, String birthDate) {
        Map<String, Object> form = new HashMap<>();
        form.put("phone", phone);
        form.put("studentBirthDate", birthDate);
        return form;
    }
}
