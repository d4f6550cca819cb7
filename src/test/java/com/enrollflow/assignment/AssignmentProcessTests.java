package com.enrollflow.assignment;

import static com.enrollflow.assignment.AssignmentEventKind.*;
import static org.assertj.core.api.Assertions.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.enrollflow.customer.CustomerRecords;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.testsupport.Assignments;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.workflow.LeadIntentProcessTests;

/** opportunity-assignment.bpmn (商机分配与跟进): every path, on a fresh team per test. */
@EnrollFlowTest
class AssignmentProcessTests {

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Assignments assignments;
    @Autowired
    Leads leads;
    @Autowired
    AssignmentService service;
    @Autowired
    TeamRepository teams;
    @Autowired
    CustomerRecords customers;

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    @Test
    void shouldRouteAQualifiedLeadToItsCampusTeamAndOneConsultantThenFollowItUpToAVisit() {
        String phone = Leads.newPhone();
        var result = leads.receive(Leads.lead("周小舟", phone, "PHONE"));
        long id = result.opportunities().get(0).opportunityId();
        ProcessInstance enrollment = instance(result.opportunities().get(0).processInstanceId());
        ProcessInstance intent = calledProcessInstance(enrollment);
        leads.completeAs("zhangli", task(intent), Map.of("contactResult", "REACHED"));
        leads.completeAs("zhangli", task(intent), LeadIntentProcessTests.exploreAnswers("ONE_ON_ONE"));
        leads.completeAs("zhangli", task(intent), Map.of("intentLevel", "HIGH"));

        assertThat(enrollment).isWaitingAt("CallActivity_AssignOpportunity");
        ProcessInstance assignment = calledProcessInstance(enrollment);
        assertThat(assignment.getBusinessKey()).isEqualTo(String.valueOf(id));
        assertThat(assignment).hasPassed("BusinessRuleTask_RouteToTeam", "ServiceTask_ChooseOwner")
                .isWaitingAt("Task_MakeFirstContact").variables().containsEntry("teamId", "BJHD1V1")
                .containsEntry("firstContactLimit", "PT24H").containsEntry("distributionOutcome", "ASSIGN");
        Task contact = task(assignment);
        assertThat(contact.getAssignee()).isIn("liwei", "chenjing", "liuyang");
        assertThat(contact.getDueDate()).isNotNull();
        Opportunity assigned = leads.opportunity(id);
        assertThat(assigned.ownerUser()).isEqualTo(contact.getAssignee());
        assertThat(assigned.stage()).isEqualTo("ASSIGNED");
        assertThat(assigned.assignedAt()).isNotNull();
        var assignedEvent = assignments.entries(id).stream().filter(e -> e.kind() == ASSIGNED).findFirst().orElseThrow();
        assertThat(assignedEvent.strategy()).isEqualTo("FEWEST_OPEN");
        assertThat(assignedEvent.considered()).contains("liwei").contains("chenjing").contains("liuyang");

        leads.completeAs(contact.getAssignee(), contact, Map.of("firstContactOutcome", "CONTACTED",
                "contactNote", "家长确认周六有空"));
        assertThat(assignment).hasPassed("ServiceTask_RecordFirstContact").isWaitingAt("Task_FollowUpOpportunity");
        assertThat(assignments.column(id, "first_contact_at", java.time.OffsetDateTime.class)).isNotNull();

        Task followUp = task(assignment);
        assertThatThrownBy(() -> leads.completeAs(followUp.getAssignee(), followUp, Map.of("followUpOutcome", "ADVANCED")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("跟进记录（约访时间等）：必填");
        leads.completeAs(followUp.getAssignee(), followUp, Map.of("followUpOutcome", "ADVANCED",
                "followUpNote", "约好周六上午到访"));
        assertThat(assignment).hasPassed("EndEvent_OpportunityAdvanced").isEnded();
        assertThat(enrollment).hasPassed("Gateway_AssignmentOutcome").isWaitingAt("CallActivity_Consultation");
        assertThat(customers.byId(result.customerId()).orElseThrow().timeline())
                .extracting(CustomerRecords.TimelineView::event)
                .containsSubsequence("INTENT_CONFIRMED", "ROUTED", "ASSIGNED", "FIRST_CONTACT");
    }

    @Test
    void shouldWarnTheOwnerThenRecycleAnUnhandledLeadToAnotherMember() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "chenjing", "liwei");
        long id = assignments.intentOpportunity();
        ProcessInstance pi = assignments.start(id, team);
        assertThat(task(pi)).isAssignedTo("chenjing"); // tie on load and never assigned: lowest id
        assertThat(pi).isWaitingAt("Task_MakeFirstContact");

        assignments.fireTimer(pi, "BoundaryEvent_FirstContactWarning");
        assertThat(pi).hasPassed("ServiceTask_WarnFirstContact", "EndEvent_FirstContactWarned");
        Task warned = task(pi);
        assertThat(warned.getPriority()).isEqualTo(90);
        assertThat(engine.getTaskService().getVariableLocal(warned.getId(), "recycleWarning")).asString()
                .contains("未处理回收预警");
        assertThat(assignments.history(id)).contains(WARNED);
        var mail = jdbc.sql("select recipient, subject, body from notification where dedupe_key = ?")
                .param("recycle-warning:" + warned.getId() + ":UNHANDLED").query().singleRow();
        assertThat(mail.get("recipient")).isEqualTo("chenjing@demo.enrollflow.local");
        assertThat(mail.get("body").toString()).contains("否则商机将被收回").contains("首次联系客户");

        assignments.fireTimer(pi, "BoundaryEvent_FirstContactOverdue");
        assertThat(pi).hasPassed("ServiceTask_RecycleUnhandled", "Gateway_PublicPoolDue")
                .hasNotPassed("ServiceTask_MoveToPublicPool").isWaitingAt("Task_MakeFirstContact");
        assertThat(task(pi)).isAssignedTo("liwei");
        assertThat(assignments.owner(id)).isEqualTo("liwei");
        assertThat(assignments.column(id, "recycle_count", Integer.class)).isEqualTo(1);
        assertThat(assignments.history(id)).containsSubsequence(ASSIGNED, WARNED, RECYCLED_UNHANDLED, ASSIGNED);
        var recycled = assignments.entries(id).stream().filter(e -> e.kind() == RECYCLED_UNHANDLED).findFirst()
                .orElseThrow();
        assertThat(recycled.fromUser()).isEqualTo("chenjing");
        assertThat(recycled.reason()).contains("未首次联系");
    }

