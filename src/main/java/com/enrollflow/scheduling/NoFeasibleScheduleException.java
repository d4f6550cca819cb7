package com.enrollflow.scheduling;

import com.enrollflow.common.ConflictException;

/**
 * No teacher of the campus can give all lessons bought at the preferred times within the search horizon; the
 * message says why (in Chinese, for academic affairs). Answered as 422 if it ever reaches the API.
 */
public class NoFeasibleScheduleException extends ConflictException {

    public NoFeasibleScheduleException(String message) {
        super(422, message);
    }
}
