package com.enrollflow.identity;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/** Closes Camunda 7.24 CE's query-expression hole inside the engine, covering every API at once (docs/security.md). */
@Component
class QueryExpressionGuard extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // after the command-context interceptor and before the command: the guard needs the caller's authentication
        // and the filter's trust record in the command's own transaction; expressions are evaluated only later, in
        // the command. One instance per chain: an interceptor holds its chain's next link.
        configuration.setCustomPostCommandInterceptorsTxRequired(
                with(configuration.getCustomPostCommandInterceptorsTxRequired(), new QueryExpressionInterceptor()));
        configuration.setCustomPostCommandInterceptorsTxRequiresNew(
                with(configuration.getCustomPostCommandInterceptorsTxRequiresNew(), new QueryExpressionInterceptor()));
    }

    private static List<CommandInterceptor> with(List<CommandInterceptor> existing, CommandInterceptor guard) {
        List<CommandInterceptor> interceptors = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
        interceptors.add(guard);
        return interceptors;
    }
}
