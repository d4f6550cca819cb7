package com.enrollflow.workflow.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Extra indexes on the engine's own tables, on H2 only (the default profile and the tests).
 *
 * <p>Why: H2 plans a statement once per connection and keeps the plan in its query cache. A statement first
 * prepared while {@code ACT_RU_VARIABLE} was empty (every fresh database) is planned on the task index for
 * {@code TASK_ID_ is null}, so the engine's "variables of this execution" query then reads every process-level
 * variable of every instance, for as long as the connection lives. Measured in the lead intake benchmark: two
 * thirds of the job executor's CPU, growing with each lead. An index on (execution, task) matches both
 * conditions, so H2 chooses it even on an empty table. PostgreSQL plans with statistics and needs none of this.
 *
 * <p>An index on {@code ACT_RU_TASK (PARENT_TASK_ID_)}: each time a task ends the engine looks for its subtasks by
 * that column, which none of its indexes has, so every ending task read all open tasks (as on PostgreSQL, see
 * PostgresEngineTuning; H2 has no partial index, and the column is empty, so the index is small anyway).
 *
 * <p>Created after the engine has created or updated its schema; {@code if not exists} makes each idempotent.
 */
@Component
class H2EngineIndexes extends AbstractProcessEnginePlugin {

    static final String VARIABLE_EXECUTION_TASK_INDEX = "ENFL_IDX_VAR_EXEC_TASK";
    static final String TASK_PARENT_INDEX = "ENFL_IDX_TASK_PARENT";

    private static final Logger log = LoggerFactory.getLogger(H2EngineIndexes.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        if (!"h2".equals(configuration.getDatabaseType())) {
            return;
        }
        String table = configuration.getDatabaseTablePrefix() + "ACT_RU_VARIABLE";
        try (Connection connection = configuration.getDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create index if not exists " + VARIABLE_EXECUTION_TASK_INDEX
                    + " on " + table + "(EXECUTION_ID_, TASK_ID_)");
            statement.execute("create index if not exists " + TASK_PARENT_INDEX + " on "
                    + configuration.getDatabaseTablePrefix() + "ACT_RU_TASK (PARENT_TASK_ID_)");
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("could not create index " + VARIABLE_EXECUTION_TASK_INDEX
                    + " on " + table + " or " + TASK_PARENT_INDEX, e);
        }
        log.debug("H2: indexes {} on {} and {} in place", VARIABLE_EXECUTION_TASK_INDEX, table, TASK_PARENT_INDEX);
    }
}
