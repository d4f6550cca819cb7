package com.enrollflow.identity;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstParameters;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * The allow-list of expressions (表达式白名单) a deployed model may carry, derived from what {@code bpmn/} uses today
 * (docs/editing-processes.md). An expression is parsed by the engine's own JUEL parser and every node is checked:
 *
 * <ul>
 * <li>process variables, literals, comparison, logical and arithmetic operators, {@code empty}, {@code ?:};</li>
 * <li>a variable's properties ({@code intentSuggestion.suggestedIntentLevel}), never {@code class} or the like;</li>
 * <li>side-effect-free methods on values ({@code dueCustomers.isEmpty()}, {@code dateTime().plusHours(24).toDate()});</li>
 * <li>the engine's functions {@code dateTime()}, {@code now()}, {@code currentUser()}, {@code currentUserGroups()};</li>
 * <li>the project's helper beans and their methods: {@code deadlines.after(…)}, {@code repeatRouting.users(execution)},
 * {@code repeatRouting.groups(execution)};</li>
 * <li>{@code execution} only bare (as an argument of those helpers), {@code execution.getVariable('name')} and
 * {@code execution.processBusinessKey}.</li>
 * </ul>
 *
 * Everything else is refused: any other bean (a bean's properties lead to the engine's services and the data source),
 * reflection ({@code getClass}, {@code forName}), dynamic property names ({@code x[name]}), functions of other plugins.
 * A delegate expression must name one bean that implements a delegate, listener or activity behaviour, nothing more.
 */
final class ModelExpressions {

    /** What the check needs to know about the Spring context. */
    interface Beans {
        boolean isBean(String name);

        /** A bean a delegate expression may name: a JavaDelegate, listener, activity behaviour or variable mapping. */
        boolean isDelegate(String name);
    }

    static final Map<String, Set<String>> HELPER_METHODS = Map.of(
            "deadlines", Set.of("after"),
            "repeatRouting", Set.of("users", "groups"));

    static final Set<String> FUNCTIONS = Set.of("dateTime", "now", "currentUser", "currentUserGroups");

