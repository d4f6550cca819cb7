package com.enrollflow.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deploys the release's processes and forms ({@code bpmn/*.bpmn}, {@code forms/*.form}) when the engine is built: as
 * one deployment {@value #NAME} (a BPMN finds its forms in its own deployment), its source naming the release
 * ({@link Release#source()}), each file under its bare name. All files are deployed again when any of them differs
 * from the last release's deployment (new versions of every process, as the starter's auto-deployment did); nothing
 * is deployed when none does, or when a newer release is already live — an old node restarted during a rolling
 * upgrade leaves the new models in force, and says so in its log.
 *
 * <p>Under the start-up lock on PostgreSQL (cluster.StartupLock), so nodes started together deploy once.
 */
@Component
public class ProcessRelease extends AbstractProcessEnginePlugin {

    public static final String NAME = "enrollflow-processes";
    /** The starter's auto-deployment, which deployed the processes before releases were versioned. */
    static final String LEGACY = "SpringAutoDeployment";
    private static final String[] PATTERNS = {"classpath*:bpmn/**/*.bpmn", "classpath*:forms/**/*.form"};
    private static final Logger log = LoggerFactory.getLogger(ProcessRelease.class);

    private final Release release;

    public ProcessRelease(Release release) {
        this.release = release;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        deploy(engine.getRepositoryService(), releaseFiles());
    }

    /** The processes and forms of this release: bare file name → content, in name order. */
    public static Map<String, byte[]> releaseFiles() {
        return Release.files(PATTERNS);
    }

    /** Deploys the files unless the last release deployed the same, or a newer release is live; the deployment made. */
    public Optional<Deployment> deploy(RepositoryService repository, Map<String, byte[]> files) {
        Optional<String> newer = release.outdatedBy(repository);
        if (newer.isPresent()) {
            log.warn("release {} is older than release {}, which is live: this node deploys no process and runs no "
                    + "job of the newer release; upgrade it", release.version(), newer.get());
            return Optional.empty();
        }
        if (files.isEmpty() || sameAs(files, lastReleased(repository))) {
            return Optional.empty();
        }
        DeploymentBuilder builder = repository.createDeployment().name(NAME).source(release.source());
        files.forEach((name, bytes) -> builder.addInputStream(name, new ByteArrayInputStream(bytes)));
        Deployment deployment = builder.deploy();
        log.info("release {} deployed its processes and forms as deployment {}", release.version(),
                deployment.getId());
        return Optional.of(deployment);
    }

    /** The files of the newest release deployment of the processes (or of the starter's, before): bare name → content. */
    private static Map<String, byte[]> lastReleased(RepositoryService repository) {
        Map<String, byte[]> files = new TreeMap<>();
        for (String name : new String[] {NAME, LEGACY}) {
            Deployment last = repository.createDeploymentQuery().deploymentName(name).orderByDeploymentTime().desc()
                    .listPage(0, 1).stream().findFirst().orElse(null);
            if (last == null) {
                continue;
            }
            for (String resource : repository.getDeploymentResourceNames(last.getId())) {
                try (InputStream in = repository.getResourceAsStream(last.getId(), resource)) {
                    files.put(resource.substring(resource.lastIndexOf('/') + 1), in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return files;
        }
        return files;
    }

    private static boolean sameAs(Map<String, byte[]> files, Map<String, byte[]> deployed) {
        return files.keySet().equals(deployed.keySet())
                && files.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), deployed.get(e.getKey())));
    }
}
