package com.enrollflow.teaching;

/**
 * A class lesson consumed for one contract at a roll call (班课点名), published in the roll call's transaction: the
 * renewal reminder follows it as {@link LessonConsumed}'s do (decision 727).
 */
public record ClassLessonConsumed(long contractId, long opportunityId, long classSessionId) {
}
