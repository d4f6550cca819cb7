package com.enrollflow.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What a DMN file may carry, for every deployment: FEEL (the engine's default) or JUEL within {@link ModelExpressions},
 * no script language, no FEEL function definitions (which could name Java functions).
 */
final class DmnDeploymentCheck {

    static final Set<String> FEEL = Set.of("feel", "feel-scala", "http://www.omg.org/spec/feel/20140401",
            "https://www.omg.org/spec/dmn/20191111/feel/", "http://www.omg.org/spec/dmn/20180521/feel/");
    private static final Pattern FEEL_FUNCTION = Pattern.compile("\\b(function|external)\\b");

    private final ModelExpressions expressions;

    DmnDeploymentCheck(ModelExpressions expressions) {
        this.expressions = expressions;
    }

    List<DeploymentProblem> check(String resource, byte[] xml) {
        List<DeploymentProblem> problems = new ArrayList<>();
        Document document = ModelDocuments.parse(xml);
        if (document == null) {
            problems.add(new DeploymentProblem(resource, null, "不是有效的 DMN 文件（XML 无法读取）"));
            return problems;
        }
        ModelDocuments.elements(document.getDocumentElement(), DmnDeploymentCheck::notEvaluated, element -> {
            String id = ModelDocuments.nearestId(element);
            for (Attr a : ModelDocuments.attributes(element)) {
                if (ModelDocuments.local(a).equals("expressionLanguage") && !isFeel(a.getValue())
                        && !"juel".equalsIgnoreCase(a.getValue())) {
                    problems.add(new DeploymentProblem(resource, id, "不允许表达式语言“" + a.getValue()
                            + "”：决策表只能使用 FEEL（脚本会在服务器上执行任意代码）"));
                }
            }
            if (ModelDocuments.local(element).equals("text")) {
                String text = ModelDocuments.ownText(element);
                if ("juel".equalsIgnoreCase(language(element))) {
                    expressions.check(text).ifPresent(m -> problems.add(new DeploymentProblem(resource, id, m)));
                } else if (FEEL_FUNCTION.matcher(withoutStrings(text)).find()) {
                    problems.add(new DeploymentProblem(resource, id, "不允许在 FEEL 中定义函数（function / external）：" + text));
                }
            }
        });
        return problems;
    }

    static boolean isFeel(String language) {
        return language == null || language.isBlank() || FEEL.contains(language.strip().toLowerCase(Locale.ROOT));
    }

    /** The expression language in force for an element: its own or its nearest ancestor's; FEEL by default. */
    static String language(Element element) {
        for (org.w3c.dom.Node n = element; n instanceof Element e; n = n.getParentNode()) {
            String language = e.getAttribute("expressionLanguage");
            if (!language.isEmpty()) {
                return language;
            }
        }
        return "feel";
    }

    /** A FEEL string literal: "…", with its escapes. */
    static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");

    static String withoutStrings(String feel) {
        return STRING.matcher(feel).replaceAll("\"\"");
    }

    private static boolean notEvaluated(Element e) {
        String local = ModelDocuments.local(e);
        return local.equals("DMNDI") || local.equals("description");
    }
}
