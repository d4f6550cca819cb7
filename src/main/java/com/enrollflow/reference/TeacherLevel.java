package com.enrollflow.reference;

/** Teacher level (教师级别): a 1:1 lesson's price and a teacher's match depend on it. */
public enum TeacherLevel implements Coded {
    STANDARD("标准教师"),
    SENIOR("高级教师"),
    MASTER("特级教师");

    private final String label;

    TeacherLevel(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
