package com.enrollflow.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import com.enrollflow.common.Coded;
import com.enrollflow.common.Money;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the family owes for one contract, its installments and the payments received. {@code collectionNote} says
 * how the regulator's collection limit split the payments (按预收费监管规定，分 2 次收费，每次不超过 60 课时), null when
 * it did not; {@code collectionCap} is the most one desk payment may collect, null without a limit.
 */
public record PaymentOrder(long id, String orderNo, long opportunityId, long quoteId, long contractId,
        BigDecimal total, String status, OffsetDateTime createdAt, List<InstallmentPlan.Due> installments,
        List<Payment> payments, String collectionNote, BigDecimal collectionCap) {

    /** One payment; {@code supervisedAccount} the account that received it (资金监管账户), null if none was registered. */
    public record Payment(long id, String method, BigDecimal amount, String status, String receiptNo,
            String reference, String recordedBy, OffsetDateTime receivedAt, String confirmedBy,
            String supervisedAccount) {

        public Payment(long id, String method, BigDecimal amount, String status, String receiptNo, String reference,
                String recordedBy, OffsetDateTime receivedAt, String confirmedBy) {
            this(id, method, amount, status, receiptNo, reference, recordedBy, receivedAt, confirmedBy, null);
        }
    }

    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    public BigDecimal confirmed() {
        return payments.stream().filter(p -> "CONFIRMED".equals(p.status())).map(Payment::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    public BigDecimal pending() {
        return payments.stream().filter(p -> "PENDING".equals(p.status())).map(Payment::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    public BigDecimal outstanding() {
        return total.subtract(confirmed()).max(BigDecimal.ZERO);
    }

    /** Confirmed money beyond the total (a double online payment, or one after cancellation): to be refunded. */
    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    public BigDecimal overpaid() {
        return "CANCELLED".equals(status) ? confirmed() : confirmed().subtract(total).max(BigDecimal.ZERO);
    }

    /** Confirmed payments cover the first installment: the student counts as paid (成单缴费). */
    public boolean firstInstallmentPaid() {
        return confirmed().compareTo(installments.get(0).amount()) >= 0;
    }

    /** How many installments the confirmed money covers, in order. */
    public int installmentsCovered() {
        BigDecimal left = confirmed();
        int covered = 0;
        for (InstallmentPlan.Due due : installments) {
            if (left.compareTo(due.amount()) < 0) {
                break;
            }
            left = left.subtract(due.amount());
            covered++;
        }
        return covered;
    }

    /** What the desk may still take: the balance less payments waiting for finance (the desk never takes more). */
    public BigDecimal openBalance() {
        return outstanding().subtract(pending()).max(BigDecimal.ZERO);
    }

    /**
     * The installment now due: the first one that confirmed and pending money do not cover; empty when everything is
     * covered. Paid in full, it is the single installment, so its rest is the whole balance.
     */
    public Optional<InstallmentPlan.Due> currentInstallment() {
        BigDecimal covered = confirmed().add(pending());
        BigDecimal through = BigDecimal.ZERO;
        for (InstallmentPlan.Due due : installments) {
            through = through.add(due.amount());
            if (covered.compareTo(through) < 0) {
                return Optional.of(due);
            }
        }
        return Optional.empty();
    }

    /** What is due now (应收): the rest of the current installment, at most the open balance; zero when all is covered. */
    public BigDecimal dueNow() {
        return currentInstallment().map(current -> {
            BigDecimal through = installments.stream().filter(d -> d.seq() <= current.seq())
                    .map(InstallmentPlan.Due::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            return through.subtract(confirmed()).subtract(pending()).min(openBalance());
        }).orElse(BigDecimal.ZERO);
    }

    public boolean awaitingConfirmation() {
        return pending().signum() > 0;
    }

    public Long oldestPendingPayment() {
        return payments.stream().filter(p -> "PENDING".equals(p.status())).map(Payment::id).findFirst().orElse(null);
    }

    /**
     * What the desk or finance is told of one of this order's payments once it is stored or decided, the order read
     * after it: "微信支付 ¥12,000.00，收据 SJ-BJ-HD-2026-000123；未付余额 ¥0.00", a transfer "…，待财务确认到账；确认到账后
     * 未付余额 …", one finance did not find "…，未到账，不计入已缴；未付余额 …".
     */
    public String told(long paymentId) {
        Payment p = payments.stream().filter(x -> x.id() == paymentId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("payment " + paymentId + " is not of " + orderNo));
        String method = Coded.parse(PaymentMethod.class, p.method()).map(PaymentMethod::label).orElse(p.method());
        String balance = Money.yuan(openBalance());
        return method + " " + Money.yuan(p.amount()) + "，" + switch (p.status()) {
            case "PENDING" -> "待财务确认到账；确认到账后未付余额 " + balance;
            case "REJECTED" -> "未到账，不计入已缴；未付余额 " + balance;
            default -> "收据 " + p.receiptNo() + "；未付余额 " + balance;
        };
    }
}
