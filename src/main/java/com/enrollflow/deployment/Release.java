package com.enrollflow.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.maven.artifact.versioning.ComparableVersion;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * This node's release (发布版本) and its place among the releases that deployed to the shared database: the version of
 * the build ({@code META-INF/build-info.properties}, Maven's project version), written as the source of every
 * deployment the release makes ({@value #SOURCE_PREFIX}1.4.0) and ordered as Maven orders versions.
 *
 * <p>In a rolling upgrade, nodes of two releases share one database for a while. Two rules keep them apart:
 * <ul>
 * <li>a node whose release is older than the newest one deployed deploys nothing ({@link #outdatedBy}): restarting an
 * old node must not put its old models back on top;</li>
 * <li>a node's job executor runs only jobs of deployments that belong to its release or an older one
 * ({@link #runnable}); a deployment that is no release's (a process owner's from Camunda Modeler) belongs to the
 * release that was newest when it was made.</li>
 * </ul>
 */
@Component
public class Release {

    public static final String SOURCE_PREFIX = "EnrollFlow ";
    /** A build without build-info (an IDE run): older than every real release. */
    static final String UNKNOWN = "0";

    private final String version;

    @Autowired
    public Release(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null || properties.getVersion() == null ? UNKNOWN : properties.getVersion();
    }

    private Release(String version) {
        this.version = version;
    }

    /** A release of the given version: another node's, in tests and tools. */
    public static Release of(String version) {
        return new Release(version);
    }

    public String version() {
        return version;
    }

    /** What a deployment of this release carries as its source (shown in Cockpit → 部署). */
    public String source() {
        return SOURCE_PREFIX + version;
    }

    /** The files of this release on the classpath matching the patterns: bare file name → content, in name order. */
    static Map<String, byte[]> files(String... patterns) {
        Map<String, byte[]> files = new TreeMap<>();
        try {
            for (String pattern : patterns) {
                for (Resource r : new PathMatchingResourcePatternResolver().getResources(pattern)) {
                    if (r.isReadable() && r.getFilename() != null) {
                        try (InputStream in = r.getInputStream()) {
                            files.put(r.getFilename(), in.readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the release's files " + String.join(", ", patterns), e);
        }
        return files;
    }

    /** The release a deployment was made by, when a release made it. */
    static Optional<String> versionOf(Deployment deployment) {
        String source = deployment.getSource();
        return isRelease(deployment) && source != null && source.startsWith(SOURCE_PREFIX)
                ? Optional.of(source.substring(SOURCE_PREFIX.length()))
                : Optional.empty();
    }

    static boolean isRelease(Deployment deployment) {
        return ProcessRelease.NAME.equals(deployment.getName()) || DecisionRelease.NAME.equals(deployment.getName());
    }

    static int compare(String a, String b) {
        return new ComparableVersion(a).compareTo(new ComparableVersion(b));
    }

    /** The newest release already deployed when it is newer than this one: this node then must not deploy. */
    public Optional<String> outdatedBy(RepositoryService repository) {
        return repository.createDeploymentQuery().list().stream()
                .flatMap(d -> versionOf(d).stream())
                .max(Release::compare)
                .filter(newest -> compare(newest, version) > 0);
    }

    /**
     * The deployments whose jobs this node may run: in deployment order, each belongs to the release that made it,
     * or else to the newest release deployed before it (a deployment before any versioned release belongs to none
     * and is everybody's); those of this release or an older one.
     */
    public Set<String> runnable(List<Deployment> deployments) {
        Set<String> ids = new LinkedHashSet<>();
        String newest = null;
        for (Deployment d : deployments.stream().sorted(Comparator.comparing(Deployment::getDeploymentTime)
                .thenComparing(Deployment::getId)).toList()) {
            Optional<String> made = versionOf(d);
            if (made.isPresent() && (newest == null || compare(made.get(), newest) > 0)) {
                newest = made.get();
            }
            String belongsTo = made.orElse(newest);
            if (belongsTo == null || compare(belongsTo, version) <= 0) {
                ids.add(d.getId());
            }
        }
        return ids;
    }
}
