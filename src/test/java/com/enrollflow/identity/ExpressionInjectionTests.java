package com.enrollflow.identity;

import static com.enrollflow.testsupport.WebappSession.ENGINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.rest.dto.task.TaskQueryDto;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.reference.StaffRole;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.ExpressionTrace;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The engine's expression hole (docs/security.md) closed on every entry point: /engine-rest with HTTP Basic, the
 * webapps' API with a Tasklist session, filter execution, filter saving and the Java API. Every refusal is proven
 * to have evaluated nothing: the expression used calls {@link ExpressionTrace}, whose count must not move.
 */
@EnrollFlowTest
class ExpressionInjectionTests {

    private static final String TRACE = ExpressionTrace.EXPRESSION;
    private static final String FORBIDDEN = "查询中不允许使用表达式：";
    private static final String TEAM_FILTER = "呼叫中心待办";

    private record Caller(String user, String password) {
    }

    private static final List<Caller> CALLERS = List.of(new Caller("zhangli", "demo"), new Caller("admin", "admin"));
    private static final Map<String, WebappSession> SESSIONS = new HashMap<>();

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ExpressionTrace trace;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    private int evaluationsBefore;

    /** Every …Expression field of the REST task query, read from the engine's TaskQueryDto: none can be left out. */
    static List<String> expressionFields() {
        List<String> fields = Arrays.stream(TaskQueryDto.class.getMethods()).map(Method::getName)
                .filter(name -> name.startsWith("set") && name.endsWith("Expression"))
                .map(name -> Character.toLowerCase(name.charAt(3)) + name.substring(4)).distinct().sorted().toList();
        assertThat(fields).hasSizeGreaterThanOrEqualTo(20)
                .contains("assigneeExpression", "candidateGroupsExpression", "followUpBeforeOrNotExistentExpression");
        return fields;
    }

    @BeforeEach
    void countEvaluations() {
        evaluationsBefore = trace.evaluations();
    }

