package com.enrollflow.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A refused form answers with the field, named as the form names it, and the problem in plain Chinese: 400 from the
 * engine REST API and the webapps' API (what Tasklist calls), the same text from the Java API, never the engine's
 * "ENGINE-03051 … TaskListener" wrapping; nothing of the refused submission is stored.
 */
@EnrollFlowTest
class FormRefusalsTests {

    /** 首次联系并核实信息: 号码错误或非本人 needs a note, which the form's own validation does not require. */
    static final String NO_NOTE = "提交内容有误：联系记录：号码错误或非本人时，请填写联系记录";
    static final String WRONG_NUMBER = "{\"variables\":{\"contactResult\":{\"value\":\"WRONG_NUMBER\",\"type\":\"String\"}}}";

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    private final ObjectMapper json = new ObjectMapper();

    private Task firstContact(Leads.NewLead lead) {
        Task task = engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(lead.opportunityId())).singleResult();
        engine.getTaskService().setAssignee(task.getId(), "zhangli");
        return task;
    }

    private ResponseEntity<String> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("zhangli", "demo").postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }

    private void assertRefused(int status, String body, String message) throws Exception {
        assertThat(status).as(body).isEqualTo(400);
        JsonNode error = json.readTree(body);
        assertThat(error.path("message").asText()).isEqualTo(message);
        assertThat(body).doesNotContain("ENGINE-").doesNotContain("TaskListener").doesNotContain("Cannot ");
    }

    private void assertNothingStored(Leads.NewLead lead, Task task) {
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).as("task still open")
                .isOne();
        assertThat(engine.getRuntimeService().createVariableInstanceQuery().variableName("contactResult")
                .processInstanceIdIn(task.getProcessInstanceId()).count()).as("no submitted variable").isZero();
        assertThat(leads.opportunity(lead.opportunityId()).status()).isEqualTo("OPEN");
    }

    @Test
    void shouldAnswerTheEngineRestApiWith400NamingTheFieldByItsLabel() throws Exception {
        Leads.NewLead lead = leads.newLead("PHONE");
        Task task = firstContact(lead);

        ResponseEntity<String> complete = post("/engine-rest/task/" + task.getId() + "/complete", WRONG_NUMBER);
        assertRefused(complete.getStatusCode().value(), complete.getBody(), NO_NOTE);
        ResponseEntity<String> submit = post("/engine-rest/task/" + task.getId() + "/submit-form", WRONG_NUMBER);
        assertRefused(submit.getStatusCode().value(), submit.getBody(), NO_NOTE);
        assertNothingStored(lead, task);
    }

    @Test
    void shouldListAChoicesValuesByTheLabelsTheFormShows() throws Exception {
        Leads.NewLead lead = leads.newLead("PHONE");
        Task task = firstContact(lead);
        String choices = "已联系上，信息正确（REACHED）、未接通 / 无人接听（UNREACHABLE）、号码错误或非本人（WRONG_NUMBER）";

        ResponseEntity<String> missing = post("/engine-rest/task/" + task.getId() + "/complete",
                "{\"variables\":{\"contactNote\":{\"value\":\"打过两次\",\"type\":\"String\"}}}");
        assertRefused(missing.getStatusCode().value(), missing.getBody(), "提交内容有误：联系结果：必填，可选值：" + choices);
        ResponseEntity<String> unknown = post("/engine-rest/task/" + task.getId() + "/submit-form",
                "{\"variables\":{\"contactResult\":{\"value\":\"已联系上\",\"type\":\"String\"}}}");
        assertRefused(unknown.getStatusCode().value(), unknown.getBody(),
                "提交内容有误：联系结果：未知的值“已联系上”，可选值：" + choices);
        assertNothingStored(lead, task);
    }

    @Test
    void shouldTakeAChoiceByTheLabelTheFormShowsAndStoreItsCode() throws Exception {
        Leads.NewLead lead = leads.newLead("PHONE");
        Task task = firstContact(lead);

        ResponseEntity<String> complete = post("/engine-rest/task/" + task.getId() + "/complete",
                "{\"variables\":{\"contactResult\":{\"value\":\" 已联系上，信息正确 \",\"type\":\"String\"}}}");

        assertThat(complete.getStatusCode().value()).as(complete.getBody()).isEqualTo(204);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().variableName("contactResult")
                .processInstanceIdIn(task.getProcessInstanceId()).singleResult().getValue()).isEqualTo("REACHED");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult().getName()).as("the next step of a reached customer").isEqualTo("了解客户意向");
    }

    @Test
    void shouldAnswerTasklistsOwnApiTheSameWay() throws Exception {
        Leads.NewLead lead = leads.newLead("PHONE");
        Task task = firstContact(lead);
        WebappSession tasklist = WebappSession.login(port, "zhangli", "demo");

        WebappSession.Response submit = tasklist.post(WebappSession.ENGINE + "/task/" + task.getId()
                + "/submit-form", json.readTree(WRONG_NUMBER));
        assertRefused(submit.status(), submit.body().toString(), NO_NOTE);
        assertNothingStored(lead, task);
    }

    @Test
    void shouldGiveJavaCallersTheSameMessageAndTheFieldsByLabel() {
        Leads.NewLead lead = leads.newLead("PHONE");
        Task task = firstContact(lead);

        assertThatThrownBy(() -> leads.completeAs("zhangli", task, Map.of("contactResult", "WRONG_NUMBER")))
                .isInstanceOf(ProcessEngineException.class).hasMessage(NO_NOTE)
                .isInstanceOfSatisfying(FormRefusals.Refused.class, refused -> assertThat(refused.problems())
                        .extracting(p -> p.field() + "：" + p.message()).containsExactly("联系记录：号码错误或非本人时，请填写联系记录"));
        assertNothingStored(lead, task);
    }

    @Test
    void shouldNameTheFieldsOfARefusedStartFormAndStoreNothing() throws Exception {
        long customers = jdbc.sql("select count(*) from customer").query(Long.class).single();
        String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("leadRegistration").latestVersion().singleResult().getId();

        ResponseEntity<String> submit = post("/engine-rest/process-definition/" + definition + "/submit-form",
                "{\"variables\":{\"name\":{\"value\":\"到访家长\"},\"phone\":{\"value\":\"12345\"},"
                        + "\"channel\":{\"value\":\"WALK_IN\"},\"email\":{\"value\":\"不是邮箱\"}}}");

        assertThat(submit.getStatusCode().value()).as(submit.getBody()).isEqualTo(400);
        String message = json.readTree(submit.getBody()).path("message").asText();
        assertThat(message).startsWith("提交内容有误：").contains("电话：不是有效的电话号码：“12345”")
                .contains("电子邮箱：").doesNotContain("phone").doesNotContain("email");
        assertThat(jdbc.sql("select count(*) from customer").query(Long.class).single()).isEqualTo(customers);
    }
}
