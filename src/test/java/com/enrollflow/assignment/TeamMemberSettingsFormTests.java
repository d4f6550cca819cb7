package com.enrollflow.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.enrollflow.testsupport.Assignments;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.StartForms;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Tasklist start form 团队成员设置 (team-member-settings.bpmn, decision 677), submitted as Tasklist sends it: a sales
 * supervisor adds a new colleague to a team, brings a member back from leave and changes a capacity without the API.
 */
@EnrollFlowTest
class TeamMemberSettingsFormTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    Assignments assignments;
    @Autowired
    TeamRepository teams;
    @Autowired
    ProcessEngine engine;

    private static Map<String, Object> form(String team, String member, String status, Object capacity) {
        Map<String, Object> form = new HashMap<>();
        form.put("team", team);
        form.put("member", member);
        form.put("status", status);
        form.put("capacity", capacity);
        return form;
    }

    private ResponseEntity<JsonNode> submit(String user, Map<String, Object> form) {
        return StartForms.submit(http, user, "teamMemberSettings", form);
    }

    private String told(ResponseEntity<JsonNode> done) {
        return StartForms.told(engine, done);
    }

    @Test
    void shouldAddANewColleagueByNameAndBringAMemberBackFromLeave() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "chenjing");
        String newcomer = assignments.newConsultant("BJ-HD");

        // a new colleague needs a capacity; nothing is stored without it
        assertThat(StartForms.refusal(submit("sunqiang", form("测试组" + team, newcomer, "ACTIVE", null))))
                .isEqualTo("提交内容有误：负责商机上限：新成员须填写负责商机上限（同时跟进中的商机最多多少个）");
        assertThat(teams.member(team, newcomer)).isEmpty();

        ResponseEntity<JsonNode> added = submit("sunqiang", form("测试组" + team, newcomer, "ACTIVE", 25L));
        assertThat(told(added)).isEqualTo("测试组" + team + "的离职（" + newcomer + "）已加入团队：在职，负责商机上限 25 个。");
        assertThat(teams.member(team, newcomer).orElseThrow()).extracting(TeamMember::status, TeamMember::capacity)
                .containsExactly(MemberStatus.ACTIVE, 25);
        HistoricProcessInstance instance = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(added.getBody().get("id").asText()).singleResult();
        assertThat(instance.getTenantId()).as("in the team's campus").isEqualTo("BJHD");

        // 休假 by name, the capacity left as it is; then back: new leads may reach her again
        assertThat(told(submit("sunqiang", form(team, "陈静", "ON_LEAVE", null))))
                .isEqualTo("测试组" + team + "的陈静（chenjing）已改为休假，负责商机上限 30 个（原为在职，30 个）。");
        assertThat(teams.member(team, "chenjing").orElseThrow().status()).isEqualTo(MemberStatus.ON_LEAVE);
        assertThat(told(submit("sunqiang", form(team, "chenjing", "ACTIVE", 40.0))))
                .isEqualTo("测试组" + team + "的陈静（chenjing）已改为在职，负责商机上限 40 个（原为休假，30 个）。");
        assertThat(teams.member(team, "chenjing").orElseThrow()).extracting(TeamMember::status, TeamMember::capacity)
                .containsExactly(MemberStatus.ACTIVE, 40);
    }

    @Test
    void shouldRefuseEachWrongFieldByNameAndChangeNothing() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "chenjing");
        long submissions = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("teamMemberSettings").count();

        assertThat(StartForms.refusal(submit("sunqiang", form(team, "chenjing", "LEFT", null))))
                .isEqualTo("提交内容有误：状态：成员离职请用“离职转交”：手上的商机、续费和催缴会一并转交，转交后状态即为离职");
        // 上海浦东's consultant is no colleague at 北京海淀
        assertThat(StartForms.refusal(submit("sunqiang", form(team, "徐明", "ACTIVE", 10L))))
                .isEqualTo("提交内容有误：成员：“徐明”既不是测试组" + team + "的成员，也不是本校区的课程顾问");
        // a front-desk colleague of the campus is no consultant
        assertThat(StartForms.refusal(submit("sunqiang", form(team, "zhaomin", "ACTIVE", 10L))))
                .startsWith("提交内容有误：成员：“zhaomin”既不是");
        assertThat(StartForms.refusal(submit("panlei", form(team, "chenjing", "ACTIVE", 10L))))
                .isEqualTo("提交内容有误：团队：您负责的校区没有销售团队“" + team + "”");
        assertThat(StartForms.refusal(submit("sunqiang", form(team, "chenjing", "ACTIVE", -1L))))
                .isEqualTo("提交内容有误：负责商机上限：应在 0 到 10000 之间");
        assertThat(StartForms.refusal(submit("sunqiang", form(team, "chenjing", "ACTIVE", 2.5))))
                .isEqualTo("提交内容有误：负责商机上限：应为整数：“2.5”");
        assertThat(submit("liwei", form(team, "chenjing", "ON_LEAVE", null)).getStatusCode())
                .as("a consultant cannot change the team").isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(teams.member(team, "chenjing").orElseThrow()).extracting(TeamMember::status, TeamMember::capacity)
                .containsExactly(MemberStatus.ACTIVE, 30);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("teamMemberSettings").count()).as("no refused submission stays")
                .isEqualTo(submissions);
    }
}
