package com.enrollflow.workflow.refund;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.SystemLookups;
import com.enrollflow.opportunity.Families;
import com.enrollflow.refund.Refund;
import com.enrollflow.refund.RefundProcess;
import com.enrollflow.workflow.ProcessConstants;

/**
 * Starts refund.bpmn (退费) for a stored request: business key = the refund number; the opportunity id gives the
 * instance its campus's tenant; the decision inputs ride along.
 */
@Component
class CamundaRefundProcess implements RefundProcess {

    static final String PROCESS = "refund";
    static final String MESSAGE_CANCELLED = "RefundCancelled";

    private final RuntimeService runtime;
    private final SystemLookups system;
    private final Families families;

    CamundaRefundProcess(RuntimeService runtime, SystemLookups system, Families families) {
        this.runtime = runtime;
        this.system = system;
        this.families = families;
    }

    /** As the application: the requester may take the request, not start engine processes herself. */
    @Override
    public void start(Refund refund, Map<String, Object> decisionInputs) {
        Map<String, Object> v = new HashMap<>(decisionInputs);
        v.put(RefundVariables.REFUND_ID, refund.id());
        v.put(RefundVariables.REFUND_NO, refund.refundNo());
        v.put(RefundVariables.CONTRACT_ID, refund.contractId());
        v.put(ProcessConstants.OPPORTUNITY_ID, refund.opportunityId());
        v.put(ProcessConstants.CUSTOMER_NAME, families.of(refund.opportunityId()).name());
        system.unrestricted(() -> runtime.startProcessInstanceByKey(PROCESS, refund.refundNo(), v));
    }

    /**
     * At an approval task the message ends the instance (BoundaryEvent_RefundCancelled); before it (the levels are
     * still being decided by the job) there is no task yet, and the instance is deleted with the reason.
     */
    @Override
    public void cancelled(Refund refund) {
        system.unrestricted(() -> {
            if (runtime.createExecutionQuery().processInstanceBusinessKey(refund.refundNo())
                    .messageEventSubscriptionName(MESSAGE_CANCELLED).count() > 0) {
                runtime.createMessageCorrelation(MESSAGE_CANCELLED).processInstanceBusinessKey(refund.refundNo())
                        .correlateWithResult();
            } else {
                runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS)
                        .processInstanceBusinessKey(refund.refundNo()).list()
                        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "退费申请已撤销：" + refund.cancelReason()));
            }
            return null;
        });
    }
}
