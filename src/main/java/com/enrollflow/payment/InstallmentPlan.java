package com.enrollflow.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** Pay in full or in 2 or 3 installments (分期), a month apart; the first is due when the contract is signed. */
@CodeName("分期方式")
public enum InstallmentPlan implements Coded {
    FULL("一次性付清", 1, "全款", "一次付清", "一次性", "不分期"),
    TWO("分两期", 2, "两期", "2期", "分2期", "分两期（每月一期）"),
    THREE("分三期", 3, "三期", "3期", "分3期", "分三期（每月一期）");

    private final String label;
    private final List<String> aliases;
    private final int parts;

    InstallmentPlan(String label, int parts, String... aliases) {
        this.aliases = List.of(aliases);
        this.label = label;
        this.parts = parts;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    /** How many payments the family chose: 1, 2 or 3. */
    public int parts() {
        return parts;
    }

    public record Due(int seq, LocalDate dueDate, BigDecimal amount) {
    }

    /** Equal parts to the cent; the first installment takes the remainder so the parts add up exactly. */
    public List<Due> split(BigDecimal total, LocalDate firstDue) {
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            dates.add(firstDue.plusMonths(i));
        }
        return equalParts(total, dates);
    }

    /** {@code total} in as many equal parts as there are due dates, to the cent; the first takes the remainder. */
    static List<Due> equalParts(BigDecimal total, List<LocalDate> dueDates) {
        int n = dueDates.size();
        BigDecimal part = total.divide(BigDecimal.valueOf(n), 2, RoundingMode.DOWN);
        BigDecimal first = total.subtract(part.multiply(BigDecimal.valueOf(n - 1)));
        List<Due> dues = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dues.add(new Due(i + 1, dueDates.get(i), i == 0 ? first : part));
        }
        return dues;
    }
}
