package com.enrollflow.privacy;

/** Why a customer's personal data was erased. */
public enum ErasureTrigger {
    RETENTION("保留期届满"),
    REQUEST("删除请求");

    private final String label;

    ErasureTrigger(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
