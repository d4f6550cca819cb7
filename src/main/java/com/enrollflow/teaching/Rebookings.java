package com.enrollflow.teaching;

/**
 * 补课安排: a lesson that is to be taught again goes to the group the consumption table names (academic affairs) as a
 * task of its own (lesson-rebooking.bpmn, through workflow.teaching.CamundaRebookings).
 */
public interface Rebookings {

    /**
     * Asks for the lesson to be taught again, once: a lesson already waiting for its 补课, or whose 补课 is on the
     * schedule, is not asked twice.
     */
    void request(long lessonId, long opportunityId, String group);

    /**
     * A correction took the 补课 back (the lesson counts after all): its open task, if any, goes away, and its make-up
     * booked and not begun is cancelled.
     */
    void withdraw(long lessonId, String reason);

    /**
     * How many of the opportunity's lessons wait for their 补课 in 安排补课 now: their hours are still on the contract
     * and are booked there, so nothing else books them.
     */
    int waiting(long opportunityId);
}
