package com.enrollflow.testsupport;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * On the PostgreSQL pass: runs the tests when the database answers; otherwise skips them with a visible
 * notice, unless enrollflow.requirePostgres=true (CI), where they run and fail loudly.
 */
public class PostgresAvailability implements ExecutionCondition {

    private static Boolean reachable;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestDatabase.postgres()) {
            return ConditionEvaluationResult.enabled("H2 pass");
        }
        if (reachable()) {
            return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + TestDatabase.POSTGRES_URL);
        }
        if (TestDatabase.postgresRequired()) {
            return ConditionEvaluationResult.enabled("PostgreSQL required but not reachable: the tests will fail");
        }
        String notice = "NOTICE: PostgreSQL not reachable at " + TestDatabase.POSTGRES_URL
                + " - PostgreSQL tests SKIPPED (start PostgreSQL, or run .ci/run which starts it)";
        System.err.println(notice);
        return ConditionEvaluationResult.disabled(notice);
    }

    private static synchronized boolean reachable() {
        if (reachable == null) {
            try (Connection c = TestDatabase.connect()) {
                reachable = c.isValid(2);
            } catch (SQLException e) {
                reachable = false;
            }
        }
        return reachable;
    }
}
