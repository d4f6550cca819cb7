package com.enrollflow.identity;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;

/**
 * The process owner's rule (流程负责人规则): besides the checks every deployment passes, a process owner may deploy only
 * decision tables (.dmn) of decisions that are already deployed, with the same inputs, outputs and hit policy, and rule
 * entries in simple FEEL: literals, comparisons, ranges, lists, {@code not(…)}, {@code -}, and the table's own input
 * names. So a threshold, a duration, a team or an approval level can change the same day; what the table reads and
 * returns — which the processes and the Java code rely on — changes only with a release.
 */
final class DecisionChangeCheck {

    /** Simple FEEL: strings, numbers, operators, brackets, names; anything else (paths, contexts, ':') is refused. */
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(\"(?:\\\\.|[^\"\\\\])*\"|\\d+(?:\\.\\d+)?|\\.\\.|<=|>=|!=|[<>=\\[\\](),+\\-*/]|[A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> KEYWORDS = Set.of("not", "null", "true", "false", "and", "or", "date", "time",
            "duration");
    private static final Set<String> FUNCTIONS = Set.of("not", "date", "time", "duration");

    private final Function<String, Optional<byte[]>> currentDecisionXml;

    /** @param currentDecisionXml the XML of the latest deployed version of a decision key, if any */
    DecisionChangeCheck(Function<String, Optional<byte[]>> currentDecisionXml) {
        this.currentDecisionXml = currentDecisionXml;
    }

    List<DeploymentProblem> check(String resource, byte[] xml) {
        List<DeploymentProblem> problems = new ArrayList<>();
        DmnModelInstance model;
        try {
            model = Dmn.readModelFromStream(new ByteArrayInputStream(xml));
        } catch (RuntimeException e) {
            problems.add(new DeploymentProblem(resource, null, "不是有效的 DMN 文件"));
            return problems;
        }
        for (Decision decision : model.getModelElementsByType(Decision.class)) {
            checkDecision(resource, decision, problems);
        }
        return problems;
    }

