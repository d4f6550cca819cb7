package com.enrollflow.privacy;

import java.util.List;

/**
 * The engine's records of a customer's processes (every instance's business key is an opportunity id), as the
 * privacy module sees them. Implemented by the workflow adapter; this package never imports the engine. Both
 * calls join the caller's transaction.
 */
public interface ProcessRecords {

    /** Cancels the running instances of these opportunities (and their called processes); returns how many. */
    int cancelRunning(List<Long> opportunityIds, String reason);

    /**
     * Deletes the history of every (finished) instance of these opportunities: variables, variable updates,
     * activities, tasks, comments, incidents and job logs. Returns how many process instances.
     */
    int deleteHistory(List<Long> opportunityIds);
}
