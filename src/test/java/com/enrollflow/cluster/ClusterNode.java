package com.enrollflow.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One node of the two-node test: the packaged application jar in a JVM of its own, on its own port, against the
 * shared PostgreSQL schema, with its own node name; its output goes to target/cluster-&lt;name&gt;.log.
 * {@link #kill()} is {@code kill -9} (SIGKILL): no shutdown hook, no unlock of the jobs it holds.
 */
final class ClusterNode {

    final String name;
    final int port;
    final Path log;
    private final Process process;

    private ClusterNode(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static ClusterNode start(String name, int port, Path jar, SharedSchema database) throws IOException {
        return start(name, port, jar, database, "cluster-" + name + ".log");
    }

    /** A node whose output goes to target/&lt;logFile&gt;: a node restarted under its name keeps the old log apart. */
    static ClusterNode start(String name, int port, Path jar, SharedSchema database, String logFile)
            throws IOException {
        String postgresUrl = database.databaseUrl();
        String schema = database.schema;
        Path log = Path.of("target", logFile);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                // the serial collector: G1's concurrent threads cost CPU the browser tests beside this test need, and
                // a 384 MB heap pauses briefly (decision 726)
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(),
                // demo last: its demo users and gateway secret win over the postgres profile's (unset) ones
                "--spring.profiles.active=postgres,demo",
                "--server.port=" + port,
                "--spring.datasource.url=" + postgresUrl + "?currentSchema=" + schema,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.flyway.default-schema=" + schema,
                "--spring.flyway.schemas=" + schema,
                "--camunda.bpm.database.schema-name=" + schema,
                "--camunda.bpm.database.table-prefix=" + schema + ".",
                // a small pool per node: two nodes and the test share one local PostgreSQL
                "--spring.datasource.hikari.maximum-pool-size=8",
                // the payment test reports how often two wake-ups of one payment wait collided
                "--logging.level.com.enrollflow.workflow.enrollment.CamundaSalesSignals=debug"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("ENROLLFLOW_NODE_NAME", name);
        return new ClusterNode(name, port, log, builder.start());
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** POST of a JSON body, with HTTP Basic unless user is null. */
    HttpResponse<String> post(String path, String body, String user, String password, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (user != null) {
            r.header("Authorization", basic(user, password));
        }
        headers.forEach(r::header);
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, String user, String password) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(user, password)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** How many lines of this node's log contain all of the texts. */
    long logLines(String... texts) throws IOException {
        return logLines().stream().filter(l -> Arrays.stream(texts).allMatch(l::contains)).count();
    }

    /** Waits until /actuator/health answers UP; fails early with the log's tail when the JVM died. */
    void awaitHealthy(Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(60));
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(name + " not healthy after " + limit + ":\n" + tail(60));
    }

    /** kill -9: the JVM ends at once, holding whatever it holds. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** An orderly stop (SIGTERM) for the end of the test. */
    void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    List<String> logLines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    /** The log from the first line holding {@code text} (a 500's correlation id), at most {@code lines} lines. */
    String logFrom(String text, int lines) {
        try {
            List<String> all = logLines();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).contains(text)) {
                    return String.join("\n", all.subList(i, Math.min(all.size(), i + lines)));
                }
            }
            return "(no line of " + name + "'s log holds " + text + ")";
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    String tail(int lines) {
        try {
            List<String> all = logLines();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
