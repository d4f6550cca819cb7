package com.enrollflow.workflow.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Campuses;
import com.enrollflow.workflow.ProcessConstants;

/**
 * Campus data scope in the engine (校区数据范围): every process instance is given the Camunda tenant of the campus it
 * serves, so the engine's own tenant check shows its tasks, variables, history, jobs and incidents only to members
 * of that campus (Tasklist, Cockpit, /engine-rest alike). Definitions stay shared (deployed without a tenant).
 *
 * <p>Which tenant: the opportunity's (its campus, or while it has none the call centre that received it); a
 * process started by another (call activity, reminder, mail) takes its caller's; a Tasklist start form, or a call
 * from a process of all campuses, takes the campus it is given, else the starter's call centre.
 */
@Component
class CampusTenants extends AbstractProcessEnginePlugin implements TenantIdProvider {

    private final OpportunityRepository opportunities;
    private final Campuses campusNames;
    private final CampusScope scope;

    CampusTenants(OpportunityRepository opportunities, Campuses campusNames, @Lazy CampusScope scope) {
        this.opportunities = opportunities;
        this.campusNames = campusNames;
        this.scope = scope;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTenantIdProvider(this);
    }

    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
        Object opportunityId = ctx.getVariables().get(ProcessConstants.OPPORTUNITY_ID);
        DelegateExecution caller = ctx.getSuperExecution();
        if (opportunityId == null && caller != null) {
            opportunityId = caller.getVariable(ProcessConstants.OPPORTUNITY_ID);
        }
        if (opportunityId != null) {
            String tenant = tenantOfOpportunity(opportunityId);
            if (tenant != null) {
                return tenant;
            }
        }
        if (caller == null) {
            BpmnExecutionContext running = Context.getBpmnExecutionContext();
            caller = running == null ? null : running.getExecution();
        }
        if (caller != null && caller.getTenantId() != null) {
            return caller.getTenantId();
        }
        // a start form (its campus as staff type it: 海淀 or BJ-HD), or a process of all campuses (每日出勤登记)
        // calling one campus's process
        Object campus = ctx.getVariables().get(ProcessConstants.CAMPUS);
        if (campus instanceof String given) {
            Campuses.Match match = campusNames.find(given);
            if (match.found()) {
                return Campus.tenantId(match.campus().code());
            }
        }
        if (!ctx.getProcessDefinition().isStartableInTasklist()) {
            // a process of all campuses (每日出勤登记, 个人信息保留期清理), also when an admin runs its job by hand
            return null;
        }
        Authentication starter = Context.getCommandContext() == null ? null
                : Context.getCommandContext().getAuthentication();
        return starter == null || starter.getUserId() == null ? null : scope.intakeCallCentre(starter.getUserId());
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
        return null;
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext ctx) {
        return ctx.getExecution() == null ? null : ctx.getExecution().getTenantId();
    }

    /** The tenant an opportunity's instances belong to now; null for an unknown id. */
    String tenantOfOpportunity(Object opportunityId) {
        long id = opportunityId instanceof Number n ? n.longValue() : Long.parseLong(opportunityId.toString());
        return opportunities.findById(id).map(o -> o.tenantId()).orElse(null);
    }
}
