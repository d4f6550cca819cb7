package com.enrollflow.assignment;

import static com.enrollflow.assignment.AssignmentEventKind.*;
import static org.assertj.core.api.Assertions.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.testsupport.Assignments;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/**
 * The running application distributes by the latest deployed bpmn/assignment-strategy.dmn: a process owner's changed
 * row changes whom the next lead goes to, and a value the table cannot mean stops the distribution with a Chinese
 * message (an incident on a recycle, a refused task otherwise) instead of falling back to anything.
 */
@EnrollFlowTest
class StrategyTableProcessTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    Assignments assignments;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;

    private final List<String> deployments = new ArrayList<>();

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    /** The shipped table is the latest again for the next test. */
    @AfterEach
    void removeTheChangedTables() {
        deployments.forEach(id -> repositoryService().deleteDeployment(id, true));
    }

    @Test
    void shouldGiveTheNextLeadToWhomTheChangedRowPrefers() {
        // two members with equal load; liwei converts better: (1 won + 1) / (1 closed + 4) = 40 % against 25 %
        String before = assignments.team(AssignmentStrategy.FEWEST_OPEN, "chenjing", "liwei");
        won(before, "liwei");
        ProcessInstance shipped = assignments.start(assignments.intentOpportunity(), before);
        assertThat(assignments.task(shipped)).isAssignedTo("chenjing"); // a tie on load: the lower id

        // the process owner makes 平均分批 prefer the conversion rate second, and deploys the table
        deploy(StrategyTableFile.edit(StrategyTableFile.read(), "Rule_FewestOpen", 2, "\"转化率高者优先\""));
        String after = assignments.team(AssignmentStrategy.FEWEST_OPEN, "chenjing", "liwei");
        won(after, "liwei");
        long id = assignments.intentOpportunity();
        ProcessInstance changed = assignments.start(id, after);
        assertThat(changed).hasPassed("ServiceTask_ChooseOwner").isWaitingAt("Task_MakeFirstContact");
        assertThat(assignments.task(changed)).isAssignedTo("liwei");
        var assigned = assignments.entries(id).stream().filter(e -> e.kind() == ASSIGNED).findFirst().orElseThrow();
        assertThat(assigned.strategy()).isEqualTo("FEWEST_OPEN");
        assertThat(assigned.reason()).isEqualTo("平均分批：李伟（liwei）在跟商机最少（0）");
    }

    @Test
    void shouldStopARecycleWithAnIncidentNamingTheCellWhenTheTableHasAnUnknownOrder() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "chenjing", "liwei");
        long id = assignments.intentOpportunity();
        ProcessInstance pi = assignments.start(id, team);
        assertThat(assignments.task(pi)).isAssignedTo("chenjing");

        String broken = deploy(StrategyTableFile.edit(StrategyTableFile.read(), "Rule_FewestOpen", 1, "\"最近的优先\""));
        Job timer = managementService().createJobQuery().processInstanceId(pi.getId())
                .activityId("BoundaryEvent_FirstContactOverdue").singleResult();
        managementService().setJobRetries(timer.getId(), 1);
        assertThatThrownBy(() -> managementService().executeJob(timer.getId())).hasMessageContaining("最近的优先");

        Incident incident = runtimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(incident.getIncidentMessage()).isEqualTo("人员分配策略表（assignment-strategy.dmn）中策略“平均分批"
                + "（FEWEST_OPEN）”的规则，“第一排序”是“最近的优先”，不是可选值：在跟商机数少者优先、本批次已分配数少者优先、"
                + "按能力折算负荷低者优先、转化率高者优先、最久未分配者优先。请在 Camunda Modeler 中改正并重新部署，然后重试");
        // nothing half-done: the lead is still with its owner, no recycle recorded
        assertThat(assignments.owner(id)).isEqualTo("chenjing");
        assertThat(assignments.history(id)).doesNotContain(RECYCLED_UNHANDLED);
        assertThat(assignments.task(pi)).isAssignedTo("chenjing");

        // the process owner fixes the table; the retry in Cockpit continues the recycle
        repositoryService().deleteDeployment(broken, true);
        deployments.remove(broken);
        managementService().setJobRetries(timer.getId(), 1);
        managementService().executeJob(timer.getId());
        assertThat(runtimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(assignments.task(pi)).hasDefinitionKey("Task_MakeFirstContact").isAssignedTo("liwei");
        assertThat(assignments.history(id)).containsSubsequence(ASSIGNED, RECYCLED_UNHANDLED, ASSIGNED);
    }

    @Test
    void shouldRefuseTheSupervisorsRedistributionWhenNoRowCoversARedistribution() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "chenjing", "liwei");
        long id = assignments.intentOpportunity();
        ProcessInstance pi = assignments.start(id, team);
        leads.completeAs("chenjing", assignments.task(pi), Map.of("firstContactOutcome", "RETURN",
                "returnReason", "客户在外地"));
        assertThat(pi).isWaitingAt("Task_HandleReturn");

        // the 平均分批 row now covers first distributions only (重新分配 = false), and no row the rest
        DmnModelInstance model = StrategyTableFile.read();
        Rule row = model.getModelElementById("Rule_FewestOpen");
        row.getInputEntries().stream().skip(1).findFirst().orElseThrow().getText().setTextContent("false");
        deploy(model);
        var handleReturn = assignments.task(pi);
        assertThatThrownBy(() -> leads.completeAs("sunqiang", handleReturn, Map.of("returnDecision", "REDISTRIBUTE")))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("人员分配策略表（assignment-strategy.dmn）中没有适用于策略“平均分批"
                        + "（FEWEST_OPEN）”（重新分配）的规则");
        assertThat(pi).isWaitingAt("Task_HandleReturn");
        assertThat(assignments.owner(id)).isNull();
        assertThat(assignments.history(id)).endsWith(RETURNED);
    }

    private String deploy(DmnModelInstance table) {
        String id = repositoryService().createDeployment().name("人员分配策略（测试中修改）")
                .addModelInstance("assignment-strategy.dmn", table).deploy().getId();
        deployments.add(id);
        return id;
    }

    /** A closed, won opportunity of the member in the team: it raises their conversion rate, not their load. */
    private void won(String teamId, String userId) {
        long id = assignments.intentOpportunity();
        jdbc.sql("update opportunity set team_id = ?, owner_user = ?, status = 'WON' where id = ?")
                .params(teamId, userId, id).update();
    }
}
