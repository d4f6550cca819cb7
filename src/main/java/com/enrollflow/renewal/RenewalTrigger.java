package com.enrollflow.renewal;

import com.enrollflow.common.Coded;

/** Why a renewal started. */
public enum RenewalTrigger implements Coded {
    HOURS_LOW("剩余课时不足"),
    REQUESTED("家长提出续费");

    private final String label;

    RenewalTrigger(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
