package com.enrollflow.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A process owner suspends a process in Cockpit (暂停): staff who then try to go on with it read why in Chinese, with
 * the process's name and who can lift it, as a refusal (400) above the form — not the engine's "ENGINE-03043 … is
 * suspended" as a server error — and nothing they submitted is stored. (A form whose step starts a suspended process:
 * ClassRollCallTests; a job that does, as an incident in Cockpit: LessonFollowUpsTests.)
 */
@EnrollFlowTest
class SuspensionRefusalsTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    Leads leads;
    @LocalServerPort
    int port;

    @Test
    void shouldTellTheAgentInChineseThatTheTasksProcessIsSuspendedAndStoreNothing() throws Exception {
        Leads.NewLead lead = leads.newLead("PHONE");
        Task task = engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(lead.opportunityId())).singleResult();
        engine.getTaskService().setAssignee(task.getId(), "zhangli");
        String process = engine.getRepositoryService().getProcessDefinition(task.getProcessDefinitionId()).getName();
        engine.getRuntimeService().suspendProcessInstanceById(task.getProcessInstanceId());
        try {
            WebappSession tasklist = WebappSession.login(port, "zhangli", "demo");

            WebappSession.Response submit = tasklist.post(WebappSession.ENGINE + "/task/" + task.getId()
                    + "/submit-form", new ObjectMapper().readTree(
                            "{\"variables\":{\"contactResult\":{\"value\":\"REACHED\",\"type\":\"String\"}}}"));

            assertThat(submit.status()).as(String.valueOf(submit.body())).isEqualTo(400);
            assertThat(submit.body().path("message").asText()).isEqualTo("无法办理：这个任务所在的流程“" + process
                    + "”已被暂停（挂起），暂时不能办理；请流程负责人在 Cockpit 中激活后再试，此次操作未做任何更改");
            assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).as("still open")
                    .isOne();
            assertThat(engine.getRuntimeService().createVariableInstanceQuery().variableName("contactResult")
                    .processInstanceIdIn(task.getProcessInstanceId()).count()).as("nothing stored").isZero();
        } finally {
            engine.getRuntimeService().activateProcessInstanceById(task.getProcessInstanceId());
        }
    }
}
