package com.enrollflow.assignment;

/** A sales team (销售团队): campus × product line, and the strategy by which it chooses a person. */
public record Team(String id, String name, String campusCode, String productLine, AssignmentStrategy strategy,
        String memberGroup, int claimHoldCap, boolean active) {
}
