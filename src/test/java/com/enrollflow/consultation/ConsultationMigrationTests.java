package com.enrollflow.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;

/**
 * The migration plan of docs/editing-processes.md, tested: version N+1 of 到访与方案规划 (test resource
 * migration/consultation-v2.bpmn) renames 登记入学测试 to 登记入学测评 (new id Task_RecordAssessment) and adds the step
 * 确认到访时间 before 登记到访. Instances of version N waiting at four different tasks are migrated with
 * mapEqualActivities plus the one explicit mapping, and each goes on in N+1 with its tasks, variables and campus.
 */
@EnrollFlowTest
class ConsultationMigrationTests {

    static final List<String> FORMS = List.of("book-visit", "record-visit", "record-placement-test", "make-plan",
            "handle-no-show");

    @Autowired
    ProcessEngine engine;
    @Autowired
    Sales sales;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.boot.test.web.client.TestRestTemplate http;

    private String nextVersionDeployment;

    /** The release's version stays the latest for the other tests; the migrated instances go with N+1. */
    @AfterEach
    void removeVersionNPlusOne() {
        if (nextVersionDeployment != null) {
            engine.getRepositoryService().deleteDeployment(nextVersionDeployment, true);
        }
    }

    private static String inTwoDaysAtTen() {
        return OffsetDateTime.now().plusDays(2).truncatedTo(ChronoUnit.HOURS).withHour(10).toString();
    }

    /** An instance of the current version, worked as far as the given task. */
    private ProcessInstance waitingAt(String task) {
        ProcessInstance pi = sales.start("consultation", sales.owned("ONE_ON_ONE"), Map.of());
        if (task.equals("Task_BookVisit")) {
            return pi;
        }
        leads.completeAs("liwei", sales.task(pi), Map.of("bookingOutcome", "BOOKED", "visitAt", inTwoDaysAtTen()));
        if (task.equals("Task_RecordVisit")) {
            return pi;
        }
        leads.completeAs("zhaomin", sales.task(pi, "Task_RecordVisit"), Map.of("visitOutcome", "VISITED"));
        if (task.equals("Task_RecordPlacementTest")) {
            return pi;
        }
        leads.completeAs("zhengkai", sales.task(pi), Map.of("testLevel", "INTERMEDIATE", "testScore", 88.0,
                "testAdvice", "计算需加强"));
        return pi;
    }

