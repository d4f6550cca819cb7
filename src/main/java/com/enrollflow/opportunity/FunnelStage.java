package com.enrollflow.opportunity;

/** Funnel stages (销售漏斗) in order; each has the opportunity column that records when it was reached. */
public enum FunnelStage {
    RECEIVED("总线索", "received_at"),
    VALID("有效信息", "valid_at"),
    INTENT("意向商机", "intent_at"),
    ASSIGNED("已分配", "assigned_at"),
    AGREED("同意到访", "agreed_at"),
    VISITED("实际到访", "visited_at"),
    PLANNED("方案规划", "planned_at"),
    PAID("成单缴费", "paid_at"),
    ENROLLED("已报名", "enrolled_at");

    private final String label;
    private final String column;

    FunnelStage(String label, String column) {
        this.label = label;
        this.column = column;
    }

    /** The opportunity column holding when this stage was first reached. */
    public String column() {
        return column;
    }

    public String label() {
        return label;
    }
}
