package com.enrollflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Installments (分期) add up exactly, a month apart, the first due at signing. */
class InstallmentPlanTests {

    @Test
    void shouldSplitIntoEqualPartsWithTheRemainderFirst() {
        var dues = InstallmentPlan.THREE.split(new BigDecimal("10000.00"), LocalDate.of(2026, 1, 31));
        assertThat(dues).extracting(InstallmentPlan.Due::amount).containsExactly(new BigDecimal("3333.34"),
                new BigDecimal("3333.33"), new BigDecimal("3333.33"));
        assertThat(dues).extracting(InstallmentPlan.Due::dueDate).containsExactly(LocalDate.of(2026, 1, 31),
                LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 31));
    }

    @Test
    void shouldKeepAFullPaymentWhole() {
        assertThat(InstallmentPlan.FULL.split(new BigDecimal("9640.00"), LocalDate.of(2026, 11, 25)))
                .singleElement().satisfies(d -> assertThat(d.amount()).isEqualByComparingTo("9640.00"));
    }
}
