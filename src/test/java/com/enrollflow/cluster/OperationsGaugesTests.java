package com.enrollflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.enrollflow.lead.LeadIntakeService;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

import io.micrometer.core.instrument.MeterRegistry;

/** The operators' gauges follow the engine: backlog, failed jobs, incidents, overdue tasks. */
@EnrollFlowTest
class OperationsGaugesTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    OperationsGauges gauges;
    @Autowired
    MeterRegistry meters;
    @Autowired
    LeadIntakeService intake;
    @Autowired
    Leads leads;

    @Test
    void shouldCountDueJobsFailedJobsIncidentsAndOverdueTasks() {
        OperationsGauges.Counts before = gauges.countNow();
        String instance = intake.receive(Leads.lead("指标客户", Leads.newPhone(), "PHONE"), "zhangli", null, null)
                .result().opportunities().get(0).processInstanceId();
        Job job = engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();

        assertThat(gauges.countNow().dueJobs()).isEqualTo(before.dueJobs() + 1);

        var management = engine.getManagementService();
        management.setJobRetries(job.getId(), 0);
        Incident incident = engine.getRuntimeService().createIncident("operationsTest", instance, "gauges");
        Task overdue = engine.getTaskService().newTask();
        overdue.setName("逾期测试任务");
        overdue.setDueDate(Date.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        engine.getTaskService().saveTask(overdue);
        try {
            OperationsGauges.Counts now = gauges.countNow();

            assertThat(now.dueJobs()).isEqualTo(before.dueJobs());
            assertThat(now.failedJobs()).isEqualTo(before.failedJobs() + 1);
            // the job out of retries is an incident of its own (failedJob), beside the one created here
            assertThat(now.openIncidents()).isEqualTo(before.openIncidents() + 2);
            assertThat(now.overdueTasks()).isEqualTo(before.overdueTasks() + 1);
        } finally {
            engine.getTaskService().deleteTask(overdue.getId(), true);
            engine.getRuntimeService().resolveIncident(incident.getId());
            management.setJobRetries(job.getId(), 3);
            leads.runJobs(instance);
        }
        assertThat(gauges.countNow()).isEqualTo(before);
    }

    @Test
    void shouldCountAsTheSystemWhateverUserScrapesAndKeepThatUsersLogin() {
        Task overdue = engine.getTaskService().newTask();
        overdue.setName("逾期测试任务");
        overdue.setDueDate(Date.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        engine.getTaskService().saveTask(overdue);
        var identity = engine.getIdentityService();
        try {
            long system = gauges.countNow().overdueTasks();
            // a staff member with no right on this task would see none of it
            identity.setAuthentication("zhangli", List.of("callCenter"));
            assertThat(engine.getTaskService().createTaskQuery().taskId(overdue.getId()).count()).isZero();

            assertThat(gauges.countNow().overdueTasks()).isEqualTo(system).isPositive();
            assertThat(identity.getCurrentAuthentication().getUserId()).isEqualTo("zhangli");
        } finally {
            identity.clearAuthentication();
            engine.getTaskService().deleteTask(overdue.getId(), true);
        }
    }

    @Test
    void shouldExposeTheCountsAsGaugesCachedBetweenScrapes() {
        double first = meters.get("enrollflow.tasks.overdue").gauge().value();
        Task overdue = engine.getTaskService().newTask();
        overdue.setDueDate(Date.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        engine.getTaskService().saveTask(overdue);
        try {
            // within the refresh interval (10 s) a scrape reads the cached counts, no query
            assertThat(meters.get("enrollflow.tasks.overdue").gauge().value()).isEqualTo(first);
            assertThat(meters.get("enrollflow.jobs.due").gauge().value()).isNotNegative();
            assertThat(meters.get("enrollflow.jobs.failed").gauge().value()).isNotNegative();
            assertThat(meters.get("enrollflow.incidents.open").gauge().value()).isNotNegative();
        } finally {
            engine.getTaskService().deleteTask(overdue.getId(), true);
        }
    }
}
