package com.enrollflow.scheduling;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** A weekly time the family prefers (偏好上课时间): the weekday and the start of a 60-minute lesson. */
public record PreferredTime(DayOfWeek day, LocalTime start) {
}
