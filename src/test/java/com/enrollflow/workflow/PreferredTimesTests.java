package com.enrollflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

import com.enrollflow.common.InvalidInputException;
import com.enrollflow.scheduling.PreferredTime;

/** Preferred weekly lesson times as staff type them. */
class PreferredTimesTests {

    @Test
    void shouldReadChineseAndEnglishDaysAndAnySeparator() {
        assertThat(PreferredTimes.parse("周六 09:00，星期三 18:30; SUN 8:00、MONDAY 16:00")).containsExactly(
                new PreferredTime(DayOfWeek.SATURDAY, LocalTime.of(9, 0)),
                new PreferredTime(DayOfWeek.WEDNESDAY, LocalTime.of(18, 30)),
                new PreferredTime(DayOfWeek.SUNDAY, LocalTime.of(8, 0)),
                new PreferredTime(DayOfWeek.MONDAY, LocalTime.of(16, 0)));
    }

    @Test
    void shouldRoundTripThroughTheStoredForm() {
        String stored = PreferredTimes.format(PreferredTimes.parse("周日 10:00，周四 19:00"));
        assertThat(stored).isEqualTo("SUNDAY 10:00, THURSDAY 19:00");
        assertThat(PreferredTimes.parse(stored)).hasSize(2);
    }

    @Test
    void shouldNameTheFieldForTimesItCannotRead() {
        for (String bad : new String[] {"", "周八 09:00", "周六 9点", "周六 09:15", "周六 09:00，周六 09:00"}) {
            assertThatThrownBy(() -> PreferredTimes.parse(bad)).as(bad).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("preferredTimes");
        }
    }
}
