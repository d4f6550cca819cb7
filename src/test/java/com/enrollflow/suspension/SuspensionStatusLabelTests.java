package com.enrollflow.suspension;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Where a suspension stands as staff read it in its answers (停课 registered ahead is not yet 停课中). */
class SuspensionStatusLabelTests {

    private static Suspension suspension(String status) {
        return new Suspension(1, 2, 3, "BJ-HD", LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 12), "生病", status,
                4, "zhaomin", null, null, null);
    }

    @Test
    void shouldSayWhereTheSuspensionStandsOnTheDay() {
        Suspension active = suspension(Suspension.ACTIVE);
        assertThat(active.statusLabel(LocalDate.of(2026, 12, 6))).isEqualTo("已登记，2026-12-07 起停课");
        assertThat(active.statusLabel(LocalDate.of(2026, 12, 7))).isEqualTo("停课中");
        assertThat(active.statusLabel(LocalDate.of(2026, 12, 12))).isEqualTo("停课中");
        assertThat(active.statusLabel(LocalDate.of(2026, 12, 13))).isEqualTo("停课已到期，待安排复课");
        assertThat(suspension(Suspension.RESUMED).statusLabel(LocalDate.of(2026, 12, 6))).isEqualTo("已复课");
    }
}
