package com.enrollflow.teaching;

/**
 * Published in the marking transaction each time a lesson is consumed from a contract's hours ledger; what follows
 * (a renewal reminder, a satisfaction survey after the third lesson and at the end of the contract, 安排剩余课时 when
 * the schedule is used up) is started in that same transaction and done after it by the job executor (decision
 * 727). {@code consumedLessons}: the contract's 1:1 lessons consumed with this one, as the mark counted them.
 */
public record LessonConsumed(long contractId, long opportunityId, long lessonId, int consumedLessons) {
}
