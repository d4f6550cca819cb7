package com.enrollflow.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.enrollflow.reference.Coded;

/** Pay in full or in 2 or 3 installments (分期), a month apart; the first is due when the contract is signed. */
public enum InstallmentPlan implements Coded {
    FULL("一次性付清", 1),
    TWO("分两期", 2),
    THREE("分三期", 3);

    private final String label;
    private final int parts;

    InstallmentPlan(String label, int parts) {
        this.label = label;
        this.parts = parts;
    }

    @Override
    public String label() {
        return label;
    }

    public record Due(int seq, LocalDate dueDate, BigDecimal amount) {
    }

    /** Equal parts to the cent; the first installment takes the remainder so the parts add up exactly. */
    public List<Due> split(BigDecimal total, LocalDate firstDue) {
        BigDecimal part = total.divide(BigDecimal.valueOf(parts), 2, RoundingMode.DOWN);
        BigDecimal first = total.subtract(part.multiply(BigDecimal.valueOf(parts - 1)));
        List<Due> dues = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            dues.add(new Due(i + 1, firstDue.plusMonths(i), i == 0 ? first : part));
        }
        return dues;
    }
}
