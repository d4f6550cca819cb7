package com.enrollflow.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
 * The Tasklist start form 销售团队设置 (team-settings.bpmn, decision 682), submitted as Tasklist sends it: a sales
 * supervisor changes the team's person strategy and claim hold cap without the API, and the next lead follows it.
 */
@EnrollFlowTest
class TeamSettingsFormTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    Assignments assignments;
    @Autowired
    TeamRepository teams;
    @Autowired
    ProcessEngine engine;

    private static Map<String, Object> form(String team, String strategy, Object claimHoldCap) {
        Map<String, Object> form = new HashMap<>();
        form.put("team", team);
        form.put("strategy", strategy);
        form.put("claimHoldCap", claimHoldCap);
        return form;
    }

    private ResponseEntity<JsonNode> submit(String user, Map<String, Object> form) {
        return StartForms.submit(http, user, "teamSettings", form);
    }

    private String told(ResponseEntity<JsonNode> done) {
        return StartForms.told(engine, done);
    }

    @Test
    void shouldLetTheSupervisorDesignateTheNextLeadOnceTheStrategySaysSo() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "liwei", "chenjing");

        assertThat(told(submit("sunqiang", form("测试组" + team, "SUPERVISOR_DESIGNATES", null)))).isEqualTo("测试组"
                + team + "：分配策略已改为主管指定（原为平均分批），之后分配的商机按此策略；领取上限仍为 5 条。");

        assertThat(teams.find(team).orElseThrow().strategy()).isEqualTo(AssignmentStrategy.SUPERVISOR_DESIGNATES);
        ProcessInstance next = assignments.start(assignments.intentOpportunity(), team);
        assertThat(next).as("nobody is pushed the lead: the supervisor designates").isWaitingAt("Task_DesignateOwner");

        assertThat(told(submit("sunqiang", form(team, null, 3L)))).isEqualTo("测试组" + team
                + "：分配策略仍为主管指定，之后分配的商机按此策略；领取上限已改为 3 条（原为 5 条）。");
        Team saved = teams.find(team).orElseThrow();
        assertThat(saved.claimHoldCap()).isEqualTo(3);
        assertThat(saved.campusCode()).isEqualTo("BJ-HD");
        assertThat(saved.active()).isTrue();
    }

    @Test
    void shouldStopATeamSoItsNextLeadGoesToTheSupervisorAndStartItAgain() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "liwei");
        Map<String, Object> stop = form(team, null, null);
        stop.put("teamStatus", "INACTIVE");

        assertThat(told(submit("sunqiang", stop))).isEqualTo("测试组" + team + "：分配策略仍为平均分批，之后分配的商机按此策略；"
                + "领取上限仍为 5 条；团队已停用：之后按分配规则分到本团队的新商机交由校区销售主管指定负责人，"
                + "已分配的商机和团队池中的商机不变，成员照常跟进和领取。");
        assertThat(teams.find(team).orElseThrow().active()).isFalse();
        ProcessInstance stopped = assignments.start(assignments.intentOpportunity(), team);
        assertThat(stopped).as("李伟 is not pushed a stopped team's lead").isWaitingAt("Task_DesignateOwner");

        Map<String, Object> again = form(team, null, null);
        again.put("teamStatus", "启用");
        assertThat(told(submit("sunqiang", again))).endsWith("领取上限仍为 5 条；团队已启用：之后按分配规则分到本团队的新商机"
                + "再由本团队分配。");
        assertThat(teams.find(team).orElseThrow().active()).isTrue();
        ProcessInstance next = assignments.start(assignments.intentOpportunity(), team);
        assertThat(next).isWaitingAt("Task_MakeFirstContact");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(next.getId()).singleResult()
                .getAssignee()).isEqualTo("liwei");
    }

    @Test
    void shouldRefuseEachWrongFieldByNameAndChangeNothing() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "chenjing");
        long submissions = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("teamSettings").count();

        assertThat(StartForms.refusal(submit("sunqiang", form(team, null, null))))
                .isEqualTo("提交内容有误：分配策略：请选择新的分配策略、填写领取上限，或选择团队状态");
        Map<String, Object> unknownStatus = form(team, null, null);
        unknownStatus.put("teamStatus", "暂停");
        assertThat(StartForms.refusal(submit("sunqiang", unknownStatus)))
                .isEqualTo("提交内容有误：团队状态：“暂停”不是团队状态；可选：启用、停用");
        assertThat(StartForms.refusal(submit("sunqiang", form(team, "随便分", 0L))))
                .startsWith("提交内容有误：分配策略：").contains("随便分", "平均分批").endsWith("；领取上限：应在 1 到 1000 之间");
        assertThat(StartForms.refusal(submit("panlei", form(team, "BATCH_AVERAGE", null))))
                .as("上海浦东's supervisor").isEqualTo("提交内容有误：团队：您负责的校区没有销售团队“" + team + "”");
        assertThat(submit("liwei", form(team, "BATCH_AVERAGE", null)).getStatusCode())
                .as("a consultant cannot change the team").isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(teams.find(team).orElseThrow()).extracting(Team::strategy, Team::claimHoldCap, Team::active)
                .containsExactly(AssignmentStrategy.FEWEST_OPEN, 5, true);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("teamSettings").count()).as("no refused submission stays")
                .isEqualTo(submissions);
    }
}
