package com.enrollflow.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks every new deployment before the engine parses it; a refusal rolls the whole deployment back, so nothing of
 * it is stored. Everyone: only .bpmn, .dmn and .form files, {@link BpmnDeploymentCheck}, {@link DmnDeploymentCheck}.
 * A deployer who is neither the system (no user: the auto-deployment at start) nor an admin is a process owner, and
 * may deploy decision tables only ({@link DecisionChangeCheck}), for all campuses (no tenant).
 */
class DeploymentGuardDeployer implements Deployer {

    static final String REFUSED = "部署被拒绝：";
    private static final Logger log = LoggerFactory.getLogger(DeploymentGuardDeployer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BpmnDeploymentCheck bpmn;
    private final DmnDeploymentCheck dmn;

    DeploymentGuardDeployer(ModelExpressions expressions) {
        this.bpmn = new BpmnDeploymentCheck(expressions);
        this.dmn = new DmnDeploymentCheck(expressions);
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return; // a known deployment parsed again into the cache (restart, another node): checked when it came in
        }
        CommandContext context = Context.getCommandContext();
        Authentication user = context.getAuthentication();
        boolean processOwner = user != null && user.getUserId() != null
                && !context.getAuthorizationManager().isCamundaAdmin(user);
        List<ResourceEntity> resources = new ArrayList<>(deployment.getResources().values());
        Set<String> formIds = formIds(resources);
        List<DeploymentProblem> problems = new ArrayList<>();
        for (ResourceEntity resource : resources) {
            String name = resource.getName();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml")) {
                problems.addAll(bpmn.check(name, resource.getBytes(), formIds));
                if (processOwner) {
                    problems.add(new DeploymentProblem(name, null,
                            "流程负责人只能上线决策表（.dmn）；流程图的修改请提交到 bpmn/，经评审后随版本发布"));
                }
            } else if (lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml")) {
                problems.addAll(dmn.check(name, resource.getBytes()));
                if (processOwner) {
                    problems.addAll(new DecisionChangeCheck(key -> currentXml(context, key))
                            .check(name, resource.getBytes()));
                }
            } else if (lower.endsWith(".form")) {
                if (processOwner) {
                    problems.add(new DeploymentProblem(name, null, "流程负责人只能上线决策表（.dmn）；表单随版本发布"));
                }
            } else {
                problems.add(new DeploymentProblem(name, null, "只能部署 .bpmn、.dmn 和 .form 文件"));
            }
        }
        problems.addAll(sameDecisionTwice(resources));
        if (processOwner && deployment.getTenantId() != null) {
            problems.add(new DeploymentProblem(deployment.getName(), null,
                    "决策表对所有校区通用：部署时不要填写租户（tenant）"));
        }
        if (!problems.isEmpty()) {
            String who = user == null ? "the system" : user.getUserId();
            log.warn("deployment '{}' by {} refused: {}", deployment.getName(), who, problems);
            throw new DeploymentRefusedException(REFUSED + problems.stream().map(DeploymentProblem::toString)
                    .collect(Collectors.joining("；")));
        }
    }

    /** The latest shared (no tenant) version of a decision, as it was deployed. */
    private static Optional<byte[]> currentXml(CommandContext context, String key) {
        DecisionDefinition current = context.getDecisionDefinitionManager()
                .findLatestDecisionDefinitionByKeyAndTenantId(key, null);
        if (current == null) {
            return Optional.empty();
        }
        ResourceEntity resource = context.getResourceManager()
                .findResourceByDeploymentIdAndResourceName(current.getDeploymentId(), current.getResourceName());
        return Optional.ofNullable(resource).map(ResourceEntity::getBytes);
    }

    /** A decision id in two files of one deployment: the engine refused it with a bare server error. */
    private static List<DeploymentProblem> sameDecisionTwice(List<ResourceEntity> resources) {
        Map<String, String> fileOf = new HashMap<>();
        List<DeploymentProblem> problems = new ArrayList<>();
        for (ResourceEntity resource : resources) {
            String lower = resource.getName().toLowerCase(Locale.ROOT);
            if (!(lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml"))) {
                continue;
            }
            org.w3c.dom.Document document = ModelDocuments.parse(resource.getBytes());
            if (document == null) {
                continue; // reported by the DMN check
            }
            ModelDocuments.elements(document.getDocumentElement(), e -> false, e -> {
                if ("decision".equals(ModelDocuments.local(e)) && !e.getAttribute("id").isEmpty()) {
                    String earlier = fileOf.putIfAbsent(e.getAttribute("id"), resource.getName());
                    if (earlier != null) {
                        problems.add(new DeploymentProblem(resource.getName(), e.getAttribute("id"),
                                "与 " + earlier + " 中的决策 id 相同：一次部署中每个决策只能出现一次"));
                    }
                }
            });
        }
        return problems;
    }

    private static Set<String> formIds(List<ResourceEntity> resources) {
        Set<String> ids = new HashSet<>();
        for (ResourceEntity resource : resources) {
            if (resource.getName().toLowerCase(Locale.ROOT).endsWith(".form")) {
                try {
                    JsonNode form = JSON.readTree(resource.getBytes());
                    if (form.path("id").isTextual()) {
                        ids.add(form.path("id").asText());
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // not JSON: the engine's form deployer reports it
                }
            }
        }
        return ids;
    }

    /** 400 in both REST APIs (a {@link BadUserRequestException}), with the Chinese reason naming file and element. */
    static class DeploymentRefusedException extends BadUserRequestException {
        DeploymentRefusedException(String message) {
            super(message);
        }
    }
}
