package com.enrollflow.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Unit test: a read-only value counts as unchanged when it comes back as Tasklist sends it (empty for nothing, a
 * number as its text), and as changed otherwise.
 */
class FormFieldsOnlyTests {

    @Test
    void shouldTakeAValueBackAsTasklistSendsItAndNoticeAnyOther() {
        assertThat(FormFieldsOnly.same("", null)).isTrue();
        assertThat(FormFieldsOnly.same(null, "")).isTrue();
        assertThat(FormFieldsOnly.same("PHONE", "PHONE")).isTrue();
        assertThat(FormFieldsOnly.same("3000", 3000.0)).as("a number shown in a text field").isTrue();
        assertThat(FormFieldsOnly.same(3000L, 3000.00)).isTrue();
        assertThat(FormFieldsOnly.same("家长要求换一位顾问 原因： 时间对不上", "家长要求换一位顾问\n原因：\t时间对不上"))
                .as("a text with line breaks, shown in a text field").isTrue();
        assertThat(FormFieldsOnly.same("家长要求换一位\u200b顾问", "家长要求换一位顾问")).as("a hidden character").isFalse();

        assertThat(FormFieldsOnly.same("PARTNER", "PHONE")).isFalse();
        assertThat(FormFieldsOnly.same("", "PHONE")).as("emptied").isFalse();
        assertThat(FormFieldsOnly.same("PHONE", null)).as("filled in where nothing was shown").isFalse();
        assertThat(FormFieldsOnly.same("2999", 3000.0)).isFalse();
        assertThat(FormFieldsOnly.same("3000元", 3000.0)).isFalse();
    }
}
