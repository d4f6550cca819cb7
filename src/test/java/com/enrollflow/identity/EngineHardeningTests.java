package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.WebappSession;

/**
 * Security checklist items 2, 3 and 6 (engine side): result limits, deserialization, session and CSRF of the
 * webapps. Login throttling has its own test (LoginThrottlingTests).
 */
@EnrollFlowTest
class EngineHardeningTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Leads leads;
    @LocalServerPort
    int port;

    // ---- item 2: queryMaxResultsLimit

    @Test
    void shouldRefuseHugeOrUnboundedQueriesOfAStaffUser() {
        ResponseEntity<String> huge = http.withBasicAuth("zhangli", "demo")
                .getForEntity("/engine-rest/task?maxResults=1000000", String.class);
        assertThat(huge.getStatusCode().value()).isEqualTo(400);
        assertThat(huge.getBody()).contains("每次最多返回 2000 条（maxResults）");

        ResponseEntity<String> unbounded = http.withBasicAuth("zhangli", "demo")
                .getForEntity("/engine-rest/task", String.class);
        assertThat(unbounded.getStatusCode().value()).isEqualTo(400);
        assertThat(unbounded.getBody()).contains("请用 maxResults 指定返回条数");

        ResponseEntity<String> unboundedHistory = http.withBasicAuth("sunqiang", "demo")
                .postForEntity("/engine-rest/history/process-instance", Map.of(), String.class);
        assertThat(unboundedHistory.getStatusCode().value()).isEqualTo(400);

        // a page, as Tasklist asks for one, is answered
        assertThat(http.withBasicAuth("zhangli", "demo").getForEntity("/engine-rest/task?maxResults=2000",
                String.class).getStatusCode().value()).isEqualTo(200);
    }

    /**
     * Cockpit asks for a definition's versions and for the groups of 人工任务 without a page size: the webapps' API
     * answers them within the limit (they were refused, and Cockpit asked again page by page), the REST API of
     * scripts still refuses them; a decision table a role may not read is refused with 403, not a server error.
     */
    @Test
    void shouldAnswerCockpitsUnpagedQueriesWithinTheLimitAndRefuseAnUnreadableTableWith403() {
        var repository = engine.getRepositoryService();
        java.util.List<String> deployments = new java.util.ArrayList<>();
        try {
            for (String label : java.util.List.of("第一版", "第二版")) {
                deployments.add(repository.createDeployment().name("版本查询（测试）").addModelInstance("probe.bpmn",
                        org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("cockpitVersionsProbe")
                                .name("版本查询" + label).camundaHistoryTimeToLive(1).startEvent().endEvent().done())
                        .deploy().getId());
            }
            WebappSession director = WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo");
            String versions = "/process-definition?key=cockpitVersionsProbe&sortBy=version&sortOrder=desc"
                    + "&withoutTenantId=true";
            JsonNode listed = director.json(WebappSession.ENGINE + versions);
            assertThat(listed).extracting(d -> d.get("version").asInt() + " " + d.get("name").asText())
                    .containsExactly("2 版本查询第二版", "1 版本查询第一版");
            assertThat(director.json(WebappSession.ENGINE + "/decision-definition?key=assignmentStrategy"
                    + "&sortBy=version&sortOrder=desc&withoutTenantId=true")).isNotEmpty();
            WebappSession.Response groups = director.post(WebappSession.ENGINE + "/group",
                    Map.of("idIn", java.util.List.of(), "maxResults", 0));
            assertThat(groups.status()).isEqualTo(200);
            assertThat(groups.body().isArray()).as(groups.body().toString()).isTrue();
            // a page asked for is kept, also written with an escape
            assertThat(director.json(WebappSession.ENGINE + versions + "&maxResults=1")).hasSize(1);
            assertThat(director.json(WebappSession.ENGINE + versions + "&max%52esults=1")).hasSize(1);

            // a resource with a page limit of its own (the metrics' intervals: 200) is left to it
            assertThat(WebappSession.loggedIn(port, "cockpit", "admin", "admin").get(WebappSession.ENGINE
                    + "/metrics?name=process-instances&interval=900").statusCode()).isEqualTo(200);

            ResponseEntity<String> script = http.withBasicAuth("zhouhua", "demo")
                    .getForEntity("/engine-rest" + versions, String.class);
            assertThat(script.getStatusCode().value()).isEqualTo(400);
            assertThat(script.getBody()).contains("请用 maxResults 指定返回条数");
        } finally {
            deployments.forEach(id -> repository.deleteDeployment(id, true));
        }

        String table = engine.getRepositoryService().createDecisionDefinitionQuery()
                .decisionDefinitionKey("assignmentStrategy").latestVersion().singleResult().getId();
        HttpResponse<String> refused = WebappSession.loggedIn(port, "cockpit", "hanmei", "demo")
                .get(WebappSession.ENGINE + "/decision-definition/" + table);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("无权操作：您的角色没有此操作的权限").doesNotContain("错误编号");
    }

    @Test
    void shouldConfigureTheLimitTheWebappsNeed() {
        assertThat(configuration().getQueryMaxResultsLimit()).isEqualTo(2000);
    }

    /**
     * Our own engine lookups outside an engine command (hand-over, display names), run while a user is authenticated,
     * never run into the limit: they ask for bounded sets with unlimitedList().
     */
    @Test
    void shouldRunOurOwnEngineLookupsAsALoggedInUser() {
        IdentityService identity = engine.getIdentityService();
        identity.setAuthentication("sunqiang", java.util.List.of("salesSupervisor"));
        try {
            assertThatThrownBy(() -> identity.createUserQuery().list()).as("control: the limit is on")
                    .hasMessageContaining("unbound");
            assertThat(staff.displayNames(java.util.List.of("liwei", "zhangli"))).containsKeys("liwei", "zhangli");
            assertThat(assignmentTasks.moveOwnerTasks(-1, "liwei", "chenjing")).isZero();
        } finally {
            identity.clearAuthentication();
        }
    }

    @Autowired
    com.enrollflow.assignment.StaffDirectory staff;
    @Autowired
    com.enrollflow.assignment.AssignmentTasks assignmentTasks;

    // ---- item 3: deserialization

    @Test
    void shouldRefuseAJavaSerializedObjectVariable() {
        String instance = leads.newLead("PHONE").enrollment().getId();
        Map<String, Object> javaObject = Map.of("type", "Object", "value", "rO0ABXQABWhlbGxv", "valueInfo",
                Map.of("serializationDataFormat", "application/x-java-serialized-object", "objectTypeName",
                        "java.lang.String"));
        ResponseEntity<String> put = asAdmin(HttpMethod.PUT,
                "/engine-rest/process-instance/" + instance + "/variables/payload", javaObject);
        assertThat(put.getStatusCode().is2xxSuccessful()).as(put.toString()).isFalse();
        assertThat((Object) engine.getRuntimeService().getVariableTyped(instance, "payload", false)).isNull();
        assertThat(configuration().isJavaSerializationFormatEnabled()).isFalse();
    }

    @Test
    void shouldNotDeserializeAJsonObjectOfATypeOutsideTheAllowList() {
        String instance = leads.newLead("PHONE").enrollment().getId();
        // java.util.UUID is read by Jackson without complaint: only the allow-list can stop it
        ResponseEntity<String> put = asAdmin(HttpMethod.PUT,
                "/engine-rest/process-instance/" + instance + "/variables/outsider", jsonObject("java.util.UUID",
                        "\"5fe83462-ec83-11f1-9a32-02fc00000001\""));
        assertThat(put.getStatusCode().value()).isEqualTo(204); // stored as text, never turned into an object
        ResponseEntity<String> read = asAdmin(HttpMethod.GET,
                "/engine-rest/process-instance/" + instance + "/variables/outsider", null);
        assertThat(read.getStatusCode().is2xxSuccessful()).as(read.toString()).isFalse();
        assertThatThrownBy(() -> engine.getRuntimeService().getVariable(instance, "outsider"))
                .hasStackTraceContaining("not whitelisted for deserialization");

        // control: an allow-listed type (a map) is read back
        asAdmin(HttpMethod.PUT, "/engine-rest/process-instance/" + instance + "/variables/insider",
                jsonObject("java.util.HashMap", "{\"a\":1}"));
        ResponseEntity<String> allowed = asAdmin(HttpMethod.GET,
                "/engine-rest/process-instance/" + instance + "/variables/insider", null);
        assertThat(allowed.getStatusCode().value()).isEqualTo(200);
        assertThat(configuration().isDeserializationTypeValidationEnabled()).isTrue();
    }

    // ---- item 6: session, cookies, CSRF

    @Test
    void shouldEndAWebappSessionAfterThirtyIdleMinutesWithHttpOnlySameSiteCookies() {
        WebappSession browser = new WebappSession(port);
        HttpResponse<String> login = browser.login("zhangli", "demo");
        assertThat(login.statusCode()).isEqualTo(200);
        String setCookie = String.join("\n", login.headers().allValues("Set-Cookie"));
        assertThat(setCookie).contains("JSESSIONID=").contains("HttpOnly").containsOnlyOnce("SameSite=Lax");
        var tomcat = (org.springframework.boot.web.embedded.tomcat.TomcatWebServer) webServer.getWebServer();
        var context = (org.apache.catalina.Context) tomcat.getTomcat().getHost().findChildren()[0];
        try {
            assertThat(context.getManager().findSession(browser.cookie("JSESSIONID")).getMaxInactiveInterval())
                    .isEqualTo(30 * 60);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext webServer;

    @Test
    void shouldRefuseAWebappPostWithoutTheCsrfToken() {
        Leads.NewLead lead = leads.newLead("PHONE");
        String task = engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(lead.opportunityId())).singleResult().getId();
        WebappSession browser = new WebappSession(port);
        assertThat(browser.login("zhangli", "demo").statusCode()).isEqualTo(200);
        assertThat(browser.get("/camunda/api/engine/engine/default/task/" + task).statusCode()).isEqualTo(200);

        // control first (a refused CSRF check ends the session): with the token, as Tasklist sends it, it works
        HttpResponse<String> genuine = browser.post("/camunda/api/engine/engine/default/task/" + task + "/claim",
                "{\"userId\":\"zhangli\"}", true);
        assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(204);
        engine.getTaskService().setAssignee(task, null);

        HttpResponse<String> forged = browser.post("/camunda/api/engine/engine/default/task/" + task + "/claim",
                "{\"userId\":\"zhangli\"}", false);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).doesNotContain("AuthorizationException"); // the CSRF filter, not the engine
        assertThat(engine.getTaskService().createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    private static Map<String, Object> jsonObject(String type, String json) {
        return Map.of("type", "Object", "value", json, "valueInfo",
                Map.of("serializationDataFormat", "application/json", "objectTypeName", type));
    }

    private ResponseEntity<String> asAdmin(HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("admin", "admin").exchange(path, method, new HttpEntity<>(body, headers),
                String.class);
    }
}
