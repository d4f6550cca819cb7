package com.enrollflow.reference;

/** Subject (科目). */
public enum Subject implements Coded {
    CHINESE("语文"),
    MATH("数学"),
    ENGLISH("英语"),
    PHYSICS("物理"),
    CHEMISTRY("化学"),
    BIOLOGY("生物"),
    HISTORY("历史"),
    GEOGRAPHY("地理"),
    POLITICS("政治"),
    ALL("全科");

    private final String label;

    Subject(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
