package com.enrollflow.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Working time as a campus counts it: opening hours, weekends open, holidays closed, make-up workdays. */
class BusinessCalendarTests {

    private static final BusinessCalendar.Hours WEEKDAY = new BusinessCalendar.Hours(java.time.LocalTime.of(9, 0),
            java.time.LocalTime.of(21, 0));
    private static final BusinessCalendar.Hours WEEKEND = new BusinessCalendar.Hours(java.time.LocalTime.of(8, 0),
            java.time.LocalTime.of(20, 0));

    private static BusinessCalendar calendar(Set<LocalDate> holidays, Map<LocalDate, DayOfWeek> makeUp) {
        Map<DayOfWeek, BusinessCalendar.Hours> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            week.put(d, d.getValue() >= 6 ? WEEKEND : WEEKDAY);
        }
        return new BusinessCalendar(week, holidays, makeUp);
    }

    private static OffsetDateTime at(String local) {
        return java.time.LocalDateTime.parse(local).atZone(BusinessTime.ZONE).toOffsetDateTime();
    }

    @Test
    void shouldMakeAComplaintFiledTenMinutesBeforeClosingDueInTheNextOpeningHours() {
        BusinessCalendar c = calendar(Set.of(), Map.of());
        // Wednesday 20:50, one working hour: 10 minutes today, 50 minutes from Thursday 09:00
        assertThat(c.plusWorkingTime(at("2026-12-02T20:50"), Duration.ofHours(1))).isEqualTo(at("2026-12-03T09:50"));
        // filed at night: the clock starts at opening
        assertThat(c.plusWorkingTime(at("2026-12-02T23:30"), Duration.ofHours(2))).isEqualTo(at("2026-12-03T11:00"));
        // weekends are open, with their own hours
        assertThat(c.plusWorkingTime(at("2026-12-04T20:00"), Duration.ofHours(4))).isEqualTo(at("2026-12-05T11:00"));
        // within a day
        assertThat(c.plusWorkingTime(at("2026-12-02T10:00"), Duration.ofHours(4))).isEqualTo(at("2026-12-02T14:00"));
    }

    @Test
    void shouldSkipAHolidayAndKeepTheStandInWeekdaysHoursOnAMakeUpWorkday() {
        LocalDate eve = LocalDate.parse("2026-09-30");
        Set<LocalDate> nationalDay = new java.util.HashSet<>();
        for (int d = 1; d <= 7; d++) {
            nationalDay.add(LocalDate.of(2026, 10, d));
        }
        BusinessCalendar c = calendar(nationalDay, Map.of(LocalDate.parse("2026-10-10"), DayOfWeek.FRIDAY));
        // filed on the eve of the holiday, 20:00: one hour today, the rest after the holiday (Oct 8 opens 09:00)
        assertThat(c.plusWorkingTime(eve.atTime(20, 0).atZone(BusinessTime.ZONE).toOffsetDateTime(),
                Duration.ofHours(3))).isEqualTo(at("2026-10-08T11:00"));
        // Saturday Oct 10 is worked as a Friday: 09:00-21:00 instead of 08:00-20:00
        assertThat(c.hoursOn(LocalDate.parse("2026-10-10")).open()).isEqualTo(java.time.LocalTime.of(9, 0));
        assertThat(c.plusWorkingTime(at("2026-10-10T20:30"), Duration.ofMinutes(20))).isEqualTo(at("2026-10-10T20:50"));
    }

    @Test
    void shouldRefuseACalendarThatNeverOpens() {
        assertThatThrownBy(() -> new BusinessCalendar(Map.of(), Set.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
