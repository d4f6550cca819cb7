package com.enrollflow.contract;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.enrollflow.common.ConflictException;

/** Terms whose figures disagree are refused before a number is drawn, naming what does not add up. */
class ContractTermsCheckTests {

    @Test
    void shouldAcceptTermsWhoseCoursesAndInstalmentsAddUpToTheFinalPrice() {
        assertThatCode(() -> ContractService.checkConsistent(42, ContractPdfTests.terms(List.of(
                new ContractTerms.Installment(1, LocalDate.of(2026, 3, 5), new BigDecimal("6000.00")),
                new ContractTerms.Installment(2, LocalDate.of(2026, 4, 5), new BigDecimal("6345.00"))))))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseAnInstalmentPlanThatDoesNotAddUpToTheFinalPrice() {
        ContractTerms terms = ContractPdfTests.terms(List.of(
                new ContractTerms.Installment(1, LocalDate.of(2026, 3, 5), new BigDecimal("6000.00")),
                new ContractTerms.Installment(2, LocalDate.of(2026, 4, 5), new BigDecimal("6000.00"))));

        assertThatThrownBy(() -> ContractService.checkConsistent(42, terms))
                .isInstanceOfSatisfying(ConflictException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.status()).isEqualTo(422))
                .hasMessageContaining("分期金额合计 ¥12,000.00 不等于合同总价 ¥12,345.00");
    }

    @Test
    void shouldRefuseTermsOfAnotherQuoteOrWithoutCourses() {
        ContractTerms terms = ContractPdfTests.terms(List.of());
        ContractTerms empty = new ContractTerms(42, 7, 9, "王小明", "+8613800138000", "BJ-HD", "北京海淀校区", "一对一",
                List.of(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null, new BigDecimal("100.00"), 0,
                BigDecimal.ZERO, List.of(), List.of());

        assertThatThrownBy(() -> ContractService.checkConsistent(43, terms)).hasMessageContaining("条款属于报价 42");
        assertThatThrownBy(() -> ContractService.checkConsistent(42, empty)).hasMessageContaining("没有课程");
    }
}
