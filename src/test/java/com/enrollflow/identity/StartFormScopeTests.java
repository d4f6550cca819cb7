package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.enrollflow.contract.Contract;
import com.enrollflow.teaching.ClassFixtures;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.StartForms;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Tasklist start form is about a record of one campus (a contract, a class, a customer, a team): once submitted, its
 * instance, with what staff typed into it, belongs to that campus's data scope, not to the starter's call centre.
 * Its campus's director sees it in Cockpit; a call-centre agent of other campuses does not, nor do its variables.
 */
@EnrollFlowTest
class StartFormScopeTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ClassFixtures classes;
    @LocalServerPort
    int port;

    private String tenantOf(String instanceId) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
                .singleResult().getTenantId();
    }

    /** The history of the instance, or its variables, as a user reads them through /engine-rest: found or not. */
    private boolean sees(String user, String what, String instanceId) {
        JsonNode found = http.withBasicAuth(user, "demo").getForObject("/engine-rest/history/" + what
                + "?processInstanceId={id}&maxResults=50", JsonNode.class, instanceId);
        assertThat(found.isArray()).as(String.valueOf(found)).isTrue();
        return found.size() > 0;
    }

    @Test
    void shouldPutASubmittedStartFormIntoItsRecordsCampusNotTheStartersCallCentre() {
        String from = classes.newClass("SH-PD", 16);
        String to = classes.newClass("SH-PD", 16);
        Contract c = classes.student("SH-PD", from, "上海表单");
        Map<String, Object> form = new HashMap<>();
        form.put("contract", c.number());
        form.put("toClass", to);
        form.put("reason", "家长要求换到周日班");
        form.put("refundDifference", false);

        ResponseEntity<JsonNode> started = StartForms.submit(http, "taoran", "classTransferRequest", form);

        assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.OK);
        String id = started.getBody().get("id").asText();
        assertThat(tenantOf(id)).isEqualTo("SHPD");
        assertThat(sees("zhouhua", "process-instance", id)).as("北京海淀's director").isFalse();
        assertThat(sees("zhouhua", "variable-instance", id)).isFalse();
        assertThat(sees("caiwen", "variable-instance", id)).as("上海浦东's director reads what was typed").isTrue();
        WebappSession pudongDirector = WebappSession.loggedIn(port, "cockpit", "caiwen", "demo");
        assertThat(pudongDirector.json(CampusScopeTests.TASKLIST_API
                + "/history/process-instance?maxResults=50&processInstanceId=" + id).findValuesAsText("id"))
                .as("上海浦东's director in Cockpit").containsExactly(id);
    }

    @Test
    void shouldPutARollCallIntoItsClassCampus() {
        String code = classes.newClass("BJ-HD", 16);
        classes.student("BJ-HD", code, "海淀点名");
        Map<String, Object> form = new HashMap<>();
        form.put("classOffering", code);
        form.put("heldOn", ClassFixtures.today().toString());

        ResponseEntity<JsonNode> done = StartForms.submit(http, "zhengkai", "classRollCall", form);

        assertThat(done.getStatusCode()).as(String.valueOf(done.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(tenantOf(done.getBody().get("id").asText())).isEqualTo("BJHD");
    }
}
