package com.enrollflow.teaching;

/**
 * Published (in the marking transaction) each time a lesson is consumed from a contract's hours ledger: what the
 * service features react to (a satisfaction survey after the third lesson and at the end of the contract).
 */
public record LessonConsumed(long contractId, long opportunityId, long lessonId) {
}
