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
import org.camunda.bpm.engine.impl.util.ClockUtil;
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

    /**
     * Cleanup runs: an ended instance's history is removed once its time to live has passed (180 days for 每日出勤登记),
     * and not before. The clock is moved, as the nights pass.
     */
    @Test
    void shouldRemoveAnEndedInstancesHistoryOnceItsTimeToLiveHasPassed() {
        var runtime = engine.getRuntimeService();
        var history = engine.getHistoryService();
        var management = engine.getManagementService();
        String id = runtime.createProcessInstanceByKey("dailyAttendance")
                .startBeforeActivity("CallActivity_MarkTodayLessons#multiInstanceBody")
                .setVariable("teacherDays", new java.util.ArrayList<>()).execute().getId();
        var ended = history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
        assertThat(ended.getEndTime()).isNotNull();
        assertThat(ended.getRemovalTime()).as("removal time = end + 180 days").isNotNull();
        try {
            ClockUtil.setCurrentTime(new java.util.Date(ended.getRemovalTime().getTime() - 60_000));
            management.executeJob(history.cleanUpHistoryAsync(true).getId());
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(id).count())
                    .as("a minute before its time, it stays").isEqualTo(1);
            ClockUtil.setCurrentTime(new java.util.Date(ended.getRemovalTime().getTime() + 60_000));
            management.executeJob(history.cleanUpHistoryAsync(true).getId());
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(id).count())
                    .as("a minute after, the nightly cleanup removes it").isZero();
        } finally {
            ClockUtil.reset();
        }
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
