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

        /** How it was paid, as staff and families read it (微信支付), or the code as stored if it is not one. */
        public String methodLabel() {
            return Coded.parse(PaymentMethod.class, method).map(PaymentMethod::label).orElse(method);
        }
    }

    /** One of this order's payments. */
    public Optional<Payment> payment(long paymentId) {
        return payments.stream().filter(p -> p.id() == paymentId).findFirst();
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
     * after it: "微信支付 ¥12,000.00，收据 SJ-BJ-HD-2026-000123；未付余额 ¥0.00"; a transfer "…，待财务确认到账；确认到账后
     * 未付余额 …"; one finance did not find "银行转账 ¥3,000.00（凭证号 …），财务未查到，不计入已缴；未付余额 …". The balance
     * counts only confirmed money, and says how much of it other transfers may still cover.
     */
    public String told(long paymentId) {
        Payment p = payment(paymentId)
                .orElseThrow(() -> new IllegalArgumentException("payment " + paymentId + " is not of " + orderNo));
        String paid = p.methodLabel() + " " + Money.yuan(p.amount());
        return switch (p.status()) {
            case "PENDING" -> paid + "，待财务确认到账；" + (pending().compareTo(p.amount()) > 0 ? "待确认的款项全部到账后"
                    : "确认到账后") + "未付余额 " + Money.yuan(openBalance());
            case "REJECTED" -> paid + (p.reference() == null ? "" : "（凭证号 " + p.reference() + "）")
                    + "，财务未查到，不计入已缴；" + unpaid();
            default -> paid + "，收据 " + p.receiptNo() + "；" + unpaid();
        };
    }

    /** 未付余额 ¥6,000.00（其中 ¥1,500.00 待财务确认）. */
    private String unpaid() {
        return "未付余额 " + Money.yuan(outstanding()) + (pending().signum() > 0 ? "（其中 " + Money.yuan(pending())
                + " 待财务确认）" : "");
    }
}
