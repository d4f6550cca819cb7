package com.enrollflow.scheduling;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** A weekly window in which the teacher can teach (business time). */
public record Availability(DayOfWeek day, LocalTime start, LocalTime end) {

    /** Whether a lesson from {@code from} to {@code to} on that weekday lies wholly inside this window. */
    boolean covers(DayOfWeek lessonDay, LocalTime from, LocalTime to) {
        return day == lessonDay && !from.isBefore(start) && !to.isAfter(end) && from.isBefore(to);
    }
}
