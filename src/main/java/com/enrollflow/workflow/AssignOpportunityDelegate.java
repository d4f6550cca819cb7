package com.enrollflow.workflow;

import static com.enrollflow.workflow.ProcessConstants.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.StaffRole;
import com.enrollflow.opportunity.OpportunityService;

/** ServiceTask_RecordAssignment (记录商机归属): the designated consultant owns the opportunity. */
@Component("assignOpportunity")
class AssignOpportunityDelegate implements JavaDelegate {

    private final OpportunityService opportunities;

    AssignOpportunityDelegate(OpportunityService opportunities) {
        this.opportunities = opportunities;
    }

    @Override
    public void execute(DelegateExecution execution) {
        opportunities.assign((Long) execution.getVariable(OPPORTUNITY_ID), (String) execution.getVariable(CONSULTANT_ID),
                StaffRole.CONSULTANT.groupId(), Actors.of(execution));
    }
}
