package com.enrollflow.workflow.intake;

import static com.enrollflow.workflow.ProcessConstants.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.workflow.SalesVariables;

/** ServiceTask_QualifyOpportunity (记录意向商机): funnel stage 意向商机, outcome QUALIFIED. */
@Component("qualifyOpportunity")
class QualifyOpportunityDelegate implements JavaDelegate {

    private final OpportunityService opportunities;

    QualifyOpportunityDelegate(OpportunityService opportunities) {
        this.opportunities = opportunities;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ProductLine line = IntentVariables.ownLine(execution);
        opportunities.qualify(SalesVariables.id(execution, OPPORTUNITY_ID), IntentVariables.read(execution, line),
                (String) execution.getVariable(HANDLED_BY));
        execution.setVariable(PRODUCT_LINE, line.name());
        execution.setVariable(INTENT_OUTCOME, OUTCOME_QUALIFIED);
    }
}
