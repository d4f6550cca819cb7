package com.enrollflow.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What an approved quote says, as printed in the contract. Amounts in CNY with scale 2; {@code unitPrice} is the
 * actual price per lesson (final price / lessons) the refund terms refer to. No installments: paid in one sum.
 */
public record ContractTerms(long quoteId, long opportunityId, long customerId, String customerName, String phone,
        String campusCode, String campusName, String productLineLabel, List<Line> lines, BigDecimal listPrice,
        BigDecimal standardDiscount, BigDecimal extraDiscount, String discountReason, BigDecimal finalPrice,
        int lessons, BigDecimal unitPrice, List<Installment> installments, List<String> approvals) {

    public ContractTerms {
        lines = lines == null ? List.of() : List.copyOf(lines);
        installments = installments == null ? List.of() : List.copyOf(installments);
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
    }

    /** One course of the quote (课程): its lessons, list and final amount, and the actual price per lesson. */
    public record Line(String description, int lessons, BigDecimal listAmount, BigDecimal finalAmount,
            BigDecimal unitPrice) {
    }

    /** One instalment of the payment plan (分期), numbered from 1. */
    public record Installment(int seq, LocalDate dueDate, BigDecimal amount) {
    }
}
