package com.enrollflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Security checklist item 5: error answers of /api, /engine-rest and the webapps carry no stack trace, no internal
 * class name and, for unexpected failures, no exception message — a correlation id instead.
 */
@EnrollFlowTest
class ErrorAnswersTests {

    private static final List<String> LEAKS = List.of("at com.", "at org.", "java.lang.", "java.sql.",
            "org.springframework", "org.camunda.bpm.engine.impl", "org.apache", "com.fasterxml", "com.enrollflow",
            "stackTrace", "\"trace\"", "\"exception\"");

    @Autowired
    TestRestTemplate http;
    @Autowired
    com.enrollflow.testsupport.Leads leads;
    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;
    @LocalServerPort
    int port;

    @Test
    void shouldAnswerBadInputToApiWithoutInternals() {
        assertClean(post("zhangli", "/api/leads", "{\"name\": "), 400); // malformed JSON
        assertClean(post("zhangli", "/api/leads", "{\"name\": 5, \"phone\": []}"), 400); // wrong types
        assertClean(http.withBasicAuth("zhangli", "demo").getForEntity("/api/no-such-endpoint", String.class), 404);
        assertClean(http.withBasicAuth("fengyu", "demo").getForEntity("/api/payments/abc/receipt", String.class), 400);
        assertClean(post("fengyu", "/api/payments/1/confirmation", "{\"received\": \"maybe\"}"), 400);
    }

    /** Spring's own refusals of an /api request, before any controller of ours, in the house's Chinese. */
    @Test
    void shouldAnswerAnUnknownPathMethodOrContentTypeOfApiInChinese() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ResponseEntity<String> path = http.withBasicAuth("zhangli", "demo").getForEntity("/api/targets", String.class);
        assertClean(path, 404);
        assertThat(json.readTree(path.getBody()).get("detail").asText()).isEqualTo("没有这个接口：GET /api/targets");

        ResponseEntity<String> method = http.withBasicAuth("zhangli", "demo").exchange("/api/leads",
                HttpMethod.DELETE, null, String.class);
        assertClean(method, 405);
        assertThat(json.readTree(method.getBody()).get("title").asText()).isEqualTo("不支持的请求方法");
        assertThat(json.readTree(method.getBody()).get("detail").asText()).startsWith("/api/leads 不支持 DELETE，可用：")
                .contains("POST");
        assertThat(method.getHeaders().getAllow()).contains(HttpMethod.POST);

        HttpHeaders text = new HttpHeaders();
        text.setContentType(MediaType.TEXT_PLAIN);
        ResponseEntity<String> type = http.withBasicAuth("zhangli", "demo").postForEntity("/api/leads",
                new HttpEntity<>("张三 13800138000", text), String.class);
        assertClean(type, 415);
        assertThat(json.readTree(type.getBody()).get("detail").asText()).startsWith("请求体应为 application/json")
                .endsWith("（收到 text/plain）");

