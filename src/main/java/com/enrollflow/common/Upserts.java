package com.enrollflow.common;

import java.util.function.IntSupplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A row changed, or added when there is none, whoever else adds it at the same moment (two directors setting the same
 * new target, two supervisors saving the same new team, two nodes seeding the demo teams): when the update finds
 * nothing, the insert runs in a savepoint (on PostgreSQL a refused insert would otherwise abort the whole
 * transaction) and waits on the other transaction's row through the unique key; once that one is committed, this one
 * updates it, as if it had come a moment later — one row, the later values, never an error.
 */
@Component
public class Upserts {

    private final TransactionTemplate savepoint;

    public Upserts(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Runs {@code update}; when it changed no row, {@code insert}; {@code update} again if the row came meanwhile. */
    public void upsert(IntSupplier update, Runnable insert) {
        if (update.getAsInt() == 0 && !tryInsert(insert)) {
            update.getAsInt();
        }
    }

    /**
     * Runs {@code insert} in a savepoint: true when it added its row, false when a unique key refused it (the row, or
     * another holding the same key, came meanwhile), with the caller's transaction still usable.
     */
    public boolean tryInsert(Runnable insert) {
        try {
            savepoint.executeWithoutResult(tx -> insert.run());
            return true;
        } catch (DuplicateKeyException addedMeanwhile) {
            return false;
        }
    }
}
