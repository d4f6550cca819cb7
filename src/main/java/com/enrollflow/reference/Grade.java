package com.enrollflow.reference;

/** School grade (年级) of the student. */
public enum Grade implements Coded {
    K("学前"),
    P1("小学一年级"), P2("小学二年级"), P3("小学三年级"), P4("小学四年级"), P5("小学五年级"), P6("小学六年级"),
    J1("初一"), J2("初二"), J3("初三"),
    S1("高一"), S2("高二"), S3("高三");

    private final String label;

    Grade(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
