package com.enrollflow.workflow.engine;

import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.reference.CampusScope;
import com.enrollflow.workflow.ProcessConstants;

/**
 * Data from before campus scope (校区数据范围) moves into it at start: opportunities without a campus are given the
 * default call centre, and process instances without a tenant (running and finished) the tenant of their
 * opportunity. Idempotent and safe on every node of a cluster (the same rows get the same values); instances that
 * belong to no opportunity (e-mails sent before) keep none.
 */
@Component
class CampusScopeMigration {

    private static final Logger log = LoggerFactory.getLogger(CampusScopeMigration.class);
    private static final int PAGE = 200;

    private final JdbcClient jdbc;
    private final HistoryService history;
    private final ProcessEngineConfigurationImpl engine;
    private final CampusTenants tenants;
    private final CampusScope scope;

    CampusScopeMigration(JdbcClient jdbc, HistoryService history, ProcessEngineConfigurationImpl engine,
            CampusTenants tenants, CampusScope scope) {
        this.jdbc = jdbc;
        this.history = history;
        this.engine = engine;
        this.tenants = tenants;
        this.scope = scope;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(4)
    public void migrate() {
        int centres = jdbc.sql("update opportunity set call_centre = ? where campus_code is null and call_centre is null")
                .param(scope.intakeCallCentre(null)).update();
        int moved = 0;
        int skipped = 0;
        while (true) {
            List<HistoricProcessInstance> page = history.createHistoricProcessInstanceQuery().withoutTenantId()
                    .orderByProcessInstanceId().asc().listPage(skipped, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (HistoricProcessInstance instance : page) {
                String tenant = tenantOf(instance);
                if (tenant == null) {
                    skipped++;
                    continue;
                }
                engine.getCommandExecutorTxRequired().execute(command -> {
                    TenantMove.move(command, instance.getId(), tenant);
                    return null;
                });
                moved++;
            }
        }
        if (centres + moved > 0) {
            log.info("campus scope: {} opportunities given the default call centre, {} process instances moved into "
                    + "their campus's tenant, {} left without one", centres, moved, skipped);
        }
    }

    private String tenantOf(HistoricProcessInstance instance) {
        String key = instance.getBusinessKey();
        if (key != null && key.matches("\\d{1,18}")) {
            String tenant = tenants.tenantOfOpportunity(key);
            if (tenant != null) {
                return tenant;
            }
        }
        HistoricVariableInstance opportunity = history.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName(ProcessConstants.OPPORTUNITY_ID).list().stream()
                .findFirst().orElse(null);
        return opportunity == null || opportunity.getValue() == null ? null
                : tenants.tenantOfOpportunity(opportunity.getValue());
    }
}
