package com.enrollflow.refund;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import com.enrollflow.teaching.HoursLedger;
import com.enrollflow.teaching.LessonValue;

/**
 * The refund amount (退费金额), computed, never typed:
 * <ul>
 * <li>value consumed = per bought line, the line's final price × consumed ÷ purchased lessons, rounded half-up to
 * the fen once for the line (never per lesson, so rounding never accumulates); gifted lessons are worth nothing and
 * are never paid out;</li>
 * <li>before the first lesson nothing is consumed, so everything paid comes back (overpayments included);</li>
 * <li>refund = paid − value consumed − fees, never negative: when more was consumed than paid, nothing is refunded
 * and the difference is shown as the shortfall.</li>
 * </ul>
 */
public final class RefundCalculator {

    /**
     * A line of the hours ledger as the refund reads it; {@code purchased} is what the line's final price paid for
     * (lessons bought, or moved in by a transfer).
     */
    public record Line(int lineNo, String kind, int purchased, int consumed, BigDecimal finalAmount) {

        public static Line of(HoursLedger.Line l) {
            return new Line(l.lineNo(), l.kind(), l.basis(), l.consumed(), l.finalAmount());
        }
    }

    /** A line's share of the value consumed. */
    public record LineValue(int lineNo, int purchased, int consumed, BigDecimal finalAmount, BigDecimal consumedValue) {
    }

    /** The whole computation, as every approver sees it. */
    public record Result(BigDecimal paid, List<LineValue> lines, BigDecimal consumedValue, BigDecimal fees,
            BigDecimal amount, BigDecimal shortfall, int consumedLessons, int purchasedLessons) {
    }

    private RefundCalculator() {
    }

    public static Result compute(BigDecimal paid, List<Line> lines, BigDecimal fees) {
        if (paid.signum() < 0 || fees.signum() < 0) {
            throw new IllegalArgumentException("paid and fees are never negative");
        }
        List<LineValue> values = lines.stream().map(RefundCalculator::lineValue).toList();
        BigDecimal consumed = sum(values);
        BigDecimal rest = paid.subtract(consumed).subtract(fees);
        BigDecimal amount = rest.signum() > 0 ? rest : BigDecimal.ZERO;
        BigDecimal shortfall = rest.signum() < 0 ? rest.negate() : BigDecimal.ZERO;
        int consumedLessons = lines.stream().mapToInt(Line::consumed).sum();
        int purchasedLessons = lines.stream().filter(l -> !"GIFT".equals(l.kind())).mapToInt(Line::purchased).sum();
        return new Result(fen(paid), values, fen(consumed), fen(fees), fen(amount), fen(shortfall), consumedLessons,
                purchasedLessons);
    }

    /**
     * The value of the lessons consumed on these lines, each line rounded once: what the refund deducts, and what
     * the custodial balance (监管余额) releases from the supervised account as the lessons are taught (消拨同步).
     */
    public static BigDecimal consumedValue(List<Line> lines) {
        return fen(sum(lines.stream().map(RefundCalculator::lineValue).toList()));
    }

    private static BigDecimal sum(List<LineValue> values) {
        return values.stream().map(LineValue::consumedValue).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** One line's value consumed: its final price × consumed ÷ purchased, rounded half-up once, to the fen. */
    static LineValue lineValue(Line l) {
        BigDecimal v = LessonValue.of(l.kind(), l.finalAmount(), l.purchased(), l.consumed());
        return new LineValue(l.lineNo(), l.purchased(), l.consumed(), fen(l.finalAmount()), fen(v));
    }

    private static BigDecimal fen(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }
}