    @Test
    void shouldRecycleALeadWithoutStageProgressAndWarnBeforeIt() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "liuyang", "zhaolei");
        long id = assignments.intentOpportunity();
        ProcessInstance pi = assignments.start(id, team);
        leads.completeAs("liuyang", task(pi), Map.of("firstContactOutcome", "CONTACTED", "contactNote", "已加微信"));
        assertThat(pi).isWaitingAt("Task_FollowUpOpportunity");

        assignments.fireTimer(pi, "BoundaryEvent_ProgressWarning");
        assertThat(pi).hasPassed("ServiceTask_WarnNoProgress", "EndEvent_ProgressWarned");
        assignments.fireTimer(pi, "BoundaryEvent_ProgressOverdue");
        assertThat(pi).hasPassed("ServiceTask_RecycleNotConverted", "Gateway_AfterRecycle")
                .isWaitingAt("Task_MakeFirstContact");
        assertThat(task(pi)).isAssignedTo("zhaolei");
        assertThat(assignments.history(id)).containsSubsequence(FIRST_CONTACT, WARNED, RECYCLED_NOT_CONVERTED,
                ASSIGNED);
    }

    @Test
    void shouldSendALeadRecycledTwiceToTheCampusPublicPoolWhereAnotherConsultantClaimsIt() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "sunli", "zhaolei");
        long id = assignments.intentOpportunity();
        ProcessInstance pi = assignments.start(id, team);
        assignments.fireTimer(pi, "BoundaryEvent_FirstContactOverdue");
        assignments.fireTimer(pi, "BoundaryEvent_FirstContactOverdue");

        assertThat(pi).hasPassed("ServiceTask_MoveToPublicPool")
                .isWaitingAt("Task_ClaimFromPublicPool");
        assertThat(assignments.column(id, "pool", String.class)).isEqualTo("PUBLIC");
        Task pool = task(pi);
        assertThat(pool).hasCandidateUser("liwei").hasCandidateUser("sunli").isNotAssigned();
        assertThat(engine.getTaskService().createTaskQuery().taskId(pool.getId()).taskCandidateUser("zhengkai")
                .count()).isZero();

        leads.completeAs("liwei", pool, Map.of());
        assertThat(pi).isWaitingAt("Task_MakeFirstContact");
        assertThat(task(pi)).isAssignedTo("liwei");
        assertThat(assignments.owner(id)).isEqualTo("liwei");
        assertThat(assignments.column(id, "pool", String.class)).isNull();
        assertThat(assignments.column(id, "team_id", String.class)).isEqualTo("BJHD1V1");
        assertThat(assignments.history(id)).containsSubsequence(RECYCLED_UNHANDLED, RECYCLED_UNHANDLED, PUBLIC_POOL,
                CLAIMED);
    }

    @Test
    void shouldLetTeamMembersClaimFromTheTeamPoolUpToTheirHoldCap() {
        String team = assignments.team(AssignmentStrategy.ROUND_ROBIN_CLAIM, 1, 30, "zhangli", "wangfang");
        long first = assignments.intentOpportunity();
        long second = assignments.intentOpportunity();
        ProcessInstance p1 = assignments.start(first, team);
        ProcessInstance p2 = assignments.start(second, team);
        assertThat(p1).isWaitingAt("Task_ClaimFromTeamPool");
        assertThat(task(p1)).hasCandidateUser("zhangli").hasCandidateUser("wangfang").isNotAssigned();
        assertThat(assignments.column(first, "pool", String.class)).isEqualTo("TEAM");

        engine.getTaskService().claim(task(p1).getId(), "zhangli");
        assertThat(assignments.owner(first)).isEqualTo("zhangli");
        assertThatThrownBy(() -> engine.getTaskService().claim(task(p2).getId(), "zhangli"))
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("领取上限");
        assertThat(task(p2)).isNotAssigned();
        assertThat(assignments.owner(second)).isNull();

        engine.getTaskService().setAssignee(task(p1).getId(), null); // 取消认领
        assertThat(assignments.owner(first)).isNull();
        assertThat(assignments.column(first, "pool", String.class)).isEqualTo("TEAM");

        leads.completeAs("wangfang", task(p2), Map.of());
        assertThat(task(p2)).hasDefinitionKey("Task_MakeFirstContact").isAssignedTo("wangfang");
        assertThat(assignments.column(second, "pool", String.class)).isNull();
    }

    @Test
    void shouldAskTheSupervisorWhenTheTeamDesignatesAndRefuseAMemberAtCapacity() {
        String team = assignments.team(AssignmentStrategy.SUPERVISOR_DESIGNATES, 5, 1, "liwei", "chenjing");
        long busy = assignments.intentOpportunity();
        long id = assignments.intentOpportunity();
        ProcessInstance first = assignments.start(busy, team);
        leads.completeAs("sunqiang", task(first), Map.of("consultantId", "liwei"));
        assertThat(task(first)).isAssignedTo("liwei");

        ProcessInstance pi = assignments.start(id, team);
        assertThat(pi).isWaitingAt("Task_DesignateOwner").variables()
                .containsEntry("distributionReason", "本组由主管指定负责人");
        assertThat(task(pi)).hasCandidateGroup("salesSupervisor");
        assertThat(engine.getTaskService().getVariableLocal(task(pi).getId(), "memberOptions").toString())
                .contains("chenjing").contains("在跟 1/1");
        assertThatThrownBy(() -> leads.completeAs("sunqiang", task(pi), Map.of("consultantId", "liwei")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("指定负责人：")
                .hasMessageContaining("上限");
        assertThat(assignments.owner(id)).isNull();
        leads.completeAs("sunqiang", task(pi), Map.of("consultantId", "chenjing"));
        assertThat(task(pi)).hasDefinitionKey("Task_MakeFirstContact").isAssignedTo("chenjing");
        assertThat(assignments.history(id)).contains(DESIGNATED);
    }

    @Test
    void shouldGiveTheSupervisorTheLeadsTheTableRoutesToATeamThatWasStopped() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "liwei", "chenjing");
        jdbc.sql("update sales_team set active = false where id = ?").param(team).update();
        long id = assignments.intentOpportunity();
        ProcessInstance pi = assignments.start(id, team);
        assertThat(pi).isWaitingAt("Task_DesignateOwner");
        assertThat(task(pi)).hasCandidateGroup("salesSupervisor");
        assertThat(assignments.owner(id)).as("nobody of the stopped team").isNull();
        assertThat(assignments.column(id, "team_id", String.class)).isNull();
    }

    @Test
    void shouldAskTheSupervisorWhenNoMemberCanTakeTheLead() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "liwei", "chenjing");
        teams.setStatus(team, "liwei", MemberStatus.ON_LEAVE);
        teams.setStatus(team, "chenjing", MemberStatus.LEFT);
        ProcessInstance pi = assignments.start(assignments.intentOpportunity(), team);
        assertThat(pi).hasPassed("Gateway_DistributionOutcome").isWaitingAt("Task_DesignateOwner");
        assertThat((String) runtimeService().getVariable(pi.getId(), "distributionReason")).contains("没有可分配的成员");
        var why = assignments.entries(Long.parseLong(pi.getBusinessKey())).stream()
                .filter(e -> e.kind() == TO_SUPERVISOR).findFirst().orElseThrow();
        assertThat(why.considered()).contains("李伟（liwei）").contains("休假，跳过").contains("离职，跳过");
    }

    @Test
    void shouldLetTheSupervisorDecideAReturnedLead() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "liwei", "chenjing", "liuyang");
        // returned at first contact, re-assigned by the strategy: skips the one who returned it
        long a = assignments.intentOpportunity();
        ProcessInstance pa = assignments.start(a, team);
        String returner = task(pa).getAssignee();
        assertThatThrownBy(() -> leads.completeAs(returner, task(pa), Map.of("firstContactOutcome", "RETURN")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("退回原因：必填");
        leads.completeAs(returner, task(pa), Map.of("firstContactOutcome", "RETURN", "returnReason", "客户在外地"));
        assertThat(pa).hasPassed("ServiceTask_RecordReturn").isWaitingAt("Task_HandleReturn");
        assertThat(task(pa)).hasCandidateGroup("salesSupervisor");
        assertThat(runtimeService().getVariable(pa.getId(), "returnReason")).isEqualTo("客户在外地");
        // the supervisor reads who returned it by name (退回人), not by login
        assertThat((String) runtimeService().getVariable(pa.getId(), "returnedByName")).endsWith("（" + returner + "）")
                .isNotEqualTo("（" + returner + "）");
        assertThat(assignments.owner(a)).isNull();
        leads.completeAs("sunqiang", task(pa), Map.of("returnDecision", "REDISTRIBUTE"));
        assertThat(pa).hasPassed("Gateway_ReturnDecision", "ServiceTask_ChooseOwner").isWaitingAt("Task_MakeFirstContact");
        assertThat(task(pa).getAssignee()).isNotEqualTo(returner);
        assertThat(assignments.history(a)).containsSubsequence(ASSIGNED, RETURNED, ASSIGNED);

        // returned during follow-up, re-assigned to a named member
        long b = assignments.intentOpportunity();
        ProcessInstance pb = assignments.start(b, team);
        String owner = task(pb).getAssignee();
        leads.completeAs(owner, task(pb), Map.of("firstContactOutcome", "CONTACTED", "contactNote", "已联系"));
        leads.completeAs(owner, task(pb), Map.of("followUpOutcome", "RETURN", "returnReason", "家长要求换顾问\n原因：时间"));
        String other = "liwei".equals(owner) ? "chenjing" : "liwei";
        // the reason typed in a textarea is shown in a read-only text field, which sends its line break back as a space
        leads.completeAs("sunqiang", task(pb), Map.of("returnDecision", "REASSIGN", "consultantId", other,
                "returnReason", "家长要求换顾问 原因：时间"));
        assertThat(pb).hasPassed("Gateway_FollowUpOutcome", "Task_HandleReturn", "Gateway_ReturnDecision");
        assertThat(task(pb)).hasDefinitionKey("Task_MakeFirstContact").isAssignedTo(other);

        // to the public pool
        long c = assignments.intentOpportunity();
        ProcessInstance pc = assignments.start(c, team);
        leads.completeAs(task(pc).getAssignee(), task(pc), Map.of("firstContactOutcome", "RETURN", "returnReason", "不是本组业务"));
        leads.completeAs("sunqiang", task(pc), Map.of("returnDecision", "PUBLIC_POOL"));
        assertThat(pc).hasPassed("ServiceTask_MoveToPublicPool").isWaitingAt("Task_ClaimFromPublicPool");

        // closed
        long d = assignments.intentOpportunity();
        ProcessInstance pd = assignments.start(d, team);
        leads.completeAs(task(pd).getAssignee(), task(pd), Map.of("firstContactOutcome", "RETURN", "returnReason", "空号"));
        assertThatThrownBy(() -> leads.completeAs("sunqiang", task(pd), Map.of("returnDecision", "CLOSE")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("关单原因：");
        leads.completeAs("sunqiang", task(pd), Map.of("returnDecision", "CLOSE", "closeReason", "号码已停机"));
        assertThat(pd).hasPassed("ServiceTask_CloseReturned", "EndEvent_ClosedAfterReturn").isEnded();
        assertThat(leads.opportunity(d).status()).isEqualTo("NOT_CONVERTED");
        assertThat(leads.opportunity(d).closeReason()).isEqualTo("退回后关单：号码已停机");
    }

    @Test
    void shouldNeverRecycleALeadTheSupervisorLocked() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "liwei", "chenjing");
        long id = assignments.intentOpportunity();
        ProcessInstance pi = assignments.start(id, team);
        String owner = task(pi).getAssignee();
        service.setRecycleExempt(id, true, "VIP 客户，校长亲自跟进", "sunqiang");
        assignments.fireTimer(pi, "BoundaryEvent_FirstContactOverdue");
        assertThat(pi).hasPassed("Gateway_UnhandledRecycled").hasNotPassed("Gateway_AfterRecycle")
                .isWaitingAt("Task_MakeFirstContact");
        assertThat(task(pi)).isAssignedTo(owner);
        assertThat(assignments.history(id)).doesNotContain(RECYCLED_UNHANDLED);

        leads.completeAs(owner, task(pi), Map.of("firstContactOutcome", "CONTACTED", "contactNote", "已联系"));
        assignments.fireTimer(pi, "BoundaryEvent_ProgressOverdue");
        assertThat(pi).hasPassed("Gateway_NotConvertedRecycled").hasNotPassed("Gateway_AfterRecycle")
                .isWaitingAt("Task_FollowUpOpportunity");
        assertThat(task(pi)).isAssignedTo(owner);
    }

    @Test
    void shouldCloseALostLeadAndEndTheEnrollment() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "liwei");
        long id = assignments.intentOpportunity();
        ProcessInstance pi = assignments.start(id, team);
        leads.completeAs("liwei", task(pi), Map.of("firstContactOutcome", "CONTACTED", "contactNote", "已联系"));
        assertThatThrownBy(() -> leads.completeAs("liwei", task(pi), Map.of("followUpOutcome", "LOST")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("流失原因：必填");
        leads.completeAs("liwei", task(pi), Map.of("followUpOutcome", "LOST", "lostReason", "选择了别家机构"));
        assertThat(pi).hasPassed("ServiceTask_CloseLost", "EndEvent_OpportunityLost").isEnded();
        assertThat(leads.opportunity(id).status()).isEqualTo("LOST");
        assertThat(assignments.history(id)).endsWith(CLOSED);
        assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("assignmentOutcome").singleResult().getValue()).isEqualTo("CLOSED");
    }

    @Test
    void shouldLetTheSupervisorDesignateAnyConsultantWhenNoTeamMatches() {
        long id = assignments.intentOpportunity();
        ProcessInstance pi = assignments.start(id, null);
        assertThat(pi).isWaitingAt("Task_DesignateOwner");
        assertThatThrownBy(() -> leads.completeAs("sunqiang", task(pi), Map.of("consultantId", "zhengkai")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("不是课程顾问");
        // any consultant of the opportunity's campus: a 上海浦东 consultant is refused for a 北京海淀 lead
        assertThatThrownBy(() -> leads.completeAs("sunqiang", task(pi), Map.of("consultantId", "xuming")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("不在本商机的校区工作");
        leads.completeAs("sunqiang", task(pi), Map.of("consultantId", "zhaolei"));
        assertThat(task(pi)).isAssignedTo("zhaolei");
    }

    private Task task(ProcessInstance pi) {
        return assignments.task(pi);
    }

    private ProcessInstance instance(String id) {
        return runtimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }
}
