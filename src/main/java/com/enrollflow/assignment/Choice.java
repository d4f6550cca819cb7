package com.enrollflow.assignment;

import java.util.List;

/**
 * What a strategy decided: a person, the team pool, or the supervisor; with the reason the supervisor reads
 * and one line per member considered (figures, and why skipped).
 */
public record Choice(Outcome outcome, String userId, AssignmentStrategy strategy, String reason,
        List<String> considered) {

    public enum Outcome {
        ASSIGN, TEAM_POOL, SUPERVISOR
    }
}
