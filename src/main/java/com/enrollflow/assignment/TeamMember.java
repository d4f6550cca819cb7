package com.enrollflow.assignment;

import java.time.OffsetDateTime;

/** One person in a sales team, with their standing and how many open opportunities they may hold. */
public record TeamMember(String teamId, String userId, MemberStatus status, int capacity,
        OffsetDateTime lastAssignedAt, OffsetDateTime joinedAt) {
}
