package com.enrollflow.workflow.intake;

import static com.enrollflow.workflow.ProcessConstants.*;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.workflow.SalesVariables;

/**
 * Task_ExploreIntent (了解客户意向), start listener: the grade, subject, goal and product line (感兴趣的产品线) the
 * enquiry gave, which the form shows for the consultant to confirm or correct, read from the opportunity into
 * {@code leadIntent}'s variables once the customer has been reached. An enquiry without a product line leaves the
 * choice to the form.
 */
@Component("loadIntentDetails")
class LoadIntentDetailsListener implements ExecutionListener {

    private final OpportunityRepository opportunities;

    LoadIntentDetailsListener(OpportunityRepository opportunities) {
        this.opportunities = opportunities;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Opportunity o = opportunities.get(SalesVariables.id(execution, OPPORTUNITY_ID));
        Map<String, Object> v = new HashMap<>();
        v.put("grade", o.grade());
        v.put("subject", o.subject());
        v.put("goal", o.goal());
        if (o.productLine() != null) {
            v.put(PRODUCT_INTEREST, o.productLine());
        }
        execution.setVariables(v);
    }
}
