package com.enrollflow.consultation;

import com.enrollflow.reference.Coded;

/** What the front desk recorded at the booked time. */
public enum VisitOutcome implements Coded {
    VISITED("已到访"),
    NO_SHOW("未到访");

    private final String label;

    VisitOutcome(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
