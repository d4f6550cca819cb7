package com.enrollflow.scheduling;

/** Status of a proposal and of its lessons. */
enum ScheduleStatus {
    PROPOSED,
    CONFIRMED,
    CANCELLED
}
