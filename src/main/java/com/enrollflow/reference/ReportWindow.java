package com.enrollflow.reference;

import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A report's window on one table: the reader's scope, the campus chosen (null: every campus in scope) and the Beijing
 * days [from, to] (null: open) on one moment column. {@link #where} gives the campus and days as conditions (the scope's
 * own condition is the caller's: a campus column, or an opportunity's campus or call centre); {@link #bind} binds them
 * and the scope.
 */
public record ReportWindow(Scope visible, String campus, LocalDate from, LocalDate to) {

    /** " and campus = :campus and moment >= :from and moment < :to", each only when given. */
    public String where(String campusColumn, String momentColumn) {
        return (campus == null ? "" : " and " + campusColumn + " = :campus")
                + (from == null ? "" : " and " + momentColumn + " >= :from")
                + (to == null ? "" : " and " + momentColumn + " < :to");
    }

    /** The scope's parameters, the campus, and the days as the moments they begin and end at in Beijing. */
    public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
        spec = visible.bind(spec);
        if (campus != null) {
            spec = spec.param("campus", campus);
        }
        if (from != null) {
            spec = spec.param("from", from.atStartOfDay(BusinessTime.ZONE).toOffsetDateTime());
        }
        return to == null ? spec : spec.param("to", to.plusDays(1).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime());
    }
}
