package com.enrollflow.common;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A gapless number sequence per campus and year, kept in a counter table {@code (campus_code, <year column>,
 * last_number)}. The row of a new year is created at 0 in a transaction of its own; numbers are drawn in the
 * caller's transaction under the row's lock, so a rollback gives the number back and no two documents share one.
 * Contract numbers and receipt numbers both use it.
 */
public final class GaplessCounter {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final String table;
    private final String yearColumn;

    /** {@code table} and {@code yearColumn} are fixed names from code, never input. */
    public GaplessCounter(JdbcClient jdbc, PlatformTransactionManager transactions, String table, String yearColumn) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.table = table;
        this.yearColumn = yearColumn;
    }

    /** Creates the counter row of the campus and year (at 0) unless it exists; a concurrent creation is fine. */
    public void ensure(String campusCode, int year) {
        if (jdbc.sql("select count(*) from " + table + " where campus_code = ? and " + yearColumn + " = ?")
                .params(campusCode, year).query(Integer.class).single() > 0) {
            return;
        }
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.sql("insert into " + table + " (campus_code, "
                    + yearColumn + ", last_number) values (?, ?, 0)").params(campusCode, year).update());
        } catch (DuplicateKeyException e) {
            // created by a concurrent first document: it starts at 0 all the same
        }
    }

    /** Locks the counter row until the caller's transaction ends; returns the last number drawn. */
    public int lock(String campusCode, int year) {
        return jdbc.sql("select last_number from " + table + " where campus_code = ? and " + yearColumn + " = ? "
                + "for update").params(campusCode, year).query(Integer.class).optional()
                .orElseThrow(() -> new IllegalStateException("no " + table + " row for " + campusCode + " " + year));
    }

    /** Draws the next number in the caller's transaction (the row stays locked until it ends). */
    public int next(String campusCode, int year) {
        int updated = jdbc.sql("update " + table + " set last_number = last_number + 1 where campus_code = ? and "
                + yearColumn + " = ?").params(campusCode, year).update();
        if (updated != 1) {
            throw new IllegalStateException("no " + table + " row for " + campusCode + " " + year);
        }
        return jdbc.sql("select last_number from " + table + " where campus_code = ? and " + yearColumn + " = ?")
                .params(campusCode, year).query(Integer.class).single();
    }
}
