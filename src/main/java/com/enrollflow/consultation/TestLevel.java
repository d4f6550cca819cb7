package com.enrollflow.consultation;

import com.enrollflow.reference.Coded;

/** The level a placement test (入学测试) puts the student at. */
public enum TestLevel implements Coded {
    BASIC("基础"),
    INTERMEDIATE("提高"),
    ADVANCED("拔高");

    private final String label;

    TestLevel(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
