package com.enrollflow.workflow.engine;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;

/** A bare process engine of its own on a fresh in-memory H2 database, for testing one engine plugin without Spring. */
final class StandaloneEngine {

    private StandaloneEngine() {
    }

    /**
     * The configuration of an engine named {@code name} (also its database's name), job executor off, with only
     * {@code plugin} when given; the caller sets what else it needs and builds it.
     */
    static ProcessEngineConfigurationImpl configuration(String name, ProcessEnginePlugin plugin) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP)
                .setJobExecutorActivate(false)
                .setProcessEngineName(name);
        if (plugin != null) {
            configuration.setProcessEnginePlugins(List.of(plugin));
        }
        return configuration;
    }
}
