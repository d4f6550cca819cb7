package com.enrollflow.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import org.apache.ibatis.mapping.BoundSql;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.junit.jupiter.api.Test;

/**
 * The plan H2 makes for the engine's "variables of this execution" query on a fresh database: it keeps that plan
 * in its per-connection query cache, so a bad one there means a full scan of the variables on every lookup.
 */
class H2EngineIndexesTests {

    @Test
    void shouldPlanTheVariableLookupOnTheExecutionOnAFreshDatabase() throws Exception {
        assertThat(planOfVariableLookupOnFreshEngine("with-index", new H2EngineIndexes()))
                .contains(H2EngineIndexes.VARIABLE_EXECUTION_TASK_INDEX)
                .contains("EXECUTION_ID_ = ?1");
    }

    /** The engine's lookup of a task's subtasks, run whenever a task ends, reads the parent index, not every task. */
    @Test
    void shouldPlanTheSubtaskLookupOnTheParentIndex() throws Exception {
        assertThat(planOnFreshEngine("parent-with-index", new H2EngineIndexes(), "selectTasksByParentTaskId", "any"))
                .contains(H2EngineIndexes.TASK_PARENT_INDEX);
        assertThat(planOnFreshEngine("parent-without-index", null, "selectTasksByParentTaskId", "any"))
                .doesNotContain(H2EngineIndexes.TASK_PARENT_INDEX).contains("tableScan");
    }

    /** Why the index exists: without it, H2 plans the lookup on the task index ("TASK_ID_ is null" only). */
    @Test
    void shouldShowThePlanH2ChoosesWithoutTheIndex() throws Exception {
        String plan = planOfVariableLookupOnFreshEngine("without-index", null);

        assertThat(plan).doesNotContain("EXECUTION_ID_ = ?1 */").contains("TASK_ID_ IS NULL */");
    }

    private static String planOfVariableLookupOnFreshEngine(String name, ProcessEnginePlugin plugin) throws Exception {
        return planOnFreshEngine(name, plugin, "selectVariablesByExecutionId", Map.of("executionId", "any"));
    }

    /**
     * H2's plan of one of the engine's statements on a fresh database: {@code parameter} is what the engine passes
     * the mapping, and its one placeholder is bound to "any".
     */
    private static String planOnFreshEngine(String name, ProcessEnginePlugin plugin, String statement,
            Object parameter) throws Exception {
        ProcessEngineConfigurationImpl configuration = StandaloneEngine.configuration("h2-engine-indexes-" + name,
                plugin);
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            ListQueryParameterObject query = new ListQueryParameterObject();
            query.setParameter(parameter);
            BoundSql sql = configuration.getSqlSessionFactory().getConfiguration()
                    .getMappedStatement(statement).getBoundSql(query);
            try (Connection connection = configuration.getDataSource().getConnection();
                    PreparedStatement explain = connection.prepareStatement("explain " + sql.getSql())) {
                explain.setString(1, "any");
                try (ResultSet plan = explain.executeQuery()) {
                    plan.next();
                    return plan.getString(1);
                }
            }
        } finally {
            engine.close();
        }
    }
}
