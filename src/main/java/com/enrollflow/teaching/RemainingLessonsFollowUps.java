package com.enrollflow.teaching;

/**
 * 安排剩余课时 as a task (remaining-lessons-follow-up.bpmn, through workflow.teaching.CamundaRemainingLessons): a
 * family whose schedule is used up while the contract still has hours is academic affairs' to call and book.
 */
public interface RemainingLessonsFollowUps {

    /**
     * Asks academic affairs of the contract's campus to book its {@code unbooked} hours, once: nothing more is asked
     * while a task for the same family is open.
     */
    void ask(long opportunityId, long contractId, String contractNumber, int unbooked);

    /** The hours were booked another way (Tasklist's start form): the open task, if any, goes away. */
    void withdraw(long opportunityId, String reason);
}