    private void checkDecision(String resource, Decision decision, List<DeploymentProblem> problems) {
        String key = decision.getId();
        Optional<byte[]> current = currentDecisionXml.apply(key);
        if (current.isEmpty()) {
            problems.add(new DeploymentProblem(resource, key, "不是已上线的决策（决策 id 必须与现有决策表一致，新决策表随版本发布）"));
            return;
        }
        if (!(decision.getExpression() instanceof DecisionTable table)) {
            problems.add(new DeploymentProblem(resource, key, "只能修改决策表（decision table）的规则"));
            return;
        }
        DmnModelInstance currentModel = Dmn.readModelFromStream(new ByteArrayInputStream(current.get()));
        Decision before = currentModel.getModelElementById(key);
        if (before == null || !(before.getExpression() instanceof DecisionTable was)) {
            problems.add(new DeploymentProblem(resource, key, "线上版本不是决策表，不能由流程负责人修改"));
            return;
        }
        if (!Objects.equals(table.getHitPolicy(), was.getHitPolicy())
                || !Objects.equals(table.getAggregation(), was.getAggregation())) {
            problems.add(new DeploymentProblem(resource, key, "命中策略（hit policy）必须保持 " + was.getHitPolicy()
                    + (was.getAggregation() == null ? "" : " " + was.getAggregation()) + "：流程按它读取结果"));
        }
        if (!inputs(table).equals(inputs(was))) {
            problems.add(new DeploymentProblem(resource, key, "输入列必须与线上版本相同（" + String.join("；", inputs(was))
                    + "）：新增或修改输入需要随版本发布"));
        }
        if (!outputs(table).equals(outputs(was))) {
            problems.add(new DeploymentProblem(resource, key, "输出列必须与线上版本相同（" + String.join("；", outputs(was))
                    + "）：流程按输出名读取结果"));
        }
        if (!Objects.equals(decision.getCamundaHistoryTimeToLiveString(),
                before.getCamundaHistoryTimeToLiveString())) {
            problems.add(new DeploymentProblem(resource, key, "历史保留天数（History Time To Live）必须保持 "
                    + before.getCamundaHistoryTimeToLiveString() + "：它由隐私保留规则决定，随版本发布修改"));
        }
        Set<String> names = table.getInputs().stream().map(i -> i.getInputExpression().getText())
                .map(t -> t == null ? "" : t.getTextContent().strip()).collect(Collectors.toSet());
        List<Output> outputs = new ArrayList<>(table.getOutputs());
        for (Rule rule : table.getRules()) {
            List<InputEntry> inputEntries = new ArrayList<>(rule.getInputEntries());
            List<OutputEntry> outputEntries = new ArrayList<>(rule.getOutputEntries());
            if (inputEntries.size() != table.getInputs().size() || outputEntries.size() != outputs.size()) {
                problems.add(new DeploymentProblem(resource, rule.getId(), "规则的条件数（" + inputEntries.size()
                        + "）或结果数（" + outputEntries.size() + "）与输入列（" + table.getInputs().size() + "）、输出列（"
                        + outputs.size() + "）不一致：每条规则每一列都要有一格（不限条件填 -）"));
                continue;
            }
            for (InputEntry entry : inputEntries) {
                Optional<String> problem = simpleFeel(entry, entry.getExpressionLanguage(), text(entry), names)
                        .or(() -> blank(text(entry)) ? Optional.empty()
                                : FeelSyntax.unaryTestsProblem(text(entry).strip())
                                        .map(why -> "条件无法解析：" + text(entry).strip() + "（" + why + "）"));
                problem.ifPresent(m -> problems.add(new DeploymentProblem(resource, rule.getId(), m)));
            }
            for (int i = 0; i < outputEntries.size(); i++) {
                OutputEntry entry = outputEntries.get(i);
                Output output = outputs.get(i);
                Optional<String> problem = simpleFeel(entry, entry.getExpressionLanguage(), text(entry), names)
                        .or(() -> blank(text(entry)) ? Optional.empty()
                                : FeelSyntax.expressionProblem(text(entry).strip())
                                        .map(why -> "结果无法解析：" + text(entry).strip() + "（" + why + "）"))
                        .or(() -> ofItsOutput(output, text(entry).strip()));
                problem.ifPresent(m -> problems.add(new DeploymentProblem(resource, rule.getId(), m)));
            }
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static final Set<String> NUMBERS = Set.of("integer", "long", "double", "number");
    private static final Set<String> WHOLE_NUMBERS = Set.of("integer", "long");

    /**
     * Empty when an output entry is of its column's kind: a number where the column is a number (a whole one for
     * integer), and one of the column's allowed values where it lists them (审批角色: the approver roles).
     */
    static Optional<String> ofItsOutput(Output output, String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String column = output.getLabel() == null || output.getLabel().isBlank() ? output.getName() : output.getLabel();
        String type = output.getTypeRef() == null ? "" : output.getTypeRef().toLowerCase(java.util.Locale.ROOT);
        if (NUMBERS.contains(type) && text.startsWith("\"")) {
            return Optional.of("输出列“" + column + "”是数值，不能填文字：" + text);
        }
        if (WHOLE_NUMBERS.contains(type) && text.matches("-?\\d+\\.\\d*[1-9]\\d*")) {
            return Optional.of("输出列“" + column + "”须为整数：" + text);
        }
        if (output.getOutputValues() != null && output.getOutputValues().getText() != null) {
            List<String> allowed = new ArrayList<>();
            Matcher m = DmnDeploymentCheck.STRING.matcher(output.getOutputValues().getText().getTextContent());
            while (m.find()) {
                allowed.add(m.group());
            }
            if (!allowed.isEmpty() && !allowed.contains(text)) {
                return Optional.of("输出列“" + column + "”只能取 " + String.join("、", allowed).replace("\"", "")
                        + "，不能取 " + text.replace("\"", ""));
            }
        }
        return Optional.empty();
    }

    private static String text(UnaryTests entry) {
        return entry.getText() == null ? "" : entry.getText().getTextContent();
    }

    private static String text(LiteralExpression entry) {
        return entry.getText() == null ? "" : entry.getText().getTextContent();
    }

    private static List<String> inputs(DecisionTable table) {
        List<String> list = new ArrayList<>();
        for (Input input : table.getInputs()) {
            var e = input.getInputExpression();
            list.add((e.getText() == null ? "" : e.getText().getTextContent().strip()) + ":" + e.getTypeRef() + ":"
                    + Objects.toString(e.getExpressionLanguage(), "") + ":" + Objects.toString(input.getCamundaInputVariable(), ""));
        }
        return list;
    }

    private static List<String> outputs(DecisionTable table) {
        List<String> list = new ArrayList<>();
        for (Output output : table.getOutputs()) {
            // the values an output may take (审批角色) are the process's to change, not the table's
            list.add(output.getName() + ":" + output.getTypeRef() + (output.getOutputValues() == null
                    || output.getOutputValues().getText() == null ? ""
                    : ":" + output.getOutputValues().getText().getTextContent().strip()));
        }
        return list;
    }

    /** Empty if the entry is simple FEEL, else why not. */
    static Optional<String> simpleFeel(Object entry, String language, String text, Set<String> inputNames) {
        if (language != null && !DmnDeploymentCheck.isFeel(language)) {
            return Optional.of("规则只能用 FEEL 书写（不允许 " + language + "）");
        }
        String s = text == null ? "" : text.strip();
        Matcher m = TOKEN.matcher(s);
        int at = 0;
        String previous = null;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                return Optional.of("规则中只能写数值、文字（\"…\"）、比较（< <= > >= =）、区间 [a..b]、列表、not(…) 或 -："
                        + s);
            }
            String token = m.group(1);
            if (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_') {
                if (!KEYWORDS.contains(token) && !inputNames.contains(token)) {
                    return Optional.of("规则中不能使用“" + token + "”：" + s);
                }
            }
            if ("(".equals(token) && previous != null && Character.isLetter(previous.charAt(0))
                    && !FUNCTIONS.contains(previous)) {
                return Optional.of("规则中不能调用“" + previous + "(…)”：" + s);
            }
            previous = token;
            at = m.end();
        }
        return Optional.empty();
    }
}
