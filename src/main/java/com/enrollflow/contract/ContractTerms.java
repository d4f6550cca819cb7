package com.enrollflow.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What an approved quote says, as printed in the contract. Amounts in CNY with scale 2; {@code unitPrice} is the
 * actual price per lesson (final price / lessons) the refund terms refer to. No installments: paid in one sum.
 * {@code collectionNote} says how the regulator's collection limit split the payments (按预收费监管规定，分 2 次收费，
 * 每次不超过 60 课时), null when it did not; {@code supervisedAccount} is the campus's supervised account (资金监管账户)
 * the family pays into, null when none is registered. {@code voucherCode} and {@code voucherAmount}: the customer's
 * voucher (代金券) the price deducts, which the contract redeems; null and zero without one. {@code renewalOf}: for a
 * renewal (续费), the number of the contract it renews; null for a first sale.
 */
public record ContractTerms(long quoteId, long opportunityId, long customerId, String customerName, String phone,
        String campusCode, String campusName, String productLineLabel, List<Line> lines, BigDecimal listPrice,
        BigDecimal standardDiscount, BigDecimal extraDiscount, String discountReason, BigDecimal finalPrice,
        int lessons, BigDecimal unitPrice, List<Installment> installments, List<String> approvals,
        String collectionNote, String supervisedAccount, String voucherCode, BigDecimal voucherAmount,
        String renewalOf) {

    public ContractTerms {
        lines = lines == null ? List.of() : List.copyOf(lines);
        installments = installments == null ? List.of() : List.copyOf(installments);
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        voucherAmount = voucherAmount == null ? BigDecimal.ZERO.setScale(2) : voucherAmount;
    }

    /** Terms without a voucher. */
    public ContractTerms(long quoteId, long opportunityId, long customerId, String customerName, String phone,
            String campusCode, String campusName, String productLineLabel, List<Line> lines, BigDecimal listPrice,
            BigDecimal standardDiscount, BigDecimal extraDiscount, String discountReason, BigDecimal finalPrice,
            int lessons, BigDecimal unitPrice, List<Installment> installments, List<String> approvals,
            String collectionNote, String supervisedAccount) {
        this(quoteId, opportunityId, customerId, customerName, phone, campusCode, campusName, productLineLabel, lines,
                listPrice, standardDiscount, extraDiscount, discountReason, finalPrice, lessons, unitPrice,
                installments, approvals, collectionNote, supervisedAccount, null, null, null);
    }

    /** Terms without a collection note, supervised account or voucher. */
    public ContractTerms(long quoteId, long opportunityId, long customerId, String customerName, String phone,
            String campusCode, String campusName, String productLineLabel, List<Line> lines, BigDecimal listPrice,
            BigDecimal standardDiscount, BigDecimal extraDiscount, String discountReason, BigDecimal finalPrice,
            int lessons, BigDecimal unitPrice, List<Installment> installments, List<String> approvals) {
        this(quoteId, opportunityId, customerId, customerName, phone, campusCode, campusName, productLineLabel, lines,
                listPrice, standardDiscount, extraDiscount, discountReason, finalPrice, lessons, unitPrice,
                installments, approvals, null, null, null, null, null);
    }

    /** The same terms for a renewal of contract {@code number} (续费). */
    ContractTerms renewing(String number) {
        return new ContractTerms(quoteId, opportunityId, customerId, customerName, phone, campusCode, campusName,
                productLineLabel, lines, listPrice, standardDiscount, extraDiscount, discountReason, finalPrice,
                lessons, unitPrice, installments, approvals, collectionNote, supervisedAccount, voucherCode,
                voucherAmount, number);
    }

    /**
     * One course of the quote (课程): its lessons, list and final amount, the actual price per lesson, and for a class
     * when it meets (上课时间, as academic affairs wrote it when they opened it; null for other courses).
     */
    public record Line(String description, int lessons, BigDecimal listAmount, BigDecimal finalAmount,
            BigDecimal unitPrice, String schedule) {
    }

    /** One instalment of the payment plan (分期), numbered from 1. */
    public record Installment(int seq, LocalDate dueDate, BigDecimal amount) {
    }
}
