package com.enrollflow.opportunity;

/** Funnel stages (销售漏斗) reached so far; later issues add visit, plan and paid. */
public enum FunnelStage {
    RECEIVED("总线索"),
    VALID("有效信息"),
    INTENT("意向商机"),
    ASSIGNED("已分配");

    private final String label;

    FunnelStage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
