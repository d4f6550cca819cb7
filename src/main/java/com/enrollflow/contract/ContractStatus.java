package com.enrollflow.contract;

import com.enrollflow.reference.Coded;

public enum ContractStatus implements Coded {
    ISSUED("已签发"),
    /** Withdrawn; the number stays used so the sequence has no gaps. */
    CANCELLED("已作废");

    private final String label;

    ContractStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
