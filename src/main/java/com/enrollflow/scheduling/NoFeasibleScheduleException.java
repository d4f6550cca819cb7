package com.enrollflow.scheduling;

import com.enrollflow.common.ConflictException;

/**
 * No teacher of the campus can give all lessons bought at the preferred times within the search horizon; the
 * message says why (in Chinese, for academic affairs). Answered as 422 if it ever reaches the API.
 */
public class NoFeasibleScheduleException extends ConflictException {

    /** Whether a teacher teaches at every preferred time but those times hold too few free lessons. */
    private final boolean tooFewFree;

    public NoFeasibleScheduleException(String message) {
        this(message, false);
    }

    NoFeasibleScheduleException(String message, boolean tooFewFree) {
        super(422, message);
        this.tooFewFree = tooFewFree;
    }

    boolean tooFewFree() {
        return tooFewFree;
    }
}
