package com.enrollflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;

/**
 * What the family still owes taken off its unpaid installments (a 转课 difference kept, a 退班 or 退部分课时, a family
 * leaving): the latest first, never the first installment while the sale still waits for it — lowered to what was
 * paid, the sale's 核对缴费状态 would read it as paid and enroll the student.
 */
@EnrollFlowTest
class UnpaidInstallmentsTests {

    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    PaymentService payments;

    /** ¥12,000.00 in two installments of ¥6,000.00, {@code paid} of it paid at the desk (none when zero). */
    private PaymentOrder order(String paid) {
        TeachingTestSupport.Taught t = teaching.contractWithSchedule(0, 0, 0).contract();
        PaymentOrder order = payments.openOrder(t.opportunityId(), t.quoteId(), t.contractId(), "BJ-HD",
                new BigDecimal("12000.00"), InstallmentPlan.TWO, LocalDate.now());
        if (new BigDecimal(paid).signum() > 0) {
            payments.record(order.id(), PaymentMethod.CASH, new BigDecimal(paid), "DESK:unpaid-" + t.contractId(),
                    null, "zhaomin");
        }
        return payments.get(order.id());
    }

    @Test
    void shouldNeverLowerAFirstInstallmentTheSaleStillWaitsFor() {
        PaymentOrder partly = order("1000.00");

        assertThat(payments.reduceUnpaid(partly.contractId(), new BigDecimal("9000.00")))
                .as("the second installment only").isEqualByComparingTo("6000.00");

        PaymentOrder after = payments.get(partly.id());
        assertThat(after.installments().get(0).amount()).isEqualByComparingTo("6000.00");
        assertThat(after.installments().get(1).amount()).isEqualByComparingTo("0.00");
        assertThat(after.firstInstallmentPaid()).isFalse();
        assertThat(after.total()).isEqualByComparingTo("6000.00");
        assertThat(after.status()).isEqualTo("OPEN");
    }

    @Test
    void shouldLowerEveryUnpaidInstallmentOnceTheFirstIsPaid() {
        PaymentOrder first = order("7000.00");

        assertThat(payments.reduceUnpaid(first.contractId(), new BigDecimal("9000.00")))
                .as("what is still owed, at most").isEqualByComparingTo("5000.00");

        PaymentOrder after = payments.get(first.id());
        assertThat(after.installments().get(1).amount()).as("lowered to what was paid of it")
                .isEqualByComparingTo("1000.00");
        assertThat(after.outstanding()).isEqualByComparingTo("0.00");
        assertThat(after.status()).isEqualTo("PAID");
    }
}
