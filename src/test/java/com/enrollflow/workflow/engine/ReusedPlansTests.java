package com.enrollflow.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.common.ReusedPlans;
import com.enrollflow.testsupport.EnrollFlowTest;

/**
 * {@link ReusedPlans} on PostgreSQL (the PostgreSQL pass only: tag {@code postgres-only}): a write path's transaction
 * may reuse cached plans, and only that transaction; every other statement keeps the sessions' default, plans made
 * with the bound values, which the engine's authorization-checked task queries need.
 */
@EnrollFlowTest
@Tag("postgres-only")
class ReusedPlansTests {

    @Autowired
    DataSource dataSource;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldReuseCachedPlansUntilTheTransactionEndsCommittedOrNot() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            SingleConnectionDataSource one = new SingleConnectionDataSource(connection, true);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(one));
            JdbcClient onOne = JdbcClient.create(one);
            ReusedPlans plans = new ReusedPlans(onOne, one);

            assertThat(mode(onOne)).as("the sessions' default").isEqualTo("force_custom_plan");
            String during = tx.execute(status -> {
                plans.inThisTransaction();
                return mode(onOne);
            });
            assertThat(during).isEqualTo("auto");
            String next = tx.execute(status -> mode(onOne));
            assertThat(next).as("the next transaction on the same connection").isEqualTo("force_custom_plan");
            tx.executeWithoutResult(status -> {
                plans.inThisTransaction();
                status.setRollbackOnly();
            });
            assertThat(mode(onOne)).as("after a rolled-back one").isEqualTo("force_custom_plan");
            plans.inThisTransaction();
            assertThat(mode(onOne)).as("outside a transaction nothing changes").isEqualTo("force_custom_plan");
        }
    }

    /** A command the engine's interceptors take for the job executor's: it reads the mode instead of running a job. */
    static final class ProbeAsJob extends ExecuteJobsCmd {

        private final JdbcClient jdbc;
        private String mode;

        ProbeAsJob(JdbcClient jdbc) {
            super("no-such-job", new JobFailureCollector("no-such-job"));
            this.jdbc = jdbc;
        }

        @Override
        public Void execute(CommandContext commandContext) {
            mode = mode(jdbc);
            return null;
        }
    }

    @Test
    void shouldLetTheJobExecutorsTransactionsReuseThemAndNothingElse() {
        CommandExecutor commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
        ProbeAsJob job = new ProbeAsJob(jdbc);

        commands.execute(job);

        assertThat(job.mode).as("a job's transaction, through the engine's interceptors").isEqualTo("auto");
        String other = commands.execute(context -> mode(jdbc));
        assertThat(other).as("any other engine command").isEqualTo("force_custom_plan");
        assertThat(mode(jdbc)).as("after the job's transaction").isEqualTo("force_custom_plan");
    }

    private static String mode(JdbcClient jdbc) {
        return jdbc.sql("show plan_cache_mode").query(String.class).single();
    }
}
