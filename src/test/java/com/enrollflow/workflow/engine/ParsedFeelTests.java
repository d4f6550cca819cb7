package com.enrollflow.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileInputStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FEEL texts parsed once ({@link ParsedFeel}): every answer and every error is the engine's own FEEL engine's, the
 * second evaluation of a text included, and the process engine built with the plugin evaluates and records decisions
 * as before.
 */
class ParsedFeelTests {

    private static final ScalaFeelEngine ENGINE_OWN = new ScalaFeelEngine(List.of());

    private final ParsedFeel.CachingFeelEngine cached = new ParsedFeel.CachingFeelEngine(List.of());

    @ParameterizedTest(name = "{0} for {1} = {2}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "\"WITHIN_2_WEEKS\",\"WITHIN_MONTH\"   | WITHIN_MONTH | true",
            "\"WITHIN_2_WEEKS\",\"WITHIN_MONTH\"   | UNDECIDED    | false",
            "not(\"SH-PD\")                        | BJ-HD        | true",
            "not(\"SH-PD\")                        | SH-PD        | false",
            "\"北京海淀\"                           | 北京海淀      | true",
            "[1..5]                                | 5            | true",
            "]1..5]                                | 1            | false",
            "> 3                                   | 4            | true",
            "<= limit                              | 7            | true",
            "<= limit                              | 9            | false",
            "? > limit * 2                         | 17           | true",
            "-                                     | anything     | true",
            "null                                  | NONE         | true",
            "null                                  | 1            | false"})
    void shouldAnswerEachInputEntryAsTheEngineDoesTheFirstTimeAndAfter(String entry, String input, Boolean expected) {
        Object value = input == null ? null : input.matches("\\d+") ? (Object) Integer.valueOf(input) : input;
        VariableContext variables = Variables.createVariables().putValue("cellInput", value).putValue("limit", 8)
                .asVariableContext();

        boolean own = ENGINE_OWN.evaluateSimpleUnaryTests(entry, "cellInput", variables);
        boolean first = cached.evaluateSimpleUnaryTests(entry, "cellInput", variables);
        boolean again = cached.evaluateSimpleUnaryTests(entry, "cellInput", variables);

        assertThat(own).as("the engine's own FEEL").isEqualTo(expected);
        assertThat(first).as("first, parsed").isEqualTo(expected);
        assertThat(again).as("again, from the cache").isEqualTo(expected);
    }

    @Test
    void shouldAnswerTheSameTextWithEachEvaluationsOwnVariables() {
        String entry = "> limit";
        for (int limit = 1; limit <= 5; limit++) {
            VariableContext variables = Variables.createVariables().putValue("cellInput", 3).putValue("limit", limit)
                    .asVariableContext();
            assertThat(cached.evaluateSimpleUnaryTests(entry, "cellInput", variables)).as("3 > %s", limit)
                    .isEqualTo(3 > limit);
        }
    }

    @Test
    void shouldEvaluateExpressionsAsTheEngineDoes() {
        Map<String, Object> values = new HashMap<>();
        values.put("lessons", 40);
        values.put("price", 266);
        values.put("campus", "北京海淀");
        values.put("start", LocalDate.of(2026, 12, 1));
        values.put("nothing", null);
        VariableContext variables = Variables.fromMap(values).asVariableContext();
        List<String> expressions = List.of("lessons * price", "if lessons >= 40 then \"大包\" else \"小包\"",
                "campus + \"校区\"", "string(start + duration(\"P30D\"))", "nothing = null", "count([1, 2, 3])",
                "{a: lessons, b: [price, 1]}.b[1]");

        for (String expression : expressions) {
            Object own = ENGINE_OWN.evaluateSimpleExpression(expression, variables);
            assertThat((Object) cached.evaluateSimpleExpression(expression, variables)).as(expression).isEqualTo(own);
            assertThat((Object) cached.evaluateSimpleExpression(expression, variables)).as(expression + " again")
                    .isEqualTo(own);
        }
        assertThat((Object) cached.evaluateSimpleExpression("lessons * price", variables))
                .isEqualTo(10640L);
    }

    @Test
    void shouldReportATextThatDoesNotParseWithTheEnginesOwnMessageEachTime() {
        VariableContext variables = Variables.createVariables().putValue("cellInput", 1).asVariableContext();
        String broken = "[1..";

        String own = messageOf(() -> ENGINE_OWN.evaluateSimpleUnaryTests(broken, "cellInput", variables));
        assertThat(own).contains("failed to parse expression '[1..'");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cached.evaluateSimpleUnaryTests(broken, "cellInput", variables))
                    .isInstanceOf(FeelException.class).hasMessage(own);
        }
        String ownExpression = messageOf(() -> ENGINE_OWN.evaluateSimpleExpression("1 +", variables));
        assertThatThrownBy(() -> cached.evaluateSimpleExpression("1 +", variables))
                .isInstanceOf(FeelException.class).hasMessage(ownExpression);
    }

    @Test
    void shouldReportAFailedEvaluationWithTheEnginesOwnMessage() {
        VariableContext variables = Variables.createVariables().putValue("cellInput", 1).asVariableContext();
        String unknown = "assert(cellInput, cellInput > 5, \"至少 5 次\")";

        String own = messageOf(() -> ENGINE_OWN.evaluateSimpleExpression(unknown, variables));
        assertThat(own).contains("至少 5 次");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cached.evaluateSimpleExpression(unknown, variables))
                    .isInstanceOf(FeelException.class).hasMessage(own);
        }
    }

    /**
     * The plugin's DMN configuration is completed by the process engine as its default one is: a decision of
     * bpmn/ evaluates through the decision service, twice, and both evaluations are in the history.
     */
    @Test
    void shouldLetTheProcessEngineEvaluateAndRecordDecisions() throws Exception {
        ProcessEngineConfigurationImpl configuration = StandaloneEngine.configuration("parsed-feel", new ParsedFeel());
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        ProcessEngine engine = configuration.buildProcessEngine();
        try (FileInputStream table = new FileInputStream("bpmn/intent-level.dmn")) {
            engine.getRepositoryService().createDeployment().addInputStream("intent-level.dmn", table).deploy();

            assertThat(((DefaultDmnEngineConfiguration) configuration.getDmnEngineConfiguration()).getFeelEngine())
                    .isInstanceOf(ParsedFeel.CachingFeelEngine.class);
            for (int i = 0; i < 2; i++) {
                Map<String, Object> answer = engine.getDecisionService().evaluateDecisionByKey("intentLevel")
                        .variables(Map.of("startPlan", "WITHIN_2_WEEKS", "budget", "OVER_30K", "channel", "PHONE"))
                        .evaluate().getSingleResult().getEntryMap();
                assertThat(answer).containsEntry("suggestedIntentLevel", "HIGH");
            }
            assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().decisionDefinitionKey(
                    "intentLevel").count()).isEqualTo(2);
        } finally {
            engine.close();
        }
    }

    private static String messageOf(Runnable evaluation) {
        try {
            evaluation.run();
        } catch (FeelException e) {
            return e.getMessage();
        }
        throw new AssertionError("the engine's own FEEL did not refuse it");
    }
}
