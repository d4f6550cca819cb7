package com.enrollflow.assignment;

/**
 * What a recycle (回收) did: whether it took the opportunity, from whom, and how many times it has been recycled
 * now (the count the public-pool gateway compares), all as read and written under the opportunity's row lock.
 */
public record RecycleOutcome(boolean recycled, String takenFrom, int recycleCount) {
}
