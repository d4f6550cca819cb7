package com.enrollflow.teaching;

import com.enrollflow.scheduling.PreferredTime;

/**
 * 调课 of every week's lesson at one time: the family's weekly time {@code from} is {@code to} from now on, for the
 * sale of {@code quoteId}; its sale terms follow, so that a later rescheduling (更换教师, 复课) books the new time.
 */
public record WeeklyTimeMoved(long quoteId, PreferredTime from, PreferredTime to) {
}
