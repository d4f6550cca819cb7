package com.enrollflow.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.enrollflow.testsupport.Assignments;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;
import com.fasterxml.jackson.databind.JsonNode;

/** /api/teams, hand-over, recycle exemption and the activity counts, through the real HTTP stack. */
@EnrollFlowTest
class TeamApiTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    Assignments assignments;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Leads leads;
    @Autowired
    Sales sales;

    @Test
    void shouldListTheDemoTeamsWithTheirStrategiesAndMembers() {
        // head office (总部) sees every campus's teams; a campus supervisor only theirs (CampusScopeApiTests)
        JsonNode teams = http.withBasicAuth("gaofeng", "demo").getForObject("/api/teams", JsonNode.class);
        assertThat(teams.findValuesAsText("strategy")).contains("SUPERVISOR_DESIGNATES", "FEWEST_OPEN",
                "BATCH_AVERAGE", "ROUND_ROBIN_CLAIM", "ABILITY_AVERAGE", "NEVER_SAME_PERSON", "BACK_TO_SAME_PERSON");
        JsonNode haidian = http.withBasicAuth("liwei", "demo").getForObject("/api/teams/BJHD1V1", JsonNode.class);
        assertThat(haidian.get("strategyLabel").asText()).isEqualTo("平均分批");
        assertThat(haidian.get("members").findValuesAsText("userId")).contains("liwei", "chenjing", "liuyang");
    }

    @Test
    void shouldLetOnlySupervisorsChangeTeamsAndNameEachBadField() {
        Map<String, Object> team = Map.of("name", "海淀冲刺组", "campus", "BJ-HD", "productLine", "CLASS",
                "strategy", "ROUND_ROBIN_CLAIM", "claimHoldCap", 3);
        assertThat(put("liwei", "/api/teams/HDSPRINT", team).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.exchange("/api/teams/HDSPRINT", HttpMethod.PUT, new HttpEntity<>(team), JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        ResponseEntity<JsonNode> bad = put("sunqiang", "/api/teams/HDSPRINT2", Map.of("name", "坏组", "campus", "NOWHERE",
                "productLine", "BOTH", "strategy", "ROUND_ROBIN_CLAIM"));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().toString()).contains("campus").contains("productLine");
        ResponseEntity<JsonNode> unknownStrategy = put("sunqiang", "/api/teams/HDSPRINT2", Map.of("name", "坏组",
                "campus", "BJ-HD", "productLine", "CLASS", "strategy", "LOTTERY"));
        assertThat(unknownStrategy.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.withBasicAuth("sunqiang", "demo").getForEntity("/api/teams/HDSPRINT2", JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<JsonNode> created = put("sunqiang", "/api/teams/HDSPRINT", team);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(created.getBody().get("strategyLabel").asText()).isEqualTo("轮询申领");

        ResponseEntity<JsonNode> notConsultant = put("sunqiang", "/api/teams/HDSPRINT/members/zhengkai",
                Map.of("status", "ACTIVE", "capacity", 20));
        assertThat(notConsultant.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notConsultant.getBody().toString()).contains("userId", "不是课程顾问组的用户");
        ResponseEntity<JsonNode> negative = put("sunqiang", "/api/teams/HDSPRINT/members/liwei",
                Map.of("status", "ACTIVE", "capacity", -1));
        assertThat(negative.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(negative.getBody().toString()).contains("capacity").as("in Chinese").contains("不能小于 0");

        JsonNode withMember = put("sunqiang", "/api/teams/HDSPRINT/members/liwei",
                Map.of("status", "ON_LEAVE", "capacity", 20)).getBody();
        assertThat(withMember.at("/members/0/userId").asText()).isEqualTo("liwei");
        assertThat(withMember.at("/members/0/statusLabel").asText()).isEqualTo("休假");
    }

    /**
     * Decision 660: a team with members keeps its campus, product line and member group (its members work there and
     * are of that group); before its first member a wrong line may be corrected. What a change leaves out stays.
     */
    @Test
    void shouldKeepWhatATeamIsOnceItHasMembersAndWhatAChangeLeavesOut() {
        String id = "HDFIX" + System.nanoTime() % 1_000_000;
        String url = "/api/teams/" + id;
        Map<String, Object> team = Map.of("name", "海淀固定组", "campus", "BJ-HD", "productLine", "CLASS",
                "strategy", "FEWEST_OPEN", "claimHoldCap", 3);
        assertThat(put("sunqiang", url, team).getStatusCode()).isEqualTo(HttpStatus.OK);
        // no member yet: the line typed wrong is corrected
        ResponseEntity<JsonNode> corrected = put("sunqiang", url, Map.of("name", "海淀固定组", "campus", "BJ-HD",
                "productLine", "ONE_ON_ONE", "strategy", "FEWEST_OPEN", "claimHoldCap", 3));
        assertThat(corrected.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(corrected.getBody().get("productLine").asText()).isEqualTo("ONE_ON_ONE");
        assertThat(put("sunqiang", url + "/members/liwei", Map.of("status", "ACTIVE", "capacity", 10))
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        // the administrator, who sees every campus, moves it to 上海浦东 as a call-centre team of classes: each refused
        ResponseEntity<JsonNode> moved = http.withBasicAuth("admin", "admin").exchange(url, HttpMethod.PUT,
                new HttpEntity<>(Map.of("name", "海淀固定组", "campus", "SH-PD", "productLine", "CLASS",
                        "strategy", "FEWEST_OPEN", "memberGroup", "callCenter")), JsonNode.class);
        assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(moved.getBody().toString()).contains("campus", "团队现属北京海淀校区（BJ-HD），已有成员或商机的团队不能更改",
                "productLine", "团队现为一对一产品线", "memberGroup", "团队成员现为课程顾问（consultant）", "请新建团队");
        JsonNode kept = http.withBasicAuth("sunqiang", "demo").getForObject(url, JsonNode.class);
        assertThat(kept.get("campus").asText()).isEqualTo("BJ-HD");
        assertThat(kept.get("productLine").asText()).isEqualTo("ONE_ON_ONE");
        assertThat(kept.get("memberGroup").asText()).isEqualTo("consultant");
        assertThat(kept.get("name").asText()).as("nothing of the refused change stored").isEqualTo("海淀固定组");

        // stopped, then renamed by a change that names neither active nor the cap: still stopped, still 3
        assertThat(put("sunqiang", url, Map.of("name", "海淀固定组", "campus", "BJ-HD", "productLine", "ONE_ON_ONE",
                "strategy", "FEWEST_OPEN", "active", false)).getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode renamed = put("sunqiang", url, Map.of("name", "海淀一对一组", "campus", "BJ-HD",
                "productLine", "ONE_ON_ONE", "strategy", "FEWEST_OPEN")).getBody();
        assertThat(renamed.get("name").asText()).isEqualTo("海淀一对一组");
        assertThat(renamed.get("active").asBoolean()).isFalse();
        assertThat(renamed.get("claimHoldCap").asInt()).isEqualTo(3);
        assertThat(renamed.get("memberGroup").asText()).isEqualTo("consultant");
    }

    /** The body's constraints beside the path's id constraint: each named in Chinese, not "Validation failure". */
    @Test
    void shouldNameEachBadFieldOfATeamChangeInChinese() {
        ResponseEntity<JsonNode> bad = put("sunqiang", "/api/teams/BJHD1V1", Map.of("name", "", "campus", "BJ-HD",
                "productLine", "ONE_ON_ONE", "strategy", "FEWEST_OPEN", "memberGroup", "teacher", "claimHoldCap", 0));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().toString()).doesNotContain("Validation failure").contains("请求中有字段不正确",
                "\"name\"", "\"memberGroup\"", "可选：consultant（课程顾问）、callCenter（呼叫中心）", "\"claimHoldCap\"");
        ResponseEntity<JsonNode> badId = put("sunqiang", "/api/teams/HD-BAD!", Map.of("name", "组", "campus", "BJ-HD",
                "productLine", "ONE_ON_ONE", "strategy", "FEWEST_OPEN"));
        assertThat(badId.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badId.getBody().toString()).doesNotContain("Validation failure").contains("teamId",
                "团队编号只能由 1 到 32 个字母或数字组成");
        JsonNode kept = http.withBasicAuth("sunqiang", "demo").getForObject("/api/teams/BJHD1V1", JsonNode.class);
        assertThat(kept.get("name").asText()).as("nothing stored").isNotEmpty();
        // the id of a team that exists, in other letters' case: not a second team (the browser review made one)
        ResponseEntity<JsonNode> twin = put("sunqiang", "/api/teams/bjhd1v1", Map.of("name", "小写组",
                "campus", "BJ-HD", "productLine", "CLASS", "strategy", "FEWEST_OPEN"));
        assertThat(twin.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(twin.getBody().toString()).contains("teamId", "已有团队 BJHD1V1", "编号只差大小写");
        assertThat(http.withBasicAuth("sunqiang", "demo").getForObject("/api/teams", JsonNode.class)
                .findValuesAsText("id")).doesNotContain("bjhd1v1");
    }

    @Test
    void shouldHandOverEveryOpenOpportunityAndItsTasksWhenAMemberLeaves() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "chenjing", "zhaolei");
        put("sunqiang", "/api/teams/" + team + "/members/zhaolei", Map.of("status", "ON_LEAVE", "capacity", 30));
        long first = assignments.intentOpportunity();
        long second = assignments.intentOpportunity();
        ProcessInstance p1 = assignments.start(first, team);
        ProcessInstance p2 = assignments.start(second, team);
        assertThat(assignments.owner(first)).isEqualTo("chenjing");
        assertThat(assignments.owner(second)).isEqualTo("chenjing");
        // a receiver named for the hand-over who has since moved to another role is refused by name
        engine.getIdentityService().deleteMembership("zhaolei", "consultant");
        try {
            ResponseEntity<JsonNode> teaches = post("sunqiang", "/api/teams/" + team + "/members/chenjing/hand-over",
                    Map.of("to", List.of("zhaolei")));
            assertThat(teaches.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(teaches.getBody().toString()).contains("\"to\"", "已不是课程顾问");
        } finally {
            engine.getIdentityService().createMembership("zhaolei", "consultant");
        }
        leads.completeAs("chenjing", assignments.task(p1), Map.of("firstContactOutcome", "CONTACTED",
                "contactNote", "已联系"));
        put("sunqiang", "/api/teams/" + team + "/members/zhaolei", Map.of("status", "ACTIVE", "capacity", 30));

        ResponseEntity<JsonNode> refused = post("liwei", "/api/teams/" + team + "/members/chenjing/hand-over",
                Map.of("to", List.of("zhaolei")));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        // marking her LEFT directly would leave both families with someone who is gone
        ResponseEntity<JsonNode> left = put("sunqiang", "/api/teams/" + team + "/members/chenjing",
                Map.of("status", "LEFT", "capacity", 0));
        assertThat(left.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(left.getBody().toString()).contains("status", "还有 2 个跟进中的商机", "离职转交");
        assertThat(assignments.owner(second)).isEqualTo("chenjing");

        ResponseEntity<JsonNode> moved = post("sunqiang", "/api/teams/" + team + "/members/chenjing/hand-over",
                Map.of("to", List.of("zhaolei")));
        assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(moved.getBody().findValuesAsText("to")).containsOnly("zhaolei");
        assertThat(moved.getBody()).hasSize(2);
        assertThat(assignments.owner(first)).isEqualTo("zhaolei");
        assertThat(assignments.owner(second)).isEqualTo("zhaolei");
        assertThat(assignments.task(p1).getTaskDefinitionKey()).isEqualTo("Task_FollowUpOpportunity");
        assertThat(assignments.task(p1).getAssignee()).isEqualTo("zhaolei");
        assertThat(assignments.task(p2).getAssignee()).isEqualTo("zhaolei");
        // the one who left can no longer see, read or work the tasks handed over (decision 596)
        String handed = assignments.task(p2).getId();
        String tasksOfP2 = "/engine-rest/task?maxResults=10&processInstanceId=" + p2.getId();
        assertThat(http.withBasicAuth("chenjing", "demo").getForObject(tasksOfP2, JsonNode.class))
                .as("not in her list").isEmpty();
        assertThat(http.withBasicAuth("chenjing", "demo").getForEntity("/engine-rest/task/" + handed
                + "/form-variables", JsonNode.class).getStatusCode().is2xxSuccessful()).as("nor its form").isFalse();
        ResponseEntity<JsonNode> completed = post("chenjing", "/engine-rest/task/" + handed + "/complete",
                Map.of("variables", Map.of("firstContactOutcome", Map.of("value", "RETURN"))));
        assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(assignments.task(p2).getId()).as("still zhaolei's, untouched").isEqualTo(handed);
        assertThat(http.withBasicAuth("zhaolei", "demo").getForObject(tasksOfP2, JsonNode.class))
                .as("in the receiver's list").hasSize(1);
        assertThat(engine.getRuntimeService().getVariable(p1.getId(), "consultantId")).isEqualTo("zhaolei");
        assertThat(assignments.history(first)).contains(AssignmentEventKind.HANDED_OVER);
        JsonNode teamView = http.withBasicAuth("sunqiang", "demo").getForObject("/api/teams/" + team, JsonNode.class);
        assertThat(teamView.get("members").findValuesAsText("status")).contains("LEFT");

        JsonNode history = http.withBasicAuth("sunqiang", "demo")
                .getForObject("/api/opportunities/" + first + "/assignments", JsonNode.class);
        assertThat(history.findValuesAsText("kind")).containsSubsequence("ASSIGNED", "FIRST_CONTACT", "HANDED_OVER");
    }

    /**
     * A hand-over in the middle of the sale (decision 537): the family booked its visit with liwei and did not come;
     * 处理未到访, created after the hand-over by the front desk's record, goes to the colleague, not to who left.
     */
    @Test
    void shouldGiveTheColleagueTheTasksTheSaleCreatesAfterTheHandOver() {
        String team = assignments.team(AssignmentStrategy.SUPERVISOR_DESIGNATES, "liwei", "chenjing");
        Sales.Owned o = sales.ownedIn(team, "liwei");
        ProcessInstance pi = sales.start("consultation", o, Map.of());
        leads.completeAs("liwei", sales.task(pi), Map.of("bookingOutcome", "BOOKED", "visitAt",
                OffsetDateTime.now().plusDays(2).truncatedTo(ChronoUnit.HOURS).withHour(10).toString()));

        ResponseEntity<JsonNode> moved = post("sunqiang", "/api/teams/" + team + "/members/liwei/hand-over",
                Map.of("to", List.of("chenjing"), "status", "ON_LEAVE"));
        assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(assignments.owner(o.opportunityId())).isEqualTo("chenjing");
        leads.completeAs("zhaomin", sales.task(pi, "Task_RecordVisit"), Map.of("visitOutcome", "NO_SHOW"));

        assertThat(sales.task(pi, "Task_HandleNoShow").getAssignee()).isEqualTo("chenjing");
    }

    @Test
    void shouldHandOverThroughTheStrategyAndMoveNothingWhenOneOpportunityCannotBePlaced() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, 5, 1, "liwei", "sunli");
        long id = assignments.intentOpportunity();
        ProcessInstance pi = assignments.start(id, team);
        assertThat(assignments.owner(id)).isEqualTo("liwei");
        long other = assignments.intentOpportunity();
        assignments.start(other, team);
        assertThat(assignments.owner(other)).isEqualTo("sunli"); // sunli is now at capacity 1

        ResponseEntity<JsonNode> full = post("sunqiang", "/api/teams/" + team + "/members/liwei/hand-over", Map.of());
        assertThat(full.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(full.getBody().get("detail").asText()).contains(String.valueOf(id));
        assertThat(assignments.owner(id)).isEqualTo("liwei");
        JsonNode teamView = http.withBasicAuth("sunqiang", "demo").getForObject("/api/teams/" + team, JsonNode.class);
        assertThat(teamView.get("members").findValuesAsText("status")).containsOnly("ACTIVE");

        put("sunqiang", "/api/teams/" + team + "/members/sunli", Map.of("status", "ACTIVE", "capacity", 5));
        ResponseEntity<JsonNode> moved = post("sunqiang", "/api/teams/" + team + "/members/liwei/hand-over",
                Map.of("status", "ON_LEAVE"));
        assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(assignments.owner(id)).isEqualTo("sunli");
        assertThat(assignments.task(pi).getAssignee()).isEqualTo("sunli");
    }

    @Test
    void shouldLockALeadAgainstRecyclingOnlyWithAReason() {
        long id = assignments.intentOpportunity();
        ResponseEntity<JsonNode> noReason = put("sunqiang", "/api/opportunities/" + id + "/recycle-exempt",
                Map.of("exempt", true));
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getBody().toString()).contains("reason");
        assertThat(put("liwei", "/api/opportunities/" + id + "/recycle-exempt", Map.of("exempt", true, "reason", "VIP"))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(put("sunqiang", "/api/opportunities/" + id + "/recycle-exempt", Map.of("exempt", true, "reason", "VIP"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(assignments.column(id, "recycle_exempt", Boolean.class)).isTrue();
    }

    @Test
    void shouldCountAssignmentsReturnsAndRecyclesPerTeamPersonAndDay() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "liwei", "chenjing");
        long a = assignments.intentOpportunity();
        ProcessInstance pa = assignments.start(a, team); // chenjing
        assignments.fireTimer(pa, "BoundaryEvent_FirstContactOverdue"); // recycled from chenjing → liwei
        long b = assignments.intentOpportunity();
        ProcessInstance pb = assignments.start(b, team); // chenjing (liwei holds one)
        leads.completeAs("chenjing", assignments.task(pb), Map.of("firstContactOutcome", "RETURN", "returnReason", "太远"));

        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        JsonNode rows = http.withBasicAuth("sunqiang", "demo").getForObject(
                "/api/reports/assignment-activity?from={f}&to={t}&teamId={team}", JsonNode.class, today, today, team);
        JsonNode chenjing = find(rows, "chenjing");
        assertThat(chenjing.get("assigned").asLong()).isEqualTo(2);
        assertThat(chenjing.get("recycled").asLong()).isEqualTo(1);
        assertThat(chenjing.get("returned").asLong()).isEqualTo(1);
        assertThat(find(rows, "liwei").get("assigned").asLong()).isEqualTo(1);
        JsonNode teamRow = find(rows, null);
        assertThat(teamRow.get("assigned").asLong()).isEqualTo(3);
        assertThat(teamRow.get("recycled").asLong()).isEqualTo(1);

        assertThat(http.withBasicAuth("liwei", "demo").getForEntity(
                "/api/reports/assignment-activity?from={f}&to={t}", JsonNode.class, today, today).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> backwards = http.withBasicAuth("sunqiang", "demo").getForEntity(
                "/api/reports/assignment-activity?from=2026-02-01&to=2026-01-01", JsonNode.class);
        assertThat(backwards.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private static JsonNode find(JsonNode rows, String user) {
        for (JsonNode row : rows) {
            if (user == null ? row.get("userId").isNull() : user.equals(row.get("userId").asText())) {
                return row;
            }
        }
        throw new AssertionError("no row for " + user + " in " + rows);
    }

    private ResponseEntity<JsonNode> put(String user, String url, Map<String, ?> body) {
        return http.withBasicAuth(user, "demo").exchange(url, HttpMethod.PUT, new HttpEntity<>(body), JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(String user, String url, Map<String, ?> body) {
        return http.withBasicAuth(user, "demo").exchange(url, HttpMethod.POST, new HttpEntity<>(body), JsonNode.class);
    }
}
