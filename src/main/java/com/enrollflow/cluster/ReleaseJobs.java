package com.enrollflow.cluster;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.repository.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.enrollflow.deployment.Release;

/**
 * Rolling upgrades (滚动升级): the job executor is deployment-aware ({@code camunda.bpm.job-execution.deployment-aware})
 * and takes only jobs of the deployments registered with it (and jobs of no deployment, such as history cleanup).
 * This registers the deployments of this node's release and of older ones ({@link Release#runnable}), at the
 * first acquisition and again whenever a deployment was added since — a process owner's new version from Camunda
 * Modeler, another node's release —, looked at no more often than every {@code enrollflow.cluster.release-scan}.
 * So an old node never runs a job of a newer release's process version, while every node runs the jobs of the
 * versions before its own (instances keep their version until migrated).
 */
@Component
class ReleaseJobs {

    private static final Logger log = LoggerFactory.getLogger(ReleaseJobs.class);

    private final ProcessEngine engine;
    private final Release release;
    private final long scanMillis;
    private long nextScan;
    private long seenCount = -1;
    private Date seenNewest;

    ReleaseJobs(ProcessEngine engine, Release release, JobExecutor jobExecutor,
            @Value("${enrollflow.cluster.release-scan:2s}") Duration scan) {
        this.engine = engine;
        this.release = release;
        this.scanMillis = scan.toMillis();
        if (jobExecutor instanceof NodeJobExecutor node) {
            node.beforeAcquisition(this::registerNewDeployments);
        }
    }

    /** Registers the runnable deployments not registered yet; cheap (two small queries) when nothing was deployed. */
    synchronized void registerNewDeployments() {
        long now = System.currentTimeMillis();
        if (now < nextScan) {
            return;
        }
        nextScan = now + scanMillis;
        try {
            RepositoryService repository = engine.getRepositoryService();
            long count = repository.createDeploymentQuery().count();
            Date newest = repository.createDeploymentQuery().orderByDeploymentTime().desc().listPage(0, 1).stream()
                    .findFirst().map(Deployment::getDeploymentTime).orElse(null);
            if (count == seenCount && Objects.equals(newest, seenNewest)) {
                return;
            }
            List<Deployment> all = repository.createDeploymentQuery().list();
            ManagementService management = engine.getManagementService();
            Set<String> registered = management.getRegisteredDeployments();
            Set<String> runnable = release.runnable(all);
            runnable.stream().filter(id -> !registered.contains(id)).forEach(management::registerDeploymentForJobExecutor);
            if (runnable.size() < all.size()) {
                log.info("release {} runs the jobs of {} of {} deployments; the others belong to a newer release",
                        release.version(), runnable.size(), all.size());
            }
            seenCount = count;
            seenNewest = newest;
        } catch (RuntimeException e) {
            // the acquisition goes on with what is registered; the next scan tries again
            log.warn("cannot look up the deployments for the job executor: {}", e.toString());
        }
    }
}
