package com.enrollflow.workflow.enrollment;

import static com.enrollflow.workflow.ProcessConstants.*;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.enrollflow.customer.Customer;
import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.workflow.SalesVariables;

/**
 * ServiceTask_LoadOpportunity (读取商机资料): the instance starts with the opportunity id only; this puts what
 * the level-2 process and the tasks of all its call activities show (customer's name, campus, product line)
 * into variables. The phone number is not among them: {@link com.enrollflow.workflow.engine.TaskCards} puts it on the tasks of the roles that
 * call families only. What only the intent tasks need is loaded by {@link com.enrollflow.workflow.intake.LoadLeadDetailsListener}
 * in {@code leadIntent}, so that it is not stored twice (every variable is a runtime and a history row).
 */
@Component("loadOpportunity")
class LoadOpportunityDelegate implements JavaDelegate {

    private final OpportunityRepository opportunities;
    private final CustomerRepository customers;

    LoadOpportunityDelegate(OpportunityRepository opportunities, CustomerRepository customers) {
        this.opportunities = opportunities;
        this.customers = customers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Opportunity o = opportunities.get(SalesVariables.id(execution, OPPORTUNITY_ID));
        Customer c = customers.findById(o.customerId()).orElseThrow();
        Map<String, Object> v = new HashMap<>();
        v.put(CUSTOMER_NAME, c.name());
        v.put(CAMPUS, o.campusCode());
        v.put(PRODUCT_LINE, o.productLine());
        if (o.splitFromId() != null) {
            v.put(INTENT_OUTCOME, OUTCOME_QUALIFIED);
            v.put(INTENT_LEVEL, o.intentLevel());
        }
        execution.setVariables(v);
    }
}
