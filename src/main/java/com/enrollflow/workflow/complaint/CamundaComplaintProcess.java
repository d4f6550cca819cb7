package com.enrollflow.workflow.complaint;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.enrollflow.complaint.Complaint;
import com.enrollflow.complaint.ComplaintProcess;
import com.enrollflow.complaint.Complaints;
import com.enrollflow.identity.SystemLookups;
import com.enrollflow.opportunity.Families;
import com.enrollflow.workflow.ProcessConstants;

/** Starts complaint.bpmn (投诉处理): business key = the complaint number; the opportunity gives the campus's tenant. */
@Component
class CamundaComplaintProcess implements ComplaintProcess {

    static final String PROCESS = "complaint";

    private final RuntimeService runtime;
    private final SystemLookups system;
    private final Families families;

    CamundaComplaintProcess(RuntimeService runtime, SystemLookups system, Families families) {
        this.runtime = runtime;
        this.system = system;
        this.families = families;
    }

    @Override
    public void start(Complaint c, String escalationGroup, Complaints.Warnings warn) {
        Map<String, Object> v = new HashMap<>();
        v.put(ComplaintDelegates.COMPLAINT_ID, c.id());
        v.put(ProcessConstants.OPPORTUNITY_ID, c.opportunityId());
        v.put(ProcessConstants.CUSTOMER_NAME, families.of(c.opportunityId()).name());
        v.put("handlerGroup", c.handlerGroup());
        v.put("escalationGroup", escalationGroup);
        v.put("responseDue", Date.from(c.responseDue().toInstant()));
        v.put("resolutionDue", Date.from(c.resolutionDue().toInstant()));
        v.put("responseWarnAt", Date.from(warn.response().toInstant()));
        v.put("resolutionWarnAt", Date.from(warn.resolution().toInstant()));
        system.unrestricted(() -> runtime.startProcessInstanceByKey(PROCESS, c.complaintNo(), v));
    }
}
