package com.enrollflow.workflow.enrollment;

import static com.enrollflow.workflow.ProcessConstants.*;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import com.enrollflow.assignment.AssignmentService;
import com.enrollflow.lead.EnquiryRepository;
import com.enrollflow.opportunity.EnrollmentProcess;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityRepository;

/** Starts and signals the {@code enrollment} process; business key = opportunity id. */
@Component
class CamundaEnrollmentProcess implements EnrollmentProcess {

    private static final Logger log = LoggerFactory.getLogger(CamundaEnrollmentProcess.class);

    private final RuntimeService runtime;
    private final OpportunityRepository opportunities;
    private final EnquiryRepository enquiries;
    private final AssignmentService assignments;

    CamundaEnrollmentProcess(RuntimeService runtime, OpportunityRepository opportunities,
            EnquiryRepository enquiries, @Lazy AssignmentService assignments) {
        this.runtime = runtime;
        this.opportunities = opportunities;
        this.enquiries = enquiries;
        this.assignments = assignments;
    }

    /** Starts with the opportunity id only; ServiceTask_LoadOpportunity reads the rest after the async boundary. */
    @Override
    public String start(long opportunityId) {
        return retryable(() -> runtime.startProcessInstanceByKey(ENROLLMENT, String.valueOf(opportunityId),
                Map.of(OPPORTUNITY_ID, opportunityId)).getId());
    }

    @Override
    public String startSplit(long opportunityId, long splitFromId) {
        return runtime.startProcessInstanceByKey(ENROLLMENT, String.valueOf(opportunityId),
                Map.of(OPPORTUNITY_ID, opportunityId, SPLIT_FROM, splitFromId)).getId();
    }

    @Override
    public void repeatEnquiry(long opportunityId, long enquiryId) {
        Opportunity o = opportunities.get(opportunityId);
        EnquiryRepository.Enquiry enquiry = enquiries.get(enquiryId);
        Map<String, Object> local = new HashMap<>();
        local.put("enquiryId", enquiryId);
        local.put("repeatOwner", o.ownerUser());
        local.put("repeatGroup", o.ownerGroup());
        local.put("repeatCandidates", teamPoolOf(opportunityId, o.ownerUser()));
        local.put("repeatChannel", enquiry.channel());
        local.put("repeatNotes", enquiry.notes());
        // nobody listening (the enrollment instance is elsewhere or gone): a failed correlation would mark the whole
        // intake transaction rollback-only, so ask first
        if (runtime.createExecutionQuery().messageEventSubscriptionName(MESSAGE_REPEAT_ENQUIRY)
                .processInstanceBusinessKey(String.valueOf(opportunityId)).count() == 0) {
            log.warn("repeat enquiry {}: opportunity {} has no running enrollment instance to notify", enquiryId,
                    opportunityId);
            return;
        }
        try {
            retryable(() -> runtime.createMessageCorrelation(MESSAGE_REPEAT_ENQUIRY)
                    .processInstanceBusinessKey(String.valueOf(opportunityId))
                    .setVariablesLocal(local)
                    .correlateWithResult());
        } catch (MismatchingMessageCorrelationException e) {
            // the enquiry is stored and on the timeline either way; only the task is missing
            log.warn("repeat enquiry {}: opportunity {} has no running enrollment instance to notify", enquiryId,
                    opportunityId);
        }
    }

    /** Unowned but in a sales team: the team's active members (comma-separated), not the whole role group. */
    private String teamPoolOf(long opportunityId, String owner) {
        if (owner != null) {
            return null;
        }
        String teamId = assignments.get(opportunityId).teamId();
        return teamId == null ? null : String.join(",", assignments.teamPoolMembers(teamId));
    }

    /**
     * The engine's optimistic-locking conflict (e.g. the owner completes a task of this instance while the
     * customer enquires again) as Spring's, so the intake's retry runs the whole transaction again.
     */
    private static <T> T retryable(Supplier<T> engineCall) {
        try {
            return engineCall.get();
        } catch (OptimisticLockingException e) {
            throw new OptimisticLockingFailureException("process instance changed concurrently", e);
        }
    }

}
