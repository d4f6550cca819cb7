package com.enrollflow.common;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets a write path of ours reuse PostgreSQL's cached plans for the rest of its transaction.
 * <p>
 * The {@code postgres} profile makes every session plan every statement with its bound values
 * ({@code plan_cache_mode=force_custom_plan}): a generic plan of the engine's authorization-checked task queries cannot
 * know how many rows {@code PERMS_ & ? = ?} keeps, and one count of 呼叫中心待办 then took 57 s (decision 352). That
 * default protects every statement we do not write ourselves, Tasklist's and Cockpit's through the engine's REST API
 * among them. A lead's intake and the job executor's transactions run none of those queries, only lookups by key,
 * inserts and updates, whose generic plans are the custom ones; planning each of them again cost a lead about 6 ms of
 * PostgreSQL's CPU (lead intake benchmark, decision 375). They call {@link #inThisTransaction()} first:
 * {@code set local} returns the session to PostgreSQL's own choice ({@code auto}: custom plans for a statement's first
 * five runs, then the generic one unless it is estimated dearer), until the transaction ends, committed or not.
 * Nothing happens on H2, or outside a transaction.
 */
@Component
public class ReusedPlans {

    private final JdbcClient jdbc;
    private final boolean postgres;

    public ReusedPlans(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.postgres = DatabaseProduct.isPostgres(dataSource);
    }

    /** For the rest of the current transaction, PostgreSQL may reuse a statement's generic plan. */
    public void inThisTransaction() {
        if (postgres && TransactionSynchronizationManager.isActualTransactionActive()) {
            jdbc.sql("set local plan_cache_mode = auto").update();
        }
    }
}
