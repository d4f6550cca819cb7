package com.enrollflow.cluster;

import java.util.Optional;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultJobConfiguration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.metrics.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The job executor of this node: the starter's, configured from {@code camunda.bpm.job-execution} exactly as the
 * starter does, with two additions the starter has no property for — the node's name as lock owner (ACT_RU_JOB.LOCK_OWNER_
 * then says which node holds a job) and one log line and one counter per executed job ({@link NodeJobExecutor}).
 * The starter steps back when a {@link JobExecutor} bean exists.
 */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

    @Bean
    static JobExecutor jobExecutor(
            @Qualifier(DefaultJobConfiguration.JobConfiguration.CAMUNDA_TASK_EXECUTOR_QUALIFIER)
            ObjectProvider<TaskExecutor> threads,
            CamundaBpmProperties camunda, @Value("${" + NodeName.PROPERTY + "}") String node,
            ObjectProvider<MeterRegistry> meters) {
        NodeJobExecutor executor = new NodeJobExecutor(node, meters);
        // no thread pool while camunda.bpm.job-execution.enabled=false (the tests): the executor is then never
        // started, and a test that runs a job through it runs it on its own thread
        executor.setTaskExecutor(threads.getIfAvailable(SyncTaskExecutor::new));
        executor.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
        JobExecutionProperty p = camunda.getJobExecution();
        Optional.ofNullable(p.getLockTimeInMillis()).ifPresent(executor::setLockTimeInMillis);
        Optional.ofNullable(p.getMaxJobsPerAcquisition()).ifPresent(executor::setMaxJobsPerAcquisition);
        Optional.ofNullable(p.getWaitTimeInMillis()).ifPresent(executor::setWaitTimeInMillis);
        Optional.ofNullable(p.getMaxWait()).ifPresent(executor::setMaxWait);
        Optional.ofNullable(p.getBackoffTimeInMillis()).ifPresent(executor::setBackoffTimeInMillis);
        Optional.ofNullable(p.getMaxBackoff()).ifPresent(executor::setMaxBackoff);
        Optional.ofNullable(p.getBackoffDecreaseThreshold()).ifPresent(executor::setBackoffDecreaseThreshold);
        Optional.ofNullable(p.getWaitIncreaseFactor()).ifPresent(executor::setWaitIncreaseFactor);
        executor.setLockOwner(node);
        return executor;
    }

    /**
     * The engine uses this executor also while {@code camunda.bpm.job-execution.enabled=false} (the starter then
     * leaves the engine's default one, with a random lock owner): a job run by hand is logged under the node too.
     * The engine's own host name (reporter of its metrics in ACT_RU_METER_LOG, HOSTNAME_ of a historic job log at
     * history level full) becomes the node's name as well.
     */
    @Bean
    static ProcessEnginePlugin nodeJobExecutorPlugin(JobExecutor jobExecutor,
            @Value("${" + NodeName.PROPERTY + "}") String node) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                configuration.setJobExecutor(jobExecutor);
                configuration.setHostname(node);
            }
        };
    }

    /** The engine's ids, unique across nodes whatever their network cards ({@link NodeIds}); the starter takes it. */
    @Bean
    static IdGenerator idGenerator() {
        return new NodeIds();
    }

    /** Every metric of this node carries {@code node="<name>"}: a dashboard tells the nodes apart. */
    @Bean
    MeterRegistryCustomizer<MeterRegistry> nodeTag(@Value("${" + NodeName.PROPERTY + "}") String node) {
        return registry -> registry.config().commonTags("node", node);
    }
}
