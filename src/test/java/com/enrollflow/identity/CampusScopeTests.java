package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.approval.ApprovalService;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.pricing.QuoteRequest;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.StaffRole;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Campus data scope (校区数据范围) through the engine's doors: the engine REST API, Tasklist's and Cockpit's own API
 * (a real webapp session), filters, task work and history. A visit booked at 北京海淀 (BJ-HD) and one at 上海浦东
 * (SH-PD): each campus's staff see and work only theirs, head office (总部) sees both.
 */
@EnrollFlowTest
class CampusScopeTests {

    static final String ENGINE = "/engine-rest";
    static final String TASKLIST_API = "/camunda/api/engine/engine/default";

    @Autowired
    TestRestTemplate http;
    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Sales sales;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PricingService pricing;
    @Autowired
    ApprovalService approvals;

    /** Two consultation instances waiting at 登记到访 (front desk), one per campus. */
    record TwoVisits(ProcessInstance haidian, ProcessInstance pudong, Task haidianVisit, Task pudongVisit) {
        String ids() {
            return haidian.getId() + "," + pudong.getId();
        }
    }

    private TwoVisits twoVisits() {
        ProcessInstance haidian = bookedVisit(sales.ownedAt("BJ-HD", "liwei", "海淀学生", "ONE_ON_ONE",
                "hd" + Leads.newPhone() + "@example.com"), "liwei");
        ProcessInstance pudong = bookedVisit(sales.ownedAt("SH-PD", "xuming", "浦东学生", "ONE_ON_ONE",
                "pd" + Leads.newPhone() + "@example.com"), "xuming");
        return new TwoVisits(haidian, pudong, sales.task(haidian, "Task_RecordVisit"),
                sales.task(pudong, "Task_RecordVisit"));
    }

    private ProcessInstance bookedVisit(Sales.Owned o, String consultant) {
        ProcessInstance pi = sales.start("consultation", o, Map.of());
        leads.completeAs(consultant, sales.task(pi), Map.of("bookingOutcome", "BOOKED", "visitAt",
                OffsetDateTime.now().plusDays(2).truncatedTo(ChronoUnit.HOURS).withHour(10).toString()));
        return pi;
    }

    private List<String> engineTasks(String user, TwoVisits v) {
        JsonNode tasks = http.withBasicAuth(user, "demo").getForObject(
                ENGINE + "/task?taskDefinitionKey=Task_RecordVisit&processInstanceIdIn={ids}&maxResults=50", JsonNode.class,
                v.ids());
        return tasks.findValuesAsText("processInstanceId");
    }

