package com.enrollflow.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DMN tables in bpmn/, read from the file a process owner edits, evaluated without the engine. */
class DecisionTablesTests {

    private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    @ParameterizedTest(name = "after {0} failed attempts wait {1}")
    @CsvSource(nullValues = "none", value = {"1, PT4H", "2, P1D", "3, P2D", "4, none", "7, none"})
    void contactRetryWaitsLongerEachTimeThenGivesUp(int attempts, String expectedDelay) throws IOException {
        DmnDecisionResult result = evaluate("contact-retry.dmn", "contactRetry", Map.of("contactAttempts", attempts));
        assertThat((String) result.getSingleEntry()).isEqualTo(expectedDelay);
    }

    @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
    @CsvSource({
            "WITHIN_2_WEEKS, OVER_30K,        PHONE,    HIGH",
            "WITHIN_2_WEEKS, FROM_5K_TO_15K,  CAMPAIGN, HIGH",
            "WITHIN_2_WEEKS, UNDER_5K,        PHONE,    MEDIUM",
            "WITHIN_MONTH,   UNKNOWN,         REFERRAL, HIGH",
            "WITHIN_MONTH,   FROM_15K_TO_30K, PHONE,    HIGH",
            "WITHIN_MONTH,   FROM_5K_TO_15K,  PHONE,    MEDIUM",
            "WITHIN_TERM,    OVER_30K,        PHONE,    MEDIUM",
            "UNDECIDED,      FROM_15K_TO_30K, REFERRAL, MEDIUM",
            "WITHIN_TERM,    FROM_5K_TO_15K,  PHONE,    LOW",
            "UNDECIDED,      UNKNOWN,         WEB_FORM, LOW"})
    void intentLevelFollowsStartPlanBudgetAndChannel(String startPlan, String budget, String channel, String level)
            throws IOException {
        DmnDecisionResult result = evaluate("intent-level.dmn", "intentLevel",
                Map.of("startPlan", startPlan, "budget", budget, "channel", channel));
        assertThat((String) result.getSingleResult().getEntry("suggestedIntentLevel")).isEqualTo(level);
        assertThat((String) result.getSingleResult().getEntry("suggestionReason")).isNotBlank();
    }

    private static DmnDecisionResult evaluate(String file, String decisionKey, Map<String, Object> variables)
            throws IOException {
        try (InputStream in = new FileInputStream("bpmn/" + file)) {
            DmnDecision decision = DMN.parseDecision(decisionKey, in);
            return DMN.evaluateDecision(decision, Map.copyOf(variables));
        }
    }
}
