package com.enrollflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultAcquireJobsCommandFactory;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

import com.enrollflow.deployment.ProcessRelease;
import com.enrollflow.deployment.Release;
import com.enrollflow.testsupport.EnrollFlowTest;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The deployment-aware job executor of a node is given the deployments of its release and older ones, at its first
 * acquisition and again after a deployment: a node of the older release is not given the newer release's.
 */
@EnrollFlowTest
class ReleaseJobsTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    Release release;
    @Autowired
    ObjectProvider<MeterRegistry> meters;

    private Set<String> deploymentsBefore;
    private Set<String> registeredBefore;

    @BeforeEach
    void remember() {
        deploymentsBefore = ids();
        registeredBefore = Set.copyOf(management().getRegisteredDeployments());
    }

    @AfterEach
    void restore() {
        Set.copyOf(management().getRegisteredDeployments()).stream().filter(id -> !registeredBefore.contains(id))
                .forEach(management()::unregisterDeploymentForJobExecutor);
        ids().stream().filter(id -> !deploymentsBefore.contains(id))
                .forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
    }

    private ManagementService management() {
        return engine.getManagementService();
    }

    private Set<String> ids() {
        Set<String> ids = new HashSet<>();
        engine.getRepositoryService().createDeploymentQuery().list().forEach(d -> ids.add(d.getId()));
        return ids;
    }

    /** A job executor of a node of the given release, its acquisition hook as the application wires it. */
    private NodeJobExecutor nodeOf(Release nodeRelease) {
        NodeJobExecutor executor = new NodeJobExecutor("test-node", meters);
        executor.setAcquireJobsCmdFactory(new DefaultAcquireJobsCommandFactory(executor));
        new ReleaseJobs(engine, nodeRelease, executor, Duration.ZERO);
        return executor;
    }

    @Test
    void shouldGiveEachNodeTheDeploymentsOfItsReleaseAndOlderOnes() {
        NodeJobExecutor old = nodeOf(release);
        old.getAcquireJobsCmd(3);
        Set<String> oldRuns = Set.copyOf(management().getRegisteredDeployments());
        assertThat(oldRuns).containsAll(deploymentsBefore);

        Map<String, byte[]> files = new TreeMap<>(ProcessRelease.releaseFiles());
        files.put("lead-registration.bpmn", (new String(files.get("lead-registration.bpmn"), StandardCharsets.UTF_8)
                + "<!-- 0.2.0 -->").getBytes(StandardCharsets.UTF_8));
        Deployment next = new ProcessRelease(Release.of("0.2.0")).deploy(engine.getRepositoryService(), files)
                .orElseThrow();
        // the engine registers a deployment with the job executor of the node that made it; here another node did
        management().unregisterDeploymentForJobExecutor(next.getId());

        old.getAcquireJobsCmd(3);
        assertThat(management().getRegisteredDeployments()).as("the old node after the upgrade deployed")
                .doesNotContain(next.getId());

        nodeOf(Release.of("0.2.0")).getAcquireJobsCmd(3);
        assertThat(management().getRegisteredDeployments()).as("the upgraded node").contains(next.getId())
                .containsAll(oldRuns);
    }
}
