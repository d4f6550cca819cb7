package com.enrollflow.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.renewal.Renewal;
import com.enrollflow.renewal.Renewals;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.Assignments;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Sales;
import com.enrollflow.testsupport.StartForms;
import com.fasterxml.jackson.databind.JsonNode;

/** The Tasklist start form 离职转交 (member-hand-over.bpmn), submitted as Tasklist sends it. */
@EnrollFlowTest
class MemberHandOverFormTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    Assignments assignments;
    @Autowired
    Sales sales;
    @Autowired
    TeamRepository teams;
    @Autowired
    ProcessEngine engine;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    Renewals renewals;
    @Autowired
    SchedulingService scheduling;
    @Autowired
    JdbcClient jdbc;

    private static Map<String, Object> form(String team, String member, String status, String to) {
        Map<String, Object> form = new HashMap<>();
        form.put("team", team);
        form.put("member", member);
        form.put("status", status);
        form.put("to", to);
        return form;
    }

    private ResponseEntity<JsonNode> submit(String user, Map<String, Object> form) {
        return StartForms.submit(http, user, "memberHandOver", form);
    }

    private String teamWithLeaver(String leaver) {
        String team = assignments.team(AssignmentStrategy.SUPERVISOR_DESIGNATES, "chenjing", "sunli");
        teams.saveMember(team, leaver, MemberStatus.ACTIVE, 30, OffsetDateTime.now());
        return team;
    }

    @Test
    void shouldHandTheMembersLeadsToTheColleaguesNamedInTurnAndSayWhoGotWhat() {
        String leaver = assignments.newConsultant("BJ-HD");
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, leaver);
        // the first lead distributed to the leaver waits in their Tasklist for its first contact: the form runs as the
        // supervisor, who could not otherwise read a consultant's task or reassign it
        long firstId = assignments.intentOpportunity();
        ProcessInstance first = assignments.start(firstId, team);
        assertThat(assignments.task(first).getAssignee()).isEqualTo(leaver);
        Sales.Owned second = sales.ownedIn(team, leaver);
        // and a family's renewal the leaver is talking about, in a process the supervisor may not change by himself
        TeachingTestSupport.Schedule sold = teaching.contractWithSchedule(3, 1, 2);
        teaching.leaveOnly(sold.contract().contractId(), 8);
        jdbc.sql("update opportunity set owner_user = ? where id = ?").params(leaver, sold.contract().opportunityId())
                .update();
        Renewal renewal = renewals.request(sold.contract().contractId(), null, "chenxi");
        assertThat(renewal.ownerUser()).isEqualTo(leaver);
        for (String colleague : new String[] {"chenjing", "sunli"}) {
            teams.saveMember(team, colleague, MemberStatus.ACTIVE, 30, OffsetDateTime.now());
        }

        ResponseEntity<JsonNode> done = submit("sunqiang", form("测试组" + team, leaver, "LEFT", "陈静、sunli"));

        assertThat(done.getStatusCode()).as(String.valueOf(done.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(done.getBody()
                .get("id").asText()).singleResult().getTenantId()).as("in the team's campus").isEqualTo("BJHD");
        assertThat(assignments.owner(firstId)).isEqualTo("chenjing");
        assertThat(assignments.task(first).getAssignee()).isEqualTo("chenjing");
        assertThat(engine.getRuntimeService().getVariable(first.getId(), "consultantId")).isEqualTo("chenjing");
        assertThat(assignments.owner(second.opportunityId())).isEqualTo("sunli");
        assertThat(renewals.get(renewal.id()).ownerUser()).as("the after-sales work takes its own turn")
                .isEqualTo("chenjing");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(String.valueOf(
                renewal.opportunityId())).taskDefinitionKey("Task_TalkRenewal").singleResult().getAssignee())
                .isEqualTo("chenjing");
        scheduling.closeSchedule(sold.contract().opportunityId(), "测试结束", "test");

        // each receiver is told what they now hold (decision 544)
        assertThat(mailsOf(team, "chenjing")).singleElement().satisfies(m -> {
            assertThat(m.get("subject").toString()).startsWith("【工作转交】").endsWith(" 的 2 项工作已转交给您");
            assertThat(m.get("body").toString()).contains("孙强（sunqiang） 为测试组" + team, "办理了离职转交",
                    "- 商机 " + firstId, "- 续费 " + renewal.renewalNo());
        });
        assertThat(mailsOf(team, "sunli")).singleElement()
                .satisfies(m -> assertThat(m.get("body").toString()).contains("- 商机 " + second.opportunityId()));
        // and the supervisor gets the receipt Tasklist cannot show once the form is submitted (decision 546)
        assertThat(mailsOf(team, "receipt:sunqiang")).singleElement().satisfies(m -> {
            assertThat(m.get("subject").toString()).startsWith("【转交回执】测试组" + team + " ")
                    .endsWith(" 离职，已转交 3 项工作");
            assertThat(m.get("body").toString()).contains("已改为离职", "陈静（chenjing） 接手 2 项：\n- 商机 " + firstId
                    + "\n- 续费 " + renewal.renewalNo(), "孙丽（sunli） 接手 1 项：\n- 商机 " + second.opportunityId())
                    .doesNotContain("取消");
        });
        assertThat(teams.member(team, leaver).orElseThrow().status()).isEqualTo(MemberStatus.LEFT);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(done.getBody().get("id").asText()).variableName("handOverSummary").singleResult()
                .getValue()).as("kept in the instance's history")
                .isEqualTo("陈静（chenjing）：商机 1 项、续费 1 项；孙丽（sunli）：商机 1 项");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(done.getBody().get("id").asText()).variableName("startResult").singleResult()
                .getValue()).as("what Tasklist shows the supervisor after 启动")
                .asString().matches("测试组" + team + "的.+已改为离职；已转交给 陈静（chenjing）：商机 1 项、续费 1 项；"
                        + "孙丽（sunli）：商机 1 项。");
    }

    @Test
    void shouldRefuseEachBadFieldByItsLabelAndMoveNothing() {
        String leaver = assignments.newConsultant("BJ-HD");
        String team = teamWithLeaver(leaver);
        Sales.Owned lead = sales.ownedIn(team, leaver);
        teams.saveMember(team, "sunli", MemberStatus.ON_LEAVE, 30, OffsetDateTime.now());
        long submissions = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("memberHandOver").count();

        assertThat(StartForms.refusal(submit("sunqiang", form("浦东一对一组", leaver, "LEFT", null))))
                .isEqualTo("提交内容有误：团队：您负责的校区没有销售团队“浦东一对一组”");
        assertThat(StartForms.refusal(submit("sunqiang", form(team, "xuming", "LEFT", "赵六"))))
                .isEqualTo("提交内容有误：离开的成员：“xuming”不是测试组" + team + "的成员；接收人：“赵六”不是测试组" + team
                        + "的成员");
        assertThat(StartForms.refusal(submit("sunqiang", form(team, leaver, "LEFT", "sunli"))))
                .isEqualTo("提交内容有误：接收人：孙丽（sunli）当前状态为休假，不能接收转交的工作");
        assertThat(StartForms.refusal(submit("sunqiang", form(team, leaver, "ACTIVE", null))))
                .isEqualTo("提交内容有误：转交后状态：转交后成员状态应为离职（LEFT）或休假（ON_LEAVE）");
        assertThat(submit("liwei", form(team, leaver, "LEFT", "chenjing")).getStatusCode())
                .as("a consultant cannot hand colleagues' work around").isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(assignments.owner(lead.opportunityId())).isEqualTo(leaver);
        assertThat(teams.member(team, leaver).orElseThrow().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("memberHandOver").count()).as("no refused submission stays")
                .isEqualTo(submissions);
        assertThat(mailsOf(team, "chenjing")).as("nor a mail").isEmpty();
    }

    private List<Map<String, Object>> mailsOf(String team, String receiver) {
        return jdbc.sql("select subject, body from notification where dedupe_key like ? and body like ?")
                .params("hand-over:%:" + receiver, "%测试组" + team + "的%").query().listOfRows();
    }
}