    private ProcessInstance reload(ProcessInstance pi) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).singleResult();
    }

    @Test
    void shouldMoveInstancesWaitingAtFourTasksToTheNextVersionAndLetEachGoOn() {
        var repository = engine.getRepositoryService();
        ProcessDefinition versionN = repository.createProcessDefinitionQuery().processDefinitionKey("consultation")
                .latestVersion().singleResult();
        ProcessInstance booking = waitingAt("Task_BookVisit");
        ProcessInstance visit = waitingAt("Task_RecordVisit");
        ProcessInstance test = waitingAt("Task_RecordPlacementTest");
        ProcessInstance plan = waitingAt("Task_MakePlan");
        List<ProcessInstance> all = List.of(booking, visit, test, plan);
        Task testTask = sales.task(test);
        Task planTask = sales.task(plan);
        String reminderTimer = engine.getManagementService().createJobQuery().processInstanceId(visit.getId()).timers()
                .activityId("BoundaryEvent_VisitReminderDue").singleResult().getId();

        // 1. deploy version N+1 with its forms, as the release does (one deployment)
        var builder = repository.createDeployment().name("consultation N+1 (test)")
                .addClasspathResource("migration/consultation-v2.bpmn");
        FORMS.forEach(f -> builder.addClasspathResource("forms/" + f + ".form"));
        nextVersionDeployment = builder.deploy().getId();
        ProcessDefinition next = repository.createProcessDefinitionQuery().deploymentId(nextVersionDeployment)
                .singleResult();
        assertThat(next.getVersion()).isEqualTo(versionN.getVersion() + 1);

        // 2. the plan: equal ids map themselves, the renamed task is mapped by hand, the boundary timer kept as it is
        MigrationPlan migrationPlan = engine.getRuntimeService().createMigrationPlan(versionN.getId(), next.getId())
                .mapEqualActivities()
                .mapActivities("Task_RecordPlacementTest", "Task_RecordAssessment")
                .build();
        assertThat(migrationPlan.getInstructions()).anyMatch(i -> i.getSourceActivityId().equals("Task_RecordVisit"))
                .anyMatch(i -> i.getSourceActivityId().equals("BoundaryEvent_VisitReminderDue"));

        // 3. migrate the four instances (Cockpit CE has no migration screen: REST /migration/execute or this call)
        engine.getRuntimeService().newMigration(migrationPlan)
                .processInstanceIds(all.stream().map(ProcessInstance::getId).toList()).execute();

        for (ProcessInstance pi : all) {
            ProcessInstance now = reload(pi);
            assertThat(now.getProcessDefinitionId()).isEqualTo(next.getId());
            assertThat(now.getTenantId()).as("campus kept").isEqualTo("BJHD").isEqualTo(pi.getTenantId());
            assertThat(engine.getRuntimeService().getVariable(pi.getId(), "opportunityId")).isNotNull();
            assertThat(engine.getRuntimeService().getVariable(pi.getId(), "consultantId")).isEqualTo("liwei");
        }
        // the task of a renamed activity is the same task (id, candidates) under its new activity
        Task assessment = sales.task(test);
        assertThat(assessment.getId()).isEqualTo(testTask.getId());
        assertThat(assessment).hasDefinitionKey("Task_RecordAssessment").hasCandidateGroup("teacher");
        assertThat(assessment.getTenantId()).isEqualTo("BJHD");
        assertThat(sales.task(plan).getId()).isEqualTo(planTask.getId());
        assertThat(sales.task(plan)).hasDefinitionKey("Task_MakePlan").isAssignedTo("liwei");
        // the visit reminder is still due
        assertThat(engine.getManagementService().createJobQuery().jobId(reminderTimer).singleResult()).isNotNull();

        // 4. each goes on in N+1: the added step, the renamed task, then on to the plan
        leads.completeAs("liwei", sales.task(booking), Map.of("bookingOutcome", "BOOKED", "visitAt", inTwoDaysAtTen()));
        Task confirm = sales.task(booking);
        assertThat(confirm).hasDefinitionKey("Task_ConfirmVisitTime").isAssignedTo("liwei");
        leads.completeAs("liwei", confirm, Map.of());
        assertThat(sales.task(booking, "Task_RecordVisit")).isNotNull();

        leads.completeAs("zhaomin", sales.task(visit, "Task_RecordVisit"), Map.of("visitOutcome", "VISITED"));
        assertThat(sales.task(visit)).hasDefinitionKey("Task_RecordAssessment");

        leads.completeAs("zhengkai", assessment, Map.of("testLevel", "ADVANCED", "testScore", 95.0,
                "testAdvice", "可直接进入提高班"));
        assertThat(reload(test)).isNotNull();
        assertThat(sales.task(test)).hasDefinitionKey("Task_MakePlan").isAssignedTo("liwei");
        long opportunity = (Long) engine.getRuntimeService().getVariable(test.getId(), "opportunityId");
        assertThat(jdbc.sql("select count(*) from placement_test where opportunity_id = ?").param(opportunity)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(test.getId())
                .activityId("ServiceTask_RecordPlacementTest").count()).isOne();
    }

    /** The operator's route in Community (no migration screen in Cockpit CE): the REST calls of the docs, as admin. */
    @Test
    void shouldMigrateThroughTheRestApiAndRefuseAPlanThatLeavesAWaitingTaskWithoutATarget() {
        var repository = engine.getRepositoryService();
        ProcessDefinition versionN = repository.createProcessDefinitionQuery().processDefinitionKey("consultation")
                .latestVersion().singleResult();
        ProcessInstance test = waitingAt("Task_RecordPlacementTest");
        var builder = repository.createDeployment().name("consultation N+1 (test)")
                .addClasspathResource("migration/consultation-v2.bpmn");
        FORMS.forEach(f -> builder.addClasspathResource("forms/" + f + ".form"));
        nextVersionDeployment = builder.deploy().getId();
        ProcessDefinition next = repository.createProcessDefinitionQuery().deploymentId(nextVersionDeployment)
                .singleResult();
        var admin = http.withBasicAuth("admin", "admin");

        Map<String, Object> plan = admin.postForObject("/engine-rest/migration/generate", Map.of(
                "sourceProcessDefinitionId", versionN.getId(), "targetProcessDefinitionId", next.getId()), Map.class);
        var withoutTheRename = admin.postForEntity("/engine-rest/migration/execute", Map.of("migrationPlan", plan,
                "processInstanceIds", List.of(test.getId())), String.class);
        assertThat(withoutTheRename.getStatusCode().value()).isEqualTo(400);
        assertThat(withoutTheRename.getBody()).contains("Task_RecordPlacementTest");
        assertThat(reload(test).getProcessDefinitionId()).isEqualTo(versionN.getId());

        @SuppressWarnings("unchecked")
        List<Object> instructions = new java.util.ArrayList<>((List<Object>) plan.get("instructions"));
        instructions.add(Map.of("sourceActivityIds", List.of("Task_RecordPlacementTest"), "targetActivityIds",
                List.of("Task_RecordAssessment")));
        Map<String, Object> complete = new java.util.HashMap<>(plan);
        complete.put("instructions", instructions);
        assertThat(admin.postForEntity("/engine-rest/migration/validate", complete, String.class).getBody())
                .contains("\"instructionReports\":[]");
        var migrated = admin.postForEntity("/engine-rest/migration/execute", Map.of("migrationPlan", complete,
                "processInstanceQuery", Map.of("processInstanceIds", List.of(test.getId()))), String.class);
        assertThat(migrated.getStatusCode().value()).as(migrated.getBody()).isEqualTo(204);
        assertThat(reload(test).getProcessDefinitionId()).isEqualTo(next.getId());
        assertThat(sales.task(test)).hasDefinitionKey("Task_RecordAssessment");
        assertThat(reload(test).getTenantId()).isEqualTo("BJHD");
    }
}
