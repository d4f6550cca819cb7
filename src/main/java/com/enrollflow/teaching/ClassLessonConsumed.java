package com.enrollflow.teaching;

/** A class lesson consumed for one contract at a roll call (班课点名), published after the roll call commits. */
public record ClassLessonConsumed(long contractId, long opportunityId, long classSessionId) {
}
