package com.enrollflow.scheduling;

/** What a booking slot belongs to; the label names it in a conflict message. */
enum ResourceType {
    TEACHER("教师"),
    ROOM("教室"),
    STUDENT("学员");

    private final String label;

    ResourceType(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
