package com.enrollflow.renewal;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** Why a renewal started. */
@CodeName("续费起因")
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
