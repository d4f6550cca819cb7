package com.enrollflow.refund;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the refund agreement (退费确认书) prints: the refund as computed ({@link RefundCalculator}), who approved it and
 * how it was paid out. Labels arrive as the reader reads them (reasonLabel, roleLabel, channelLabel); amounts in yuan.
 * {@code basis}: for money paid back without valuing lessons (转课差价, 多付款退还), how the amount was arrived at,
 * printed instead of the lesson table; null for a refund of the lessons. {@code givenUp}: for a refund of one line
 * (退班, 退部分课时), the lessons it gave up, as the family reads them; the rest of the contract goes on.
 * {@code unpaidForgone}: for a refund of the whole contract, the installments the family had not paid and is no longer
 * asked for (decision 580); null when there were none.
 */
public record RefundAgreement(String agreementNo, String refundNo, String contractNumber, String campusName,
        String customerName, String reasonLabel, String note,
        BigDecimal paid, BigDecimal consumedValue, BigDecimal fees, String feeName,
        BigDecimal amount, BigDecimal shortfall, int consumedLessons, int purchasedLessons,
        List<Line> lines, List<Approval> approvals, List<Payout> payouts,
        OffsetDateTime paidOutAt, String basis, String givenUp, BigDecimal unpaidForgone) {

    public RefundAgreement {
        lines = List.copyOf(lines);
        approvals = List.copyOf(approvals);
        payouts = List.copyOf(payouts);
    }

    /** A refund of the lessons: the lesson table and the formula. */
    public RefundAgreement(String agreementNo, String refundNo, String contractNumber, String campusName,
            String customerName, String reasonLabel, String note, BigDecimal paid, BigDecimal consumedValue,
            BigDecimal fees, String feeName, BigDecimal amount, BigDecimal shortfall, int consumedLessons,
            int purchasedLessons, List<Line> lines, List<Approval> approvals, List<Payout> payouts,
            OffsetDateTime paidOutAt) {
        this(agreementNo, refundNo, contractNumber, campusName, customerName, reasonLabel, note, paid, consumedValue,
                fees, feeName, amount, shortfall, consumedLessons, purchasedLessons, lines, approvals, payouts,
                paidOutAt, null, null, null);
    }

    /** A bought (or gifted) course line and its share of the value consumed. */
    public record Line(String description, int purchased, int consumed, BigDecimal finalAmount,
            BigDecimal consumedValue) {
    }

    /** One approver's decision. */
    public record Approval(String roleLabel, String decidedBy, OffsetDateTime decidedAt, String comment) {
    }

    /** One payment of the refund to the family: channel, amount and the channel's voucher number. */
    public record Payout(String channelLabel, BigDecimal amount, String voucher, OffsetDateTime paidAt) {
    }
}
