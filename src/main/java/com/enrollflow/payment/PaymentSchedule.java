package com.enrollflow.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
/**
 * How a sale is collected (收费安排) under the regulator's collection limit (单次收费上限, 预收费监管): the installments
 * the family chose when none of them covers more lessons than the limit allows, else as many successive payments as
 * the limit needs (never fewer than chosen), equal to the cent, each within it. A plan above the limit is never
 * refused: it is split.
 * <ul>
 * <li>"months of lessons" are read with the plan's weekly frequency (a 1:1 plan has one lesson per preferred weekly
 * time, as the schedule books them): 3 months = 13 weeks, so 2 lessons a week allow 26 lessons per payment. A plan
 * without a frequency (classes only) is limited by its lessons alone;</li>
 * <li>payments the limit imposes fall due as the lessons paid before them run out, at the weekly frequency, so no
 * payment is collected long before its lessons; without a frequency, a month apart, as chosen installments are.</li>
 * </ul>
 * Pure: the limit and the frequency were fixed when the plan was priced ({@link SaleTerms}).
 */
public record PaymentSchedule(InstallmentPlan chosen, int lessons, int lessonsPerWeek, CollectionLimit limit) {

    static final int WEEKS_PER_YEAR = 52;

    public PaymentSchedule {
        Objects.requireNonNull(chosen, "chosen");
        limit = limit == null ? CollectionLimit.NONE : limit;
        if (lessons < 0 || lessonsPerWeek < 0) {
            throw new IllegalArgumentException("lessons and lessons a week are never negative");
        }
    }

    /** The chosen installments and nothing else: a sale priced before the limit was recorded. */
    public static PaymentSchedule asChosen(InstallmentPlan chosen) {
        return new PaymentSchedule(chosen, 0, 0, CollectionLimit.NONE);
    }

    /** The weeks "months of lessons" last: 3 months are 13 weeks, 1 month 4. */
    static int weeks(int months) {
        return months * WEEKS_PER_YEAR / 12;
    }

    /** The most lessons one payment may cover: the fewer of the lesson limit and the months at the frequency. */
    public OptionalInt lessonsPerPayment() {
        Integer byLessons = limit.maxLessons();
        Integer byMonths = limit.maxMonths() != null && lessonsPerWeek > 0
                ? lessonsPerWeek * weeks(limit.maxMonths()) : null;
        if (byLessons == null && byMonths == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(byLessons == null ? byMonths : byMonths == null ? byLessons : Math.min(byLessons, byMonths));
    }

    /** How many payments the family makes. */
    public int payments() {
        OptionalInt per = lessonsPerPayment();
        if (per.isEmpty() || lessons == 0) {
            return chosen.parts();
        }
        return Math.max(chosen.parts(), (lessons + per.getAsInt() - 1) / per.getAsInt());
    }

    /** The limit changed the family's choice: more payments than chosen, due as the lessons run out. */
    public boolean regulated() {
        return payments() > chosen.parts();
    }

    /** The payments with their due dates; the first falls due on {@code firstDue} (the contract's day). */
    public List<InstallmentPlan.Due> split(BigDecimal total, LocalDate firstDue) {
        if (!regulated()) {
            return chosen.split(total, firstDue);
        }
        int n = payments();
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int lessonsBefore = (int) ((long) i * lessons / n);
            dates.add(lessonsPerWeek > 0 ? firstDue.plusWeeks(lessonsBefore / lessonsPerWeek) : firstDue.plusMonths(i));
        }
        return InstallmentPlan.equalParts(total, dates);
    }

    /**
     * The most one payment may collect: the lessons one payment may cover, at the plan's average price per lesson
     * (at least the largest payment, which carries the cent remainder); empty when the limit allows the whole total.
     */
    public Optional<BigDecimal> cap(BigDecimal total) {
        OptionalInt per = lessonsPerPayment();
        if (per.isEmpty() || lessons == 0 || per.getAsInt() >= lessons) {
            return Optional.empty();
        }
        BigDecimal byLessons = total.multiply(BigDecimal.valueOf(per.getAsInt()))
                .divide(BigDecimal.valueOf(lessons), 2, RoundingMode.DOWN);
        BigDecimal largest = split(total, LocalDate.EPOCH).stream().map(InstallmentPlan.Due::amount)
                .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        return Optional.of(byLessons.max(largest));
    }

    /**
     * How the family pays, as the quote, the contract and the payment order say it: the chosen plan (分两期), or
     * 按预收费监管规定，分 3 次收费，每次不超过 60 课时.
     */
    public String text() {
        if (!regulated()) {
            return chosen.label();
        }
        return "按预收费监管规定，分 " + payments() + " 次收费，每次不超过 " + perPayment();
    }

    /** 60 课时, or 3 个月的课时（每周 2 课时，即 26 课时） when the months are the stricter limit. */
    private String perPayment() {
        int per = lessonsPerPayment().orElseThrow();
        boolean byMonths = limit.maxMonths() != null && lessonsPerWeek > 0
                && (limit.maxLessons() == null || lessonsPerWeek * weeks(limit.maxMonths()) < limit.maxLessons());
        return byMonths ? limit.maxMonths() + " 个月的课时（每周 " + lessonsPerWeek + " 课时，即 " + per + " 课时）"
                : per + " 课时";
    }
}
