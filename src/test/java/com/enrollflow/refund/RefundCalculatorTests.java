package com.enrollflow.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;

/** 退费金额: the rules of the after-sales issue, by example and as properties of any contract. */
class RefundCalculatorTests {

    private static RefundCalculator.Line lessons(int purchased, int consumed, String amount) {
        return new RefundCalculator.Line(1, "LESSONS", purchased, consumed, new BigDecimal(amount));
    }

    @Test
    void roundsTheValueConsumedOnceForTheLineNeverPerLesson() {
        // 1000.00 for 3 lessons, 2 taught: 666.67 (per lesson it would be 333.33 × 2 = 666.66)
        var r = RefundCalculator.compute(new BigDecimal("1000.00"), List.of(lessons(3, 2, "1000.00")), BigDecimal.ZERO);
        assertThat(r.consumedValue()).isEqualByComparingTo("666.67");
        assertThat(r.amount()).isEqualByComparingTo("333.33");
    }

    @Test
    void returnsEverythingPaidBeforeTheFirstLessonOverpaymentIncluded() {
        var r = RefundCalculator.compute(new BigDecimal("12500.00"), List.of(lessons(60, 0, "12000.00")),
                BigDecimal.ZERO);
        assertThat(r.amount()).isEqualByComparingTo("12500.00");
        assertThat(r.consumedValue()).isEqualByComparingTo("0.00");
    }

    @Test
    void neverPaysOutGiftedLessons() {
        var gift = new RefundCalculator.Line(2, "GIFT", 5, 5, BigDecimal.ZERO);
        var r = RefundCalculator.compute(new BigDecimal("6000.00"), List.of(lessons(60, 2, "12000.00"), gift),
                BigDecimal.ZERO);
        assertThat(r.consumedValue()).isEqualByComparingTo("400.00");
        assertThat(r.amount()).isEqualByComparingTo("5600.00");
        assertThat(r.purchasedLessons()).as("gifted lessons are not bought").isEqualTo(60);
    }

    @Test
    void showsTheShortfallInsteadOfANegativeRefund() {
        // two installments: 6000 paid, but 40 of 60 lessons (8000.00) taught
        var r = RefundCalculator.compute(new BigDecimal("6000.00"), List.of(lessons(60, 40, "12000.00")),
                BigDecimal.ZERO);
        assertThat(r.amount()).isEqualByComparingTo("0.00");
        assertThat(r.shortfall()).isEqualByComparingTo("2000.00");
    }

    @Provide
    Arbitrary<List<RefundCalculator.Line>> lines() {
        Arbitrary<RefundCalculator.Line> line = Combinators.combine(
                Arbitraries.integers().between(1, 200), Arbitraries.doubles().between(0, 1),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("99999.99")).ofScale(2),
                Arbitraries.of("LESSONS", "CLASS", "GIFT"))
                .as((purchased, share, amount, kind) -> new RefundCalculator.Line(0, kind, purchased,
                        (int) Math.floor(purchased * share), "GIFT".equals(kind) ? BigDecimal.ZERO : amount));
        return line.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 500)
    void neverNegativeAndAddsUpToWhatWasPaid(@ForAll("lines") List<RefundCalculator.Line> lines,
            @ForAll @BigRange(min = "0", max = "500000") @Scale(2) BigDecimal paid,
            @ForAll @BigRange(min = "0", max = "1000") @Scale(2) BigDecimal fees) {
        var r = RefundCalculator.compute(paid, lines, fees);
        assertThat(r.amount().signum()).isGreaterThanOrEqualTo(0);
        assertThat(r.shortfall().signum()).isGreaterThanOrEqualTo(0);
        assertThat(r.amount().signum() == 0 || r.shortfall().signum() == 0).isTrue();
        assertThat(r.amount().subtract(r.shortfall()).add(r.consumedValue()).add(r.fees()))
                .as("refund − shortfall + value consumed + fees = paid").isEqualByComparingTo(paid);
        for (RefundCalculator.LineValue v : r.lines()) {
            assertThat(v.consumedValue()).as("a line never counts more than its price").isLessThanOrEqualTo(v.finalAmount());
            assertThat(v.consumedValue().scale()).isEqualTo(2);
        }
    }

    @Property(tries = 300)
    void oneMoreLessonTaughtNeverGivesMoreBack(@ForAll("lines") List<RefundCalculator.Line> lines,
            @ForAll @BigRange(min = "0", max = "500000") @Scale(2) BigDecimal paid) {
        var before = RefundCalculator.compute(paid, lines, BigDecimal.ZERO);
        List<RefundCalculator.Line> later = new ArrayList<>(lines);
        RefundCalculator.Line first = later.get(0);
        if (first.consumed() < first.purchased()) {
            later.set(0, new RefundCalculator.Line(first.lineNo(), first.kind(), first.purchased(),
                    first.consumed() + 1, first.finalAmount()));
        }
        assertThat(RefundCalculator.compute(paid, later, BigDecimal.ZERO).amount())
                .isLessThanOrEqualTo(before.amount());
    }
}
