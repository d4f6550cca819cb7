package com.enrollflow.identity;

import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Identity look-ups the application makes for itself (who works at which campus, which campuses a user serves)
 * while a staff member is logged in to the engine: with authorizations on, the engine would answer them with what
 * that staff member may read (e.g. only the tenants they belong to), which is not the question asked.
 */
@Component
public class SystemLookups {

    private final ProcessEngineConfigurationImpl engine;

    SystemLookups(@Lazy ProcessEngineConfigurationImpl engine) {
        this.engine = engine;
    }

    public <T> T unrestricted(Supplier<T> lookup) {
        return engine.getCommandExecutorTxRequired()
                .execute(command -> command.runWithoutAuthorization(lookup::get));
    }
}
