package com.enrollflow.cluster;

import java.time.Duration;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What an operator watches, from the engine's tables (the same on every node, so a dashboard takes the max over
 * nodes, never the sum):
 * <ul>
 * <li>{@code enrollflow.jobs.due}: jobs due now with retries left (backlog: grows while the job executors lag);</li>
 * <li>{@code enrollflow.jobs.failed}: jobs out of retries (each also an incident);</li>
 * <li>{@code enrollflow.incidents.open}: open incidents, as Cockpit shows them;</li>
 * <li>{@code enrollflow.tasks.overdue}: open user tasks past their due date (SLA breach).</li>
 * </ul>
 * Four count queries, at most once per {@code enrollflow.metrics.refresh} (default 10 s) whatever the number of
 * scrapes; run as the system: the scraping user's authorizations and campuses must not shrink the numbers.
 */
@Component
class OperationsGauges {

    record Counts(long dueJobs, long failedJobs, long openIncidents, long overdueTasks) {
    }

    private final ManagementService management;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final IdentityService identity;
    private final long refreshNanos;

    private Counts counts;
    private long takenAt;

    OperationsGauges(ProcessEngine engine, MeterRegistry meters,
            @Value("${enrollflow.metrics.refresh:PT10S}") Duration refresh) {
        this.management = engine.getManagementService();
        this.runtime = engine.getRuntimeService();
        this.tasks = engine.getTaskService();
        this.identity = engine.getIdentityService();
        this.refreshNanos = refresh.toNanos();
        gauge(meters, "enrollflow.jobs.due", "jobs due now with retries left (backlog)", Counts::dueJobs);
        gauge(meters, "enrollflow.jobs.failed", "jobs without retries left", Counts::failedJobs);
        gauge(meters, "enrollflow.incidents.open", "open incidents (Cockpit)", Counts::openIncidents);
        gauge(meters, "enrollflow.tasks.overdue", "open user tasks past their due date", Counts::overdueTasks);
    }

    private void gauge(MeterRegistry meters, String name, String description,
            java.util.function.ToLongFunction<Counts> value) {
        Gauge.builder(name, this, g -> value.applyAsLong(g.current())).description(description).register(meters);
    }

    synchronized Counts current() {
        if (counts == null || System.nanoTime() - takenAt > refreshNanos) {
            counts = countNow();
            takenAt = System.nanoTime();
        }
        return counts;
    }

    /** Counts now, without any user's authorization or campus scope (the caller's is restored after). */
    Counts countNow() {
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            return new Counts(management.createJobQuery().executable().count(),
                    management.createJobQuery().noRetriesLeft().count(),
                    runtime.createIncidentQuery().count(),
                    tasks.createTaskQuery().dueBefore(ClockUtil.getCurrentTime()).count());
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }
}
