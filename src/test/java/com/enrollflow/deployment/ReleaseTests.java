package com.enrollflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.ModelerDeploy;

/**
 * Releases in a rolling upgrade (滚动升级): the release deploys its processes and forms once, under its version; a node
 * of an older release, restarted after a newer one went live, deploys nothing; and each node's job executor may run
 * the deployments of its release and older ones only, a process owner's change counting as the release it was made
 * on. The two-node test (cluster.TwoNodeClusterTests) upgrades a node of the packaged jar.
 */
@EnrollFlowTest
class ReleaseTests {

    static final String BPMN = "lead-registration.bpmn";

    @Autowired
    ProcessEngine engine;
    @Autowired
    Release release;
    @Autowired
    ProcessRelease processRelease;
    @Autowired
    TestRestTemplate http;

    private Set<String> deploymentsBefore;

    @BeforeEach
    void rememberTheDeployments() {
        deploymentsBefore = ids();
    }

    /** Deleting the newer release's deployments puts this release's models back on top for the other tests. */
    @AfterEach
    void deleteTheDeploymentsOfThisTest() {
        ids().stream().filter(id -> !deploymentsBefore.contains(id))
                .forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
    }

    private Set<String> ids() {
        Set<String> ids = new HashSet<>();
        engine.getRepositoryService().createDeploymentQuery().list().forEach(d -> ids.add(d.getId()));
        return ids;
    }

    private RepositoryService repository() {
        return engine.getRepositoryService();
    }

    /** The next release: the same models but one, which it changed. */
    private static Map<String, byte[]> nextReleaseFiles() {
        Map<String, byte[]> files = new TreeMap<>(ProcessRelease.releaseFiles());
        String changed = new String(files.get(BPMN), StandardCharsets.UTF_8) + "\n<!-- next release -->\n";
        files.put(BPMN, changed.getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private ProcessDefinition latest(String key) {
        return repository().createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId()
                .latestVersion().singleResult();
    }

    @Test
    void shouldDeployTheProcessesOnceUnderTheReleaseVersionOfTheBuild() {
        assertThat(release.version()).as("the build's version (build-info)").isEqualTo("0.1.0-SNAPSHOT");
        Deployment live = repository().createDeploymentQuery().deploymentId(latest("leadRegistration")
                .getDeploymentId()).singleResult();
        assertThat(live.getName()).isEqualTo(ProcessRelease.NAME);
        assertThat(live.getSource()).isEqualTo("EnrollFlow 0.1.0-SNAPSHOT");
        assertThat(repository().getDeploymentResourceNames(live.getId())).contains(BPMN, "enrollment.bpmn")
                .anyMatch(name -> name.endsWith(".form")).noneMatch(name -> name.endsWith(".dmn"));

        // a restart of the same release finds everything deployed
        assertThat(processRelease.deploy(repository(), ProcessRelease.releaseFiles())).isEmpty();
        assertThat(ids()).isEqualTo(deploymentsBefore);
    }

    @Test
    void shouldLeaveTheNewerReleaseLiveWhenANodeOfTheOlderOneRestarts() {
        int before = latest("leadRegistration").getVersion();
        Release next = Release.of("0.2.0");
        Optional<Deployment> upgraded = new ProcessRelease(next).deploy(repository(), nextReleaseFiles());
        assertThat(upgraded).isPresent();
        assertThat(upgraded.get().getSource()).isEqualTo("EnrollFlow 0.2.0");
        assertThat(latest("leadRegistration").getVersion()).isEqualTo(before + 1);
        Set<String> afterUpgrade = ids();

        // a node of this (older) release restarts: it deploys neither its processes nor its decision tables
        assertThat(release.outdatedBy(repository())).contains("0.2.0");
        assertThat(processRelease.deploy(repository(), ProcessRelease.releaseFiles())).isEmpty();
        Map<String, byte[]> olderTables = new TreeMap<>(DecisionRelease.releaseFiles());
        olderTables.replaceAll((name, bytes) -> (new String(bytes, StandardCharsets.UTF_8) + "<!-- older -->")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(new DecisionRelease(release).deploy(repository(), olderTables)).isEmpty();
        assertThat(ids()).isEqualTo(afterUpgrade);
        assertThat(latest("leadRegistration").getDeploymentId()).isEqualTo(upgraded.get().getId());

        // the newer release restarted, or its next node: nothing new either
        assertThat(new ProcessRelease(next).deploy(repository(), nextReleaseFiles())).isEmpty();
        assertThat(ids()).isEqualTo(afterUpgrade);
    }

    @Test
    void shouldLetEachNodeRunTheJobsOfItsReleaseAndOlderOnesOnly() {
        Set<String> ownAndOlder = release.runnable(repository().createDeploymentQuery().list());
        assertThat(ownAndOlder).containsAll(deploymentsBefore);

        Deployment upgraded = new ProcessRelease(Release.of("0.2.0")).deploy(repository(), nextReleaseFiles())
                .orElseThrow();
        // a process owner's change made while 0.2.0 is live belongs to 0.2.0
        String table = new String(DecisionRelease.releaseFiles().get(DecisionChangeTests.FILE), StandardCharsets.UTF_8);
        ResponseEntity<String> ownerChange = ModelerDeploy.deploy(http, "linyi", "demo", "优惠审批层级-调整",
                Map.of(DecisionChangeTests.FILE, table.replace("<text>&gt; 5</text>", "<text>&gt; 3</text>")
                        .replace("<text>&lt;= 5</text>", "<text>&lt;= 3</text>")));
        assertThat(ownerChange.getStatusCode()).as(ownerChange.getBody()).isEqualTo(HttpStatus.OK);
        Set<String> afterwards = ids();
        afterwards.removeAll(deploymentsBefore);
        assertThat(afterwards).hasSize(2).contains(upgraded.getId());

        Set<String> forThisRelease = release.runnable(repository().createDeploymentQuery().list());
        Set<String> forTheNext = Release.of("0.2.0").runnable(repository().createDeploymentQuery().list());
        Set<String> forALaterOne = Release.of("0.10.0").runnable(repository().createDeploymentQuery().list());

        assertThat(forThisRelease).containsExactlyInAnyOrderElementsOf(ownAndOlder).doesNotContainAnyElementsOf(afterwards);
        assertThat(forTheNext).containsAll(ownAndOlder).containsAll(afterwards);
        assertThat(forALaterOne).as("0.10.0 is newer than 0.2.0 (Maven's order, not the text's)")
                .containsAll(forTheNext);
    }
}
