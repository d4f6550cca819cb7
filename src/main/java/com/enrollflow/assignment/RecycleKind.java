package com.enrollflow.assignment;

/** The two kinds of forced recycling (回收). */
public enum RecycleKind {
    /** 未处理回收: no first contact within the limit. */
    UNHANDLED("未处理回收", AssignmentEventKind.RECYCLED_UNHANDLED),
    /** 未转化回收: no stage progress within the limit. */
    NOT_CONVERTED("未转化回收", AssignmentEventKind.RECYCLED_NOT_CONVERTED);

    private final String label;
    private final AssignmentEventKind event;

    RecycleKind(String label, AssignmentEventKind event) {
        this.label = label;
        this.event = event;
    }

    public String label() {
        return label;
    }

    AssignmentEventKind event() {
        return event;
    }
}
