package com.enrollflow.workflow.renewal;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.SystemLookups;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.contract.ContractService;
import com.enrollflow.payment.SaleTerms;
import com.enrollflow.renewal.Renewal;
import com.enrollflow.renewal.RenewalProcess;
import com.enrollflow.scheduling.PreferredTimes;
import com.enrollflow.workflow.OptionLists;
import com.enrollflow.workflow.ProcessConstants;
import com.enrollflow.workflow.SalesVariables;

/**
 * Starts renewal.bpmn (续费); business key = the renewal's own opportunity id, as for a first sale, so the payment of
 * its contract wakes 签约与缴费 (PaymentReceived is correlated by that key). The plan form starts from what the family
 * has now: subject, teacher level and weekly times of the contract running out.
 */
@Component
class CamundaRenewalProcess implements RenewalProcess {

    static final String PROCESS = "renewal";
    static final String CONTRACT_ENDED = "RenewalContractEnded";
    static final String ENDED_REASON = "原合同已退费，续费终止";

    private final RuntimeService runtime;
    private final SystemLookups system;
    private final Families families;
    private final ContractService contracts;
    private final PricingService pricing;
    private final SaleTerms saleTerms;
    private final OptionLists optionLists;
    private final OpportunityService opportunities;

    CamundaRenewalProcess(RuntimeService runtime, SystemLookups system, Families families, ContractService contracts,
            PricingService pricing, SaleTerms saleTerms, OptionLists optionLists, OpportunityService opportunities) {
        this.optionLists = optionLists;
        this.opportunities = opportunities;
        this.runtime = runtime;
        this.system = system;
        this.families = families;
        this.contracts = contracts;
        this.pricing = pricing;
        this.saleTerms = saleTerms;
    }

    @Override
    public void start(Renewal r) {
        Map<String, Object> v = new HashMap<>();
        v.put(RenewalDelegates.RENEWAL_ID, r.id());
        v.put(RenewalDelegates.RENEWAL_NO, r.renewalNo());
        v.put(RenewalDelegates.RENEWAL_OWNER, r.ownerUser());
        v.put(RenewalDelegates.REMAINING, r.remainingAtStart());
        v.put(RenewalDelegates.OLD_CONTRACT_NO, r.contractNo());
        v.put(RenewalDelegates.NEW_LESSONS_FROM, r.newLessonsFrom() == null ? null : r.newLessonsFrom().toString());
        v.put(RenewalDelegates.PREFERRED_TEACHER, r.teacherId());
        v.put(ProcessConstants.OPPORTUNITY_ID, r.opportunityId());
        v.put(ProcessConstants.CUSTOMER_NAME, families.of(r.opportunityId()).name());
        v.put(RenewalDelegates.GRADE, opportunities.get(r.opportunityId()).grade());
        v.put(ProcessConstants.CAMPUS, r.campusCode());
        v.put(ProcessConstants.PRODUCT_LINE, r.productLine());
        v.put(ProcessConstants.CONSULTANT_ID, r.ownerUser());
        contracts.find(r.contractId()).flatMap(c -> pricing.find(c.quoteId())).ifPresent(q -> current(q, v));
        system.unrestricted(() -> runtime.startProcessInstanceByKey(PROCESS, String.valueOf(r.opportunityId()), v));
    }

    /**
     * 原合同已退费 (message {@value #CONTRACT_ENDED}): the renewal's event subprocess ends it wherever it waits (续费沟通,
     * or the follow-up day). The renewal's own id picks the instance. An instance of a version from before the event
     * subprocess cannot receive the message: it is ended here, with the same words as the reason Cockpit shows.
     */
    @Override
    public void contractEnded(Renewal r) {
        String key = String.valueOf(r.opportunityId());
        system.unrestricted(() -> {
            if (runtime.createMessageCorrelation(CONTRACT_ENDED).processInstanceBusinessKey(key)
                    .processInstanceVariableEquals(RenewalDelegates.RENEWAL_ID, r.id()).correlateAllWithResult()
                    .isEmpty()) {
                runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).processInstanceBusinessKey(key)
                        .variableValueEquals(RenewalDelegates.RENEWAL_ID, r.id()).list()
                        .forEach(old -> runtime.deleteProcessInstance(old.getId(), ENDED_REASON, true, true));
            }
            return null;
        });
    }

    /** The plan form's starting values: the course the student takes now. */
    private void current(Quote q, Map<String, Object> v) {
        if (q.subject() != null) {
            v.put(SalesVariables.LESSON_SUBJECT, q.subject().name());
        }
        if (q.teacherLevel() != null) {
            v.put(SalesVariables.TEACHER_LEVEL, q.teacherLevel().name());
        }
        saleTerms.find(q.id()).map(SaleTerms.Terms::preferredTimes).filter(t -> t != null && !t.isBlank())
                .ifPresent(times -> v.put(SalesVariables.PREFERRED_TIMES, optionLists.json(PreferredTimes.chosen(times))));
    }
}
