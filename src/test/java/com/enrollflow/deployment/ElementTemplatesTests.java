package com.enrollflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Camunda Modeler's element templates (bpmn/.camunda/element-templates) against the models and the application: every
 * service task, business rule task and execution listener of bpmn/ has a template that writes what the model has, and
 * every template names a bean or decision that exists. (Their validity against the JSON schema:
 * src/lint/element-templates.sh in `mvn verify`.)
 */
@EnrollFlowTest
class ElementTemplatesTests {

    record Template(String id, String name, Set<String> appliesTo, Map<String, String> properties,
            Map<String, Set<String>> inputs, Map<String, String> listeners) {
    }

    static final Map<String, Template> TEMPLATES = new TreeMap<>();
    static final List<BpmnModelInstance> MODELS = new ArrayList<>();

    @Autowired
    ApplicationContext context;
    @Autowired
    ProcessEngine engine;

    @BeforeAll
    static void read() throws IOException {
        try (var files = Files.list(Path.of("bpmn/.camunda/element-templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                for (JsonNode t : new ObjectMapper().readTree(file.toFile())) {
                    Map<String, String> properties = new HashMap<>();
                    Map<String, Set<String>> inputs = new HashMap<>();
                    Map<String, String> listeners = new HashMap<>();
                    Set<String> appliesTo = new HashSet<>();
                    t.path("appliesTo").forEach(a -> appliesTo.add(a.asText()));
                    for (JsonNode p : t.path("properties")) {
                        JsonNode b = p.path("binding");
                        switch (b.path("type").asText()) {
                            case "property", "camunda:property" -> properties.put(b.path("name").asText(),
                                    p.path("value").asText());
                            case "camunda:inputParameter" -> {
                                Set<String> values = new TreeSet<>();
                                p.path("choices").forEach(c -> values.add(c.path("value").asText()));
                                if (values.isEmpty()) {
                                    values.add("*"); // a free text: any value the model has
                                }
                                inputs.put(b.path("name").asText(), values);
                            }
                            case "camunda:executionListener" -> listeners.put(p.path("value").asText(),
                                    b.path("event").asText());
                            default -> {
                            }
                        }
                    }
                    TEMPLATES.put(t.path("id").asText(), new Template(t.path("id").asText(), t.path("name").asText(),
                            appliesTo, properties, inputs, listeners));
                }
            }
        }
        for (File f : new File("bpmn").listFiles((dir, name) -> name.endsWith(".bpmn"))) {
            MODELS.add(Bpmn.readModelFromFile(f));
        }
    }

    static String bean(String expression) {
        return expression == null ? null : expression.replaceAll("^\\$\\{(.*)}$", "$1");
    }

    private static List<Template> delegateTemplates(String bean) {
        return TEMPLATES.values().stream().filter(t -> t.appliesTo().contains("bpmn:ServiceTask"))
                .filter(t -> bean.equals(bean(t.properties().get("camunda:delegateExpression")))).toList();
    }

