package com.enrollflow.testsupport;

/**
 * Rows of the engine's job table written straight in SQL (PostgreSQL), for the plans and timings of its acquisition
 * at an installation's size: through the engine, 400 000 timers would take hours to create.
 */
public final class JobRows {

    private JobRows() {
    }

    /**
     * SQL: timers numbered {@code from} to {@code to} (ids {@code prefix}-n, each in an instance of its own), due at
     * {@code due} (an SQL expression of the series' {@code g}), locked for an hour by {@code owner}, or not when null.
     */
    public static String timers(String prefix, int from, int to, String due, String owner) {
        return "insert into act_ru_job (id_, rev_, type_, exclusive_, execution_id_, process_instance_id_, retries_, "
                + "duedate_, handler_type_, suspension_state_, priority_, sequence_counter_, create_time_, "
                + "lock_owner_, lock_exp_time_) select '" + prefix + "-' || g, 1, 'timer', true, '" + prefix
                + "-e' || g, '" + prefix + "-p' || g, 3, " + due + ", 'timer-transition', 1, 0, 1, localtimestamp, "
                + (owner == null ? "null, null" : "'" + owner + "', localtimestamp + interval '1 hour'")
                + " from generate_series(" + from + ", " + to + ") g";
    }
}
