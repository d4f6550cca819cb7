package com.enrollflow.workflow.intake;

import static com.enrollflow.workflow.ProcessConstants.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.workflow.SalesVariables;

/** ServiceTask_RecordFailedContact (记录未接通): counts the attempt into contactAttempts for the DMN. */
@Component("recordFailedContact")
class RecordFailedContactDelegate implements JavaDelegate {

    private final OpportunityService opportunities;

    RecordFailedContactDelegate(OpportunityService opportunities) {
        this.opportunities = opportunities;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int attempts = opportunities.recordFailedContact(SalesVariables.id(execution, OPPORTUNITY_ID),
                (String) execution.getVariable(HANDLED_BY), (String) execution.getVariable(CONTACT_NOTE));
        execution.setVariable(CONTACT_ATTEMPTS, attempts);
    }
}
