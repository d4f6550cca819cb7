package com.enrollflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.EnrollFlowTest;

/**
 * The engine keeps its copies of personal data (process variables, task and decision history) no longer than our
 * own tables keep the data: every process and decision of bpmn/ has a history time to live within the shortest
 * retention period, and Camunda's history cleanup is scheduled every night.
 */
@EnrollFlowTest
class HistoryPolicyTests {

    private static final Pattern DEFINITION = Pattern.compile("<(?:bpmn:process|decision) id=\"([^\"]+)\"");

    @Autowired
    ProcessEngine engine;
    @Value("${enrollflow.privacy.closed-lead-retention}")
    Period closedLeadRetention;

    @Test
    void shouldKeepNoProcessOrDecisionHistoryLongerThanTheShortestRetentionPeriod() throws IOException {
        int maxDays = closedLeadRetention.getYears() * 365 + closedLeadRetention.getMonths() * 30
                + closedLeadRetention.getDays();
        List<String> processes = ids(".bpmn");
        List<String> decisions = ids(".dmn");
        assertThat(processes).contains("enrollment", "privacyRetention");
        assertThat(decisions).contains("contactRetry");
        var repository = engine.getRepositoryService();
        for (String key : processes) {
            var definition = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                    .singleResult();
            assertThat(definition.getHistoryTimeToLive()).as("historyTimeToLive of %s", key).isNotNull()
                    .isBetween(1, maxDays);
        }
        for (String key : decisions) {
            var definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion()
                    .singleResult();
            assertThat(definition.getHistoryTimeToLive()).as("historyTimeToLive of %s", key).isNotNull()
                    .isBetween(1, maxDays);
        }
    }

    @Test
    void shouldScheduleTheEnginesHistoryCleanupAtNightBeijingTime() {
        var jobs = engine.getHistoryService().findHistoryCleanupJobs();
        assertThat(jobs).as("history cleanup runs only with a batch window").isNotEmpty();
        assertThat(jobs).allSatisfy(job -> assertThat(job.getDuedate().toInstant().atZone(BusinessTime.ZONE)
                .toLocalTime()).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0)));
    }

    private static List<String> ids(String extension) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
            return files.filter(p -> p.toString().endsWith(extension)).flatMap(p -> {
                try {
                    Matcher m = DEFINITION.matcher(Files.readString(p));
                    return m.find() ? Stream.of(m.group(1)) : Stream.empty();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).sorted().toList();
        }
    }
}
