package com.enrollflow.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** 首单, 尾单 and 均单 to the cent; the shares always add up to the sale. */
class CreditPolicyTests {

    private static final List<String> WORKED = List.of("zhangli", "liwei", "chenjing");

    @Test
    void shouldCreditTheFirstPersonForFirstTouch() {
        assertThat(CreditPolicy.FIRST_TOUCH.split(new BigDecimal("9640.00"), WORKED))
                .containsExactly(entry("zhangli", new BigDecimal("9640.00")));
    }

    @Test
    void shouldCreditTheOwnerAtPaymentForLastTouch() {
        assertThat(CreditPolicy.LAST_TOUCH.split(new BigDecimal("9640.00"), WORKED))
                .containsExactly(entry("chenjing", new BigDecimal("9640.00")));
    }

    @Test
    void shouldSplitEvenlyWithTheRemainderToTheCloser() {
        var shares = CreditPolicy.EVEN_SPLIT.split(new BigDecimal("100.00"), WORKED);
        assertThat(shares).containsExactly(entry("zhangli", new BigDecimal("33.33")),
                entry("liwei", new BigDecimal("33.33")), entry("chenjing", new BigDecimal("33.34")));
        assertThat(shares.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("100.00");
    }

    @Test
    void shouldGiveTheWholeSaleToASoleWorker() {
        assertThat(CreditPolicy.EVEN_SPLIT.split(new BigDecimal("0.01"), List.of("liwei")))
                .containsExactly(entry("liwei", new BigDecimal("0.01")));
    }
}
