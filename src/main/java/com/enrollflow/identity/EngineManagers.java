package com.enrollflow.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/** Replaces one of the engine's own managers by a subclass, for the plugins that change how a manager checks. */
final class EngineManagers {

    private EngineManagers() {
    }

    /**
     * Registers {@code manager} for sessions of {@code type}. Custom session factories are added after the engine's
     * own, so this one replaces the engine's factory of that type. Call from a plugin's {@code preInit}.
     */
    static void replace(ProcessEngineConfigurationImpl configuration, Class<? extends Session> type,
            Supplier<? extends Session> manager) {
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        factories.add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return type;
            }

            @Override
            public Session openSession() {
                return manager.get();
            }
        });
        configuration.setCustomSessionFactories(factories);
    }
}
