package com.enrollflow.workflow.assignment;

import static com.enrollflow.workflow.FormValues.text;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.RecycleExemptions;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.engine.StartFormRecord;

/** recycle-exemption.bpmn (商机免回收): the start form's fields to {@link RecycleExemptions}, what changed back. */
@Configuration
class RecycleExemptionDelegates {

    private final RecycleExemptions exemptions;

    RecycleExemptionDelegates(RecycleExemptions exemptions) {
        this.exemptions = exemptions;
    }

    /**
     * ServiceTask_SetRecycleExempt (设置免回收): the rule of PUT /api/opportunities/{id}/recycle-exempt, the opportunity
     * found by the family's phone; every refusal names the form's field, and nothing changes then. Filed under the
     * opportunity, in its campus.
     */
    @Bean("setRecycleExemptAsked")
    JavaDelegate setRecycleExemptAsked() {
        return execution -> {
            var asked = new RecycleExemptions.Asked(text(execution.getVariable(RecycleExemptions.PHONE)),
                    text(execution.getVariable(RecycleExemptions.PRODUCT_LINE)),
                    text(execution.getVariable(RecycleExemptions.ACTION)),
                    text(execution.getVariable(RecycleExemptions.REASON)));
            var changed = FormValues.request(() -> exemptions.change(asked, Actors.of(execution)));
            StartFormRecord.file(execution, changed.campusCode(), String.valueOf(changed.opportunityId()));
            StartFormRecord.told(execution, changed.told());
        };
    }
}
