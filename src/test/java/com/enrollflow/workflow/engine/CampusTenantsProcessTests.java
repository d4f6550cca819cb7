package com.enrollflow.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.lead.LeadIntakeResult;
import com.enrollflow.lead.LeadRequest;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.workflow.LeadIntentProcessTests;

/**
 * Campus scope in the engine (校区数据范围): a lead received without a campus lives in its call centre's tenant; when
 * intent sets the campus the level-2 instance moves there with its history, and everything after it starts there.
 * Data from before campus scope is moved at start.
 */
@EnrollFlowTest
class CampusTenantsProcessTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CampusScopeMigration migration;

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    private Task task(ProcessInstance pi) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    private List<String> visibleTo(String user, String processInstanceId) {
        var identity = engine.getIdentityService();
        List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
        List<String> tenants = identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list().stream()
                .map(t -> t.getId()).toList();
        identity.setAuthentication(user, groups, tenants);
        try {
            return engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).listPage(0, 50).stream()
                    .map(Task::getId).toList();
        } finally {
            identity.clearAuthentication();
        }
    }

    private String historicTenant(String processInstanceId) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult().getTenantId();
    }

    @Test
    void shouldKeepALeadWithoutACampusWithTheCallCentreUntilIntentMovesItToTheCampus() {
        String phone = Leads.newPhone();
        LeadIntakeResult result = leads.receive(new LeadRequest("待定校区", phone, "PHONE", null, null, null, "J2",
                "MATH", null, null, null, "还没想好去哪个校区"));
        long opportunityId = result.opportunities().get(0).opportunityId();
        ProcessInstance enrollment = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(result.opportunities().get(0).processInstanceId()).singleResult();
        ProcessInstance intent = calledProcessInstance(enrollment);
        assertThat(enrollment.getTenantId()).isEqualTo("HQCC");
        assertThat(intent.getTenantId()).isEqualTo("HQCC");
        assertThat(jdbc.sql("select call_centre from opportunity where id = ?").param(opportunityId)
                .query(String.class).single()).isEqualTo("HQCC");
        Task firstContact = task(intent);
        assertThat(visibleTo("zhangli", intent.getId())).containsExactly(firstContact.getId());
        assertThat(visibleTo("liwei", intent.getId())).as("a campus consultant").isEmpty();

        leads.completeAs("zhangli", firstContact, Map.of("contactResult", "REACHED"));
        leads.completeAs("zhangli", task(intent), LeadIntentProcessTests.exploreAnswers("ONE_ON_ONE"));
        leads.completeAs("zhangli", task(intent), Map.of("intentLevel", "HIGH"));

        assertThat(enrollment).isWaitingAt("CallActivity_AssignOpportunity");
        ProcessInstance moved = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(enrollment.getId()).singleResult();
        assertThat(moved.getTenantId()).as("the level-2 instance follows the campus").isEqualTo("BJHD");
        assertThat(historicTenant(enrollment.getId())).isEqualTo("BJHD");
        assertThat(engine.getRuntimeService().createVariableInstanceQuery().processInstanceIdIn(enrollment.getId())
                .list()).isNotEmpty().allSatisfy(v -> assertThat(v.getTenantId()).isEqualTo("BJHD"));
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(enrollment.getId()).list())
                .allSatisfy(a -> assertThat(a.getTenantId()).isEqualTo("BJHD"));
        ProcessInstance assignment = calledProcessInstance(enrollment);
        assertThat(assignment.getTenantId()).isEqualTo("BJHD");
        assertThat(historicTenant(intent.getId())).as("the call centre's own work stays the call centre's")
                .isEqualTo("HQCC");

        // a repeat enquiry now lands in the level-2 instance, at the campus, for its owner
        leads.receive(new LeadRequest("待定校区", phone, "ONLINE_CHAT", null, null, null, null, null, null, null, null,
                "再次咨询"));
        Task repeat = engine.getTaskService().createTaskQuery().processInstanceId(enrollment.getId())
                .taskDefinitionKey("Task_HandleRepeatEnquiry").singleResult();
        assertThat(repeat.getTenantId()).isEqualTo("BJHD");
        assertThat(visibleTo(repeat.getAssignee(), enrollment.getId())).contains(repeat.getId());
    }

    @Test
    void shouldMoveDataFromBeforeCampusScopeIntoItAtStart() {
        Leads.NewLead haidian = leads.newLead("PHONE");
        String instance = haidian.enrollment().getId();
        String intent = calledProcessInstance(haidian.enrollment()).getId();
        LeadIntakeResult noCampus = leads.receive(new LeadRequest("旧线索", Leads.newPhone(), "PHONE", null, null, null,
                null, null, null, null, null, null));
        long oldLead = noCampus.opportunities().get(0).opportunityId();
        // as before V8: no tenant anywhere, no call centre
        for (String table : List.of("ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_HI_PROCINST",
                "ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_VARINST")) {
            jdbc.sql("update " + table + " set TENANT_ID_ = null where PROC_INST_ID_ in (?, ?)").params(instance, intent)
                    .update();
        }
        jdbc.sql("update opportunity set call_centre = null where id = ?").param(oldLead).update();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).singleResult()
                .getTenantId()).isNull();

        migration.migrate();
        migration.migrate(); // a second node starting: changes nothing

        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).singleResult()
                .getTenantId()).isEqualTo("BJHD");
        assertThat(historicTenant(intent)).isEqualTo("BJHD");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(intent).singleResult().getTenantId())
                .isEqualTo("BJHD");
        assertThat(jdbc.sql("select call_centre from opportunity where id = ?").param(oldLead).query(String.class)
                .single()).isEqualTo("HQCC");
    }
}
