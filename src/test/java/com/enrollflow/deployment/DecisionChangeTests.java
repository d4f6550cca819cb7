package com.enrollflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.ModelerDeploy;

/**
 * A process owner (流程负责人 linyi) changes a threshold of 优惠审批层级 in Camunda Modeler and deploys it to
 * /engine-rest: new evaluations use it at once, and the next release leaves it in force unless the release itself
 * changed the table (then the release wins and says which live change it replaced).
 */
@EnrollFlowTest
class DecisionChangeTests {

    static final String FILE = "discount-approval-levels.dmn";
    static final String KEY = "discountApprovalLevels";

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;
    @Autowired
    DecisionRelease release;

    private Set<String> deploymentsBefore;
    private String released;

    @BeforeEach
    void rememberTheDeployments() {
        deploymentsBefore = ids();
        released = new String(DecisionRelease.releaseFiles().get(FILE), StandardCharsets.UTF_8);
    }

    /** Deleting this test's deployments puts the release's tables back on top for the other tests. */
    @AfterEach
    void deleteTheDeploymentsOfThisTest() {
        ids().stream().filter(id -> !deploymentsBefore.contains(id))
                .forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
        assertThat(levels(4, 100)).isEmpty();
    }

    private Set<String> ids() {
        Set<String> ids = new HashSet<>();
        engine.getRepositoryService().createDeploymentQuery().list().forEach(d -> ids.add(d.getId()));
        return ids;
    }

    /** 特批优惠: the approval levels the table gives for an extra discount of percent % and amount CNY. */
    private List<Object> levels(double percent, double amount) {
        return engine.getDecisionService().evaluateDecisionTableByKey(KEY, Variables.createVariables()
                .putValue("discountPercent", percent).putValue("discountAmount", amount)).collectEntries("approvalLevel");
    }

    /** The supervisor approves from 3 % instead of 5 %. */
    private String supervisorFromThreePercent() {
        String changed = released.replace("<text>&gt; 5</text>", "<text>&gt; 3</text>")
                .replace("<text>&lt;= 5</text>", "<text>&lt;= 3</text>");
        assertThat(changed).isNotEqualTo(released);
        return changed;
    }

    private ResponseEntity<String> deployAsProcessOwner(String content) {
        return ModelerDeploy.deploy(http, "linyi", "demo", "优惠审批层级-调整", Map.of(FILE, content));
    }

    private DecisionDefinition latest() {
        return engine.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey(KEY)
                .withoutTenantId().latestVersion().singleResult();
    }

    @Test
    void shouldUseTheThresholdTheProcessOwnerPutLiveForNewEvaluations() {
        assertThat(levels(4, 100)).isEmpty();

        ResponseEntity<String> answer = deployAsProcessOwner(supervisorFromThreePercent());

        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(levels(4, 100)).containsExactly("salesSupervisor");
        assertThat(levels(2, 100)).isEmpty();
        assertThat(levels(20, 100)).containsExactly("salesSupervisor", "campusDirector");
    }

    @Test
    void shouldKeepTheLiveChangeWhenTheNextReleaseDeploysTheUnchangedTableAgain() {
        assertThat(deployAsProcessOwner(supervisorFromThreePercent()).getStatusCode()).isEqualTo(HttpStatus.OK);
        DecisionDefinition live = latest();

        Map<String, String> replaced = release.deploy(engine.getRepositoryService(), DecisionRelease.releaseFiles());

        assertThat(replaced).isEmpty();
        assertThat(latest().getId()).isEqualTo(live.getId());
        assertThat(levels(4, 100)).containsExactly("salesSupervisor");
        // and the processes' release carries no decision table at all
        for (Deployment d : engine.getRepositoryService().createDeploymentQuery().deploymentName(ProcessRelease.NAME)
                .list()) {
            assertThat(engine.getRepositoryService().getDeploymentResourceNames(d.getId()))
                    .noneMatch(name -> name.endsWith(".dmn"));
        }
    }

    @Test
    void shouldLetAReleaseThatChangedTheTableWinAndNameTheLiveChangeItReplaced() {
        assertThat(deployAsProcessOwner(supervisorFromThreePercent()).getStatusCode()).isEqualTo(HttpStatus.OK);
        int liveVersion = latest().getVersion();
        Map<String, byte[]> nextRelease = new TreeMap<>(DecisionRelease.releaseFiles());
        nextRelease.put(FILE, released.replace("<text>&gt; 15</text>", "<text>&gt; 12</text>")
                .replace("<text>&lt;= 15</text>", "<text>&lt;= 12</text>").getBytes(StandardCharsets.UTF_8));

        Map<String, String> replaced = release.deploy(engine.getRepositoryService(), nextRelease);

        assertThat(replaced).containsOnlyKeys(KEY);
        assertThat(replaced.get(KEY)).contains("version " + liveVersion).contains("优惠审批层级-调整");
        assertThat(latest().getVersion()).isEqualTo(liveVersion + 1);
        assertThat(levels(4, 100)).isEmpty();
        assertThat(levels(13, 100)).containsExactly("salesSupervisor", "campusDirector");
    }

