package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import com.enrollflow.reference.StaffRole;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An insider of every role tries to rise above it through the engine REST API: deploy a process, make themselves an
 * admin or a member of another campus, grant themselves rights, work another role's task. And an outsider without
 * an account. Every attempt is refused and changes nothing.
 */
@EnrollFlowTest
class PrivilegeEscalationTests {

    /** One demo user per role (北京海淀), and head office. */
    static final Map<String, String> INSIDERS = Map.ofEntries(Map.entry("callCenter", "zhangli"),
            Map.entry("consultant", "liwei"), Map.entry("frontDesk", "zhaomin"),
            Map.entry("salesSupervisor", "sunqiang"), Map.entry("campusDirector", "zhouhua"),
            Map.entry("academicAffairs", "wuting"), Map.entry("teacher", "zhengkai"), Map.entry("finance", "fengyu"),
            Map.entry("customerService", "chenxi"), Map.entry("marketing", "hanmei"),
            Map.entry("headOffice", "gaofeng"));

    static final String SCRIPT_PROCESS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://evil">
              <bpmn:process id="evil" isExecutable="true" camunda:historyTimeToLive="1">
                <bpmn:startEvent id="s"/>
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
                <bpmn:scriptTask id="t" scriptFormat="javascript"><bpmn:script>java.lang.System.exit(1)</bpmn:script></bpmn:scriptTask>
                <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>
                <bpmn:endEvent id="e"/>
              </bpmn:process>
            </bpmn:definitions>
            """;

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Sales sales;
    @Autowired
    Leads leads;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private ResponseEntity<String> post(String user, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers),
                String.class);
    }

    private ResponseEntity<String> put(String user, String path) {
        return http.withBasicAuth(user, "demo").exchange(path, HttpMethod.PUT, HttpEntity.EMPTY, String.class);
    }

    @Test
    void shouldLetNoStaffRoleDeployAProcess() {
        long before = engine.getRepositoryService().createDeploymentQuery().count();
        INSIDERS.forEach((role, user) -> {
            LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
            parts.add("deployment-name", "evil-" + user);
            parts.add("data", new ByteArrayResource(SCRIPT_PROCESS.getBytes()) {
                @Override
                public String getFilename() {
                    return "evil.bpmn";
                }
            });
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.MULTIPART_FORM_DATA);
            ResponseEntity<String> answer = http.withBasicAuth(user, "demo").exchange(
                    "/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers),
                    String.class);
            assertThat(answer.getStatusCode()).as("%s (%s) deploys", user, role).isEqualTo(HttpStatus.FORBIDDEN);
        });
        assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(before);
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("evil").count())
                .isZero();
    }

    /** Only 流程负责人 may put a decision table live; every staff role (head office included) is refused by the engine. */
    @Test
    void shouldLetNoStaffRoleDeployADecisionTable() throws java.io.IOException {
        String table = java.nio.file.Files.readString(java.nio.file.Path.of("bpmn/discount-approval-levels.dmn"))
                .replace("<text>&gt; 5</text>", "<text>&gt; 50</text>");
        long before = engine.getRepositoryService().createDeploymentQuery().count();
        INSIDERS.forEach((role, user) -> assertThat(com.enrollflow.testsupport.ModelerDeploy.deploy(http, user, "demo",
                "threshold-" + user, Map.of("discount-approval-levels.dmn", table)).getStatusCode())
                .as("%s (%s) deploys a decision table", user, role).isEqualTo(HttpStatus.FORBIDDEN));
        assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(before);
    }

    /** The process owner may deploy, but the deployment guard lets no process (and no script) through. */
    @Test
    void shouldRefuseTheProcessOwnersScriptProcessInsideTheEngine() {
        long before = engine.getRepositoryService().createDeploymentQuery().count();
        ResponseEntity<String> answer = com.enrollflow.testsupport.ModelerDeploy.deploy(http, "linyi", "demo", "evil",
                Map.of("evil.bpmn", SCRIPT_PROCESS));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains("元素 t").contains("脚本任务").contains("流程负责人只能上线决策表");
        assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(before);
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("evil").count())
                .isZero();
        // nor may a process owner make itself an admin
        assertThat(put("linyi", "/engine-rest/group/camunda-admin/members/linyi").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void shouldLetNoStaffRoleMakeItselfAdminJoinACampusOrGrantItselfRights() {
        INSIDERS.forEach((role, user) -> {
            assertThat(put(user, "/engine-rest/group/camunda-admin/members/" + user).getStatusCode())
                    .as("%s joins camunda-admin", user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(put(user, "/engine-rest/tenant/SHPD/user-members/" + user).getStatusCode())
                    .as("%s joins 上海浦东", user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(post(user, "/engine-rest/authorization/create", Map.of("type", 1, "permissions", List.of("ALL"),
                    "userId", user, "resourceType", 0, "resourceId", "*")).getStatusCode())
                    .as("%s grants itself everything", user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(post(user, "/engine-rest/user/create", Map.of("profile", Map.of("id", "mole" + user),
                    "credentials", Map.of("password", "Secret-12345"))).getStatusCode())
                    .as("%s creates a user", user).isEqualTo(HttpStatus.FORBIDDEN);
        });
        var identity = engine.getIdentityService();
        assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").list()).extracting("id")
                .containsExactly("admin");
        assertThat(identity.createUserQuery().memberOfTenant("SHPD").userId("zhangli").count()).isZero();
        assertThat(identity.createUserQuery().userIdIn(INSIDERS.values().stream().map(u -> "mole" + u)
                .toArray(String[]::new)).count()).isZero();
    }

    @Test
    void shouldNotLetAnotherRoleWorkAFrontDeskTaskOfTheSameCampus() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        ProcessInstance pi = sales.start("consultation", o, Map.of());
        leads.completeAs("liwei", sales.task(pi), Map.of("bookingOutcome", "BOOKED", "visitAt",
                OffsetDateTime.now().plusDays(2).truncatedTo(ChronoUnit.HOURS).withHour(10).toString()));
        Task visit = sales.task(pi, "Task_RecordVisit");

        for (String intruder : List.of("liwei", "zhengkai", "fengyu", "hanmei", "gaofeng")) {
            ResponseEntity<String> claim = post(intruder, "/engine-rest/task/" + visit.getId() + "/claim",
                    Map.of("userId", intruder));
            ResponseEntity<String> complete = post(intruder, "/engine-rest/task/" + visit.getId() + "/complete",
                    Map.of("variables", Map.of("visitOutcome", Map.of("value", "VISITED"))));
            assertThat(claim.getStatusCode().is2xxSuccessful()).as("%s claims 登记到访", intruder).isFalse();
            assertThat(complete.getStatusCode().is2xxSuccessful()).as("%s completes 登记到访", intruder).isFalse();
        }
        Task untouched = engine.getTaskService().createTaskQuery().taskId(visit.getId()).singleResult();
        assertThat(untouched.getAssignee()).isNull();
        assertThat(sales.column(o.opportunityId(), "visited_at", OffsetDateTime.class)).isNull();
    }

    /** 收取学费 of a new contract: the front desk's task, the instance's order and contract. */
    private record Desk(Task task, long orderId, long contractId) {
    }

    private Desk collecting() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        ProcessInstance pi = sales.start("contractAndPayment", o, Map.of("quoteId",
                sales.approvedQuote(o, com.enrollflow.payment.InstallmentPlan.TWO).id()));
        sales.runJobs(pi);
        return new Desk(sales.task(pi), ((Number) engine.getRuntimeService().getVariable(pi.getId(), "orderId"))
                .longValue(), ((Number) engine.getRuntimeService().getVariable(pi.getId(), "contractId")).longValue());
    }

    @Test
    void shouldRefuseAFormSubmissionThatNamesAnotherFamilysOrderOrContract() {
        Desk mine = collecting();
        Desk theirs = collecting();
        engine.getTaskService().claim(mine.task().getId(), "zhaomin");
        // the desk's own task, with the other family's order and contract beside the form's fields
        Map<String, Object> attack = Map.of("variables", Map.of(
                "collectOutcome", Map.of("value", "WITHDRAWN"), "cancelReason", Map.of("value", "客户放弃"),
                "orderId", Map.of("value", theirs.orderId(), "type", "Long"),
                "contractId", Map.of("value", theirs.contractId(), "type", "Long")));
        for (String path : List.of("/complete", "/submit-form")) {
            ResponseEntity<String> refused = post("zhaomin", "/engine-rest/task/" + mine.task().getId() + path, attack);
            assertThat(refused.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody()).contains("表单中没有这些字段，不能提交：contractId、orderId");
        }
        assertThat(jdbc.sql("select status from contract where id = ?").param(theirs.contractId()).query(String.class)
                .single()).isEqualTo("ISSUED");
        assertThat(jdbc.sql("select status from payment_order where id = ?").param(theirs.orderId())
                .query(String.class).single()).isEqualTo("OPEN");
        assertThat(engine.getTaskService().createTaskQuery().taskId(mine.task().getId()).count())
                .as("nothing of the submission stored").isOne();
    }

    @Test
    void shouldRefuseEveryOtherRouteThatWritesAnotherFamilysIdsIntoTheDesksOwnInstance() {
        Desk mine = collecting();
        Desk theirs = collecting();
        engine.getTaskService().claim(mine.task().getId(), "zhaomin");
        String task = "/engine-rest/task/" + mine.task().getId();
        String pi = mine.task().getProcessInstanceId();
        Map<String, Object> order = Map.of("value", theirs.orderId(), "type", "Long");
        Map<String, Object> modifications = Map.of("modifications", Map.of("orderId", order));
        Map<String, ResponseEntity<String>> attempts = new java.util.LinkedHashMap<>();
        attempts.put("PUT task variable", exchange("zhaomin", HttpMethod.PUT, task + "/variables/orderId", order));
        attempts.put("POST task variables", post("zhaomin", task + "/variables", modifications));
        attempts.put("PUT task local variable",
                exchange("zhaomin", HttpMethod.PUT, task + "/localVariables/orderId", order));
        attempts.put("POST task local variables", post("zhaomin", task + "/localVariables", modifications));
        attempts.put("PUT instance variable", exchange("zhaomin", HttpMethod.PUT,
                "/engine-rest/process-instance/" + pi + "/variables/orderId", order));
        attempts.put("POST execution local variables", post("zhaomin",
                "/engine-rest/execution/" + mine.task().getExecutionId() + "/localVariables", modifications));
        attempts.put("message", post("zhaomin", "/engine-rest/message", Map.of("messageName", "PaymentReceived",
                "processInstanceId", pi, "processVariables", Map.of("orderId", order))));
        attempts.put("delegate", post("zhaomin", task + "/delegate", Map.of("userId", "zhaomin")));
        attempts.put("resolve", post("zhaomin", task + "/resolve", Map.of("variables", Map.of("orderId", order))));
        attempts.put("modification", post("zhaomin", "/engine-rest/process-instance/" + pi + "/modification",
                Map.of("instructions", List.of(Map.of("type", "startBeforeActivity", "activityId",
                        mine.task().getTaskDefinitionKey(), "variables", Map.of("orderId", order))))));
        attempts.put("condition", post("zhaomin", "/engine-rest/condition", Map.of("variables",
                Map.of("orderId", order))));
        assertThat(attempts.entrySet().stream().filter(a -> a.getValue().getStatusCode().is2xxSuccessful())
                .map(a -> a.getKey() + " answered " + a.getValue().getStatusCode()).toList()).isEmpty();
        // a delegated task's resolve carries variables like a completion: refused as the user's mistake, by name
        assertThat(attempts.get("resolve").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(attempts.get("resolve").getBody()).contains("表单中没有这些字段，不能提交：orderId");
        assertThat(((Number) engine.getRuntimeService().getVariable(pi, "orderId")).longValue())
                .isEqualTo(mine.orderId());
        assertThat(engine.getTaskService().getVariablesLocal(mine.task().getId())).doesNotContainKey("orderId");
        assertThat(jdbc.sql("select status from payment_order where id = ?").param(theirs.orderId())
                .query(String.class).single()).isEqualTo("OPEN");
    }

    private ResponseEntity<String> exchange(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    /** A new lead's 首次联系并核实信息, for the call centre of 北京海淀 (zhangli and wangfang), once its first steps ran. */
    private Task firstContact() {
        Leads.NewLead lead = leads.newLead("PHONE");
        leads.runJobs(lead.enrollment().getId());
        return engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(lead.opportunityId())).singleResult();
    }

    @Test
    void shouldLetOnlyTheColleagueWhoClaimedAPoolTaskWorkIt() {
        Task task = firstContact();
        assertThat(post("zhangli", "/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "zhangli"))
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Map<String, Object> reached = Map.of("variables", Map.of("contactResult", Map.of("value", "REACHED")));

        // wangfang, of the same call centre and a candidate of the task, while zhangli is on the phone with the family
        for (String path : List.of("/complete", "/submit-form")) {
            ResponseEntity<String> refused = post("wangfang", "/engine-rest/task/" + task.getId() + path, reached);
            assertThat(refused.getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getBody()).as(path).contains("该任务已由 张丽（zhangli） 认领，只有认领人可以办理");
        }
        ResponseEntity<String> error = post("wangfang", "/engine-rest/task/" + task.getId() + "/bpmnError",
                Map.of("errorCode", "ANY"));
        assertThat(error.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        // nor take it away from her by claiming it for nobody (the engine's other way of giving a task back)
        for (Object nobody : List.of(Map.of(), java.util.Collections.singletonMap("userId", null))) {
            ResponseEntity<String> takenAway = post("wangfang", "/engine-rest/task/" + task.getId() + "/claim",
                    nobody);
            assertThat(takenAway.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(takenAway.getBody()).contains("该任务已由 张丽（zhangli） 认领");
            assertThat(post("wangfang", "/engine-rest/task/" + task.getId() + "/unclaim", Map.of()).getBody())
                    .contains("该任务已由 张丽（zhangli） 认领");
        }
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
                .as("still open, still hers").isEqualTo("zhangli");

        // once she gives it back, her colleague takes it and works it
        assertThat(post("zhangli", "/engine-rest/task/" + task.getId() + "/unclaim", Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(post("wangfang", "/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "wangfang"))
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(post("wangfang", "/engine-rest/task/" + task.getId() + "/submit-form", reached).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult()
                .getAssignee()).isEqualTo("wangfang");

        // a task routed to its owner by name (跟进商机) is not a pool task: nobody would see it again
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Task followUp = sales.task(sales.start("consultation", o, Map.of()));
        assertThat(followUp.getAssignee()).isEqualTo("liwei");
        for (String how : List.of("/unclaim", "/claim")) {
            ResponseEntity<String> dropped = post("liwei", "/engine-rest/task/" + followUp.getId() + how, Map.of());
            assertThat(dropped.getStatusCode()).as(how).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(dropped.getBody()).as(how).contains("该任务由流程指定给您办理，不能取消认领");
        }
        assertThat(engine.getTaskService().createTaskQuery().taskId(followUp.getId()).singleResult().getAssignee())
                .isEqualTo("liwei");
    }

    @Test
    void shouldRefuseASubmissionThatChangesAReadOnlyValueAndTakeTheSameValueBack() {
        Task task = firstContact();
        String channel = (String) engine.getTaskService().getVariable(task.getId(), "channel");
        assertThat(channel).isEqualTo("PHONE");
        post("zhangli", "/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "zhangli"));

        // 来源渠道 is shown read-only: a hand-made request that sends another channel is refused by its label
        for (String path : List.of("/complete", "/submit-form")) {
            ResponseEntity<String> refused = post("zhangli", "/engine-rest/task/" + task.getId() + path,
                    Map.of("variables", Map.of("contactResult", Map.of("value", "REACHED"),
                            "channel", Map.of("value", "PARTNER"), "customerName", Map.of("value", "别人"))));
            assertThat(refused.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody()).as(path).contains("只读字段不能修改").contains("来源渠道").contains("客户姓名");
        }
        // the same as a serialized object: refused by the field too, not a server error
        ResponseEntity<String> serialized = post("zhangli", "/engine-rest/task/" + task.getId() + "/submit-form",
                Map.of("variables", Map.of("contactResult", Map.of("value", "REACHED"), "channel", Map.of(
                        "value", "\"PARTNER\"", "type", "Object", "valueInfo", Map.of("objectTypeName",
                                "java.lang.String", "serializationDataFormat", "application/json")))));
        assertThat(serialized.getStatusCode()).as(serialized.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(serialized.getBody()).contains("只读字段不能修改").contains("来源渠道");
        assertThat(engine.getTaskService().getVariable(task.getId(), "channel")).isEqualTo("PHONE");
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isOne();

        // what Tasklist sends: every field of the form, the read-only ones as they were shown (an empty one as "")
        Map<String, Object> shown = engine.getTaskService().getVariables(task.getId(),
                List.of("customerName", "phoneDisplay", "notes"));
        Map<String, Object> asShown = new java.util.HashMap<>();
        shown.forEach((k, v) -> asShown.put(k, Map.of("value", v == null ? "" : v)));
        asShown.put("channel", Map.of("value", "PHONE"));
        asShown.put("contactResult", Map.of("value", "REACHED"));
        asShown.put("contactNote", Map.of("value", "已核实"));
        assertThat(post("zhangli", "/engine-rest/task/" + task.getId() + "/submit-form",
                Map.of("variables", asShown)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void shouldRefuseAValueTheEngineCouldNotReadByItsFieldAndStoreNothing() {
        Task task = firstContact();
        String submit = "/engine-rest/task/" + task.getId() + "/submit-form";
        post("zhangli", "/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "zhangli"));

        // a note sent as JSON that is not JSON: stored, every listener reading it failed (a server error)
        ResponseEntity<String> notJson = post("zhangli", submit, Map.of("variables", Map.of(
                "contactResult", Map.of("value", "REACHED"), "contactNote", Map.of("type", "Json", "value", "{"))));
        assertThat(notJson.getStatusCode()).as(notJson.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notJson.getBody()).contains("无法读取").contains("联系记录").contains("不是有效的 JSON");
        // a read-only field sent so: the same refusal, not a server error
        ResponseEntity<String> channel = post("zhangli", submit, Map.of("variables", Map.of(
                "contactResult", Map.of("value", "REACHED"), "channel", Map.of("type", "Json", "value", "PHONE"))));
        assertThat(channel.getStatusCode()).as(channel.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(channel.getBody()).contains("来源渠道").contains("不是有效的 JSON");
        ResponseEntity<String> xml = post("zhangli", submit, Map.of("variables", Map.of(
                "contactResult", Map.of("value", "REACHED"), "contactNote", Map.of("type", "Xml", "value", "<a"))));
        assertThat(xml.getStatusCode()).as(xml.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(xml.getBody()).contains("联系记录").contains("表单不接受 XML 值");
        // a value the REST API cannot convert to its type: said in Chinese with the value
        ResponseEntity<String> date = post("zhangli", submit, Map.of("variables", Map.of(
                "contactResult", Map.of("value", "REACHED"), "contactNote", Map.of("type", "Date", "value", "昨天"))));
        assertThat(date.getStatusCode()).as(date.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(date.getBody()).contains("值“昨天”不是有效的 Date 类型的值").doesNotContain("Cannot");

        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isOne();
        assertThat(engine.getTaskService().getVariable(task.getId(), "contactNote")).isNull();
        assertThat(engine.getTaskService().getVariable(task.getId(), "channel")).isEqualTo("PHONE");
        // a list as Tasklist sends it (valid JSON) is not what is refused: here the note is simply a text
        assertThat(post("zhangli", submit, Map.of("variables", Map.of("contactResult", Map.of("value", "REACHED"),
                "contactNote", Map.of("value", "已核实")))).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void shouldRefuseAHugeDeploymentBeforeReadingIt() throws Exception {
        long deployments = engine.getRepositoryService().createDeploymentQuery().count();
        java.net.URI root = java.net.URI.create(http.getRootUri());
        String auth = java.util.Base64.getEncoder().encodeToString("zhengkai:demo".getBytes());
        // a teacher announces 250 MB and sends a little of it: the answer comes at once, nothing is read or stored
        try (java.net.Socket socket = new java.net.Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(("POST /engine-rest/deployment/create HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                    + auth + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 250000000\r\n\r\n"
                    + "--x\r\nContent-Disposition: form-data; name=\"data\"; filename=\"big.dmn\"\r\n\r\naaaa")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            // the headers, then the JSON body; the connection stays open while the server drains what was sent
            StringBuilder answer = new StringBuilder();
            for (int c = in.read(); c >= 0; c = in.read()) {
                answer.append((char) c);
                if (c == '}') {
                    break;
                }
            }
            assertThat(answer.toString()).startsWith("HTTP/1.1 413").contains("Connection: close")
                    .contains("请求内容过大：最多 10 MB");
        }
        assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
    }

    @Test
    void shouldGiveAnOutsiderNothingButALogin() {
        for (String path : List.of("/api/customers/1001", "/api/teams", "/api/reports/funnel?from=2026-01-01&to=2026-12-31",
                "/engine-rest/task", "/engine-rest/process-instance", "/engine-rest/deployment")) {
            ResponseEntity<String> anonymous = http.getForEntity(path, String.class);
            assertThat(anonymous.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            // an account that does not exist (a real one would be throttled for the other tests)
            ResponseEntity<String> guessed = http.withBasicAuth("intruder", "guess" + Leads.newPhone())
                    .getForEntity(path, String.class);
            assertThat(guessed.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        JsonNode campuses = http.withBasicAuth("zhangli", "demo").getForObject("/api/campuses", JsonNode.class);
        assertThat(campuses).isNotEmpty();
    }
}
