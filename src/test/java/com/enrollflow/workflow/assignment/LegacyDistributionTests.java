package com.enrollflow.workflow.assignment;

import static org.assertj.core.api.Assertions.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.enrollflow.testsupport.Assignments;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/**
 * Instances of the first enrollment version, which waited at the stand-in task 分配商机, can still be finished
 * after the upgrade: the supervisor designates, and the consultant owns the opportunity.
 */
@EnrollFlowTest
class LegacyDistributionTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    Assignments assignments;
    @Autowired
    Leads leads;

    private ProcessDefinition legacy;

    @BeforeEach
    void deployTheFirstVersion() {
        init(engine);
        var deployment = repositoryService().createDeployment().name("enrollment v1 (test)")
                .addClasspathResource("legacy/enrollment-v1.bpmn")
                .addClasspathResource("legacy/distribute-opportunity.form")
                // v1's repeat-enquiry task binds this form in its own deployment (the deployment guard checks it)
                .addClasspathResource("forms/handle-repeat-enquiry.form").deploy();
        legacy = repositoryService().createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult();
    }

    @AfterEach
    void makeTheCurrentVersionLatestAgain() {
        repositoryService().createDeployment().name("enrollment current (test)")
                .addClasspathResource("bpmn/enrollment.bpmn")
                .addClasspathResource("forms/handle-repeat-enquiry.form").deploy();
    }

    @Test
    void shouldLetTheSupervisorFinishAnInstanceWaitingAtTheOldDistributionTask() {
        long id = assignments.intentOpportunity();
        ProcessInstance pi = runtimeService().createProcessInstanceById(legacy.getId())
                .businessKey(String.valueOf(id)).setVariables(Map.of("opportunityId", id, "customerName", "老流程客户",
                        "productLine", "ONE_ON_ONE", "intentLevel", "HIGH", "campus", "BJ-HD"))
                .startBeforeActivity("Task_DistributeOpportunity").execute();
        var task = taskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(task).hasDefinitionKey("Task_DistributeOpportunity").hasCandidateGroup("salesSupervisor");
        assertThat(taskService().getVariableLocal(task.getId(), "consultantOptions").toString()).contains("liwei");

        assertThatThrownBy(() -> leads.completeAs("sunqiang", task, Map.of("consultantId", "zhengkai")))
                .hasMessageContaining("不是课程顾问");
        leads.completeAs("sunqiang", task, Map.of("consultantId", "liwei"));
        assertThat(pi).hasPassed("ServiceTask_RecordAssignment").isWaitingAt("ReceiveTask_AwaitFollowUp");
        assertThat(assignments.owner(id)).isEqualTo("liwei");
    }
}
