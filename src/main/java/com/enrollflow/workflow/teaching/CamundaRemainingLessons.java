package com.enrollflow.workflow.teaching;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.enrollflow.contract.ContractService;
import com.enrollflow.contract.Contract;
import com.enrollflow.identity.SystemLookups;
import com.enrollflow.refund.Refund;
import com.enrollflow.refund.RefundPaidFollowUp;
import com.enrollflow.teaching.RemainingLessons;
import com.enrollflow.teaching.RemainingLessonsFollowUps;
import com.enrollflow.workflow.ProcessConstants;

/**
 * Starts and withdraws 剩余课时待排 (remaining-lessons-follow-up.bpmn); business key = opportunity id, as every sales
 * process. A refund that leaves the contract no longer in force (部分退费, 已退费) withdraws it too: academic affairs
 * are not asked to book lessons for a family that has left; so does one that leaves no hour to book (退部分课时 of
 * every free hour).
 */
@Component
class CamundaRemainingLessons implements RemainingLessonsFollowUps, RefundPaidFollowUp {

    static final String PROCESS = "remainingLessonsFollowUp";
    static final String CONTRACT_ID = "contractId";
    static final String CONTRACT = "contract";
    static final String UNBOOKED = "unbookedLessons";

    private final RuntimeService runtime;
    private final SystemLookups system;
    private final ContractService contracts;
    /** Lazily: RemainingLessons asks and withdraws through this class. */
    private final ObjectProvider<RemainingLessons> remaining;

    CamundaRemainingLessons(RuntimeService runtime, SystemLookups system, ContractService contracts,
            ObjectProvider<RemainingLessons> remaining) {
        this.remaining = remaining;
        this.runtime = runtime;
        this.system = system;
        this.contracts = contracts;
    }

    @Override
    public void refundPaid(Refund refund) {
        Contract contract = contracts.find(refund.contractId()).orElse(null);
        if (contract != null && !contract.inForce()) {
            withdraw(refund.opportunityId(), "合同已退费（" + refund.refundNo() + "），无需排课");
        } else if (contract != null && open(refund.opportunityId()) > 0
                && remaining.getObject().unbooked(contract) == 0) {
            withdraw(refund.opportunityId(), "退费（" + refund.refundNo() + "）后没有待排的课时");
        }
    }

    /** As the application: the teacher whose mark used the schedule up may not start processes herself. */
    @Override
    public void ask(long opportunityId, long contractId, String contractNumber, int unbooked) {
        system.asApplication(() -> system.unrestricted(() -> {
            if (open(opportunityId) == 0) {
                Map<String, Object> v = new HashMap<>();
                v.put(ProcessConstants.OPPORTUNITY_ID, opportunityId);
                v.put(CONTRACT_ID, contractId);
                v.put(CONTRACT, contractNumber);
                v.put(UNBOOKED, unbooked);
                runtime.startProcessInstanceByKey(PROCESS, String.valueOf(opportunityId), v);
            }
            return null;
        }));
    }

    @Override
    public void withdraw(long opportunityId, String reason) {
        system.asApplication(() -> system.unrestricted(() -> {
            runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS)
                    .processInstanceBusinessKey(String.valueOf(opportunityId)).listPage(0, 10)
                    .forEach(p -> runtime.deleteProcessInstance(p.getId(), reason));
            return null;
        }));
    }

    private long open(long opportunityId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS)
                .processInstanceBusinessKey(String.valueOf(opportunityId)).count();
    }
}