    /** Names the engine resolves to its own objects before any variable. */
    static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "caseExecution", "variableScope");

    /** Methods without side effects, allowed on values (variables, function results). */
    static final Set<String> VALUE_METHODS = Set.of("isEmpty", "size", "contains", "containsKey", "length",
            "startsWith", "endsWith", "equals", "toDate", "isBefore", "isAfter",
            "plusYears", "plusMonths", "plusWeeks", "plusDays", "plusHours", "plusMinutes", "plusSeconds",
            "minusYears", "minusMonths", "minusWeeks", "minusDays", "minusHours", "minusMinutes", "minusSeconds");

    /** Properties that open reflection or the engine, whatever object they are read from. */
    static final Set<String> FORBIDDEN_PROPERTIES = Set.of("class", "classLoader", "declaringClass", "module",
            "protectionDomain", "runtime", "processEngine", "processEngineServices", "processEngineConfiguration",
            "applicationContext", "beanFactory", "environment");

    static final Set<String> EXECUTION_PROPERTIES = Set.of("processBusinessKey", "processInstanceId", "businessKey");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DELEGATE = Pattern.compile("\\s*[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}\\s*");

    private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

    private final Beans beans;

    ModelExpressions(Beans beans) {
        this.beans = beans;
    }

    static boolean containsExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    /** A delegate expression: one bean of the project that implements a delegate or a listener. Empty = allowed. */
    Optional<String> checkDelegate(String expression) {
        var m = DELEGATE.matcher(expression == null ? "" : expression);
        if (!m.matches()) {
            return Optional.of("委托表达式只能是 ${组件名}，不能调用方法或读取属性：" + expression);
        }
        String bean = m.group(1);
        return beans.isDelegate(bean) ? Optional.empty()
                : Optional.of("委托表达式引用的“" + bean + "”不是系统提供的服务任务或监听器组件");
    }

    /** Any other expression (conditions, due dates, candidates, timers, input and output values …). */
    Optional<String> check(String text) {
        if (!containsExpression(text)) {
            return Optional.empty();
        }
        try {
            return walk(PARSER.build(text).getRoot(), false);
        } catch (TreeBuilderException e) {
            return Optional.of("表达式无法解析：" + text);
        } catch (Refusal r) {
            return Optional.of(r.getMessage());
        }
    }

    private static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    /** Returns a refusal or empty; {@code asArgument}: the node is a parameter of an allowed helper method. */
    private Optional<String> walk(Node node, boolean asArgument) {
        if (node instanceof AstMethod method) {
            checkMethod(method);
            return Optional.empty();
        }
        if (node instanceof AstProperty property) {
            checkProperty(property, false);
            return Optional.empty();
        }
        if (node instanceof AstIdentifier identifier) {
            checkIdentifier(identifier.getName(), asArgument);
            return Optional.empty();
        }
        if (node instanceof AstFunction function) {
            String name = function.getName();
            String local = name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
            if (name.contains(":") || !FUNCTIONS.contains(local)) {
                throw new Refusal("不允许调用函数 " + name + "()，可用：" + String.join("、", FUNCTIONS));
            }
        }
        for (int i = 0; i < node.getCardinality(); i++) {
            walk(node.getChild(i), false);
        }
        return Optional.empty();
    }

    private void checkIdentifier(String name, boolean asArgument) {
        if (ENGINE_OBJECTS.contains(name)) {
            if (!(asArgument && "execution".equals(name))) {
                throw new Refusal("表达式不能直接使用引擎对象 " + name + "（只允许 execution.getVariable('变量名')）");
            }
            return;
        }
        if (beans.isBean(name)) {
            throw new Refusal("表达式不能引用系统组件 " + name + "（只允许 " + HELPER_METHODS.keySet().stream().sorted()
                    .map(b -> b + "." + String.join("/", HELPER_METHODS.get(b)) + "(…)").reduce((a, b) -> a + "、" + b)
                    .orElse("") + "）");
        }
    }

    /** {@code base.name} read as a value (not called). */
    private void checkProperty(AstProperty property, boolean called) {
        String name = propertyName(property);
        Node base = property.getChild(0);
        if (base instanceof AstIdentifier id && ENGINE_OBJECTS.contains(id.getName())) {
            if (!"execution".equals(id.getName()) || !EXECUTION_PROPERTIES.contains(name)) {
                throw new Refusal("不允许读取 " + id.getName() + "." + name + "（只允许 execution.processBusinessKey 和 "
                        + "execution.getVariable('变量名')）");
            }
            return;
        }
        if (base instanceof AstIdentifier id && beans.isBean(id.getName())) {
            throw new Refusal("不允许读取系统组件的属性：" + id.getName() + "." + name);
        }
        walk(base, false); // the innermost problem is the one to name (''.getClass() before .forName)
        checkPropertyName(name);
    }

    private void checkMethod(AstMethod method) {
        if (!(method.getChild(0) instanceof AstDot dot)) {
            throw new Refusal("不允许以动态名称调用方法：" + method);
        }
        String name = propertyName(dot);
        Node base = dot.getChild(0);
        AstParameters params = (AstParameters) method.getChild(1);
        if (base instanceof AstIdentifier id && ENGINE_OBJECTS.contains(id.getName())) {
            boolean getVariable = "execution".equals(id.getName()) && "getVariable".equals(name)
                    && params.getCardinality() == 1 && params.getChild(0) instanceof AstString;
            boolean businessKey = "execution".equals(id.getName()) && "getProcessBusinessKey".equals(name)
                    && params.getCardinality() == 0;
            if (!getVariable && !businessKey) {
                throw new Refusal("不允许调用 " + id.getName() + "." + name + "(…)（只允许 execution.getVariable('变量名')）");
            }
            return;
        }
        if (base instanceof AstIdentifier id && beans.isBean(id.getName())) {
            Set<String> allowed = HELPER_METHODS.get(id.getName());
            if (allowed == null || !allowed.contains(name)) {
                throw new Refusal("不允许调用系统组件的方法：" + id.getName() + "." + name + "(…)");
            }
            for (int i = 0; i < params.getCardinality(); i++) {
                walk(params.getChild(i), true);
            }
            return;
        }
        walk(base, false); // the innermost problem is the one to name (''.getClass() before .forName)
        if (!VALUE_METHODS.contains(name)) {
            throw new Refusal("不允许调用方法 " + name + "(…)；可用：" + String.join("、", VALUE_METHODS.stream().sorted()
                    .toList()));
        }
        for (int i = 0; i < params.getCardinality(); i++) {
            walk(params.getChild(i), false);
        }
    }

    private static void checkPropertyName(String name) {
        if (!NAME.matcher(name).matches() || FORBIDDEN_PROPERTIES.contains(name)) {
            throw new Refusal("不允许读取属性 " + name);
        }
    }

    /** The name of {@code a.name} or {@code a['name']}; a computed name is refused. */
    private static String propertyName(AstProperty property) {
        if (property instanceof AstDot dot) {
            String s = dot.toString(); // ". name"
            return s.startsWith(". ") ? s.substring(2) : s;
        }
        if (property instanceof AstBracket) {
            Node key = property.getChild(1);
            if (key instanceof AstString string) {
                String s = string.toString();
                return s.length() >= 2 ? s.substring(1, s.length() - 1) : s;
            }
            if (key instanceof AstNumber) {
                return "item"; // a list index: harmless, and passes the name checks below
            }
        }
        throw new Refusal("不允许以动态名称读取属性：" + property);
    }
}