    @Test
    void shouldRefuseAProcessOwnersTableThatReadsOrReturnsSomethingElse() {
        String newInput = released.replace("<text>discountAmount</text>", "<text>discountTotal</text>");
        String newOutput = released.replace("name=\"approvalLevel\"", "name=\"approver\"");
        String newHitPolicy = released.replace("hitPolicy=\"COLLECT\"", "hitPolicy=\"FIRST\"");
        String unknownKey = released.replace("id=\"discountApprovalLevels\"", "id=\"transferApprovalLevels\"");
        String variable = released.replace("<text>&gt; 5</text>", "<text>&gt; execution</text>");
        Map<String, String> expected = Map.of(newInput, "输入列必须与线上版本相同", newOutput, "输出列必须与线上版本相同",
                newHitPolicy, "命中策略", unknownKey, "不是已上线的决策", variable, "规则中不能使用“execution”");
        long deployments = engine.getRepositoryService().createDeploymentQuery().count();
        expected.forEach((content, reason) -> {
            ResponseEntity<String> answer = deployAsProcessOwner(content);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody()).contains("部署被拒绝").contains(reason);
        });
        ResponseEntity<String> withTenant = ModelerDeploy.deploy(http, "linyi", "demo", "优惠审批层级-调整", "BJHD",
                Map.of(FILE, supervisorFromThreePercent()));
        assertThat(withTenant.getStatusCode().is2xxSuccessful()).isFalse();
        ResponseEntity<String> aForm = ModelerDeploy.deploy(http, "linyi", "demo", "表单", Map.of("make-plan.form",
                "{\"id\":\"make-plan\",\"type\":\"default\",\"components\":[]}"));
        assertThat(aForm.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(aForm.getBody()).contains("流程负责人只能上线决策表");
        assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(levels(4, 100)).isEmpty();
    }

    @Test
    void shouldRefuseATableTheEngineWouldFailOnOnlyWhenItIsEvaluated() {
        String rule = "<text>&gt; 5</text>";
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        // a rule FEEL cannot parse: it went live, and every plan needing approval failed with a server error
        expected.put(released.replace(rule, "<text>&gt; &gt; 5</text>"), "Rule_SupervisorByPercent：条件无法解析：> > 5");
        // a role that is not an approver: its approval task would go to that group
        expected.put(released.replace("<text>\"salesSupervisor\"</text>", "<text>\"camunda-admin\"</text>"),
                "输出列“审批角色”只能取 salesSupervisor、campusDirector，不能取 camunda-admin");
        // a rule without its second condition: the engine answered a bare server error
        expected.put(released.replaceFirst("(?s)<inputEntry id=\"UnaryTests_SupervisorByPercent_1\">.*?</inputEntry>",
                ""), "规则的条件数（1）或结果数（1）与输入列（2）、输出列（1）不一致");
        // the retention the privacy rules set
        expected.put(released.replace("camunda:historyTimeToLive=\"365\"", "camunda:historyTimeToLive=\"36500\""),
                "历史保留天数（History Time To Live）必须保持 365");
        long deployments = engine.getRepositoryService().createDeploymentQuery().count();
        expected.forEach((content, reason) -> {
            assertThat(content).isNotEqualTo(released);
            ResponseEntity<String> answer = deployAsProcessOwner(content);
            assertThat(answer.getStatusCode()).as(reason).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody()).contains("部署被拒绝").contains(reason);
        });
        // the same table twice in one deployment (a copy saved under another name): the engine answered a bare 500
        ResponseEntity<String> twice = ModelerDeploy.deploy(http, "linyi", "demo", "两份", Map.of(FILE,
                supervisorFromThreePercent(), "copy-" + FILE, supervisorFromThreePercent()));
        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(twice.getBody()).contains("中的决策 id 相同：一次部署中每个决策只能出现一次");
        assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(levels(20, 100)).containsExactly("salesSupervisor", "campusDirector");
    }

    @Test
    void shouldLetTheProcessOwnerTryATableOutButNotStartAProcessOrDeleteADeployment() {
        ResponseEntity<String> evaluated = http.withBasicAuth("linyi", "demo").postForEntity(
                "/engine-rest/decision-definition/key/" + KEY + "/evaluate", Map.of("variables",
                        Map.of("discountPercent", Map.of("value", 20, "type", "Double"), "discountAmount",
                                Map.of("value", 100, "type", "Double"))), String.class);
        assertThat(evaluated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(evaluated.getBody()).contains("campusDirector");

        String deployment = latest().getDeploymentId();
        http.withBasicAuth("linyi", "demo").delete("/engine-rest/deployment/" + deployment + "?cascade=true");
        assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentId(deployment).count()).isOne();
        // nor the one he made himself: the live version would revert without a word (decision 624)
        assertThat(deployAsProcessOwner(supervisorFromThreePercent()).getStatusCode()).isEqualTo(HttpStatus.OK);
        String his = latest().getDeploymentId();
        assertThat(http.withBasicAuth("linyi", "demo").exchange("/engine-rest/deployment/" + his + "?cascade=true",
                org.springframework.http.HttpMethod.DELETE, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentId(his).count()).isOne();
        assertThat(levels(4, 100)).containsExactly("salesSupervisor");
        ResponseEntity<String> start = http.withBasicAuth("linyi", "demo").postForEntity(
                "/engine-rest/process-definition/key/consultation/start", Map.of(), String.class);
        assertThat(start.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
