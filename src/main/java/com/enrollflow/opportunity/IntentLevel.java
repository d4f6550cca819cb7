package com.enrollflow.opportunity;

import com.enrollflow.reference.Coded;

/** Intent level (意向等级) the agent confirms. */
public enum IntentLevel implements Coded {
    HIGH("高"),
    MEDIUM("中"),
    LOW("低");

    private final String label;

    IntentLevel(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