        ResponseEntity<String> page = http.getForEntity("/no-such-page", String.class);
        assertThat(page.getStatusCode().value()).as("outside /api Spring answers as before").isEqualTo(404);
        assertThat(page.getBody()).doesNotContain("没有这个接口");
    }

    @Test
    void shouldAnswerAnUnexpectedApiFailureWithAGenericChineseProblemAndACorrelationId() throws Exception {
        ResponseEntity<String> answer = http.withBasicAuth("zhangli", "demo")
                .getForEntity(FailingTestController.PATH, String.class);
        assertClean(answer, 500);
        assertThat(answer.getBody()).doesNotContain("secret internal detail").doesNotContain("does not exist")
                .doesNotContain("Exception");
        JsonNode problem = new ObjectMapper().readTree(answer.getBody());
        assertThat(problem.get("title").asText()).isEqualTo("服务器内部错误");
        String id = problem.get("correlationId").asText();
        assertThat(id).isNotBlank();
        assertThat(problem.get("detail").asText()).contains(id);
    }

    @Test
    void shouldAskTheUserToTryAgainWhenAnotherWriterHeldTheRows() throws Exception {
        ResponseEntity<String> answer = http.withBasicAuth("zhangli", "demo")
                .getForEntity(FailingTestController.LOCKED, String.class);
        assertClean(answer, 409);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(answer.getBody()).doesNotContain("lock timeout").doesNotContain("relation")
                .doesNotContain("Exception");
        JsonNode problem = new ObjectMapper().readTree(answer.getBody());
        assertThat(problem.get("title").asText()).isEqualTo("并发冲突");
        assertThat(problem.get("detail").asText()).isEqualTo("这些数据正被其他操作同时修改，本次操作未完成，请稍后重试");
    }

    @Test
    void shouldKeepTheEngineRestErrorTypeWithoutInternals() throws Exception {
        ResponseEntity<String> badParameter = http.withBasicAuth("zhangli", "demo")
                .getForEntity("/engine-rest/task?sortBy=nope&sortOrder=asc", String.class);
        assertClean(badParameter, 400);
        assertThat(new ObjectMapper().readTree(badParameter.getBody()).get("type").asText())
                .isEqualTo("InvalidRequestException");

        ResponseEntity<String> malformed = post("zhangli", "/engine-rest/task/no-such-task/complete",
                "{\"variables\": ");
        assertClean(malformed, 400);
        assertThat(new ObjectMapper().readTree(malformed.getBody()).get("message").asText())
                .as("never an empty message (the REST API's JSON reader answers with its parser's text or nothing)")
                .isNotBlank();
        assertClean(post("zhangli", "/engine-rest/task/no-such-task/complete",
                "{\"variables\": {\"a\": {\"value\": \"x\", \"type\": \"Integer\"}}}"), 400);
        assertClean(http.withBasicAuth("zhangli", "demo").getForEntity("/engine-rest/no-such-resource",
                String.class), 404);

        // an expression the engine fails to evaluate named its internal query class; whatever the status, no more
        ResponseEntity<String> expression = post("zhangli", "/engine-rest/task?maxResults=5",
                "{\"orQueries\":[{\"assigneeExpression\":\"${\\\"\\\".substring(5)}\"}]}");
        assertThat(expression.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(expression.getBody()).doesNotContain("TaskQueryImpl");
        assertNoLeak(expression.getBody());
    }

    @Test
    void shouldSayTheEnginesEverydayRefusalsInChinese() throws Exception {
        // a role without the right: a marketing user deploying a table from Modeler
        ResponseEntity<String> deploy = http.withBasicAuth("hanmei", "demo").exchange("/engine-rest/deployment/create",
                org.springframework.http.HttpMethod.POST, multipart("x.dmn", "<definitions/>"), String.class);
        assertClean(deploy, 403);
        assertThat(new ObjectMapper().readTree(deploy.getBody()).get("message").asText())
                .isEqualTo("无权操作：您的角色没有此操作的权限");
        // a query without a page size, or a larger one than allowed, or an unknown sort
        assertThat(new ObjectMapper().readTree(post("zhangli", "/engine-rest/task", "{}").getBody()).get("message")
                .asText()).isEqualTo("请用 maxResults 指定返回条数（每次最多 2000 条）");
        assertThat(new ObjectMapper().readTree(post("zhangli", "/engine-rest/task?maxResults=2001", "{}").getBody())
                .get("message").asText()).isEqualTo("每次最多返回 2000 条（maxResults）");
        // the metrics' intervals have a page limit of their own (200): a larger page is the caller's mistake too
        ResponseEntity<String> metrics = http.withBasicAuth("admin", "admin").getForEntity(
                "/engine-rest/metrics?name=process-instances&interval=900&maxResults=2000", String.class);
        assertClean(metrics, 400);
        assertThat(new ObjectMapper().readTree(metrics.getBody()).get("message").asText())
                .isEqualTo("每次最多返回 200 条（maxResults）");
        ResponseEntity<String> sideways = post("zhangli", "/engine-rest/task?maxResults=5",
                "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"sideways\"}]}");
        assertClean(sideways, 400);
        assertThat(new ObjectMapper().readTree(sideways.getBody()).get("message").asText())
                .startsWith("排序无效");
        // a task that is not there (done, or never seen)
        ResponseEntity<String> noTask = http.withBasicAuth("zhangli", "demo").getForEntity(
                "/engine-rest/task/4800a955-none", String.class);
        assertClean(noTask, 404);
        assertThat(new ObjectMapper().readTree(noTask.getBody()).get("message").asText())
                .isEqualTo(EngineErrorBodies.TASK_GONE_MESSAGE);
        // the variables of an instance that is not there: not a server error
        ResponseEntity<String> ended = http.withBasicAuth("zhouhua", "demo").getForEntity(
                "/engine-rest/process-instance/00000000-f0be-11f1-0000-000000000000/variables", String.class);
        assertClean(ended, 404);
        assertThat(new ObjectMapper().readTree(ended.getBody()).get("message").asText())
                .isEqualTo(EngineErrorBodies.INSTANCE_GONE_MESSAGE);
    }

    private static org.springframework.http.HttpEntity<Object> multipart(String name, String content) {
        org.springframework.util.LinkedMultiValueMap<String, Object> parts =
                new org.springframework.util.LinkedMultiValueMap<>();
        parts.add("data", new org.springframework.core.io.ByteArrayResource(
                content.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA);
        return new org.springframework.http.HttpEntity<>(parts, headers);
    }

    @Test
    void shouldSayATaskDoneMeanwhileIsGoneInsteadOfAServerError() throws Exception {
        // a double click, a second window, a colleague who was quicker: the task no longer exists
        for (String action : List.of("submit-form", "complete", "claim")) {
            ResponseEntity<String> gone = post("zhaomin", "/engine-rest/task/4800a955-done/" + action,
                    "claim".equals(action) ? "{\"userId\": \"zhaomin\"}" : "{\"variables\": {}}");
            assertClean(gone, 404);
            JsonNode error = new ObjectMapper().readTree(gone.getBody());
            assertThat(error.get("message").asText()).as(action).isEqualTo(EngineErrorBodies.TASK_GONE_MESSAGE)
                    .contains("已办理完成").contains("刷新任务列表");
            assertThat(error.has("correlationId")).as("nothing for an administrator to look up").isFalse();
        }
        // as Tasklist asks it, through the webapp's session
        WebappSession browser = new WebappSession(port);
        assertThat(browser.login("zhaomin", "demo").statusCode()).isEqualTo(200);
        HttpResponse<String> gone = browser.post("/camunda/api/engine/engine/default/task/4800a955-done/submit-form",
                "{\"variables\": {}}", true);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains(EngineErrorBodies.TASK_GONE_MESSAGE);
    }

    @Test
    void shouldSayATaskAColleagueClaimedFirstIsTakenInsteadOfAServerError() throws Exception {
        com.enrollflow.testsupport.Leads.NewLead lead = leads.newLead("PHONE");
        leads.runJobs(lead.enrollment().getId());
        String task = engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(lead.opportunityId())).list().get(0).getId();
        assertThat(post("zhangli", "/engine-rest/task/" + task + "/claim", "{\"userId\": \"zhangli\"}")
                .getStatusCode().value()).isEqualTo(204);
        ResponseEntity<String> taken = post("wangfang", "/engine-rest/task/" + task + "/claim",
                "{\"userId\": \"wangfang\"}");
        assertClean(taken, 409);
        assertThat(new ObjectMapper().readTree(taken.getBody()).get("message").asText())
                .isEqualTo(EngineErrorBodies.TASK_TAKEN_MESSAGE);
        assertThat(engine.getTaskService().createTaskQuery().taskId(task).singleResult().getAssignee())
                .isEqualTo("zhangli");
    }

    @Test
    void shouldAnswerBadRequestsOfTheWebappsWithoutInternals() {
        WebappSession browser = new WebappSession(port);
        assertThat(browser.login("zhangli", "demo").statusCode()).isEqualTo(200);
        HttpResponse<String> badSort = browser.get("/camunda/api/engine/engine/default/task?sortBy=nope&sortOrder=asc");
        assertThat(badSort.statusCode()).isEqualTo(400);
        assertNoLeak(badSort.body());
        HttpResponse<String> malformed = browser.post("/camunda/api/engine/engine/default/task/no-such-task/complete",
                "{\"variables\": ", true);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertNoLeak(malformed.body());
        HttpResponse<String> unknown = browser.get("/camunda/api/engine/engine/default/no-such-resource");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertNoLeak(unknown.body());
        // last: a refused CSRF check ends the session
        HttpResponse<String> forged = browser.post("/camunda/api/engine/engine/default/task/no-such-task/claim",
                "{}", false);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).doesNotContain("CSRFPreventionFilter");
        assertNoLeak(forged.body());
    }

    private ResponseEntity<String> post(String user, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").postForEntity(path, new HttpEntity<>(json, headers), String.class);
    }

    private static void assertClean(ResponseEntity<String> answer, int status) {
        assertThat(answer.getStatusCode().value()).as(answer.toString()).isEqualTo(status);
        assertNoLeak(answer.getBody());
    }

    private static void assertNoLeak(String body) {
        String text = body == null ? "" : body;
        for (String leak : LEAKS) {
            assertThat(text).as("error body leaks %s", leak).doesNotContain(leak);
        }
    }
}
