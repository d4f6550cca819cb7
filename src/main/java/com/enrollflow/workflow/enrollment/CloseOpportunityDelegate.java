package com.enrollflow.workflow.enrollment;

import static com.enrollflow.workflow.ProcessConstants.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.opportunity.OpportunityStatus;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.SalesVariables;

/**
 * ServiceTask_Close… (关闭商机): closes with the status and reason the BPMN maps in as the local
 * inputs {@code closeStatus} and {@code closeReason}, and tells the parent process the outcome.
 */
@Component("closeOpportunity")
class CloseOpportunityDelegate implements JavaDelegate {

    private final OpportunityService opportunities;

    CloseOpportunityDelegate(OpportunityService opportunities) {
        this.opportunities = opportunities;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OpportunityStatus status = OpportunityStatus.valueOf((String) execution.getVariableLocal("closeStatus"));
        String reason = (String) execution.getVariableLocal("closeReason");
        Object handledBy = execution.getVariable(HANDLED_BY);
        opportunities.close(SalesVariables.id(execution, OPPORTUNITY_ID), status, reason,
                handledBy == null ? Actors.SYSTEM : handledBy.toString());
        execution.getProcessInstance().setVariable(INTENT_OUTCOME, status.name());
    }
}
