package com.enrollflow.workflow.care;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

import com.enrollflow.care.CareTouches;
import com.enrollflow.contract.ContractService;
import com.enrollflow.contract.Contract;
import com.enrollflow.identity.SystemLookups;
import com.enrollflow.refund.Refund;
import com.enrollflow.refund.RefundPaidFollowUp;

/**
 * 退费完成 → 关怀回访 撤下: once a refund leaves the contract no longer in force (部分退费, 已退费), its calls not yet made
 * are not needed (their outcome says why) and care-call.bpmn's boundary event 合同已退费 ends each open task: customer
 * service is not asked to arrange lessons for a family that has left. A refund that leaves the contract in force
 * (转课差价, 多付款退还, 退班) ends nothing.
 */
@Component
class CareCallsAfterRefund implements RefundPaidFollowUp {

    static final String PROCESS = "careCall";
    static final String CONTRACT_REFUNDED = "careContractRefunded";

    private final CareTouches care;
    private final ContractService contracts;
    private final RuntimeService runtime;
    private final SystemLookups system;

    CareCallsAfterRefund(CareTouches care, ContractService contracts, RuntimeService runtime, SystemLookups system) {
        this.care = care;
        this.contracts = contracts;
        this.runtime = runtime;
        this.system = system;
    }

    @Override
    public void refundPaid(Refund refund) {
        boolean inForce = contracts.find(refund.contractId()).map(Contract::inForce).orElse(true);
        List<Long> open = inForce ? List.of()
                : care.noLongerNeeded(refund.contractId(), "合同已退费（" + refund.refundNo() + "），无需回访");
        if (open.isEmpty()) {
            return;
        }
        system.unrestricted(() -> {
            for (ProcessInstance call : runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS)
                    .processInstanceBusinessKey(String.valueOf(refund.opportunityId())).list()) {
                if (runtime.getVariable(call.getId(), CareDelegates.TOUCH_ID) instanceof Number touch
                        && open.contains(touch.longValue())) {
                    runtime.createMessageCorrelation(CONTRACT_REFUNDED).processInstanceId(call.getId())
                            .correlateWithResult();
                }
            }
            return null;
        });
    }
}
