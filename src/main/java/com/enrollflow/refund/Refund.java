package com.enrollflow.refund;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A refund request (退费申请) with its computation frozen when it was made, the approvals it needs and got, and what
 * was paid back. {@code transferId}: the transfer whose difference in the family's favour it pays back;
 * {@code classCode}: the class a 退班 leaves; {@code lessonsBack}: the 1:1 lessons a 退部分课时 gives back;
 * {@code unpaidForgone}: the installments a refund of the whole contract no longer asks for (decision 580).
 * {@code refundNo} (TF000012) is its public id and the refund process's business key.
 */
public record Refund(long id, String refundNo, long contractId, long opportunityId, long customerId,
        String campusCode, RefundReason reason, String note, RefundStatus status, BigDecimal paid,
        BigDecimal consumedValue, BigDecimal fees, String feeName, BigDecimal amount, BigDecimal shortfall,
        int consumedLessons, int purchasedLessons, BigDecimal unitPrice, String computation,
        List<String> requiredLevels, String requestedBy, OffsetDateTime requestedAt, OffsetDateTime concludedAt,
        String rejectionComment, OffsetDateTime paidOutAt, String agreementNo, String agreementSha256,
        boolean withdrawal, String cancelledBy, String cancelReason, Long transferId, String classCode,
        Integer classLineNo, BigDecimal owedLess, Integer lessonsBack, BigDecimal unpaidForgone) {

    /** A refund of the whole contract that wrote off installments the family had not paid (decision 580). */
    public boolean forgaveInstallments() {
        return unpaidForgone != null && unpaidForgone.signum() > 0;
    }

    /** A transfer's difference (转课差价): it takes nothing off the ledger and leaves the contract in force. */
    public boolean transferDifference() {
        return transferId != null;
    }

    /** An overpayment paid back (多付款退还): nothing taken off the ledger, the contract's status unchanged. */
    public boolean overpayment() {
        return reason == RefundReason.OVERPAYMENT;
    }

    /**
     * One line of the contract, the contract in force for the rest: a 退班 (decision 574), the lessons left in one
     * class ({@code classCode}, ledger line {@code classLineNo}), or a 退部分课时 (decision 579), {@code lessonsBack}
     * of the 1:1 lessons of line {@code classLineNo}. {@code owedLess}: what it took off unpaid installments once
     * those lessons stopped (null before); a refund of the whole contract records what it no longer asks for too
     * (decision 580).
     */
    public boolean lineOnly() {
        return classLineNo != null;
    }

    /** 退班: the lessons left in one class come back. */
    public boolean classOnly() {
        return classCode != null;
    }

    /** 退部分课时: some of the 1:1 lessons come back, the rest go on. */
    public boolean someLessons() {
        return lessonsBack != null;
    }

    /** Pays money back without ending anything: a transfer's difference or an overpayment. */
    public boolean leavesContractAsItIs() {
        return transferDifference() || overpayment();
    }

    /** One approver's decision at one level. */
    public record Approval(int levelNo, String approvalGroup, boolean approved, String comment, String decidedBy,
            OffsetDateTime decidedAt) {
    }

    /** Money that went back, by the channel its payment came in by. */
    public record Payout(long paymentId, PayoutChannel channel, BigDecimal amount, String voucher,
            String bankAccount, String paidBy, OffsetDateTime paidAt) {
    }

    /** "TF000012": never equal to an opportunity id (a plain number), so business keys cannot collide. */
    static String number(long id) {
        return String.format("TF%06d", id);
    }
}
