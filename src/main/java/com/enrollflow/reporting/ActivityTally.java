package com.enrollflow.reporting;

import java.util.Map;
import java.util.TreeMap;

import com.enrollflow.assignment.AssignmentEventKind;
import com.enrollflow.assignment.AssignmentEventKind.Activity;

/**
 * Adds assignment events up to the activity counts (接待、分配、退回、回收、关单、成单) of a team and of a person, under a
 * key such as a day: the team's line counts what reached or left the team, a person's line what reached or left that
 * person (what was assigned to someone is also their 接待). One place for the rule, for /api and the board.
 */
final class ActivityTally {

    /** A line: the key it was added under, the team (null: none yet), the person (null: the team's own line). */
    record Line(String key, String teamId, String userId, long[] counts) {
    }

    private final Map<String, Line> lines = new TreeMap<>();

    void add(String key, String teamId, AssignmentEventKind kind, String fromUser, String toUser) {
        add(key, teamId, kind, fromUser, toUser, 1);
    }

    /** {@code events} events alike (counted by the database). */
    void add(String key, String teamId, AssignmentEventKind kind, String fromUser, String toUser, long events) {
        Activity activity = kind.activity();
        if (activity == null) {
            return;
        }
        line(key, teamId, null).counts()[activity.ordinal()] += events;
        String person = activity.reachesPerson() ? toUser : fromUser;
        if (person != null) {
            long[] own = line(key, teamId, person).counts();
            own[activity.ordinal()] += events;
            if (activity == Activity.ASSIGNED) {
                own[Activity.RECEIVED.ordinal()] += events;
            }
        }
    }

    private Line line(String key, String teamId, String userId) {
        return lines.computeIfAbsent(key + "|" + (teamId == null ? "" : teamId) + "|" + (userId == null ? "" : userId),
                k -> new Line(key, teamId, userId, new long[Activity.values().length]));
    }

    /** The lines by key, then team, then person (the team's own line first). */
    Iterable<Line> lines() {
        return lines.values();
    }
}
