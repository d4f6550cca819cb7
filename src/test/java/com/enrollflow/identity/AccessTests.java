package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.enrollflow.reference.StaffRole;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;

/** Roles as groups, demo accounts, Tasklist filters and who may see which task. */
@EnrollFlowTest
class AccessTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Leads leads;
    @LocalServerPort
    int port;

    /** Cockpit (and its 经营看板) for managers, marketing and head office; not for those who work the leads. */
    @Test
    void shouldLetManagersMarketingAndHeadOfficeIntoCockpitButNotConsultants() {
        for (String user : List.of("sunqiang", "zhouhua", "hanmei", "gaofeng")) {
            assertThat(new WebappSession(port).login("cockpit", user, "demo").statusCode()).as(user).isEqualTo(200);
        }
        for (String user : List.of("liwei", "zhangli", "zhaomin", "fengyu")) {
            assertThat(new WebappSession(port).login("cockpit", user, "demo").statusCode()).as(user).isEqualTo(403);
        }
    }

    /**
     * Cockpit shows its changing controls only to who may update process instances (change-controls.js, decision
     * 698): that one check stands for all of them because no role that opens Cockpit may change anything there, and
     * the administrator may.
     */
    @Test
    void shouldLetNobodyButTheAdministratorChangeWhatCockpitShows() {
        Map<Resource, List<Permission>> changes = Map.of(
                Resources.PROCESS_INSTANCE, List.of(Permissions.UPDATE, Permissions.DELETE,
                        ProcessInstancePermissions.SUSPEND, ProcessInstancePermissions.UPDATE_VARIABLE,
                        ProcessInstancePermissions.RETRY_JOB),
                Resources.PROCESS_DEFINITION, List.of(Permissions.UPDATE, Permissions.DELETE,
                        Permissions.UPDATE_INSTANCE, Permissions.DELETE_INSTANCE, ProcessDefinitionPermissions.SUSPEND,
                        ProcessDefinitionPermissions.SUSPEND_INSTANCE,
                        ProcessDefinitionPermissions.UPDATE_INSTANCE_VARIABLE, ProcessDefinitionPermissions.RETRY_JOB),
                Resources.TASK, List.of(Permissions.UPDATE, TaskPermissions.TASK_ASSIGN),
                Resources.DEPLOYMENT, List.of(Permissions.DELETE),
                Resources.BATCH, List.of(Permissions.CREATE),
                Resources.DECISION_DEFINITION, List.of(Permissions.UPDATE));
        AuthorizationService authorizations = engine.getAuthorizationService();
        // every grant on any (*) and, for the definitions, on each process by its key (AccessSetup grants some so)
        List<String> processKeys = engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list()
                .stream().map(ProcessDefinition::getKey).distinct().toList();
        assertThat(processKeys).contains("enrollment", "refundRequest");
        for (String user : List.of("sunqiang", "zhouhua", "caiwen", "hanmei", "gaofeng", "linyi")) {
            List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                    .map(Group::getId).toList();
            changes.forEach((resource, permissions) -> permissions.forEach(permission -> {
                List<String> ids = resource == Resources.PROCESS_DEFINITION ? processKeys : List.of();
                for (String id : Stream.concat(Stream.of(Authorization.ANY), ids.stream()).toList()) {
                    assertThat(authorizations.isUserAuthorized(user, groups, permission, resource, id))
                            .as("%s may %s on %s %s", user, permission.getName(), resource.resourceName(), id)
                            .isFalse();
                }
            }));
            assertThat(http.withBasicAuth(user, "demo").getForObject(MAY_UPDATE_INSTANCES, JsonNode.class)
                    .get("authorized").asBoolean()).as(user).isFalse();
        }
        assertThat(http.withBasicAuth("admin", "admin").getForObject(MAY_UPDATE_INSTANCES, JsonNode.class)
                .get("authorized").asBoolean()).isTrue();
    }

    /** The question change-controls.js asks the engine. */
    private static final String MAY_UPDATE_INSTANCES = "/engine-rest/authorization/check?permissionName=UPDATE"
            + "&permissionValue=4&resourceName=ProcessInstance&resourceType=8";

    @Test
    void shouldOfferADemoUserPerRoleThroughTheCamundaUserApi() {
        for (StaffRole role : StaffRole.values()) {
            JsonNode users = http.withBasicAuth("admin", "admin")
                    .getForObject("/engine-rest/user?memberOfGroup={g}&maxResults=50", JsonNode.class, role.groupId());
            assertThat(users).as("demo user for %s", role).isNotEmpty();
        }
        JsonNode group = http.withBasicAuth("zhangli", "demo")
                .getForObject("/engine-rest/group/callCenter", JsonNode.class);
        assertThat(group.get("name").asText()).isEqualTo("呼叫中心");
        JsonNode admins = http.withBasicAuth("admin", "admin")
                .getForObject("/engine-rest/group/" + StaffRole.ADMIN_GROUP, JsonNode.class);
        assertThat(admins.get("name").asText()).as("Admin's group list in Chinese").isEqualTo("系统管理员");
        assertThat(engine.getIdentityService().checkPassword("liwei", "demo")).isTrue();
        assertThat(engine.getIdentityService().checkPassword("admin", "admin")).isTrue();
    }

    @Test
    void shouldGiveEachRoleItsOwnSharedFilters() {
        assertThat(filterNames("zhangli")).contains("我的任务", "呼叫中心待办", "本组逾期任务")
                .doesNotContain("课程顾问待办");
        assertThat(filterNames("liwei")).contains("我的任务", "课程顾问待办").doesNotContain("呼叫中心待办", "本校区逾期任务");
        assertThat(filterNames("sunqiang")).contains("销售主管待办", "本校区逾期任务");
        assertThat(filterNames("zhouhua")).contains("本校区逾期任务");
    }

    @Test
    void shouldShowCallCentreTasksOnlyToTheCallCentre() {
        Leads.NewLead lead = leads.newLead("PHONE");
        String instance = engine.getRuntimeService().createProcessInstanceQuery()
                .superProcessInstanceId(lead.enrollment().getId()).singleResult().getId();

        JsonNode asAgent = http.withBasicAuth("wangfang", "demo")
                .getForObject("/engine-rest/task?processInstanceId={p}&maxResults=50", JsonNode.class, instance);
        JsonNode asConsultant = http.withBasicAuth("liwei", "demo")
                .getForObject("/engine-rest/task?processInstanceId={p}&maxResults=50", JsonNode.class, instance);
        assertThat(asAgent).hasSize(1);
        assertThat(asConsultant).isEmpty();

        String filterId = filterId("wangfang", "呼叫中心待办");
        JsonNode listed = http.withBasicAuth("wangfang", "demo").postForObject("/engine-rest/filter/{id}/list?maxResults=50",
                Map.of("processInstanceId", instance), JsonNode.class, filterId);
        assertThat(listed.findValuesAsText("name")).containsExactly("首次联系并核实信息");
    }

    @Test
    void shouldLetOnlyRegisteringRolesStartTheEnquiryForm() {
        JsonNode forFrontDesk = http.withBasicAuth("zhaomin", "demo")
                .getForObject("/engine-rest/process-definition?startablePermissionCheck=true&startableInTasklist=true&latestVersion=true&maxResults=50",
                        JsonNode.class);
        JsonNode forTeacher = http.withBasicAuth("zhengkai", "demo")
                .getForObject("/engine-rest/process-definition?startablePermissionCheck=true&startableInTasklist=true&latestVersion=true&maxResults=50",
                        JsonNode.class);
        JsonNode forAcademicAffairs = http.withBasicAuth("wuting", "demo")
                .getForObject("/engine-rest/process-definition?startablePermissionCheck=true&startableInTasklist=true&latestVersion=true&maxResults=50",
                        JsonNode.class);
        assertThat(forFrontDesk.findValuesAsText("key")).containsExactlyInAnyOrder("leadRegistration", "refundRequest",
                "refundCancellation",
                "classWithdrawalRequest", "lessonRefundRequest", "invoiceRequest", "installmentCollection",
                "suspensionRequest",
                "transferRequest", "classTransferRequest", "renewalRequest", "teacherChangeRequest",
                "teacherChangeWithdrawal", "birthDateCorrection", "complaintRegistration");
        assertThat(forAcademicAffairs.findValuesAsText("key"))
                .as("academic affairs register suspensions, transfers, class transfers and teacher changes and take "
                        + "a class's attendance, open classes, move a lesson and book hours left, not refunds")
                .containsExactlyInAnyOrder("suspensionRequest", "transferRequest", "classTransferRequest",
                        "teacherChangeRequest", "teacherChangeWithdrawal", "complaintRegistration", "classRollCall",
                        "classOpening", "classClosing", "classChange", "lessonMove", "remainingLessonsBooking");
        assertThat(forTeacher.findValuesAsText("key")).as("a teacher records complaints and a class's attendance")
                .containsExactlyInAnyOrder("complaintRegistration", "classRollCall");
    }

    private List<String> filterNames(String user) {
        return http.withBasicAuth(user, "demo").getForObject("/engine-rest/filter?maxResults=50", JsonNode.class)
                .findValuesAsText("name");
    }

    private String filterId(String user, String name) {
        for (JsonNode f : http.withBasicAuth(user, "demo").getForObject("/engine-rest/filter?maxResults=50", JsonNode.class)) {
            if (f.get("name").asText().equals(name)) {
                return f.get("id").asText();
            }
        }
        throw new AssertionError("no filter " + name);
    }
}
