package com.enrollflow.workflow.intake;

import static com.enrollflow.workflow.ProcessConstants.*;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import com.enrollflow.lead.EnquiryRepository;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.workflow.SalesVariables;

/**
 * StartEvent_IntentStarted (开始确定意向), start listener: what first contact shows and is routed by (channel, the
 * enquiry's notes, the group that makes first contact), read from our tables into {@code leadIntent}'s own variables.
 * {@code enrollment} passes in the opportunity id and what every level shows. The enquiry's grade, subject and goal
 * are loaded when 了解客户意向 starts ({@link LoadIntentDetailsListener}): a lead that is never reached does not carry
 * them (each variable is a runtime and a history row, written at the intake).
 */
@Component("loadLeadDetails")
class LoadLeadDetailsListener implements ExecutionListener {

    private final OpportunityRepository opportunities;
    private final EnquiryRepository enquiries;

    LoadLeadDetailsListener(OpportunityRepository opportunities, EnquiryRepository enquiries) {
        this.opportunities = opportunities;
        this.enquiries = enquiries;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Opportunity o = opportunities.get(SalesVariables.id(execution, OPPORTUNITY_ID));
        Map<String, Object> v = new HashMap<>();
        v.put(CHANNEL, o.channel());
        v.put(CONTACT_GROUP, o.ownerGroup());
        v.put("notes", enquiries.firstNotes(o.id()));
        execution.setVariables(v);
    }
}
