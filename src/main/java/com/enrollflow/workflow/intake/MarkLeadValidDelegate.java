package com.enrollflow.workflow.intake;

import static com.enrollflow.workflow.ProcessConstants.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.workflow.SalesVariables;

/** ServiceTask_MarkValid (标记为有效线索): funnel stage 有效信息. */
@Component("markLeadValid")
class MarkLeadValidDelegate implements JavaDelegate {

    private final OpportunityService opportunities;

    MarkLeadValidDelegate(OpportunityService opportunities) {
        this.opportunities = opportunities;
    }

    @Override
    public void execute(DelegateExecution execution) {
        opportunities.markValid(SalesVariables.id(execution, OPPORTUNITY_ID),
                (String) execution.getVariable(HANDLED_BY), (String) execution.getVariable(CONTACT_NOTE));
    }
}