    @Test
    void shouldGiveEachInstanceTheTenantOfItsCampus() {
        TwoVisits v = twoVisits();
        assertThat(v.haidian().getTenantId()).isEqualTo("BJHD");
        assertThat(v.pudong().getTenantId()).isEqualTo("SHPD");
        assertThat(v.haidianVisit().getTenantId()).isEqualTo("BJHD");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(v.pudong().getId()).singleResult().getTenantId()).isEqualTo("SHPD");
    }

    @Test
    void shouldShowEachFrontDeskOnlyItsCampusThroughTheEngineRestApi() {
        TwoVisits v = twoVisits();
        assertThat(engineTasks("zhaomin", v)).containsExactly(v.haidian().getId());
        assertThat(engineTasks("shenjia", v)).containsExactly(v.pudong().getId());
        assertThat(engineTasks("gaofeng", v)).as("head office").containsExactlyInAnyOrder(v.haidian().getId(),
                v.pudong().getId());

        JsonNode count = http.withBasicAuth("zhaomin", "demo").getForObject(
                ENGINE + "/task/count?processInstanceIdIn={ids}", JsonNode.class, v.ids());
        assertThat(count.get("count").asInt()).as("counts reveal nothing either").isEqualTo(1);

        ResponseEntity<String> other = http.withBasicAuth("zhaomin", "demo")
                .getForEntity(ENGINE + "/task/{id}", String.class, v.pudongVisit().getId());
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(other.getBody()).doesNotContain("浦东学生");
    }

    @Test
    void shouldNotLetAFrontDeskWorkAnotherCampusTask() {
        TwoVisits v = twoVisits();
        String pudongTask = v.pudongVisit().getId();
        ResponseEntity<String> claim = http.withBasicAuth("zhaomin", "demo")
                .postForEntity(ENGINE + "/task/{id}/claim", Map.of("userId", "zhaomin"), String.class, pudongTask);
        ResponseEntity<String> complete = http.withBasicAuth("zhaomin", "demo").postForEntity(
                ENGINE + "/task/{id}/complete", Map.of("variables", Map.of("visitOutcome", Map.of("value",
                        "VISITED"))), String.class, pudongTask);
        assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(complete.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(complete.getBody()).contains("不负责的校区").doesNotContain("浦东学生").doesNotContain(pudongTask);
        Task still = engine.getTaskService().createTaskQuery().taskId(pudongTask).singleResult();
        assertThat(still).isNotNull();
        assertThat(still.getAssignee()).isNull();

        ResponseEntity<String> own = http.withBasicAuth("shenjia", "demo")
                .postForEntity(ENGINE + "/task/{id}/claim", Map.of("userId", "shenjia"), String.class, pudongTask);
        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void shouldShowTasklistOnlyTheCampusTasksThroughItsOwnApiAndFilters() {
        TwoVisits v = twoVisits();
        WebappSession zhaomin = WebappSession.loggedIn(port, "tasklist", "zhaomin", "demo");
        JsonNode listed = zhaomin.json(TASKLIST_API + "/task?maxResults=50&processInstanceIdIn=" + v.ids());
        assertThat(listed.findValuesAsText("processInstanceId")).containsExactly(v.haidian().getId());

        String frontDeskFilter = filterId(zhaomin, "前台待办");
        WebappSession.Response filtered = zhaomin.post(TASKLIST_API + "/filter/" + frontDeskFilter
                + "/list?maxResults=50", Map.of("processInstanceIdIn", List.of(v.haidian().getId(), v.pudong().getId())));
        assertThat(filtered.status()).isEqualTo(200);
        assertThat(filtered.body().toString()).contains(v.haidian().getId()).doesNotContain(v.pudong().getId())
                .doesNotContain("浦东学生");

        WebappSession gaofeng = WebappSession.loggedIn(port, "tasklist", "gaofeng", "demo");
        String all = filterId(gaofeng, "全部校区待办");
        assertThat(gaofeng.post(TASKLIST_API + "/filter/" + all + "/list?maxResults=50",
                Map.of("processInstanceIdIn", List.of(v.haidian().getId(), v.pudong().getId()))).body().toString())
                .contains(v.haidian().getId(), v.pudong().getId());
    }

    @Test
    void shouldShowCockpitUsersOnlyTheirCampusInstancesHistoryAndVariables() {
        TwoVisits v = twoVisits();
        WebappSession sunqiang = WebappSession.loggedIn(port, "cockpit", "sunqiang", "demo");
        JsonNode running = sunqiang.json(TASKLIST_API + "/process-instance?maxResults=50&processInstanceIds=" + v.ids());
        assertThat(running.findValuesAsText("id")).containsExactly(v.haidian().getId());
        JsonNode history = sunqiang.json(TASKLIST_API + "/history/process-instance?maxResults=50&processInstanceIds=" + v.ids());
        assertThat(history.findValuesAsText("id")).containsExactly(v.haidian().getId());

        HttpResponse<String> foreign = sunqiang.get(TASKLIST_API + "/process-instance/" + v.pudong().getId()
                + "/variables");
        assertThat(foreign.statusCode()).isIn(403, 404);
        assertThat(foreign.body()).doesNotContain("浦东学生");
        JsonNode own = sunqiang.json(TASKLIST_API + "/process-instance/" + v.haidian().getId() + "/variables");
        assertThat(own.get("customerName").get("value").asText()).isEqualTo("海淀学生");

        JsonNode pudongDirector = http.withBasicAuth("caiwen", "demo").getForObject(
                ENGINE + "/history/variable-instance?processInstanceIdIn={ids}&variableName=opportunityId&maxResults=50",
                JsonNode.class, v.ids());
        assertThat(pudongDirector.findValuesAsText("value")).as("the history of Pudong's instance only")
                .isNotEmpty().containsOnly(v.pudong().getBusinessKey());
        // the name every task shows is a copy of the customer record: the engine's history does not keep it
        JsonNode names = http.withBasicAuth("gaofeng", "demo").getForObject(
                ENGINE + "/history/variable-instance?processInstanceIdIn={ids}&variableName=customerName&maxResults=50",
                JsonNode.class, v.ids());
        assertThat(names.findValuesAsText("value")).isEmpty();
    }

    @Test
    void shouldShowCampusManagersTheOpenTasksOfTheirCampusInCockpitButNotAnotherCampusOrAColleagueTheirs() {
        TwoVisits v = twoVisits();
        // Cockpit's dashboard (未完成的人工任务) and an instance's 人工任务 tab ask the engine's task API
        for (String manager : List.of("sunqiang", "zhouhua")) {
            WebappSession cockpit = WebappSession.loggedIn(port, "cockpit", manager, "demo");
            JsonNode tab = cockpit.json(TASKLIST_API + "/task?maxResults=50&processInstanceId=" + v.haidian().getId());
            assertThat(tab.findValuesAsText("id")).as("%s sees the visit of the campus", manager)
                    .containsExactly(v.haidianVisit().getId());
            JsonNode foreign = cockpit.json(TASKLIST_API + "/task?maxResults=50&processInstanceId="
                    + v.pudong().getId());
            assertThat(foreign.findValuesAsText("id")).as("%s, another campus", manager).isEmpty();
            assertThat(cockpit.post(TASKLIST_API + "/task/count", Map.of()).body().get("count").asLong())
                    .as("%s's dashboard count", manager).isPositive();
        }
        // a consultant still sees only the tasks given to them, not a colleague's of the same campus
        Sales.Owned colleague = sales.ownedAt("BJ-HD", "chenjing", "海淀同事的客户", "ONE_ON_ONE", null);
        ProcessInstance theirs = sales.start("consultation", colleague, Map.of());
        JsonNode seen = http.withBasicAuth("liwei", "demo").getForObject(
                ENGINE + "/task?processInstanceId={id}&maxResults=50", JsonNode.class, theirs.getId());
        assertThat(seen.findValuesAsText("id")).isEmpty();
        ResponseEntity<String> work = http.withBasicAuth("zhouhua", "demo").postForEntity(
                ENGINE + "/task/{id}/claim", Map.of("userId", "zhouhua"), String.class, v.haidianVisit().getId());
        assertThat(work.getStatusCode()).as("reading a task is not working it").isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void shouldListTheCampusLateTasksWhoeverHoldsThemToItsManagersInTasklist() {
        // a consultant's 预约到访 past its due date at each campus, and one still in time at 北京海淀
        Sales.Owned late = sales.ownedAt("BJ-HD", "liwei", "海淀逾期客户", "ONE_ON_ONE", null);
        Task haidianLate = sales.task(sales.start("consultation", late, Map.of()));
        Task haidianInTime = sales.task(sales.start("consultation",
                sales.ownedAt("BJ-HD", "chenjing", "海淀未逾期客户", "ONE_ON_ONE", null), Map.of()));
        Task pudongLate = sales.task(sales.start("consultation",
                sales.ownedAt("SH-PD", "xuming", "浦东逾期客户", "ONE_ON_ONE", null), Map.of()));
        Date yesterday = Date.from(Instant.now().minus(1, ChronoUnit.DAYS));
        engine.getTaskService().setDueDate(haidianLate.getId(), yesterday);
        engine.getTaskService().setDueDate(pudongLate.getId(), yesterday);
        engine.getTaskService().setDueDate(haidianInTime.getId(), Date.from(Instant.now().plus(3, ChronoUnit.DAYS)));
        List<String> ids = List.of(haidianLate.getId(), haidianInTime.getId(), pudongLate.getId());

        for (String manager : List.of("sunqiang", "zhouhua")) {
            WebappSession tasklist = WebappSession.loggedIn(port, "tasklist", manager, "demo");
            WebappSession.Response listed = tasklist.post(TASKLIST_API + "/filter/"
                    + filterId(tasklist, "本校区逾期任务") + "/list?maxResults=50", Map.of("taskIdIn", ids));
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.body().findValuesAsText("id")).as("%s's 本校区逾期任务", manager)
                    .containsExactly(haidianLate.getId());
        }
    }

    @Test
    void shouldCountInCockpitOnlyTheCampusOwnInstances() {
        TwoVisits v = twoVisits();
        String definition = v.haidian().getProcessDefinitionId();
        var runtime = engine.getRuntimeService();
        long haidian = runtime.createProcessInstanceQuery().processDefinitionId(definition).tenantIdIn("BJHD").count();
        long pudong = runtime.createProcessInstanceQuery().processDefinitionId(definition).tenantIdIn("SHPD").count();
        assertThat(haidian).isPositive();
        assertThat(pudong).isPositive();

        // Cockpit's own instance list (its plugin API) and the engine's per-definition statistics it shows
        for (var expected : Map.of("sunqiang", haidian, "panlei", pudong).entrySet()) {
            WebappSession cockpit = WebappSession.loggedIn(port, "cockpit", expected.getKey(), "demo");
            WebappSession.Response count = cockpit.post(
                    "/camunda/api/cockpit/plugin/base/default/process-instance/count",
                    Map.of("processDefinitionId", definition));
            assertThat(count.body().get("count").asLong()).as(expected.getKey()).isEqualTo(expected.getValue());
            JsonNode statistics = cockpit.json(TASKLIST_API + "/process-definition/statistics");
            long shown = 0;
            for (JsonNode row : statistics) {
                if (row.get("id").asText().equals(definition)) {
                    shown = row.get("instances").asLong();
                }
            }
            assertThat(shown).as("%s's statistics", expected.getKey()).isEqualTo(expected.getValue());
        }
    }

    /** The unclaimed tasks of a candidate group as {@code user} reads Cockpit's 按组分配 (the engine's task report). */
    private int groupCount(String user, String group) {
        ResponseEntity<JsonNode> report = http.withBasicAuth(user, user.equals("admin") ? "admin" : "demo")
                .getForEntity(ENGINE + "/task/report/candidate-group-count", JsonNode.class);
        assertThat(report.getStatusCode()).as("%s reads the report", user).isEqualTo(HttpStatus.OK);
        for (JsonNode row : report.getBody()) {
            if (group.equals(row.path("groupName").asText(null))) {
                return row.get("taskCount").asInt();
            }
        }
        return 0;
    }

    /**
     * Cockpit's 人工任务 page counts the unclaimed tasks per group (按组分配) with the engine's report, which only a
     * user who may read every task could run: every other Cockpit user saw an error there. Now each counts what the
     * panel 按类型分配 beside it counts, the open tasks of the history they may read: each campus's supervisor its
     * campus's visit, head office both, marketing (no process history) none, the administrator the engine's own.
     */
    @Test
    void shouldCountTheUnclaimedTasksPerGroupWithinWhatTheCallerMayRead() {
        String frontDesk = StaffRole.FRONT_DESK.groupId();
        List<String> callers = List.of("sunqiang", "panlei", "gaofeng", "hanmei", "admin");
        Map<String, Integer> before = new java.util.HashMap<>();
        callers.forEach(user -> before.put(user, groupCount(user, frontDesk)));

        twoVisits();

        Map<String, Integer> added = new java.util.HashMap<>();
        callers.forEach(user -> added.put(user, groupCount(user, frontDesk) - before.get(user)));
        assertThat(added).as("new 前台 tasks each caller counts").containsEntry("sunqiang", 1)
                .containsEntry("panlei", 1).containsEntry("gaofeng", 2).containsEntry("admin", 2)
                .as("marketing reads no process history").containsEntry("hanmei", 0);

        // the page itself, through Cockpit's session, for a director of one campus: the same count as 按类型分配's
        WebappSession cockpit = WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo");
        HttpResponse<String> page = cockpit.get(TASKLIST_API + "/task/report/candidate-group-count");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        long byGroups = 0;
        long withoutGroup = 0;
        for (JsonNode row : cockpit.json(TASKLIST_API + "/task/report/candidate-group-count")) {
            if (row.path("groupName").isNull()) {
                withoutGroup = row.get("taskCount").asLong();
            } else {
                byGroups += row.get("taskCount").asLong();
            }
        }
        String byType = TASKLIST_API + "/history/task/count?unfinished=true&unassigned=true&";
        long offered = cockpit.json(byType + "withCandidateGroups=true").get("count").asLong();
        assertThat(byGroups).as("按组分配 covers 按类型分配's 已分配给一个或多个组 (a task may have two groups)")
                .isGreaterThanOrEqualTo(offered).isPositive();
        assertThat(withoutGroup).as("按组分配's 无组 is 按类型分配's 未分配")
                .isEqualTo(cockpit.json(byType + "withoutCandidateGroups=true").get("count").asLong());
    }

    @Test
    void shouldKeepATeacherToTheStudentsNameNeverTheFamilysPhone() {
        Sales.Owned o = sales.ownedAt("BJ-HD", "liwei", "郑同学", "ONE_ON_ONE", null);
        ProcessInstance pi = bookedVisit(o, "liwei");
        Task visit = sales.task(pi, "Task_RecordVisit");
        assertThat(engine.getTaskService().getVariablesLocal(visit.getId())).as("front desk calls families")
                .containsKeys("customerName", "phoneDisplay");
        leads.completeAs("zhaomin", visit, Map.of("visitOutcome", "VISITED"));
        Task test = sales.task(pi, "Task_RecordPlacementTest");

        JsonNode taskVariables = http.withBasicAuth("zhengkai", "demo")
                .getForObject(ENGINE + "/task/{id}/form-variables", JsonNode.class, test.getId());
        assertThat(taskVariables.get("customerName").get("value").asText()).isEqualTo("郑同学");
        assertThat(taskVariables.has("phoneDisplay")).isFalse();
        assertThat(taskVariables.toString()).doesNotContain("+86");

        ResponseEntity<String> instance = http.withBasicAuth("zhengkai", "demo")
                .getForEntity(ENGINE + "/process-instance/{id}/variables", String.class, pi.getId());
        assertThat(instance.getStatusCode().is2xxSuccessful()).as(instance.getBody()).isFalse();
        JsonNode historic = http.withBasicAuth("zhengkai", "demo").getForObject(
                ENGINE + "/history/variable-instance?processInstanceId={id}&maxResults=50", JsonNode.class, pi.getId());
        assertThat(historic).as("no sales history for teachers").isEmpty();
    }

    @Test
    void shouldLetOnlyTheCampusOwnDirectorsApproveAndMailThemAlone() {
        Sales.Owned o = sales.ownedAt("SH-PD", "xuming", "浦东审批", "ONE_ON_ONE", null);
        Quote q = sales.quote(o, new BigDecimal("2128.00"), InstallmentPlan.FULL); // 20 %: supervisor, then director
        ProcessInstance pi = sales.start("discountApproval", o, Map.of("quoteId", q.id(), "discountPercent",
                q.discountPercent().doubleValue(), "discountAmount", q.extraDiscount().doubleValue()));
        Task supervisor = sales.task(pi);
        assertThatThrownBy(() -> leads.completeAs("sunqiang", supervisor, Map.of("discountDecision", "APPROVE")))
                .as("a 海淀 supervisor").isInstanceOf(AuthorizationException.class).hasMessageContaining("不负责的校区");
        leads.completeAs("panlei", supervisor, Map.of("discountDecision", "APPROVE"));

        Task director = sales.task(pi);
        assertThat(director.getTenantId()).isEqualTo("SHPD");
        assertThatThrownBy(() -> leads.completeAs("zhouhua", director, Map.of("discountDecision", "APPROVE")))
                .as("a 海淀 director").isInstanceOf(AuthorizationException.class).hasMessageContaining("不负责的校区");
        List<String> mailedDirectors = jdbc.sql("select recipient from notification where dedupe_key like ?")
                .param("approval:" + q.id() + ":campusDirector:%").query(String.class).list();
        assertThat(mailedDirectors).containsExactly("caiwen@demo.enrollflow.local");
        leads.completeAs("caiwen", director, Map.of("discountDecision", "APPROVE"));
        assertThat(pi).hasPassed("EndEvent_DiscountApproved");
    }

    @Test
    void shouldNeverLetTheMakerOfAQuoteApproveIt() {
        Sales.Owned o = sales.ownedAt("BJ-HD", "liwei", "自批报价", "ONE_ON_ONE", null);
        Quote own = pricing.createQuote(new QuoteRequest(o.opportunityId(), "BJ-HD", ProductLine.ONE_ON_ONE,
                Grade.J2, Subject.MATH, TeacherLevel.SENIOR, 40, "PKG40", null, List.of(), new BigDecimal("1064.00"),
                "主管自己做的方案", "sunqiang", null));
        ProcessInstance pi = sales.start("discountApproval", o, Map.of("quoteId", own.id(), "discountPercent",
                own.discountPercent().doubleValue(), "discountAmount", own.extraDiscount().doubleValue()));
        assertThatThrownBy(() -> leads.completeAs("sunqiang", sales.task(pi), Map.of("discountDecision", "APPROVE")))
                .hasMessageContaining("不能审批自己制定的报价");
        assertThat(approvals.state(own.id()).orElseThrow().decisions()).isEmpty();
    }

    private static String filterId(WebappSession session, String name) {
        for (JsonNode f : session.json(TASKLIST_API + "/filter?maxResults=50")) {
            if (f.get("name").asText().equals(name)) {
                return f.get("id").asText();
            }
        }
        throw new AssertionError("no filter " + name);
    }
}
