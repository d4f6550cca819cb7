package com.enrollflow.workflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentOrder;

/** 缴费情况 as the desk reads it in 收取学费: what was paid, and what to do with money paid twice. */
class PaymentSummaryTests {

    private static PaymentOrder order(String... confirmed) {
        List<PaymentOrder.Payment> payments = new java.util.ArrayList<>();
        for (int i = 0; i < confirmed.length; i++) {
            payments.add(new PaymentOrder.Payment(i + 1, "ONLINE", new BigDecimal(confirmed[i]), "CONFIRMED", null,
                    null, "gateway", OffsetDateTime.now(), "gateway"));
        }
        return new PaymentOrder(1, "JF000001", 2, 3, 4, new BigDecimal("12000.00"), "PAID", OffsetDateTime.now(),
                List.of(new InstallmentPlan.Due(1, LocalDate.now(), new BigDecimal("12000.00"))), payments, null, null);
    }

    @Test
    void shouldTellTheDeskHowAPaymentMadeTwiceComesBack() {
        assertThat(PaymentDelegates.summary(order("12000.00", "500.00")))
                .startsWith("缴费单 JF000001：应付 ¥12,000.00，已到账 ¥12,500.00，多付 ¥500.00（请在“申请退费”中选择“多付款退还”）");
        assertThat(PaymentDelegates.summary(order("12000.00"))).doesNotContain("多付");
    }
}
