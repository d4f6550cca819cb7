package com.enrollflow.privacy;

import java.util.List;

/**
 * The engine's records of a customer's processes, found by their business keys (an opportunity id, or the number of
 * the record a process is about: 退费 TF…, 投诉 TS…, 更换教师 HJ…, 转介绍奖励 ZJS…), as the
 * privacy module sees them. Implemented by the workflow adapter; this package never imports the engine. Both
 * calls join the caller's transaction.
 */
public interface ProcessRecords {

    /** Cancels the running instances of these business keys (and their called processes); returns how many. */
    int cancelRunning(List<String> businessKeys, String reason);

    /**
     * Deletes the history of every (finished) instance of these business keys: variables, variable updates,
     * activities, tasks, comments, incidents and job logs. Returns how many process instances.
     */
    int deleteHistory(List<String> businessKeys);

    /**
     * Deletes the history of the finished instances of these business keys (a process of another customer that names
     * this one, e.g. the referrer's 转介绍奖励 naming the family referred). Returns how many process instances.
     */
    int deleteFinishedHistory(List<String> businessKeys);
}
