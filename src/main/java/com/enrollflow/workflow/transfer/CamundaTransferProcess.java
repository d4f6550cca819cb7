package com.enrollflow.workflow.transfer;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.SystemLookups;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.transfer.Transfer;
import com.enrollflow.transfer.TransferProcess;
import com.enrollflow.workflow.ProcessConstants;

/**
 * Starts transfer.bpmn (转课, 转班); business key = the opportunity id, so a payment of the difference wakes the
 * installment reminder it calls (PaymentReceived is correlated by that key). A 转课's new course is scheduled from
 * tomorrow.
 */
@Component
class CamundaTransferProcess implements TransferProcess {

    static final String PROCESS = "transfer";

    private final RuntimeService runtime;
    private final SystemLookups system;
    private final Families families;
    private final OpportunityService opportunities;
    private final Clock clock;

    CamundaTransferProcess(RuntimeService runtime, SystemLookups system, Families families,
            OpportunityService opportunities, Clock clock) {
        this.runtime = runtime;
        this.system = system;
        this.families = families;
        this.opportunities = opportunities;
        this.clock = clock;
    }

    @Override
    public void start(Transfer t, long quoteId) {
        Map<String, Object> v = new HashMap<>();
        v.put(TransferDelegates.TRANSFER_ID, t.id());
        v.put(TransferDelegates.TRANSFER_NO, t.transferNo());
        v.put(ProcessConstants.OPPORTUNITY_ID, t.opportunityId());
        v.put(ProcessConstants.CUSTOMER_NAME, families.of(t.opportunityId()).name());
        v.put(ProcessConstants.CAMPUS, t.campusCode());
        v.put(ProcessConstants.CONSULTANT_ID, opportunities.get(t.opportunityId()).ownerUser());
        v.put(TransferDelegates.TRANSFER_KIND, t.kind().name());
        if (t.kind() == Transfer.Kind.LESSONS) {
            // a 转班's new class has its timetable: nothing to schedule
            v.put("quoteId", quoteId);
            v.put("lessonsToSchedule", t.lessonsToSchedule());
            v.put("scheduleFrom", LocalDate.now(clock.withZone(BusinessTime.ZONE)).plusDays(1).toString());
            v.put("scheduleSubject", t.toSubject().name());
            v.put("scheduleTeacherLevel", t.toTeacherLevel().name());
        }
        // the inputs of transfer-settlement.dmn
        v.put("transferDifference", t.difference().doubleValue());
        v.put("refundableAmount", t.refundable().doubleValue());
        v.put("familyAsksRefund", t.familyAsksRefund());
        system.unrestricted(() -> runtime.startProcessInstanceByKey(PROCESS, String.valueOf(t.opportunityId()), v));
    }
}
