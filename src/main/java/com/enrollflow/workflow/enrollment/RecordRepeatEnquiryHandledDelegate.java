package com.enrollflow.workflow.enrollment;

import static com.enrollflow.workflow.ProcessConstants.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.workflow.SalesVariables;

/** ServiceTask_RecordRepeatHandled (记录跟进结果): the owner's note goes onto the customer's timeline. */
@Component("recordRepeatEnquiryHandled")
class RecordRepeatEnquiryHandledDelegate implements JavaDelegate {

    private final OpportunityService opportunities;

    RecordRepeatEnquiryHandledDelegate(OpportunityService opportunities) {
        this.opportunities = opportunities;
    }

    @Override
    public void execute(DelegateExecution execution) {
        opportunities.repeatEnquiryHandled(SalesVariables.id(execution, OPPORTUNITY_ID),
                (String) execution.getVariable("repeatHandledBy"), (String) execution.getVariable(FOLLOW_UP_NOTE));
    }
}
