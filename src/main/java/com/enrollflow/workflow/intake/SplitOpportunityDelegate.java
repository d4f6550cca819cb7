package com.enrollflow.workflow.intake;

import static com.enrollflow.workflow.ProcessConstants.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.workflow.SalesVariables;

/** ServiceTask_SplitOpportunity (拆分出班课商机): a class opportunity with its own enrollment instance. */
@Component("splitOpportunity")
class SplitOpportunityDelegate implements JavaDelegate {

    private final OpportunityService opportunities;

    SplitOpportunityDelegate(OpportunityService opportunities) {
        this.opportunities = opportunities;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long splitId = opportunities.split(SalesVariables.id(execution, OPPORTUNITY_ID),
                IntentVariables.read(execution, ProductLine.CLASS), (String) execution.getVariable(HANDLED_BY));
        execution.setVariable("splitOpportunityId", splitId);
    }
}
