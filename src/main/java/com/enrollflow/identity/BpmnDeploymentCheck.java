package com.enrollflow.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What a BPMN file may carry (docs/editing-processes.md, "What the guard refuses"): no script (script tasks, script
 * listeners, conditions, inputs), no Java class and no external resource, delegate expressions naming a delegate bean
 * of the project, every other expression within {@link ModelExpressions}; and a form bound with
 * {@code formRefBinding="deployment"} in the same deployment.
 */
final class BpmnDeploymentCheck {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    /** The engine reads its extensions from both namespaces (the second for models from before Camunda). */
    static final Set<String> ENGINE_NAMESPACES = Set.of("http://camunda.org/schema/1.0/bpmn", "http://activiti.org/bpmn");
    private static final Set<String> DELEGATE_ATTRIBUTES = Set.of("delegateExpression",
            "variableMappingDelegateExpression");
    private static final Set<String> CLASS_ATTRIBUTES = Set.of("class", "variableMappingClass");

    private final ModelExpressions expressions;

    BpmnDeploymentCheck(ModelExpressions expressions) {
        this.expressions = expressions;
    }

    List<DeploymentProblem> check(String resource, byte[] xml, Set<String> formIdsInDeployment) {
        List<DeploymentProblem> problems = new ArrayList<>();
        Document document = ModelDocuments.parse(xml);
        if (document == null) {
            problems.add(new DeploymentProblem(resource, null, "不是有效的 BPMN 文件（XML 无法读取）"));
            return problems;
        }
        ModelDocuments.elements(document.getDocumentElement(), BpmnDeploymentCheck::notExecuted,
                element -> checkElement(resource, element, formIdsInDeployment, problems));
        return problems;
    }

    /** Documentation, text annotations and the diagram are never evaluated. */
    private static boolean notExecuted(Element e) {
        String ns = e.getNamespaceURI() == null ? "" : e.getNamespaceURI();
        String local = ModelDocuments.local(e);
        return ns.contains("/DI") || ns.contains("/DD/") || (BPMN.equals(ns)
                && (local.equals("documentation") || local.equals("text") || local.equals("textAnnotation")));
    }

    private void checkElement(String resource, Element element, Set<String> forms, List<DeploymentProblem> problems) {
        String ns = element.getNamespaceURI() == null ? "" : element.getNamespaceURI();
        String local = ModelDocuments.local(element);
        String id = ModelDocuments.nearestId(element);
        if (BPMN.equals(ns) && local.equals("scriptTask")) {
            problems.add(new DeploymentProblem(resource, id, "不允许脚本任务（scriptTask）：脚本会在服务器上执行任意代码"));
        }
        if (ENGINE_NAMESPACES.contains(ns) && local.equals("script")) {
            problems.add(new DeploymentProblem(resource, id,
                    "不允许脚本（camunda:script，用于监听器、条件或输入输出）：脚本会在服务器上执行任意代码"));
        }
        if (ENGINE_NAMESPACES.contains(ns) && local.equals("connector")) {
            problems.add(new DeploymentProblem(resource, id, "不允许连接器（camunda:connector）：请使用系统提供的服务任务模板"));
        }
        for (Attr attribute : ModelDocuments.attributes(element)) {
            checkAttribute(resource, id, attribute, ENGINE_NAMESPACES.contains(ns), problems);
        }
        String text = ModelDocuments.ownText(element);
        expressions.check(text).ifPresent(m -> problems.add(new DeploymentProblem(resource, id, m)));
        checkFormBinding(resource, id, element, forms, problems);
    }

    /** {@code onEngineElement}: the attribute sits on a camunda: element (a listener), where it has no prefix. */
    private void checkAttribute(String resource, String id, Attr attribute, boolean onEngineElement,
            List<DeploymentProblem> problems) {
        String ns = attribute.getNamespaceURI() == null ? "" : attribute.getNamespaceURI();
        String name = ModelDocuments.local(attribute);
        String value = attribute.getValue();
        boolean engine = ENGINE_NAMESPACES.contains(ns) || (ns.isEmpty() && onEngineElement);
        Optional<String> problem = Optional.empty();
        if (engine && CLASS_ATTRIBUTES.contains(name)) {
            problem = Optional.of("不允许指定 Java 类（camunda:" + name + "=\"" + value + "\"）：请使用系统提供的服务任务模板");
        } else if (engine && name.equals("resource")) {
            problem = Optional.of("不允许引用外部资源（camunda:resource=\"" + value + "\"）");
        } else if (name.equals("scriptFormat") || (ns.isEmpty() && name.equals("language"))) {
            problem = Optional.of("不允许脚本（" + name + "=\"" + value + "\"）：条件和表达式只能写 ${…}");
        } else if (engine && DELEGATE_ATTRIBUTES.contains(name)) {
            problem = expressions.checkDelegate(value);
        } else {
            problem = expressions.check(value);
        }
        problem.ifPresent(m -> problems.add(new DeploymentProblem(resource, id, m)));
    }

    /** {@code formRefBinding="deployment"} finds the form only in the same deployment (CAMUNDA-NOTES.md). */
    private static void checkFormBinding(String resource, String id, Element element, Set<String> forms,
            List<DeploymentProblem> problems) {
        for (String ns : ENGINE_NAMESPACES) {
            String formRef = element.getAttributeNS(ns, "formRef");
            if (!formRef.isEmpty() && "deployment".equals(element.getAttributeNS(ns, "formRefBinding"))
                    && !forms.contains(formRef)) {
                problems.add(new DeploymentProblem(resource, id, "表单“" + formRef
                        + "”不在本次部署中（formRefBinding=\"deployment\" 只在同一部署中查找表单）：请连同 forms/ 中的表单一起部署"));
            }
        }
    }
}
