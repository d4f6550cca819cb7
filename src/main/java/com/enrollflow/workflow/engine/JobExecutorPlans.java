package com.enrollflow.workflow.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

import com.enrollflow.common.ReusedPlans;

/**
 * The job executor's transactions (acquiring jobs, executing one) reuse PostgreSQL's cached plans, see
 * {@link ReusedPlans}: the jobs run our processes' steps, whose statements are lookups by key, inserts and updates. The
 * interceptor sits inside the command's transaction, before the command runs; a command nested in a job's command
 * (a delegate calling the engine's API) is already inside that transaction.
 */
@Component
class JobExecutorPlans extends AbstractProcessEnginePlugin {

    private final ReusedPlans plans;

    JobExecutorPlans(ReusedPlans plans) {
        this.plans = plans;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPostCommandInterceptorsTxRequired(EngineInterceptors.with(
                configuration.getCustomPostCommandInterceptorsTxRequired(), new CommandInterceptor() {
                    @Override
                    public <T> T execute(Command<T> command) {
                        if (command instanceof ExecuteJobsCmd || command instanceof AcquireJobsCmd) {
                            plans.inThisTransaction();
                        }
                        return next.execute(command);
                    }
                }));
    }
}
