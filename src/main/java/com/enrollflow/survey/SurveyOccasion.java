package com.enrollflow.survey;

/** When a family is asked (调查时机). */
public enum SurveyOccasion {
    AFTER_THIRD_LESSON("第 3 次课后"),
    CONTRACT_END("课程结束");

    private final String label;

    SurveyOccasion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
