package com.enrollflow.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Staff start a process from its Tasklist start form; the engine REST API's {@code /start} of the same process by a
 * logged-in user is the same submission without the form's screen, and is held to the same rules: only the form's
 * fields, a refusal naming the field as the form does (400, nothing stored), and no start in the middle of the
 * process, past its start event.
 */
@EnrollFlowTest
class RestStartTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();

    private ResponseEntity<String> start(String user, String processKey, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "admin".equals(user) ? "admin" : "demo").postForEntity(
                "/engine-rest/process-definition/key/" + processKey + "/start", new HttpEntity<>(body, headers),
                String.class);
    }

    private static Map<String, Object> enquiry(String phone) {
        return Map.of("name", Map.of("value", "接口家长"), "phone", Map.of("value", phone),
                "channel", Map.of("value", "PHONE"));
    }

    private long customers() {
        return jdbc.sql("select count(*) from customer").query(Long.class).single();
    }

    private long started(String processKey) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(processKey)
                .count();
    }

    @Test
    void shouldRegisterAnEnquiryStartedThroughTheRestApiAsTheStartFormWould() throws Exception {
        String phone = Leads.newPhone();
        ResponseEntity<String> started = start("zhangli", "leadRegistration", Map.of("variables", enquiry(phone)));

        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.sql("select count(*) from customer where name = '接口家长'").query(Long.class).single())
                .isPositive();
    }

    @Test
    void shouldNameABadFieldAsTheStartFormDoesAndStoreNothing() throws Exception {
        long customers = customers();
        long before = started("leadRegistration");
        Map<String, Object> variables = new HashMap<>(enquiry("12345"));
        variables.put("email", Map.of("value", "不是邮箱"));

        ResponseEntity<String> refused = start("zhangli", "leadRegistration", Map.of("variables", variables));

        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        String message = json.readTree(refused.getBody()).path("message").asText();
        assertThat(message).startsWith("提交内容有误：").contains("电话：不是有效的电话号码：“12345”")
                .contains("电子邮箱：").doesNotContain("Cannot ");
        assertThat(customers()).isEqualTo(customers);
        assertThat(started("leadRegistration")).as("no instance left behind").isEqualTo(before);
    }

    @Test
    void shouldRefuseAVariableTheStartFormDoesNotHave() throws Exception {
        long before = started("leadRegistration");
        Map<String, Object> variables = new HashMap<>(enquiry(Leads.newPhone()));
        variables.put("opportunityId", Map.of("value", 1, "type", "Long"));
        variables.put("tenantId", Map.of("value", "SH-PD"));

        ResponseEntity<String> refused = start("zhangli", "leadRegistration", Map.of("variables", variables));

        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(refused.getBody()).path("message").asText())
                .isEqualTo("提交内容有误：表单中没有这些字段，不能提交：opportunityId、tenantId");
        assertThat(started("leadRegistration")).isEqualTo(before);
    }

    @Test
    void shouldRefuseAStartPastTheStartForm() throws Exception {
        long before = started("leadRegistration");
        for (Map<String, Object> instruction : List.<Map<String, Object>>of(
                Map.of("type", "startBeforeActivity", "activityId", "ServiceTask_RegisterLead"),
                Map.of("type", "startBeforeActivity", "activityId", "EndEvent_LeadRegistered"))) {
            ResponseEntity<String> refused = start("zhangli", "leadRegistration", Map.of("variables",
                    enquiry(Leads.newPhone()), "startInstructions", List.of(instruction), "skipCustomListeners", true,
                    "skipIoMappings", true));

            assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(json.readTree(refused.getBody()).path("message").asText()).contains("开始表单");
        }
        assertThat(started("leadRegistration")).isEqualTo(before);
    }

    @Test
    void shouldLetAnOperatorRepairByStartingPastTheStartForm() throws Exception {
        long before = started("leadRegistration");
        ResponseEntity<String> repair = start("admin", "leadRegistration", Map.of("variables",
                enquiry(Leads.newPhone()), "startInstructions", List.of(Map.of("type", "startBeforeActivity",
                        "activityId", "ServiceTask_RegisterLead"))));

        assertThat(repair.getStatusCode()).as(repair.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(started("leadRegistration")).isEqualTo(before + 1);
    }
}
