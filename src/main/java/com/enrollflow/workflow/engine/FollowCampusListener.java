package com.enrollflow.workflow.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

import com.enrollflow.workflow.ProcessConstants;
import com.enrollflow.workflow.SalesVariables;

/**
 * CallActivity_DetermineIntent (确定客户意向), end listener: intent has set (or changed) the campus, so the level-2
 * instance moves into that campus's data scope with everything it holds; a lead received without a campus
 * leaves its call centre's scope here. Nothing happens when the campus was already the instance's.
 */
@Component("followCampus")
class FollowCampusListener implements ExecutionListener {

    private final CampusTenants tenants;

    FollowCampusListener(CampusTenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String tenant = tenants.tenantOfOpportunity(SalesVariables.id(execution, ProcessConstants.OPPORTUNITY_ID));
        if (tenant != null && !tenant.equals(execution.getTenantId())) {
            TenantMove.move(Context.getCommandContext(), execution.getProcessInstanceId(), tenant);
        }
    }
}
