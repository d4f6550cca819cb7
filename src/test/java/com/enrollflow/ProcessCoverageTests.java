package com.enrollflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Suite-wide BPMN coverage: process-test-coverage writes one report per test class; this unions the reports written
 * in this run and requires every process in bpmn/ to reach 90 % of its flow nodes and sequence flows. The tests run
 * in two JVMs, so it has a surefire execution of its own after both passes ({@code coverage}), which gives the
 * build's start as {@code enrollflow.coverageSince}; run alone (an IDE), it counts what its own JVM wrote, as the
 * last class to run ({@link ClassOrderer.OrderAnnotation}).
 */
@Tag("coverage")
@Order(Integer.MAX_VALUE)
class ProcessCoverageTests {

    static final double MINIMUM = 0.90;
    private static final Pattern PROCESS_ID = Pattern.compile("<bpmn:process id=\"([^\"]+)\"");

    @Test
    void everyProcessIsCoveredByItsTests() throws IOException {
        String since = System.getProperty("enrollflow.coverageSince");
        long runStart = since == null || since.isBlank() ? ManagementFactory.getRuntimeMXBean().getStartTime()
                : Instant.parse(since).toEpochMilli();
        Map<String, Integer> totals = new TreeMap<>();
        Map<String, Set<String>> covered = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        List<Path> reports;
        try (Stream<Path> files = Files.walk(Path.of("target/process-test-coverage"))) {
            reports = files.filter(p -> p.getFileName().toString().equals("report.json"))
                    .filter(p -> p.toFile().lastModified() >= runStart)
                    // runs an old enrollment version on purpose: its model would stand in for the current one
                    .filter(p -> !p.toString().contains("LegacyDistributionTests")).toList();
        }
        for (Path report : reports) {
            JsonNode root = json.readTree(report.toFile());
            root.get("models").forEach(m -> totals.put(m.get("key").asText(), m.get("totalElementCount").asInt()));
            root.get("suites").forEach(s -> s.get("runs").forEach(r -> r.get("events").forEach(e -> {
                if (!e.get("type").asText().equals("START")) {
                    covered.computeIfAbsent(e.get("modelKey").asText(), k -> new HashSet<>())
                            .add(e.get("definitionKey").asText());
                }
            })));
        }
        StringBuilder table = new StringBuilder("\nBPMN coverage (flow nodes + sequence flows), all test classes:\n");
        for (String process : processesInBpmnFolder()) {
            int total = totals.getOrDefault(process, 0);
            int hit = covered.getOrDefault(process, Set.of()).size();
            double ratio = total == 0 ? 0 : (double) hit / total;
            table.append(String.format("  %-20s %3d / %3d  %5.1f %%%n", process, hit, total, ratio * 100));
        }
        System.out.println(table);
        for (String process : processesInBpmnFolder()) {
            int total = totals.getOrDefault(process, 0);
            assertThat(total).as("process %s has no coverage report: no test ran it", process).isPositive();
            assertThat((double) covered.getOrDefault(process, Set.of()).size() / total)
                    .as("coverage of %s%s", process, table).isGreaterThanOrEqualTo(MINIMUM);
        }
    }

    private static List<String> processesInBpmnFolder() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
            return files.filter(p -> p.toString().endsWith(".bpmn")).flatMap(p -> {
                try {
                    Matcher m = PROCESS_ID.matcher(Files.readString(p));
                    return m.find() ? Stream.of(m.group(1)) : Stream.empty();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).sorted().toList();
        }
    }
}
