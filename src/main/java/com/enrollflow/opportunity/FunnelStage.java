package com.enrollflow.opportunity;

import java.util.List;

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

    /**
     * The stages an open opportunity stands at, furthest first: the furthest whose column is set is where it stands
     * (assignment is not a stage of the funnel it stands at; received is always set).
     */
    public static final List<FunnelStage> STANDING_FURTHEST_FIRST = List.of(PLANNED, VISITED, AGREED, INTENT, VALID,
            RECEIVED);

    /** SQL: the name of the stage an opportunity (columns prefixed {@code alias}) stands at. */
    public static String standingSql(String alias) {
        StringBuilder sql = new StringBuilder("case");
        STANDING_FURTHEST_FIRST.stream().filter(s -> s != RECEIVED).forEach(s -> sql.append(" when ").append(alias)
                .append(s.column).append(" is not null then '").append(s.name()).append("'"));
        return sql.append(" else '").append(RECEIVED.name()).append("' end").toString();
    }

    /** The opportunity column holding when this stage was first reached. */
    public String column() {
        return column;
    }

    public String label() {
        return label;
    }
}
