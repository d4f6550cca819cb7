package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The expression allow-list on its own (unit test): today's models pass, reflection and the engine do not. */
class ModelExpressionsTests {

    /** The beans of the project a model may name (a sample), and beans that lead elsewhere. */
    static final Set<String> DELEGATES = Set.of("notify", "createQuote", "closeOpportunity");
    static final Set<String> BEANS = Set.of("notify", "createQuote", "closeOpportunity", "deadlines", "repeatRouting",
            "runtimeService", "dataSource", "identityService");

    final ModelExpressions check = new ModelExpressions(new ModelExpressions.Beans() {
        @Override
        public boolean isBean(String name) {
            return BEANS.contains(name);
        }

        @Override
        public boolean isDelegate(String name) {
            return DELEGATES.contains(name);
        }
    });

    @Test
    void shouldAllowEveryExpressionTodaysModelsUseOutsideDelegates() throws IOException {
        Set<String> expressions = new TreeSet<>();
        Pattern attribute = Pattern.compile("(?<!delegateExpression)=\"([^\"]*[$#]\\{[^\"]*)\"");
        Pattern text = Pattern.compile(">([^<]*[$#]\\{[^<]*)<");
        try (var files = Files.list(Path.of("bpmn"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
                String xml = Files.readString(p, StandardCharsets.UTF_8).replace("&gt;", ">").replace("&lt;", "<")
                        .replace("&amp;", "&").replace("&quot;", "\"").replace("&apos;", "'");
                for (Pattern pattern : new Pattern[] {attribute, text}) {
                    Matcher m = pattern.matcher(xml);
                    while (m.find()) {
                        expressions.add(m.group(1));
                    }
                }
            }
        }
        assertThat(expressions).hasSizeGreaterThan(50);
        for (String e : expressions) {
            assertThat(check.check(e)).as(e).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"${dateTime().plusHours(24).toDate()}", "${deadlines.after(\"PT8H\")}",
            "${repeatRouting.users(execution)}", "${execution.getVariable('planRevision') == true}",
            "#{execution.processBusinessKey}", "${!firstInstallmentPaid && awaitingConfirmation}",
            "联系 ${contactAttempts} 次均未接通", "${intentSuggestion.suggestedIntentLevel}", "${dueCustomers.isEmpty()}",
            "${recycleLimits['firstContactLimit']}", "${now()}", "${currentUser()}"})
    void shouldAllow(String expression) {
        assertThat(check.check(expression)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)}",
            "${name.class.classLoader}", "${name['class']}", "${x[y]}", "${runtimeService.createProcessInstanceQuery()}",
            "${dataSource.connection}", "${identityService}", "${execution.processEngineServices.runtimeService}",
            "${execution.setVariable('a', 1)}", "${task.delegate('x')}", "${deadlines.toString()}",
            "${S('{}').prop('a')}", "${x.wait()}", "${execution.getVariable(name)}", "${"})
    void shouldRefuse(String expression) {
        assertThat(check.check(expression)).as(expression).isPresent();
    }

    @Test
    void shouldLetADelegateExpressionNameOnlyADelegateBean() {
        assertThat(check.checkDelegate("${notify}")).isEmpty();
        assertThat(check.checkDelegate("${dataSource}")).hasValueSatisfying(m -> assertThat(m).contains("dataSource"));
        assertThat(check.checkDelegate("${notify.toString()}")).isPresent();
        assertThat(check.checkDelegate("${''.getClass()}")).isPresent();
    }

    @Test
    void shouldAcceptOnlySimpleFeelInAProcessOwnersRules() {
        Set<String> inputs = Set.of("discountPercent");
        for (String ok : new String[] {"> 5", "<= 15", "-", "\"salesSupervisor\"", "\"A\",\"B\"", "[1..5]",
                "not(\"X\")", "null", "\"P7D\"", ">= discountPercent", "duration(\"P1D\")", "", "\"含 external 的文字\""}) {
            assertThat(DecisionChangeCheck.simpleFeel(null, null, ok, inputs)).as(ok).isEmpty();
        }
        for (String bad : new String[] {"x.y", "function(a) external {java: {class: \"java.lang.Runtime\"}}",
                "{a: 1}", "someVariable", "string length(\"a\")", "for i in [1] return i"}) {
            assertThat(DecisionChangeCheck.simpleFeel(null, null, bad, inputs)).as(bad).isPresent();
        }
        assertThat(DecisionChangeCheck.simpleFeel(null, "juel", "${a}", inputs)).isPresent();
    }
}
