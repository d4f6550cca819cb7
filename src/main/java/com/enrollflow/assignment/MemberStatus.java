package com.enrollflow.assignment;

/** A member's standing in the team (在职 / 休假 / 离职). */
public enum MemberStatus {
    ACTIVE("在职"),
    ON_LEAVE("休假"),
    LEFT("离职");

    private final String label;

    MemberStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