    @AfterEach
    void nothingWasEvaluated() {
        assertThat(trace.evaluations()).as("evaluations of " + TRACE).isEqualTo(evaluationsBefore);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expressionFields")
    void shouldRefuseTheFieldThroughTheEngineRestApi(String field) {
        for (Caller caller : CALLERS) {
            for (String path : List.of("/engine-rest/task?maxResults=50", "/engine-rest/task/count")) {
                assertRefused(rest(caller).postForEntity(path, inOrQuery(field), JsonNode.class),
                        "orQueries[0]." + field);
                assertRefused(rest(caller).postForEntity(path, topLevel(field), JsonNode.class), field);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expressionFields")
    void shouldRefuseTheFieldThroughTheWebappsApi(String field) {
        for (Caller caller : CALLERS) {
            WebappSession tasklist = session(caller);
            for (String path : List.of(ENGINE + "/task?maxResults=50", ENGINE + "/task/count")) {
                assertRefused(tasklist.post(path, inOrQuery(field)), "orQueries[0]." + field);
                assertRefused(tasklist.post(path, topLevel(field)), field);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expressionFields")
    void shouldRefuseTheFieldInAQueryThatExtendsAFilter(String field) {
        String filter = filterId(TEAM_FILTER);
        for (Caller caller : CALLERS) {
            WebappSession tasklist = session(caller);
            for (String action : List.of("/list?maxResults=50", "/count")) {
                String path = "/filter/" + filter + action;
                assertRefused(rest(caller).postForEntity("/engine-rest" + path, inOrQuery(field), JsonNode.class),
                        "orQueries[0]." + field);
                assertRefused(tasklist.post(ENGINE + path, inOrQuery(field)), "orQueries[0]." + field);
                assertRefused(rest(caller).postForEntity("/engine-rest" + path, topLevel(field), JsonNode.class),
                        field);
                assertRefused(tasklist.post(ENGINE + path, topLevel(field)), field);
            }
        }
    }

    @Test
    void shouldRefuseExpressionQueriesFromTheJavaApiWithAndWithoutAUser() {
        TaskService tasks = engine.getTaskService();
        FilterService filters = engine.getFilterService();
        String filter = filterId(TEAM_FILTER);
        List<Method> setters = Arrays.stream(TaskQuery.class.getMethods())
                .filter(m -> m.getName().endsWith("Expression") && m.getParameterCount() == 1
                        && m.getParameterTypes()[0] == String.class)
                .toList();
        assertThat(setters).hasSizeGreaterThanOrEqualTo(20);
        List<List<String>> authentications = new ArrayList<>();
        authentications.add(List.of("zhangli", StaffRole.CALL_CENTER.groupId()));
        authentications.add(List.of("admin", StaffRole.ADMIN_GROUP));
        authentications.add(null); // no user: internal code gets no exemption for ad-hoc queries
        IdentityService identity = engine.getIdentityService();
        for (List<String> authentication : authentications) {
            if (authentication != null) {
                identity.setAuthentication(authentication.get(0), authentication.subList(1, 2));
            }
            try {
                for (Method setter : setters) {
                    TaskQuery query = tasks.createTaskQuery();
                    call(setter, query.or()).endOr();
                    assertThatThrownBy(query::list).as(setter.getName()).isInstanceOf(BadUserRequestException.class)
                            .hasMessageStartingWith(FORBIDDEN + "orQueries[0].");
                    assertThatThrownBy(() -> filters.count(filter, query)).as(setter.getName())
                            .isInstanceOf(BadUserRequestException.class)
                            .hasMessageStartingWith(FORBIDDEN + "orQueries[0].");
                    TaskQuery top = call(setter, tasks.createTaskQuery());
                    assertThatThrownBy(top::count).as(setter.getName()).isInstanceOf(BadUserRequestException.class)
                            .hasMessageStartingWith(FORBIDDEN).hasMessageNotContaining("orQueries");
                    assertThatThrownBy(() -> filters.list(filter, top)).as(setter.getName())
                            .isInstanceOf(BadUserRequestException.class)
                            .hasMessageStartingWith(FORBIDDEN).hasMessageNotContaining("orQueries");
                }
            } finally {
                identity.clearAuthentication();
            }
        }
    }

    @Test
    void shouldLetOnlyAdminsAndTheSystemSaveFiltersWithExpressions() {
        FilterService filters = engine.getFilterService();
        AuthorizationService authorizations = engine.getAuthorizationService();
        // no staff user may create, change or delete any filter
        for (User user : engine.getIdentityService().createUserQuery().list()) {
            List<String> groups = groupsOf(user.getId());
            if (groups.contains(StaffRole.ADMIN_GROUP)) {
                continue;
            }
            assertThat(authorizations.isUserAuthorized(user.getId(), groups, Permissions.CREATE, Resources.FILTER,
                    "*")).as("%s may create filters", user.getId()).isFalse();
            for (Filter filter : filters.createFilterQuery().list()) {
                for (Permission p : List.of(Permissions.UPDATE, Permissions.DELETE)) {
                    assertThat(authorizations.isUserAuthorized(user.getId(), groups, p, Resources.FILTER,
                            filter.getId())).as("%s may %s %s", user.getId(), p, filter.getName()).isFalse();
                }
            }
        }

        // even a staff user someone granted UPDATE cannot put an expression into a filter
        Filter plain = filters.saveFilter(filters.newTaskFilter("表达式测试-普通")
                .setQuery(engine.getTaskService().createTaskQuery().taskName("表达式测试")));
        Authorization grant = grantUser("zhangli", plain.getId(), Permissions.READ, Permissions.UPDATE);
        try {
            ResponseEntity<JsonNode> top = rest(CALLERS.get(0)).exchange("/engine-rest/filter/{id}", HttpMethod.PUT,
                    new HttpEntity<>(filterBody("改名", topLevel("assigneeExpression"))), JsonNode.class,
                    plain.getId());
            assertThat(top.getStatusCode().value()).isEqualTo(400);
            assertThat(top.getBody().path("message").asText())
                    .isEqualTo("只有管理员可以保存带表达式的过滤器：assigneeExpression");
            ResponseEntity<JsonNode> or = rest(CALLERS.get(0)).exchange("/engine-rest/filter/{id}", HttpMethod.PUT,
                    new HttpEntity<>(filterBody("改名", inOrQuery("dueBeforeExpression"))), JsonNode.class,
                    plain.getId());
            assertThat(or.getBody().path("message").asText())
                    .isEqualTo("只有管理员可以保存带表达式的过滤器：orQueries[0].dueBeforeExpression");
            WebappSession.Response viaTasklist = session(CALLERS.get(0)).put(ENGINE + "/filter/" + plain.getId(),
                    filterBody("改名", topLevel("candidateUserExpression")));
            assertThat(viaTasklist.status()).isEqualTo(400);
            assertThat(viaTasklist.body().path("message").asText())
                    .isEqualTo("只有管理员可以保存带表达式的过滤器：candidateUserExpression");
            engine.getIdentityService().setAuthentication("zhangli", List.of(StaffRole.CALL_CENTER.groupId()));
            try {
                Filter viaJava = filters.getFilter(plain.getId())
                        .setQuery(engine.getTaskService().createTaskQuery().taskOwnerExpression(TRACE));
                assertThatThrownBy(() -> filters.saveFilter(viaJava)).isInstanceOf(BadUserRequestException.class)
                        .hasMessage("只有管理员可以保存带表达式的过滤器：ownerExpression");
            } finally {
                engine.getIdentityService().clearAuthentication();
            }
            // the same user may save it without one: the refusals above are the guard's, not a missing permission
            ResponseEntity<JsonNode> allowed = rest(CALLERS.get(0)).exchange("/engine-rest/filter/{id}",
                    HttpMethod.PUT, new HttpEntity<>(filterBody("改名", Map.of("name", "表达式测试"))), JsonNode.class,
                    plain.getId());
            assertThat(allowed.getStatusCode().value()).isEqualTo(204);
            TaskQuery stored = filters.getFilter(plain.getId()).getQuery();
            assertThat(((AbstractQuery<?, ?>) stored).getExpressions()).isEmpty();
        } finally {
            authorizations.deleteAuthorization(grant.getId());
            filters.deleteFilter(plain.getId());
        }

        // no caller from outside is "the system": both APIs refuse anonymous callers before the engine
        Map<String, Object> mine = filterBody("表达式测试-我的", topLevel("assigneeExpression", "${currentUser()}"));
        WebappSession anonymous = WebappSession.anonymous(port);
        assertThat(anonymous.post("/engine-rest/filter/create", mine).status()).isEqualTo(401);
        assertThat(anonymous.post(ENGINE + "/filter/create", mine).status()).isEqualTo(401);

        // an admin may, and staff run what the admin saved
        ResponseEntity<JsonNode> created = rest(CALLERS.get(1)).postForEntity("/engine-rest/filter/create", mine,
                JsonNode.class);
        assertThat(created.getStatusCode().value()).isEqualTo(200);
        String id = created.getBody().path("id").asText();
        Authorization read = grantUser("zhangli", id, Permissions.READ);
        try {
            ResponseEntity<JsonNode> count = rest(CALLERS.get(0)).postForEntity("/engine-rest/filter/{id}/count",
                    Map.of(), JsonNode.class, id);
            assertThat(count.getStatusCode().value()).isEqualTo(200);
            assertThat(count.getBody().has("count")).isTrue();
        } finally {
            authorizations.deleteAuthorization(read.getId());
            filters.deleteFilter(id);
        }
    }

    @Test
    void shouldRunTheStartUpFiltersForStaffButNotARowEditedBehindTheEngine() {
        TaskService tasks = engine.getTaskService();
        Task mine = newTask("表达式测试-我的", t -> t.setAssignee("zhangli"));
        Task overdue = newTask("表达式测试-逾期", t -> t.setDueDate(new Date(System.currentTimeMillis() - 86_400_000L)));
        tasks.addCandidateGroup(overdue.getId(), StaffRole.CALL_CENTER.groupId());
        Task claimable = newTask("表达式测试-可领取", t -> { });
        tasks.addCandidateUser(claimable.getId(), "zhangli");
        try {
            WebappSession tasklist = session(CALLERS.get(0));
            Map<String, Task> expected = Map.of(AccessSetup.MY_TASKS, mine, AccessSetup.OVERDUE, overdue,
                    AccessSetup.CLAIMABLE, claimable);
            expected.forEach((filterName, task) -> {
                String path = "/filter/" + filterId(filterName) + "/list?maxResults=50";
                ResponseEntity<JsonNode> viaRest = rest(CALLERS.get(0)).postForEntity("/engine-rest" + path, Map.of(),
                        JsonNode.class);
                assertThat(viaRest.getStatusCode().value()).as(filterName).isEqualTo(200);
                assertThat(viaRest.getBody().findValuesAsText("id")).as(filterName).contains(task.getId());
                WebappSession.Response viaTasklist = tasklist.post(ENGINE + path, Map.of());
                assertThat(viaTasklist.status()).as(filterName).isEqualTo(200);
                assertThat(viaTasklist.body().findValuesAsText("id")).as(filterName).contains(task.getId());
            });
        } finally {
            List.of(mine, overdue, claimable).forEach(t -> tasks.deleteTask(t.getId(), true));
        }

        // saved by the system, so trusted: its expression runs, which also shows the trace counts evaluations
        FilterService filters = engine.getFilterService();
        Filter edited = filters.saveFilter(filters.newTaskFilter("表达式测试-被改")
                .setQuery(tasks.createTaskQuery().taskAssigneeExpression(TRACE)));
        Authorization read = grantUser("zhangli", edited.getId(), Permissions.READ);
        try {
            String path = "/filter/" + edited.getId() + "/count";
            assertThat(rest(CALLERS.get(0)).postForEntity("/engine-rest" + path, Map.of(), JsonNode.class)
                    .getStatusCode().value()).isEqualTo(200);
            assertThat(trace.evaluations()).isEqualTo(evaluationsBefore + 1);
            evaluationsBefore++;

            // then its expression is changed in the database, behind the engine's back: it never runs
            int rows = jdbc.sql("update ACT_RU_FILTER set QUERY_ = replace(QUERY_, ?, ?) where ID_ = ?")
                    .params(TRACE, TRACE + "-edited", edited.getId()).update();
            assertThat(rows).isEqualTo(1);

            String untrusted = "过滤器中的表达式不是管理员保存的，不予执行：assigneeExpression";
            for (Caller caller : CALLERS) {
                ResponseEntity<JsonNode> viaRest = rest(caller).postForEntity("/engine-rest" + path, Map.of(),
                        JsonNode.class);
                assertThat(viaRest.getStatusCode().value()).isEqualTo(400);
                assertThat(viaRest.getBody().path("message").asText()).isEqualTo(untrusted);
                WebappSession.Response viaTasklist = session(caller).post(ENGINE + "/filter/" + edited.getId()
                        + "/list?maxResults=50", Map.of());
                assertThat(viaTasklist.status()).isEqualTo(400);
                assertThat(viaTasklist.body().path("message").asText()).isEqualTo(untrusted);
            }
            assertThatThrownBy(() -> filters.list(edited.getId())).isInstanceOf(BadUserRequestException.class)
                    .hasMessage(untrusted);
        } finally {
            engine.getAuthorizationService().deleteAuthorization(read.getId());
            filters.deleteFilter(edited.getId());
        }
    }

    private static void assertRefused(ResponseEntity<JsonNode> response, String path) {
        assertRefused(response.getStatusCode().value(), response.getBody(), path);
    }

    private static void assertRefused(WebappSession.Response response, String path) {
        assertRefused(response.status(), response.body(), path);
    }

    /** Camunda's error JSON, status 400, our message naming the field, no stack trace. */
    private static void assertRefused(int status, JsonNode body, String path) {
        assertThat(status).as("status for %s: %s", path, body).isEqualTo(400);
        assertThat(body.path("type").asText()).isEqualTo("BadUserRequestException");
        assertThat(body.path("message").asText()).isEqualTo(FORBIDDEN + path);
        assertThat(body.toString()).doesNotContain("stackTrace", "at org.");
    }

    private static Map<String, Object> topLevel(String field) {
        return topLevel(field, TRACE);
    }

    private static Map<String, Object> topLevel(String field, String expression) {
        return Map.of(field, expression);
    }

    private static Map<String, Object> inOrQuery(String field) {
        return Map.of("orQueries", List.of(Map.of(field, TRACE)));
    }

    private static Map<String, Object> filterBody(String name, Map<String, Object> query) {
        return Map.of("resourceType", "Task", "name", name, "query", query);
    }

    private TestRestTemplate rest(Caller caller) {
        return http.withBasicAuth(caller.user(), caller.password());
    }

    private WebappSession session(Caller caller) {
        synchronized (SESSIONS) {
            return SESSIONS.computeIfAbsent(caller.user() + "@" + port,
                    key -> WebappSession.login(port, caller.user(), caller.password()));
        }
    }

    private String filterId(String name) {
        return engine.getFilterService().createFilterQuery().filterName(name).singleResult().getId();
    }

    private List<String> groupsOf(String userId) {
        return engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
                .toList();
    }

    private Authorization grantUser(String userId, String filterId, Permission... permissions) {
        AuthorizationService authorizations = engine.getAuthorizationService();
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setUserId(userId);
        grant.setResource(Resources.FILTER);
        grant.setResourceId(filterId);
        for (Permission p : permissions) {
            grant.addPermission(p);
        }
        return authorizations.saveAuthorization(grant);
    }

    private Task newTask(String name, Consumer<Task> details) {
        Task task = engine.getTaskService().newTask();
        task.setName(name);
        details.accept(task);
        engine.getTaskService().saveTask(task);
        return task;
    }

    private static TaskQuery call(Method setter, TaskQuery query) {
        try {
            return (TaskQuery) setter.invoke(query, TRACE);
        } catch (InvocationTargetException e) {
            throw new AssertionError(setter.getName() + " refused the expression itself", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
