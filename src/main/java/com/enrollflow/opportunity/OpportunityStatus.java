package com.enrollflow.opportunity;

/** Whether an opportunity is still worked (OPEN) or how it was closed. */
public enum OpportunityStatus {
    OPEN("跟进中"),
    INVALID("无效线索"),
    NOT_CONVERTED("未转化"),
    LOST("已流失"),
    WON("已成单");

    private final String label;

    OpportunityStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
