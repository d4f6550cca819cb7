package com.enrollflow.scheduling;

import java.util.List;

/**
 * A schedule proposal (排课方案) of one opportunity: PROPOSED, CONFIRMED or CANCELLED. {@code lessonCount} is the
 * number of lessons bought (and booked); {@code lessons} the lessons themselves in order.
 */
public record Proposal(long id, long opportunityId, long customerId, String campusCode, int lessonCount,
        String status, List<ScheduledLesson> lessons) {
}
