package com.enrollflow.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntentSummaryTests {

    private static Opportunity with(String grade, String subject, String goal, String habits, String budget,
            String startPlan) {
        return new Opportunity(1L, 2L, "OPEN", "INTENT", "PHONE", null, "BJ-HD", "ONE_ON_ONE", grade, subject, goal,
                habits, budget, startPlan, "HIGH", "HIGH", null, null, 0, null, null,
                null, null, null, null, null, null, null, null, null, null, null, "HQCC");
    }

    @Test
    void shouldSayWhatTheCallCentreLearntInStaffWords() {
        assertThat(IntentSummary.of(with("J2", "MATH", " 中考数学 110 分 ", "作业拖拉", "OVER_30K", "UNDECIDED")))
                .isEqualTo("初二 · 数学 · 预算 3万元以上 · 开课时间 未确定\n学习目标：中考数学 110 分\n学习习惯：作业拖拉");
    }

    @Test
    void shouldGiveTheTeacherTheStudentNotTheSale() {
        assertThat(IntentSummary.forTeacher(with("J2", "MATH", "中考数学 110 分", null, "OVER_30K", "UNDECIDED")))
                .isEqualTo("初二 · 数学\n学习目标：中考数学 110 分");
    }

    @Test
    void shouldLeaveOutWhatWasNotAnswered() {
        assertThat(IntentSummary.of(with(null, "MATH", "", null, null, "WITHIN_2_WEEKS")))
                .isEqualTo("数学 · 开课时间 两周内");
        assertThat(IntentSummary.of(with(null, null, null, "  ", null, null))).isEqualTo("暂无意向信息");
    }
}
