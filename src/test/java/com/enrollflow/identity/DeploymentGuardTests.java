package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.ModelerDeploy;

/**
 * The deployment guard (部署检查) as process owners and admins meet it in Camunda Modeler's deploy: a model that would
 * run code on the server is refused for both, naming the file and the element in Chinese, and nothing of it is
 * deployed; the application's own models pass.
 */
@EnrollFlowTest
class DeploymentGuardTests {

    static final String RUNTIME_EXEC = "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime')"
            + ".invoke(null).exec('touch /tmp/enrollflow-owned')}";

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;

    /** start → the given element (id X_Evil) → end, a valid process otherwise. */
    static String process(String key, String element) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Evil" targetNamespace="http://evil">
                  <bpmn:process id="%s" name="恶意流程" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:startEvent id="StartEvent_Evil" name="开始"/>
                    <bpmn:sequenceFlow id="SequenceFlow_In" sourceRef="StartEvent_Evil" targetRef="X_Evil"/>
                    %s
                    <bpmn:sequenceFlow id="SequenceFlow_Out" sourceRef="X_Evil" targetRef="EndEvent_Evil"/>
                    <bpmn:endEvent id="EndEvent_Evil" name="结束"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, element);
    }

    static Stream<Arguments> maliciousModels() {
        return Stream.of(
                Arguments.of("脚本任务", Map.of("evil.bpmn", process("evilScript",
                        "<bpmn:scriptTask id=\"X_Evil\" name=\"执行脚本\" scriptFormat=\"javascript\">"
                                + "<bpmn:script>java.lang.Runtime.getRuntime().exec('id')</bpmn:script></bpmn:scriptTask>")),
                        "X_Evil", "脚本任务"),
                Arguments.of("Runtime.exec 表达式", Map.of("evil.bpmn", process("evilExpression",
                        "<bpmn:serviceTask id=\"X_Evil\" name=\"计算\" camunda:expression=\"" + RUNTIME_EXEC + "\"/>")),
                        "X_Evil", "getClass"),
                Arguments.of("条件中的 Runtime.exec", Map.of("evil.bpmn", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="http://evil">
                          <bpmn:process id="evilCondition" isExecutable="true" camunda:historyTimeToLive="1">
                            <bpmn:startEvent id="StartEvent_Evil"/>
                            <bpmn:sequenceFlow id="SequenceFlow_Evil" sourceRef="StartEvent_Evil" targetRef="EndEvent_Evil">
                              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">%s</bpmn:conditionExpression>
                            </bpmn:sequenceFlow>
                            <bpmn:endEvent id="EndEvent_Evil"/>
                          </bpmn:process>
                        </bpmn:definitions>
                        """.formatted(RUNTIME_EXEC)), "SequenceFlow_Evil", "getClass"),
                Arguments.of("Java 类", Map.of("evil.bpmn", process("evilClass",
                        "<bpmn:serviceTask id=\"X_Evil\" name=\"调用类\" camunda:class=\"com.evil.Payload\"/>")),
                        "X_Evil", "Java 类"),
                Arguments.of("引擎服务的属性链", Map.of("evil.bpmn", process("evilServices",
                        "<bpmn:serviceTask id=\"X_Evil\" name=\"读服务\" camunda:expression="
                                + "\"${execution.processEngineServices.runtimeService.createProcessInstanceQuery().list()}\"/>")),
                        "X_Evil", "execution"),
                Arguments.of("Spring 组件的属性链", Map.of("evil.bpmn", process("evilBean",
                        "<bpmn:userTask id=\"X_Evil\" name=\"任务\" camunda:assignee=\"${identityService.currentAuthentication.userId}\"/>")),
                        "X_Evil", "identityService"),
                Arguments.of("不是委托组件的委托表达式", Map.of("evil.bpmn", process("evilDelegate",
                        "<bpmn:serviceTask id=\"X_Evil\" name=\"读数据源\" camunda:delegateExpression=\"${dataSource}\"/>")),
                        "X_Evil", "dataSource"),
                Arguments.of("脚本监听器与外部脚本", Map.of("evil.bpmn", process("evilListener",
                        "<bpmn:task id=\"X_Evil\" name=\"任务\"><bpmn:extensionElements><camunda:executionListener "
                                + "event=\"start\"><camunda:script scriptFormat=\"groovy\" "
                                + "resource=\"classpath://evil.groovy\"/></camunda:executionListener>"
                                + "</bpmn:extensionElements></bpmn:task>")),
                        "X_Evil", "camunda:script"),
                Arguments.of("决策表中的脚本", Map.of("evil.dmn", decision("discountApprovalLevels",
                        "<inputEntry id=\"UnaryTests_Evil\" expressionLanguage=\"javascript\">"
                                + "<text>java.lang.Runtime.getRuntime().exec('id')</text></inputEntry>", "\"salesSupervisor\"")),
                        "UnaryTests_Evil", "javascript"),
                Arguments.of("决策表中的 JUEL 表达式", Map.of("evil.dmn", decision("discountApprovalLevels",
                        "<inputEntry id=\"UnaryTests_Evil\"><text>-</text></inputEntry>",
                        "\"salesSupervisor\"").replace("<outputEntry id=\"LiteralExpression_Evil\">",
                                "<outputEntry id=\"LiteralExpression_Evil\" expressionLanguage=\"juel\">")
                        .replace("<text>\"salesSupervisor\"</text>", "<text>" + RUNTIME_EXEC.replace("'", "&apos;")
                                + "</text>")),
                        "LiteralExpression_Evil", "getClass"));
    }

    /** discount-approval-levels' shape: two inputs, one output, one rule with the given first entry and output. */
    static String decision(String key, String firstInputEntry, String output) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
                    id="Definitions_Evil" name="恶意决策" namespace="http://evil">
                  <decision id="%s" name="确定优惠审批层级" camunda:historyTimeToLive="365">
                    <decisionTable id="DecisionTable_Evil" hitPolicy="COLLECT">
                      <input id="Input_DiscountPercent" label="特批优惠比例（%%）">
                        <inputExpression id="InputExpression_DiscountPercent" typeRef="double"><text>discountPercent</text></inputExpression>
                      </input>
                      <input id="Input_DiscountAmount" label="特批优惠金额（元）">
                        <inputExpression id="InputExpression_DiscountAmount" typeRef="double"><text>discountAmount</text></inputExpression>
                      </input>
                      <output id="Output_ApprovalLevel" label="审批角色" name="approvalLevel" typeRef="string"/>
                      <rule id="Rule_Evil">
                        %s
                        <inputEntry id="UnaryTests_Any"><text>-</text></inputEntry>
                        <outputEntry id="LiteralExpression_Evil"><text>%s</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(key, firstInputEntry, output);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maliciousModels")
    void shouldRefuseAModelThatRunsCodeForProcessOwnerAndAdminAlikeAndDeployNothing(String what,
            Map<String, String> files, String elementId, String reason) throws IOException {
        Files.deleteIfExists(Path.of("/tmp/enrollflow-owned")); // what Runtime.exec would create, had it run
        var repository = engine.getRepositoryService();
        long deployments = repository.createDeploymentQuery().count();
        long definitions = repository.createProcessDefinitionQuery().count();
        long decisions = repository.createDecisionDefinitionQuery().count();
        for (String[] user : List.of(new String[] {"linyi", "demo"}, new String[] {"admin", "admin"})) {
            ResponseEntity<String> answer = ModelerDeploy.deploy(http, user[0], user[1], "evil-" + user[0], files);
            assertThat(answer.getStatusCode()).as("%s deploys %s", user[0], what).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody()).as(what).contains("部署被拒绝").contains("元素 " + elementId).contains(reason)
                    .doesNotContain("Exception:");
        }
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(repository.createProcessDefinitionQuery().count()).isEqualTo(definitions);
        assertThat(repository.createDecisionDefinitionQuery().count()).isEqualTo(decisions);
        assertThat(Path.of("/tmp/enrollflow-owned")).doesNotExist();
    }

    @Test
    void shouldLetAnAdminDeployTheApplicationsOwnModelsWithTheirFormsFromModeler() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (String folder : List.of("bpmn", "forms")) {
            try (var paths = Files.list(Path.of(folder))) {
                for (Path p : paths.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                        .toList()) {
                    files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        ResponseEntity<String> answer = ModelerDeploy.deploy(http, "admin", "admin", "all models (test)", files);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        String id = com.jayway.jsonpath.JsonPath.read(answer.getBody(), "$.id");
        // the same models as the release: put the release's versions back on top
        engine.getRepositoryService().deleteDeployment(id, true);
    }

    @Test
    void shouldRefuseAProcessWithoutTheFormsItBindsInItsOwnDeployment() throws IOException {
        String consultation = Files.readString(Path.of("bpmn/consultation.bpmn"), StandardCharsets.UTF_8);
        ResponseEntity<String> answer = ModelerDeploy.deploy(http, "admin", "admin", "consultation alone (test)",
                Map.of("consultation.bpmn", consultation));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains("元素 Task_BookVisit").contains("表单“book-visit”不在本次部署中");
    }
}
