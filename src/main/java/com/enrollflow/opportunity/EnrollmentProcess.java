package com.enrollflow.opportunity;

/**
 * The enrollment workflow as the domain sees it. Implemented by the engine adapter
 * ({@code com.enrollflow.workflow.CamundaEnrollmentProcess}); the domain never imports the engine.
 */
public interface EnrollmentProcess {

    /** Starts the level-2 process for a new opportunity; returns the process instance id. */
    String start(long opportunityId);

    /** Starts the process for an opportunity split off at intent: it enters at distribution. */
    String startSplit(long opportunityId, long splitFromId);

    /** Tells the opportunity's process that its customer enquired again (客户再次咨询). */
    void repeatEnquiry(long opportunityId, long enquiryId);
}
