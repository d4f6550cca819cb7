package com.enrollflow.workflow.suspension;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.enrollflow.contract.ContractService;
import com.enrollflow.identity.SystemLookups;
import com.enrollflow.opportunity.Families;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.suspension.Suspension;
import com.enrollflow.suspension.SuspensionProcess;
import com.enrollflow.workflow.ProcessConstants;

/**
 * Starts suspension.bpmn (休学/停课); business key = the opportunity id. The resumption task comes three days before
 * the suspension's last day at 09:00 (at once for a shorter one).
 */
@Component
class CamundaSuspensionProcess implements SuspensionProcess {

    static final String PROCESS = "suspension";

    private final RuntimeService runtime;
    private final SystemLookups system;
    private final Families families;
    private final ContractService contracts;

    CamundaSuspensionProcess(RuntimeService runtime, SystemLookups system, Families families,
            ContractService contracts) {
        this.runtime = runtime;
        this.system = system;
        this.families = families;
        this.contracts = contracts;
    }

    @Override
    public void start(Suspension s) {
        Map<String, Object> v = new HashMap<>();
        v.put(SuspensionDelegates.SUSPENSION_ID, s.id());
        v.put(ProcessConstants.OPPORTUNITY_ID, s.opportunityId());
        v.put(ProcessConstants.CUSTOMER_NAME, families.of(s.opportunityId()).name());
        v.put(ProcessConstants.CAMPUS, s.campusCode());
        v.put("quoteId", contracts.find(s.contractId()).orElseThrow().quoteId());
        // three days before the last day, but never before the first: arranged earlier, the resumption would close
        // the schedule with the lessons still to come before the suspension (decision 583)
        LocalDate taskDay = s.endsOn().minusDays(3).isBefore(s.startsOn()) ? s.startsOn() : s.endsOn().minusDays(3);
        OffsetDateTime taskAt = taskDay.atTime(9, 0).atZone(BusinessTime.ZONE).toOffsetDateTime();
        v.put(SuspensionDelegates.RESUME_TASK_AT, Date.from(taskAt.toInstant()));
        // due on the last day at 18:00: the lessons owed are to be proposed before the family comes back (decision 673)
        v.put(SuspensionDelegates.RESUME_DUE_AT, Date.from(s.endsOn().atTime(18, 0).atZone(BusinessTime.ZONE)
                .toInstant()));
        system.unrestricted(() -> runtime.startProcessInstanceByKey(PROCESS, String.valueOf(s.opportunityId()), v));
    }
}
