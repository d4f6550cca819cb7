package com.enrollflow.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deploys the release's decision tables ({@code bpmn/*.dmn}) when the engine is built, before anything evaluates
 * them: as the deployment {@value #NAME}, one file per resource named by its bare file name, with the engine's
 * duplicate filter in "changed only" mode. A table the release ships unchanged is therefore not deployed again, and a
 * version a process owner put live since (a deployment of another name) stays the latest; a table the release did
 * change is deployed and wins — it comes with the code that reads it — and the start logs which live change it
 * replaced, so the owner can bring it back (docs/editing-processes.md).
 *
 * <p>The processes and forms stay in the starter's own auto-deployment ({@code camunda.bpm.deployment-resource-pattern}
 * in application.yaml, without .dmn): all or nothing, so a BPMN always finds its forms in its own deployment.
 */
@Component
public class DecisionRelease extends AbstractProcessEnginePlugin {

    public static final String NAME = "enrollflow-decisions";
    /** The starter's deployment, which carried the tables before this one did: also a release, not a live change. */
    static final Set<String> RELEASES = Set.of(NAME, ProcessRelease.NAME, ProcessRelease.LEGACY);
    private static final String PATTERN = "classpath*:bpmn/**/*.dmn";
    private static final Pattern DECISION_ID = Pattern.compile("<(?:\\w+:)?decision\\s[^>]*?\\bid=\"([^\"]+)\"");
    private static final Logger log = LoggerFactory.getLogger(DecisionRelease.class);

    private final Release release;

    public DecisionRelease(Release release) {
        this.release = release;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        deploy(engine.getRepositoryService(), releaseFiles());
    }

    /** The tables of this release: bare file name → content, in name order. */
    public static Map<String, byte[]> releaseFiles() {
        return Release.files(PATTERN);
    }

    /**
     * Deploys what changed since the last release and returns the live changes it replaced (decision key → a line
     * for the log); empty when the release leaves every live change in force.
     */
    public Map<String, String> deploy(RepositoryService repository, Map<String, byte[]> files) {
        if (files.isEmpty() || release.outdatedBy(repository).isPresent()) {
            // an old node restarted during a rolling upgrade: the newer release's tables stay (ProcessRelease logs it)
            return Map.of();
        }
        Map<String, String> replaced = new LinkedHashMap<>();
        // the engine's duplicate filter compares only deployments of the same source, i.e. of the same release
        // version: the comparison with the last release of each file is therefore made here
        DeploymentBuilder deployment = repository.createDeployment().name(NAME).source(release.source());
        files.forEach((name, bytes) -> {
            if (!Arrays.equals(bytes, lastReleased(repository, name).orElse(null))) {
                for (String key : decisionIds(bytes)) {
                    liveChange(repository, key).ifPresent(line -> replaced.put(key, line));
                }
                deployment.addInputStream(name, new java.io.ByteArrayInputStream(bytes));
            }
        });
        if (deployment.getResourceNames().isEmpty()) {
            return Map.of();
        }
        Deployment made = deployment.deploy();
        replaced.forEach((key, line) -> log.warn("release {} replaces the live change of decision {}: {}; if the "
                + "change is still wanted, bring it into bpmn/ or put it live again", made.getId(), key, line));
        return replaced;
    }

    /** The content of the file as the release last deployed it. */
    private static Optional<byte[]> lastReleased(RepositoryService repository, String name) {
        for (Deployment d : repository.createDeploymentQuery().deploymentName(NAME).orderByDeploymentTime().desc()
                .list()) {
            if (repository.getDeploymentResourceNames(d.getId()).contains(name)) {
                try (InputStream in = repository.getResourceAsStream(d.getId(), name)) {
                    return Optional.of(in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Optional.empty();
    }

    /** The latest version of a decision, when it came from anywhere but a release (a process owner's or an admin's). */
    private static Optional<String> liveChange(RepositoryService repository, String key) {
        DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                .withoutTenantId().latestVersion().singleResult();
        if (latest == null) {
            return Optional.empty();
        }
        Deployment from = repository.createDeploymentQuery().deploymentId(latest.getDeploymentId()).singleResult();
        if (from == null || RELEASES.contains(from.getName())) {
            return Optional.empty();
        }
        return Optional.of("version " + latest.getVersion() + " from deployment '" + from.getName() + "' ("
                + from.getSource() + ", " + from.getDeploymentTime().toInstant() + ")");
    }

    static List<String> decisionIds(byte[] dmn) {
        List<String> ids = new ArrayList<>();
        Matcher m = DECISION_ID.matcher(new String(dmn, java.nio.charset.StandardCharsets.UTF_8));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
