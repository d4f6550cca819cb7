package com.enrollflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;

/**
 * 预收费监管: a plan above the collection limit is not refused but collected in successive payments, each within
 * the limit; a plan whose chosen installments already respect it is collected as chosen.
 */
class PaymentScheduleTests {

    static final CollectionLimit DEFAULT = new CollectionLimit(60, 3);
    static final LocalDate SIGNED = LocalDate.of(2026, 12, 1);

    @Test
    void shouldSplitOneHundredTwentyLessonsInTwoPaymentsOfSixtyWhenTheLessonsAreTheStricterLimit() {
        // five lessons a week: 3 months are 65 lessons, so the 60 lessons limit applies
        PaymentSchedule s = new PaymentSchedule(InstallmentPlan.FULL, 120, 5, DEFAULT);

        assertThat(s.regulated()).isTrue();
        assertThat(s.text()).isEqualTo("按预收费监管规定，分 2 次收费，每次不超过 60 课时");
        List<InstallmentPlan.Due> dues = s.split(new BigDecimal("28512.00"), SIGNED);
        assertThat(dues).extracting(InstallmentPlan.Due::amount).containsExactly(new BigDecimal("14256.00"),
                new BigDecimal("14256.00"));
        // the second payment falls due when the 60 lessons paid first are taught: 12 weeks at 5 a week
        assertThat(dues).extracting(InstallmentPlan.Due::dueDate).containsExactly(SIGNED, SIGNED.plusWeeks(12));
    }

    @Test
    void shouldReadThreeMonthsWithTheWeeklyLessonsWhenTheyAreTheStricterLimit() {
        // 40 lessons at two a week last 20 weeks: more than 3 months (13 weeks, 26 lessons)
        PaymentSchedule s = new PaymentSchedule(InstallmentPlan.FULL, 40, 2, DEFAULT);

        assertThat(s.lessonsPerPayment()).hasValue(26);
        assertThat(s.text()).isEqualTo("按预收费监管规定，分 2 次收费，每次不超过 3 个月的课时（每周 2 课时，即 26 课时）");
        assertThat(s.split(new BigDecimal("9640.00"), SIGNED)).extracting(InstallmentPlan.Due::amount,
                InstallmentPlan.Due::dueDate).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(new BigDecimal("4820.00"), SIGNED),
                        org.assertj.core.groups.Tuple.tuple(new BigDecimal("4820.00"), SIGNED.plusWeeks(10)));
        // the desk never takes more than 26 lessons' worth at once
        assertThat(s.cap(new BigDecimal("9640.00"))).hasValueSatisfying(
                cap -> assertThat(cap).isEqualByComparingTo("6266.00"));
    }

    @Test
    void shouldKeepTheChosenInstallmentsWhenEachIsWithinTheLimit() {
        // three monthly installments of 40 lessons: each within 60
        PaymentSchedule s = new PaymentSchedule(InstallmentPlan.THREE, 120, 10, DEFAULT);

        assertThat(s.regulated()).isFalse();
        assertThat(s.text()).isEqualTo("分三期");
        assertThat(s.split(new BigDecimal("10000.00"), SIGNED))
                .isEqualTo(InstallmentPlan.THREE.split(new BigDecimal("10000.00"), SIGNED));
    }

    @Test
    void shouldAddPaymentsToTheChosenInstallmentsWhenTheyAreAboveTheLimit() {
        // two installments of 100 lessons are too much: four payments of 50, whatever was chosen
        PaymentSchedule s = new PaymentSchedule(InstallmentPlan.TWO, 200, 0, DEFAULT);

        assertThat(s.payments()).isEqualTo(4);
        assertThat(s.text()).isEqualTo("按预收费监管规定，分 4 次收费，每次不超过 60 课时");
        // classes only: no weekly frequency, so only the lessons count and the payments are a month apart
        assertThat(s.split(new BigDecimal("40000.00"), SIGNED)).extracting(InstallmentPlan.Due::dueDate)
                .containsExactly(SIGNED, SIGNED.plusMonths(1), SIGNED.plusMonths(2), SIGNED.plusMonths(3));
    }

    @Test
    void shouldCollectAsChosenWithoutALimit() {
        PaymentSchedule before = PaymentSchedule.asChosen(InstallmentPlan.FULL);
        PaymentSchedule none = new PaymentSchedule(InstallmentPlan.FULL, 500, 2, CollectionLimit.NONE);

        assertThat(before.payments()).isEqualTo(1);
        assertThat(none.payments()).isEqualTo(1);
        assertThat(none.cap(new BigDecimal("100000.00"))).isEmpty();
        assertThat(none.text()).isEqualTo("一次性付清");
    }

    @Test
    void shouldLetACityLimitOnlyTheLessonsOrOnlyTheMonths() {
        assertThat(new PaymentSchedule(InstallmentPlan.FULL, 100, 4, new CollectionLimit(null, 1)).lessonsPerPayment())
                .as("one month at 4 a week: 16 lessons").hasValue(16);
        assertThat(new PaymentSchedule(InstallmentPlan.FULL, 100, 4, new CollectionLimit(30, null)).lessonsPerPayment())
                .hasValue(30);
        assertThat(new PaymentSchedule(InstallmentPlan.FULL, 100, 0, new CollectionLimit(null, 3)).payments())
                .as("a months limit and no weekly frequency: nothing to count").isEqualTo(1);
    }

    @Property
    void noPaymentCollectsMoreThanTheLimitAndThePaymentsAddUp(@ForAll @IntRange(min = 1, max = 500) int lessons,
            @ForAll @IntRange(min = 0, max = 10) int perWeek, @ForAll InstallmentPlan chosen,
            @ForAll @BigRange(min = "1.00", max = "200000.00") BigDecimal price) {
        BigDecimal total = price.setScale(2, java.math.RoundingMode.DOWN);
        PaymentSchedule s = new PaymentSchedule(chosen, lessons, perWeek, DEFAULT);
        List<InstallmentPlan.Due> dues = s.split(total, SIGNED);
        int per = s.lessonsPerPayment().orElseThrow();

        assertThat(dues).hasSize(s.payments()).hasSizeGreaterThanOrEqualTo(chosen.parts());
        assertThat(dues.stream().map(InstallmentPlan.Due::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(total);
        // each payment's share of the lessons is within the limit, which is never above 60 lessons
        assertThat(per).isLessThanOrEqualTo(60);
        assertThat((lessons + dues.size() - 1) / dues.size()).isLessThanOrEqualTo(per);
        // the first is due on the day of signing, each later one on a later day
        assertThat(dues.get(0).dueDate()).isEqualTo(SIGNED);
        for (int i = 1; i < dues.size(); i++) {
            assertThat(dues.get(i).dueDate()).isAfter(dues.get(i - 1).dueDate());
        }
        s.cap(total).ifPresent(cap -> dues.forEach(d -> assertThat(d.amount()).isLessThanOrEqualTo(cap)));
    }
}
