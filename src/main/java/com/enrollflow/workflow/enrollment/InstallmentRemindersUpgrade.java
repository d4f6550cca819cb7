package com.enrollflow.workflow.enrollment;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.enrollflow.workflow.ProcessConstants;

/**
 * 分期缴费提醒 moved from a loop at the end of 签约与缴费 to a multi-instance call activity of 报名签约. An instance
 * of an earlier 报名签约 version that has not reached 签约与缴费 yet would call the new 签约与缴费 (a call activity
 * takes the latest version), which no longer starts reminders, and go on in its own version, which has none: its
 * installments would never be reminded. At start, every running instance of a version without
 * {@code CallActivity_InstallmentReminders} is therefore migrated to the latest version (equal ids map; nothing is
 * removed, so every waiting state has its place). An instance that cannot be migrated stays, and the log says which.
 * Idempotent, and safe when two nodes start at once (one migrates, the other finds nothing or loses an optimistic
 * lock and leaves it).
 */
@Component
class InstallmentRemindersUpgrade {

    static final String MULTI_INSTANCE = "CallActivity_InstallmentReminders";
    private static final int PAGE = 200;
    private static final Logger log = LoggerFactory.getLogger(InstallmentRemindersUpgrade.class);

    private final RepositoryService repository;
    private final RuntimeService runtime;

    InstallmentRemindersUpgrade(RepositoryService repository, RuntimeService runtime) {
        this.repository = repository;
        this.runtime = runtime;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(5)
    public void upgrade() {
        ProcessDefinition latest = repository.createProcessDefinitionQuery()
                .processDefinitionKey(ProcessConstants.ENROLLMENT).latestVersion().withoutTenantId()
                .singleResult();
        if (latest == null || repository.getBpmnModelInstance(latest.getId()).getModelElementById(MULTI_INSTANCE) == null) {
            return;
        }
        int migrated = 0;
        int left = 0;
        for (ProcessDefinition old : repository.createProcessDefinitionQuery()
                .processDefinitionKey(ProcessConstants.ENROLLMENT).withoutTenantId().list()) {
            // cheapest first: most versions have no running instance, and their models need not be read
            if (old.getId().equals(latest.getId())
                    || runtime.createProcessInstanceQuery().processDefinitionId(old.getId()).count() == 0
                    || repository.getBpmnModelInstance(old.getId()).getModelElementById(MULTI_INSTANCE) != null) {
                continue;
            }
            MigrationPlan plan = runtime.createMigrationPlan(old.getId(), latest.getId()).mapEqualActivities()
                    .updateEventTriggers().build();
            int failed = 0;
            while (true) {
                // migrated instances leave the query; the ones that cannot be migrated are skipped
                List<ProcessInstance> page = runtime.createProcessInstanceQuery().processDefinitionId(old.getId())
                        .orderByProcessInstanceId().asc().listPage(failed, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                for (ProcessInstance instance : page) {
                    try {
                        runtime.newMigration(plan).processInstanceIds(instance.getId()).skipCustomListeners()
                                .skipIoMappings().execute();
                        migrated++;
                    } catch (ProcessEngineException e) {
                        failed++;
                        log.warn("报名签约 instance {} (opportunity {}) stays on version {}: {}", instance.getId(),
                                instance.getBusinessKey(), old.getVersion(), e.getMessage());
                    }
                }
            }
            left += failed;
        }
        if (migrated + left > 0) {
            log.info("installment reminders upgrade: {} running 报名签约 instances moved to version {}, {} left",
                    migrated, latest.getVersion(), left);
        }
    }
}
