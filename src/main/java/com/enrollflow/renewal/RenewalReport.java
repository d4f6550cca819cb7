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

    /**
     * 续费明细: the renewals behind one count of the report — the period's renewals of a campus, consultant or teacher
     * (or all) in one state ({@code status}: due, renewed, declined, cancelled or underWay); {@code total} of them,
     * the newest {@code limit} listed.
     */
    public record Families(String from, String to, String status, String statusLabel, String filters, long total,
            int limit, List<Family> renewals) {
    }

    /**
     * One renewal: the family, where and with whom, where it stands, and the renewal's own opportunity (its timeline on
     * the board); {@code amount}: the renewed contract's price, null unless renewed.
     */
    public record Family(String renewalNo, long opportunityId, String customerName, String campusName,
            String consultantName, String teacherName, String statusLabel, String declineReason, String startedAt,
            String decidedAt, BigDecimal amount) {
    }
}
