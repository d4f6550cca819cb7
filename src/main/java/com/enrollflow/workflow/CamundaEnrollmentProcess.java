package com.enrollflow.workflow;

import static com.enrollflow.workflow.ProcessConstants.*;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import com.enrollflow.customer.Customer;
import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.customer.PhoneNumbers;
import com.enrollflow.lead.EnquiryRepository;
import com.enrollflow.opportunity.EnrollmentProcess;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityRepository;

/** Starts and signals the {@code enrollment} process; business key = opportunity id. */
@Component
class CamundaEnrollmentProcess implements EnrollmentProcess {

    private static final Logger log = LoggerFactory.getLogger(CamundaEnrollmentProcess.class);

    private final RuntimeService runtime;
    private final OpportunityRepository opportunities;
    private final CustomerRepository customers;
    private final EnquiryRepository enquiries;
    private final PhoneNumbers phones;

    CamundaEnrollmentProcess(RuntimeService runtime, OpportunityRepository opportunities,
            CustomerRepository customers, EnquiryRepository enquiries, PhoneNumbers phones) {
        this.runtime = runtime;
        this.opportunities = opportunities;
        this.customers = customers;
        this.enquiries = enquiries;
        this.phones = phones;
    }

    @Override
    public String start(long opportunityId) {
        Opportunity o = opportunities.get(opportunityId);
        Map<String, Object> variables = variables(o);
        variables.put("notes", enquiries.first(opportunityId).notes());
        return retryable(() -> runtime.startProcessInstanceByKey(ENROLLMENT, String.valueOf(opportunityId), variables)
                .getId());
    }

    @Override
    public String startSplit(long opportunityId, long splitFromId) {
        Opportunity o = opportunities.get(opportunityId);
        Map<String, Object> variables = variables(o);
        variables.put(SPLIT_FROM, splitFromId);
        variables.put(INTENT_OUTCOME, OUTCOME_QUALIFIED);
        variables.put(INTENT_LEVEL, o.intentLevel());
        return runtime.startProcessInstanceByKey(ENROLLMENT, String.valueOf(opportunityId), variables).getId();
    }

    @Override
    public void repeatEnquiry(long opportunityId, long enquiryId) {
        Opportunity o = opportunities.get(opportunityId);
        EnquiryRepository.Enquiry enquiry = enquiries.get(enquiryId);
        Map<String, Object> local = new HashMap<>();
        local.put("enquiryId", enquiryId);
        local.put("repeatOwner", o.ownerUser());
        local.put("repeatGroup", o.ownerGroup());
        local.put("repeatChannel", enquiry.channel());
        local.put("repeatNotes", enquiry.notes());
        try {
            retryable(() -> runtime.createMessageCorrelation(MESSAGE_REPEAT_ENQUIRY)
                    .processInstanceBusinessKey(String.valueOf(opportunityId))
                    .setVariablesLocal(local)
                    .correlateWithResult());
        } catch (MismatchingMessageCorrelationException e) {
            // the enquiry is stored and on the timeline either way; only the task is missing
            log.warn("repeat enquiry {}: opportunity {} has no running enrollment instance to notify", enquiryId,
                    opportunityId);
        }
    }

    /**
     * The engine's optimistic-locking conflict (e.g. the owner completes a task of this instance while the
     * customer enquires again) as Spring's, so the intake's retry runs the whole transaction again.
     */
    private static <T> T retryable(Supplier<T> engineCall) {
        try {
            return engineCall.get();
        } catch (OptimisticLockingException e) {
            throw new OptimisticLockingFailureException("process instance changed concurrently", e);
        }
    }

    /** What every task of the opportunity shows: ids, the customer's name and number, and the enquiry. */
    private Map<String, Object> variables(Opportunity o) {
        Customer c = customers.findById(o.customerId()).orElseThrow();
        Map<String, Object> v = new HashMap<>();
        v.put(OPPORTUNITY_ID, o.id());
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
        return v;
    }
}
