package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/**
 * A task's former assignee loses it (decision 596): reassigned in Tasklist, the call-centre agent who held it can no
 * longer work it; a candidate user who gives a pool task back keeps it; the grants an earlier release left are revoked.
 */
@EnrollFlowTest
class FormerAssigneeRevocationTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    Leads leads;
    @Autowired
    FormerAssigneeRevocation revocation;

    /** A new lead's first task (首次联系并核实信息, for the call centre), once its first steps have run. */
    private Task firstTask() {
        Leads.NewLead lead = leads.newLead("PHONE");
        leads.runJobs(lead.enrollment().getId());
        return engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(lead.opportunityId())).list().get(0);
    }

    private List<String> grantees(Task task) {
        return engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.TASK)
                .resourceId(task.getId()).list().stream().map(a -> a.getUserId() != null ? a.getUserId()
                        : "group:" + a.getGroupId()).toList();
    }

    private boolean mayWork(String user, List<String> groups, Task task) {
        return engine.getAuthorizationService().isUserAuthorized(user, groups, TaskPermissions.TASK_WORK,
                Resources.TASK, task.getId());
    }

    @Test
    void shouldTakeTheTaskFromItsFormerAssigneeAndKeepTheGroupsAndTheNewAssignee() {
        Task task = firstTask();
        engine.getTaskService().claim(task.getId(), "zhangli");
        assertThat(grantees(task)).contains("zhangli");

        // a supervisor gives it to a colleague in Tasklist
        engine.getTaskService().setAssignee(task.getId(), "wangfang");
        assertThat(grantees(task)).contains("wangfang").doesNotContain("zhangli");
        assertThat(mayWork("zhangli", List.of(), task)).as("as herself, without her group").isFalse();
        assertThat(mayWork("wangfang", List.of(), task)).isTrue();

        // a grant an earlier release left behind is revoked at start; the current ones stay
        Authorization stale = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        stale.setUserId("zhangli");
        stale.setResource(Resources.TASK);
        stale.setResourceId(task.getId());
        stale.addPermission(TaskPermissions.TASK_WORK);
        engine.getAuthorizationService().saveAuthorization(stale);
        assertThat(revocation.revokeLeftovers()).isPositive();
        assertThat(grantees(task)).contains("wangfang").doesNotContain("zhangli");
        assertThat(grantees(task)).anyMatch(g -> g.startsWith("group:"));
    }

    @Test
    void shouldLetACandidateWhoGivesAPoolTaskBackKeepIt() {
        Task task = firstTask();
        engine.getTaskService().addCandidateUser(task.getId(), "zhangli");
        engine.getTaskService().claim(task.getId(), "zhangli");
        engine.getTaskService().setAssignee(task.getId(), null);
        assertThat(mayWork("zhangli", List.of(), task)).as("still a candidate").isTrue();
    }
}
