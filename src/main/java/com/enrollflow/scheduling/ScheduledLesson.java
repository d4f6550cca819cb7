package com.enrollflow.scheduling;

import java.time.OffsetDateTime;

/** One lesson of a proposal: who teaches, where, when (business time, +08:00); status as its proposal. */
public record ScheduledLesson(long id, int seq, String teacherId, String teacherName, String roomId, String roomName,
        OffsetDateTime startsAt, OffsetDateTime endsAt, String status) {
}
