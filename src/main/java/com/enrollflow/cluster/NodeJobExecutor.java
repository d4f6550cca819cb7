package com.enrollflow.cluster;

import java.util.List;

import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobsRunnable;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The starter's job executor, plus a record of every job this node ran: at history level {@code audit} the engine
 * keeps no job log, so each job ends with one line of logger {@code com.enrollflow.cluster.jobs}
 * ({@code job <id> <type> <process>/<activity> instance <id> done|failed on <node> in <ms> ms}) and one count of
 * {@code enrollflow.jobs.executed} (tags outcome, and the node as every metric). Written after the job's transaction
 * committed or rolled back, so "done" means done.
 */
class NodeJobExecutor extends SpringJobExecutor {

    static final String LOG_NAME = "com.enrollflow.cluster.jobs";
    private static final Logger jobLog = LoggerFactory.getLogger(LOG_NAME);

    private final String node;
    private final ObjectProvider<MeterRegistry> meters;

    private volatile Runnable beforeAcquisition = () -> { };

    NodeJobExecutor(String node, ObjectProvider<MeterRegistry> meters) {
        this.node = node;
        this.meters = meters;
    }

    /** Runs on the acquisition thread before each acquisition, outside its transaction ({@link ReleaseJobs}). */
    void beforeAcquisition(Runnable hook) {
        this.beforeAcquisition = hook;
    }

    @Override
    public Command<AcquiredJobs> getAcquireJobsCmd(int numJobs) {
        beforeAcquisition.run();
        return super.getAcquireJobsCmd(numJobs);
    }

    @Override
    public Runnable getExecuteJobsRunnable(List<String> jobIds, ProcessEngineImpl processEngine) {
        return new LoggedJobsRunnable(jobIds, processEngine);
    }

    /** The engine's runnable for a batch of acquired jobs; each job, once finished, is recorded. */
    class LoggedJobsRunnable extends ExecuteJobsRunnable {

        LoggedJobsRunnable(List<String> jobIds, ProcessEngineImpl processEngine) {
            super(jobIds, processEngine);
        }

        @Override
        protected void executeJob(String jobId, CommandExecutor commands, JobFailureCollector collector) {
            long start = System.nanoTime();
            boolean done = false;
            try {
                super.executeJob(jobId, commands, collector);
                done = collector.getFailure() == null;
            } finally {
                record(jobId, collector, done, (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    private void record(String jobId, JobFailureCollector collector, boolean done, long millis) {
        JobEntity job = collector.getJob();
        if (job == null) {
            // acquired here, but gone before it ran: another node or a user finished or deleted it
            jobLog.debug("job {} gone before it ran on {}", jobId, node);
            count("gone");
            return;
        }
        String outcome = done ? "done" : "failed";
        jobLog.info("job {} {} {}/{} instance {} {} on {} in {} ms", jobId, job.getJobHandlerType(),
                job.getProcessDefinitionKey(), job.getActivityId(), job.getProcessInstanceId(), outcome, node, millis);
        count(outcome);
    }

    private void count(String outcome) {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            Counter.builder("enrollflow.jobs.executed").description("jobs the job executor of this node ran")
                    .tag("outcome", outcome).register(registry).increment();
        }
    }
}
