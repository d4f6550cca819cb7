package com.enrollflow.workflow;

import static com.enrollflow.workflow.ProcessConstants.*;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.enrollflow.customer.Customer;
import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.customer.PhoneNumbers;
import com.enrollflow.lead.EnquiryRepository;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityRepository;

/**
 * ServiceTask_LoadOpportunity (读取商机资料): the instance starts with the opportunity id only; this puts what
 * the tasks show and decide on (customer's name and number, channel, enquiry, routing group) into variables.
 */
@Component("loadOpportunity")
class LoadOpportunityDelegate implements JavaDelegate {

    private final OpportunityRepository opportunities;
    private final CustomerRepository customers;
    private final EnquiryRepository enquiries;
    private final PhoneNumbers phones;

    LoadOpportunityDelegate(OpportunityRepository opportunities, CustomerRepository customers,
            EnquiryRepository enquiries, PhoneNumbers phones) {
        this.opportunities = opportunities;
        this.customers = customers;
        this.enquiries = enquiries;
        this.phones = phones;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Opportunity o = opportunities.get((Long) execution.getVariable(OPPORTUNITY_ID));
        Customer c = customers.findById(o.customerId()).orElseThrow();
        Map<String, Object> v = new HashMap<>();
        v.put(CUSTOMER_ID, o.customerId());
        v.put(CUSTOMER_NAME, c.name());
        v.put(PHONE_DISPLAY, phones.display(c.phone()));
        v.put(CHANNEL, o.channel());
        v.put(CAMPUS, o.campusCode());
        v.put(PRODUCT_LINE, o.productLine());
        v.put("grade", o.grade());
        v.put("subject", o.subject());
        v.put("goal", o.goal());
        v.put(CONTACT_GROUP, o.ownerGroup());
        v.put("notes", enquiries.firstNotes(o.id()));
        if (o.splitFromId() != null) {
            v.put(INTENT_OUTCOME, OUTCOME_QUALIFIED);
            v.put(INTENT_LEVEL, o.intentLevel());
        }
        execution.setVariables(v);
    }
}