    @Test
    void shouldOfferATemplateThatWritesWhatEachServiceTaskOfTheModelsHas() {
        int tasks = 0;
        for (BpmnModelInstance model : MODELS) {
            for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
                tasks++;
                String bean = bean(task.getCamundaDelegateExpression());
                assertThat(bean).as("%s uses a delegate expression (templates fix it)", task.getId()).isNotNull();
                assertThat(delegateTemplates(bean)).as("template for %s (${%s})", task.getId(), bean).hasSize(1);
                Template t = delegateTemplates(bean).get(0);
                boolean multiInstance = task.getLoopCharacteristics() != null;
                if (!multiInstance) {
                    assertThat("true".equals(t.properties().get("camunda:asyncBefore")))
                            .as("%s: template async like the model", task.getId()).isEqualTo(task.isCamundaAsyncBefore());
                    assertThat(t.properties().get("retryTimeCycle")).as("%s: template retry like the model", task.getId())
                            .isEqualTo(retry(task));
                }
                for (CamundaInputParameter input : task.getModelInstance()
                        .getModelElementsByType(CamundaInputParameter.class).stream()
                        .filter(i -> i.getParentElement().getParentElement().getParentElement() == task).toList()) {
                    Set<String> offered = t.inputs().get(input.getCamundaName());
                    assertThat(offered).as("%s: template %s offers input %s", task.getId(), t.name(),
                            input.getCamundaName()).isNotNull();
                    if (!offered.contains("*")) {
                        assertThat(offered).as("%s: %s", task.getId(), input.getCamundaName())
                                .contains(input.getTextContent().strip());
                    }
                }
            }
        }
        assertThat(tasks).isGreaterThan(40);
    }

    private static String retry(BaseElement task) {
        if (task.getExtensionElements() == null) {
            return null;
        }
        var cycle = task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
                .list();
        return cycle.isEmpty() ? null : cycle.get(0).getTextContent().strip();
    }

    @Test
    void shouldOfferATemplateForEveryDecisionTheModelsCall() {
        for (BpmnModelInstance model : MODELS) {
            for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
                List<Template> templates = TEMPLATES.values().stream()
                        .filter(t -> task.getCamundaDecisionRef().equals(t.properties().get("camunda:decisionRef")))
                        .toList();
                assertThat(templates).as("template for %s (%s)", task.getId(), task.getCamundaDecisionRef()).hasSize(1);
                Template t = templates.get(0);
                assertThat(t.appliesTo()).contains("bpmn:BusinessRuleTask");
                assertThat(t.properties().get("camunda:mapDecisionResult")).isEqualTo(task.getCamundaMapDecisionResult());
                assertThat(t.properties().get("camunda:resultVariable")).isEqualTo(task.getCamundaResultVariable());
            }
        }
    }

    @Test
    void shouldOfferATemplateForEveryExecutionListenerAndBindTaskListenersToTheirForms() {
        for (BpmnModelInstance model : MODELS) {
            for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
                String bean = bean(listener.getCamundaDelegateExpression());
                assertThat(TEMPLATES.values()).as("template with the listener ${%s}", bean)
                        .anyMatch(t -> listener.getCamundaEvent().equals(t.listeners().get("${" + bean + "}")));
            }
            // Camunda 7 templates cannot add task listeners (no camunda:taskListener binding): they are the server
            // side of a form (input checks, option lists) and travel with their user task and form
            for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
                UserTask task = (UserTask) listener.getParentElement().getParentElement();
                assertThat(task.getCamundaFormRef()).as("%s's listener ${%s} belongs to a form", task.getId(),
                        bean(listener.getCamundaDelegateExpression())).isNotNull();
            }
        }
    }

    @Test
    void shouldNameOnlyBeansAndDecisionsThatExist() {
        for (Template t : TEMPLATES.values()) {
            String delegate = bean(t.properties().get("camunda:delegateExpression"));
            if (delegate != null) {
                assertThat(context.containsBean(delegate)).as("%s: bean %s", t.id(), delegate).isTrue();
                assertThat(context.isTypeMatch(delegate, JavaDelegate.class)).as("%s: %s is a JavaDelegate", t.id(),
                        delegate).isTrue();
            }
            t.listeners().keySet().forEach(l -> assertThat(context.isTypeMatch(bean(l), ExecutionListener.class))
                    .as("%s: %s is an execution listener", t.id(), l).isTrue());
            String decision = t.properties().get("camunda:decisionRef");
            if (decision != null) {
                assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey(decision)
                        .latestVersion().count()).as("%s: decision %s deployed", t.id(), decision).isOne();
            }
            String called = t.properties().get("calledElement");
            if (called != null) {
                assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(called)
                        .latestVersion().count()).as("%s: process %s deployed", t.id(), called).isOne();
            }
        }
        assertThat(TEMPLATES).hasSizeGreaterThan(50);
    }

    /** What a template for an asynchronous task writes (asyncBefore + retryTimeCycle) gives the job that retry cycle. */
    @Test
    void shouldRetryATaskMadeFromATemplateByTheTemplatesCycle() {
        // as Modeler writes a service task made from the template 核对缴费状态 (retry changed to tell it apart)
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_TemplateRetry" targetNamespace="t">
                  <bpmn:process id="templateRetry" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:startEvent id="StartEvent_Test"/>
                    <bpmn:sequenceFlow id="SequenceFlow_1" sourceRef="StartEvent_Test" targetRef="ServiceTask_FromTemplate"/>
                    <bpmn:serviceTask id="ServiceTask_FromTemplate" name="核对缴费状态" camunda:modelerTemplate="com.enrollflow.checkPaid"
                        camunda:asyncBefore="true" camunda:delegateExpression="${loadOpportunity}">
                      <bpmn:extensionElements>
                        <camunda:properties><camunda:property name="retryTimeCycle" value="R3/PT10M"/></camunda:properties>
                      </bpmn:extensionElements>
                    </bpmn:serviceTask>
                    <bpmn:sequenceFlow id="SequenceFlow_2" sourceRef="ServiceTask_FromTemplate" targetRef="EndEvent_Test"/>
                    <bpmn:endEvent id="EndEvent_Test"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;
        var deployment = engine.getRepositoryService().createDeployment().name("template retry (test)")
                .addString("template-retry.bpmn", xml).deploy();
        try {
            var pi = engine.getRuntimeService().startProcessInstanceByKey("templateRetry");
            Job job = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).singleResult();
            try {
                engine.getManagementService().executeJob(job.getId()); // no opportunityId: the delegate fails
            } catch (RuntimeException expected) {
                // the job failed, as intended
            }
            Job failed = engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult();
            assertThat(failed.getRetries()).isEqualTo(2);
            assertThat(failed.getDuedate()).isAfter(new java.util.Date(System.currentTimeMillis() + 9 * 60_000));
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
        }
    }
}
