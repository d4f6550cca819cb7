package com.enrollflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;

import org.junit.jupiter.api.Test;

/**
 * What the start forms hand to the API's services: a form's number as the decimal it is, a REST client's Date as
 * the day in China, and a number that is no amount passed on as its text for the service to refuse by field.
 */
class FormValuesTests {

    @Test
    void shouldReadANumberFieldAsTheDecimalItIs() {
        assertThat(FormValues.amount(120000L)).isEqualTo("120000");
        assertThat(FormValues.amount(6200.5)).isEqualTo("6200.5");
        assertThat(FormValues.amount(0.1 + 0.2)).as("a double's own shortest text, not its binary expansion")
                .isEqualTo("0.30000000000000004");
        assertThat(FormValues.amount(1e10)).as("never 1.0E10").isEqualTo("10000000000");
        assertThat(FormValues.amount("5,000")).isEqualTo("5,000");
        assertThat(FormValues.amount(null)).isNull();
        assertThat(FormValues.amount(Double.POSITIVE_INFINITY)).as("refused by the service, not a crash")
                .isEqualTo("Infinity");
        assertThat(FormValues.amount(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void shouldReadADateVariableAsTheDayInChina() {
        // 2026-12-01 17:00 UTC is 2 December in Beijing
        assertThat(FormValues.day(Date.from(java.time.Instant.parse("2026-12-01T17:00:00Z")))).isEqualTo("2026-12-02");
        assertThat(FormValues.day("2026-12-05")).isEqualTo("2026-12-05");
    }
}
