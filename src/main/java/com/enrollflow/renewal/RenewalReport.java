package com.enrollflow.renewal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * 续费统计: renewals started in the period (应续) and where they stand, per campus, per consultant (the family's
 * consultant when the renewal started) and per teacher (who taught the student last). {@code rate} = renewed ÷ due,
 * null ("no data") when nothing was due.
 */
public record RenewalReport(LocalDate from, LocalDate to, String campus, Figures total, List<Row> byCampus,
        List<Row> byConsultant, List<Row> byTeacher) {

    /** One slice: its code (campus code, user id, teacher id) and the name staff read. */
    public record Row(String key, String name, Figures figures) {
    }

    public record Figures(long due, long renewed, long declined, long cancelled, long underWay, BigDecimal rate,
            BigDecimal renewedAmount) {
    }
}
