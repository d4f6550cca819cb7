package com.enrollflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Tasklist start form submitted as Tasklist sends it: the engine REST API's submit-form with the user's demo
 * password, each field a variable (null values included, as an emptied field). A refusal is its 400, whose
 * {@code message} names the form's fields.
 */
public final class StartForms {

    private StartForms() {
    }

    public static ResponseEntity<JsonNode> submit(TestRestTemplate http, String user, String processKey,
            Map<String, Object> form) {
        return submit(http, user, processKey, form, null);
    }

    /** The same with the business key staff may type into Tasklist's start dialog (业务键). */
    public static ResponseEntity<JsonNode> submit(TestRestTemplate http, String user, String processKey,
            Map<String, Object> form, String businessKey) {
        Map<String, Object> variables = new HashMap<>();
        form.forEach((name, value) -> variables.put(name, Collections.singletonMap("value", value)));
        Map<String, Object> body = new HashMap<>();
        body.put("variables", variables);
        if (businessKey != null) {
            body.put("businessKey", businessKey);
        }
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").postForEntity(
                "/engine-rest/process-definition/key/" + processKey + "/submit-form",
                new HttpEntity<>(body, json), JsonNode.class);
    }

    /**
     * What the starter reads after 启动 (the instance's {@code startResult}), after checking the form was accepted
     * (200).
     */
    public static String told(org.camunda.bpm.engine.ProcessEngine engine, ResponseEntity<JsonNode> done) {
        assertThat(done.getStatusCode()).as(String.valueOf(done.getBody())).isEqualTo(HttpStatus.OK);
        return told(engine, done.getBody().get("id").asText());
    }

    /** What the starter of the process instance {@code id} read after 启动 (its {@code startResult}). */
    public static String told(org.camunda.bpm.engine.ProcessEngine engine, String id) {
        return (String) engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(id)
                .variableName("startResult").singleResult().getValue();
    }

    /**
     * The family and the contract as the told text of an after-sales start form opens, 王小明（合同 BJ-HD-2026-00038）,
     * read from the customer's and the contract's rows.
     */
    public static String holder(JdbcClient jdbc, long contractId) {
        return jdbc.sql("select c.name || '（合同 ' || k.number || '）' from customer c join contract k"
                + " on k.customer_id = c.id where k.id = ?").param(contractId).query(String.class).single();
    }

    /** A refused submission's message as Tasklist shows it (提交内容有误：字段：…), after checking it was refused (400). */
    public static String refusal(ResponseEntity<JsonNode> refused) {
        assertThat(refused.getStatusCode()).as(String.valueOf(refused.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
        return refused.getBody().path("message").asText();
    }
}
