package com.enrollflow.assignment;

/**
 * The table bpmn/recycle-limits.dmn (回收时限与预警) as reports read it: how long an owner has for the first contact
 * and for each step of progress, for a team and product line — the same limits the assignment process's timers
 * take. Implemented by the engine adapter, which evaluates the latest deployed version.
 */
public interface RecycleLimitTable {

    String DECISION_KEY = "recycleLimits";

    /** The two limits as the table writes them (ISO 8601 durations such as PT24H, P7D). */
    record Limits(String firstContact, String progress) {
    }

    /**
     * The limits for an opportunity of the team (null: none yet) and product line (null: not known yet). Throws
     * {@link IllegalStateException} with a Chinese message when no rule matches or the table cannot be evaluated.
     */
    Limits limitsFor(String teamId, String productLine);
}
