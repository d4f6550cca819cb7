package com.enrollflow.workflow.assignment;

import com.enrollflow.workflow.ProcessConstants;
import com.enrollflow.workflow.SalesVariables;

/** Variable names of opportunity-assignment.bpmn (商机分配与跟进), shared by BPMN, Java and tests. */
final class AssignmentVariables {

    static final String OPPORTUNITY_ASSIGNMENT = "opportunityAssignment";

    static final String TEAM_ID = "teamId";
    static final String DISTRIBUTION_OUTCOME = "distributionOutcome";
    static final String DISTRIBUTION_REASON = "distributionReason";
    static final String POOL_CANDIDATES = "poolCandidates";
    static final String TAKEN_FROM = "takenFrom";
    static final String RECYCLED = "recycled";
    static final String RECYCLE_COUNT = "recycleCount";
    static final String RECYCLE_KIND = "recycleKind";
    static final String WARNED_TASK = "warnedTask";
    static final String RECYCLE_WARNING = "recycleWarning";
    static final String FIRST_CONTACT_OUTCOME = "firstContactOutcome";
    static final String FOLLOW_UP_OUTCOME = "followUpOutcome";
    static final String RETURN_REASON = "returnReason";
    static final String RETURNED_BY = "returnedBy";
    static final String RETURNED_BY_NAME = "returnedByName";
    static final String RETURN_DECISION = "returnDecision";
    static final String LOST_REASON = "lostReason";
    static final String CLOSE_REASON = "closeReason";
    static final String ASSIGNMENT_OUTCOME = "assignmentOutcome";
    static final String MEMBER_OPTIONS = "memberOptions";
    static final String INTENT_SUMMARY = "intentSummary";

    private AssignmentVariables() {
    }

    /**
     * The opportunity id of the instance. A form that shows the id in a text field submits it back as text,
     * so a number in either form is accepted rather than failing the task.
     */
    static long opportunityId(org.camunda.bpm.engine.delegate.VariableScope scope) {
        return SalesVariables.id(scope, ProcessConstants.OPPORTUNITY_ID);
    }
}
