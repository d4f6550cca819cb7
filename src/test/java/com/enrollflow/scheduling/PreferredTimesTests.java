package com.enrollflow.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

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

    @Test
    void shouldReadTheSlotsATagListSubmitsAsAListOrAsItsJsonText() {
        List<PreferredTime> expected = List.of(new PreferredTime(DayOfWeek.SATURDAY, LocalTime.of(9, 0)),
                new PreferredTime(DayOfWeek.WEDNESDAY, LocalTime.of(18, 30)));
        assertThat(PreferredTimes.parse((Object) List.of("SATURDAY 09:00", "WEDNESDAY 18:30"))).isEqualTo(expected);
        assertThat(PreferredTimes.parse((Object) "[\"SATURDAY 09:00\",\"WEDNESDAY 18:30\"]")).isEqualTo(expected);
        assertThat(PreferredTimes.chosen("周六 09:00，周三 18:30")).containsExactly("SATURDAY 09:00", "WEDNESDAY 18:30");
        assertThat(PreferredTimes.chosen("下周一")).as("unreadable times are simply not chosen").isEmpty();
        assertThatThrownBy(() -> PreferredTimes.parse((Object) List.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("请至少选择一个");
    }

    @Test
    void shouldOfferEveryHalfHourFromEightToNineEveryDayAndAcceptAtMostTen() {
        var slots = PreferredTimes.slotOptions();
        assertThat(slots).hasSize(7 * 27);
        assertThat(slots.get(0)).isEqualTo(Map.of("label", "周一 08:00", "value", "MONDAY 08:00"));
        assertThat(slots).contains(Map.of("label", "周六 09:30", "value", "SATURDAY 09:30"))
                .contains(Map.of("label", "周日 21:00", "value", "SUNDAY 21:00"));
        // every value offered is one the parser takes back
        assertThat(PreferredTimes.parse((Object) slots.stream().limit(10).map(s -> s.get("value")).toList()))
                .hasSize(10);
        assertThatThrownBy(() -> PreferredTimes.parse((Object) slots.stream().limit(11).map(s -> s.get("value"))
                .toList())).hasMessageContaining("最多选择 10 个时间（现为 11 个）");
    }
}
