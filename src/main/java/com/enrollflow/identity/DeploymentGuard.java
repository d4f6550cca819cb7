package com.enrollflow.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityBehavior;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The deployment guard (部署检查): an engine plugin that puts {@link DeploymentGuardDeployer} before the engine's own
 * deployers, so every deployment — the application's auto-deployment at start, Camunda Modeler's deploy to
 * {@code /engine-rest}, the Java API — is checked inside the engine, for admins and process owners alike
 * (docs/editing-processes.md, docs/security.md).
 */
@Component
class DeploymentGuard extends AbstractProcessEnginePlugin {

    /** The types a delegate expression may resolve to: what the engine calls as a task, a listener or a mapping. */
    private static final List<Class<?>> DELEGATE_TYPES = List.of(JavaDelegate.class, ExecutionListener.class,
            TaskListener.class, ActivityBehavior.class, DelegateVariableMapping.class);

    private final ApplicationContext context;

    DeploymentGuard(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(new DeploymentGuardDeployer(new ModelExpressions(beans())));
        configuration.setCustomPreDeployers(deployers);
    }

    ModelExpressions.Beans beans() {
        return new ModelExpressions.Beans() {
            @Override
            public boolean isBean(String name) {
                return context.containsBean(name);
            }

            @Override
            public boolean isDelegate(String name) {
                return context.containsBean(name)
                        && DELEGATE_TYPES.stream().anyMatch(type -> context.isTypeMatch(name, type));
            }
        };
    }

    /** For the templates' test: every bean a template names must be one the guard lets a model use. */
    static Set<Class<?>> delegateTypes() {
        return Set.copyOf(DELEGATE_TYPES);
    }
}
