package com.enrollflow.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.WebappSession;

/**
 * Cockpit's 人工任务 page as head office reads it: an open call-centre task (candidate group 呼叫中心) counts under
 * 已分配给一个或多个组, not under 未分配, because the history now records a task's candidate groups; the database's
 * history level stays audit, and assignee changes are still not recorded.
 */
@EnrollFlowTest
class CandidateGroupsInHistoryTests {

    static final String HISTORY_COUNT = WebappSession.ENGINE + "/history/task/count?unfinished=true&unassigned=true&";

    @Autowired
    ProcessEngine engine;
    @Autowired
    Leads leads;
    @LocalServerPort
    int port;

    private Task callCentreTask(Leads.NewLead lead) {
        return engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(lead.opportunityId())).singleResult();
    }

    private long cockpitCount(WebappSession cockpit, String condition) {
        return cockpit.json(HISTORY_COUNT + condition).get("count").asLong();
    }

    @Test
    void shouldCountAnOpenGroupTaskAsOfferedToAGroupInCockpit() {
        WebappSession cockpit = WebappSession.loggedIn(port, "cockpit", "gaofeng", "demo");
        long withGroups = cockpitCount(cockpit, "withCandidateGroups=true");
        long withoutGroups = cockpitCount(cockpit, "withoutCandidateGroups=true");

        Leads.NewLead lead = leads.newLead("PHONE");
        Task task = callCentreTask(lead);
        assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
                .anyMatch(link -> "callCenter".equals(link.getGroupId()));

        assertThat(cockpitCount(cockpit, "withCandidateGroups=true")).as("已分配给一个或多个组").isEqualTo(withGroups + 1);
        assertThat(cockpitCount(cockpit, "withoutCandidateGroups=true")).as("未分配").isEqualTo(withoutGroups);

        HistoryService history = engine.getHistoryService();
        HistoricIdentityLinkLog offered = history.createHistoricIdentityLinkLogQuery().taskId(task.getId())
                .singleResult();
        assertThat(offered.getGroupId()).isEqualTo("callCenter");
        assertThat(offered.getType()).isEqualTo("candidate");
        assertThat(offered.getOperationType()).isEqualTo("add");
        assertThat(offered.getRootProcessInstanceId()).isEqualTo(lead.enrollment().getId());

        // claimed and completed: still no assignee rows, as at audit
        leads.completeAs("zhangli", task, Map.of("contactResult", "REACHED"));
        assertThat(history.createHistoricIdentityLinkLogQuery().taskId(task.getId()).type("assignee").count()).isZero();
        assertThat(history.createHistoricIdentityLinkLogQuery().taskId(task.getId()).count())
                .as("one row per group a task is offered to").isEqualTo(1);
        assertThat(engine.getManagementService().getHistoryLevel()).as("the database's history level is still audit")
                .isEqualTo(ProcessEngineConfigurationImpl.HISTORYLEVEL_AUDIT);
    }
}
