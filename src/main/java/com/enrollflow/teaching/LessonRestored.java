package com.enrollflow.teaching;

/**
 * Published in the marking transaction when a correction gives back a 1:1 lesson an earlier mark had consumed
 * ({@code correctedMarkId}): the family told of that deduction is told it was taken back (decision 729).
 */
public record LessonRestored(long contractId, long opportunityId, long lessonId, long correctedMarkId) {
}
