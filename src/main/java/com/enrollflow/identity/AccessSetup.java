package com.enrollflow.identity;

import static org.camunda.bpm.engine.authorization.Permissions.*;
import static org.camunda.bpm.engine.authorization.Resources.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.StaffRole;

/**
 * Roles, their rights and their Tasklist filters, in every profile (production included): each role is a
 * group, may open Tasklist, sees its own filters and can start what it registers. Idempotent: every start
 * (and every node of a cluster) checks and adds only what is missing.
 */
@Component
public class AccessSetup {

    private static final Logger log = LoggerFactory.getLogger(AccessSetup.class);

    /**
     * Roles that work leads read the instances of the lead processes: Tasklist's task cards show the
     * customer's name and phone from process variables, which needs READ_INSTANCE (the task's own READ
     * is not enough). The same people read the same data through GET /api/customers.
     */
    private static final List<StaffRole> LEAD_WORKERS = List.of(StaffRole.CALL_CENTER, StaffRole.CONSULTANT,
            StaffRole.FRONT_DESK, StaffRole.SALES_SUPERVISOR, StaffRole.CAMPUS_DIRECTOR, StaffRole.CUSTOMER_SERVICE);
    private static final List<String> LEAD_PROCESSES = List.of("enrollment", "leadIntent", "opportunityAssignment");

    /** The same for the sales processes after follow-up, and the roles that have tasks in them. */
    private static final List<StaffRole> SALES_WORKERS = List.of(StaffRole.CONSULTANT, StaffRole.FRONT_DESK,
            StaffRole.SALES_SUPERVISOR, StaffRole.CAMPUS_DIRECTOR, StaffRole.FINANCE, StaffRole.ACADEMIC_AFFAIRS);
    // Teachers (教师) are not among them: they work their placement-test tasks (the task's own READ, and its
    // task-local card values: name, not phone), never read the sales instances, their variables or their history.
    private static final List<String> SALES_PROCESSES = List.of("enrollment", "consultation", "discountApproval",
            "contractAndPayment", "oneOnOneScheduling", "installmentReminder", "suspension", "renewal");

    /**
     * The after-sales and service processes' people read their instances (the breakdown, the complaint, the transfer,
     * the family's ratings, why a call is due) as they work them.
     */
    private static final List<StaffRole> REFUND_WORKERS = List.of(StaffRole.CUSTOMER_SERVICE, StaffRole.FRONT_DESK,
            StaffRole.SALES_SUPERVISOR, StaffRole.CAMPUS_DIRECTOR, StaffRole.FINANCE, StaffRole.FINANCE_MANAGER,
            StaffRole.HEAD_OFFICE_DIRECTOR, StaffRole.ACADEMIC_AFFAIRS);
    private static final List<String> REFUND_PROCESSES = List.of("refund", "refundRequest", "classWithdrawalRequest",
            "lessonRefundRequest", "invoice", "invoiceRequest", "installmentCollection", "complaint", "transfer",
            "teacherChange", "satisfactionSurvey", "careCall", "renewal");

    /**
     * 质检: the supervisors who score read the campus's review instance (the item on each card). The consultant or
     * customer-service user asked to improve reads only their own task (its task-local values), never the others'
     * scores.
     */
    private static final List<StaffRole> QUALITY_REVIEWERS = List.of(StaffRole.SALES_SUPERVISOR,
            StaffRole.CAMPUS_DIRECTOR);
    private static final List<String> QUALITY_PROCESSES = List.of("qualityReview");

    /** Processes staff start from Tasklist, and which roles may. */
    private static final Map<String, List<StaffRole>> STARTABLE = Map.ofEntries(
            Map.entry("leadRegistration", List.of(StaffRole.CALL_CENTER, StaffRole.FRONT_DESK, StaffRole.CONSULTANT)),
            Map.entry("refundRequest", List.of(StaffRole.CUSTOMER_SERVICE, StaffRole.FRONT_DESK)),
            // 撤销退费申请: the roles of POST /api/refunds/{id}/cancellation (ApiRoles.REQUEST_REFUNDS, decision 679)
            Map.entry("refundCancellation", List.of(StaffRole.CUSTOMER_SERVICE, StaffRole.FRONT_DESK)),
            // 申请退班: the roles of POST /api/refunds, which takes the class as leaveClass (decision 574)
            Map.entry("classWithdrawalRequest", List.of(StaffRole.CUSTOMER_SERVICE, StaffRole.FRONT_DESK)),
            // 申请退部分课时: the roles of POST /api/refunds, which takes the lessons as lessons (decision 579)
            Map.entry("lessonRefundRequest", List.of(StaffRole.CUSTOMER_SERVICE, StaffRole.FRONT_DESK)),
            // 收取分期款: the desk, as POST /api/payment-orders/{orderNo}/payments (decision 578)
            Map.entry("installmentCollection", List.of(StaffRole.FRONT_DESK)),
            // 申请开具发票: the roles of POST /api/invoices (ApiRoles.REQUEST_INVOICES, decision 576)
            Map.entry("invoiceRequest", List.of(StaffRole.CUSTOMER_SERVICE, StaffRole.FRONT_DESK)),
            // 登记发票红冲: the roles of POST /api/invoices/{id}/reversal (ApiRoles.REVERSE_INVOICES, decision 678)
            Map.entry("invoiceReversal", List.of(StaffRole.FINANCE, StaffRole.FINANCE_MANAGER)),
            // 销售团队设置: the role of PUT /api/teams/{id} (decision 682)
            Map.entry("teamSettings", List.of(StaffRole.SALES_SUPERVISOR)),
            // 商机免回收: the role of PUT /api/opportunities/{id}/recycle-exempt (decision 681)
            Map.entry("recycleExemption", List.of(StaffRole.SALES_SUPERVISOR)),
            // 调课: the role of PUT /api/lessons/{id} (ApiRoles.SCHEDULE, decision 680)
            Map.entry("lessonMove", List.of(StaffRole.ACADEMIC_AFFAIRS)),
            // 安排剩余课时: academic affairs, who book every 1:1 lesson (ApiRoles.SCHEDULE, decision 724)
            Map.entry("remainingLessonsBooking", List.of(StaffRole.ACADEMIC_AFFAIRS)),
            // 登记停课: the roles of POST /api/contracts/{id}/suspensions (ApiRoles.SUSPEND)
            Map.entry("suspensionRequest", List.of(StaffRole.ACADEMIC_AFFAIRS, StaffRole.CUSTOMER_SERVICE,
                    StaffRole.FRONT_DESK)),
            // 申请转课: the roles of POST /api/contracts/{id}/transfers (ApiRoles.TRANSFER)
            Map.entry("transferRequest", List.of(StaffRole.ACADEMIC_AFFAIRS, StaffRole.CUSTOMER_SERVICE,
                    StaffRole.FRONT_DESK)),
            // 申请转班: the roles of POST /api/contracts/{id}/class-transfers (ApiRoles.TRANSFER)
            Map.entry("classTransferRequest", List.of(StaffRole.ACADEMIC_AFFAIRS, StaffRole.CUSTOMER_SERVICE,
                    StaffRole.FRONT_DESK)),
            // 发起续费: the roles of POST /api/contracts/{id}/renewals (ApiRoles.RENEW)
            Map.entry("renewalRequest", List.of(StaffRole.CONSULTANT, StaffRole.CUSTOMER_SERVICE,
                    StaffRole.FRONT_DESK)),
            // 申请更换教师: the roles of POST /api/contracts/{id}/teacher-changes (ApiRoles.CHANGE_TEACHER)
            Map.entry("teacherChangeRequest", List.of(StaffRole.ACADEMIC_AFFAIRS, StaffRole.CUSTOMER_SERVICE,
                    StaffRole.FRONT_DESK)),
            // 撤销更换教师: the same roles (POST /api/teacher-changes/{id}/withdrawal)
            Map.entry("teacherChangeWithdrawal", List.of(StaffRole.ACADEMIC_AFFAIRS, StaffRole.CUSTOMER_SERVICE,
                    StaffRole.FRONT_DESK)),
            // 更正学生生日: the roles of PUT /api/customers/{id}/student-birth-date (ApiRoles.CORRECT_CUSTOMERS)
            Map.entry("birthDateCorrection", List.of(StaffRole.CALL_CENTER, StaffRole.CONSULTANT,
                    StaffRole.FRONT_DESK, StaffRole.CUSTOMER_SERVICE)),
            // 登记投诉: whoever hears a complaint records it
            Map.entry("complaintRegistration", List.of(StaffRole.CALL_CENTER, StaffRole.CONSULTANT,
                    StaffRole.FRONT_DESK, StaffRole.SALES_SUPERVISOR, StaffRole.CAMPUS_DIRECTOR,
                    StaffRole.ACADEMIC_AFFAIRS, StaffRole.TEACHER, StaffRole.FINANCE, StaffRole.CUSTOMER_SERVICE,
                    StaffRole.MARKETING)),
            // 登记市场活动: the roles of POST /api/campaigns (ApiRoles.MANAGE_CAMPAIGNS), head office below
            Map.entry("campaignRegistration", List.of(StaffRole.MARKETING)),
            // 设定销售目标: the roles of PUT /api/sales-targets (ApiRoles.SET_TARGETS), head office below
            Map.entry("salesTargetSetting", List.of(StaffRole.CAMPUS_DIRECTOR)),
            // 离职转交: the role of POST /api/teams/{team}/members/{user}/hand-over
            Map.entry("memberHandOver", List.of(StaffRole.SALES_SUPERVISOR)),
            // 团队成员设置: the role of PUT /api/teams/{team}/members/{user} (decision 677)
            Map.entry("teamMemberSettings", List.of(StaffRole.SALES_SUPERVISOR)),
            // 班课点名: those who take a class's attendance, as the 1:1 lessons' marks (decision 547)
            Map.entry("classRollCall", List.of(StaffRole.TEACHER, StaffRole.ACADEMIC_AFFAIRS)),
            // 开设班课: the roles of POST /api/classes (ApiRoles.OPEN_CLASSES), head office below (decision 564)
            Map.entry("classOpening", List.of(StaffRole.ACADEMIC_AFFAIRS, StaffRole.CAMPUS_DIRECTOR)),
            // 停止班级招生: the same roles (POST /api/classes/{code}/enrolment-closing, decision 567)
            Map.entry("classClosing", List.of(StaffRole.ACADEMIC_AFFAIRS, StaffRole.CAMPUS_DIRECTOR)),
            // 调整班级: the same roles (POST /api/classes/{code}/changes, decision 575)
            Map.entry("classChange", List.of(StaffRole.ACADEMIC_AFFAIRS, StaffRole.CAMPUS_DIRECTOR)));

    /** Start forms head office (总部, a group of its own, not a role) may start too, as its API allows it. */
    private static final List<String> STARTABLE_BY_HEAD_OFFICE = List.of("campaignRegistration", "salesTargetSetting",
            "classOpening", "classClosing", "classChange", "priceRateChange", "promotionRegistration",
            "hourPackageChange");

    static final String MY_TASKS = "我的任务";
    static final String OVERDUE = "本组逾期任务";
    static final String CLAIMABLE = "可领取商机";
    static final String ALL_CAMPUSES = "全部校区待办";
    static final String CAMPUS_OVERDUE = "本校区逾期任务";

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;
    private final CampusRepository campuses;
    private final CallCentres callCentres;

    AccessSetup(IdentityService identity, AuthorizationService authorizations, FilterService filters,
            TaskService tasks, CampusRepository campuses, CallCentres callCentres) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
        this.campuses = campuses;
        this.callCentres = callCentres;
    }

    /**
     * Two nodes starting at once may both try to add the same group or filter; the loser's insert fails,
     * and a second pass, which finds the winner's rows, completes the set-up.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Order(1)
    public void setUp() {
        try {
            ensureAll();
        } catch (RuntimeException concurrentStart) {
            log.info("access set-up raced with another node ({}); checking again", concurrentStart.getMessage());
            ensureAll();
        }
    }

    /**
     * Campus scope (校区数据范围): one Camunda tenant per active campus and per call centre, and the group 总部
     * (headOffice) a member of each, so head office sees every campus. Members are users (Camunda Admin → 租户).
     * Idempotent; also run by the demo data after it has created the demo campuses.
     */
    void ensureTenants() {
        ensureGroup(StaffRole.HEAD_OFFICE_GROUP, "总部");
        for (Campus campus : campuses.findActive()) {
            ensureTenant(campus.tenantId(), campus.name());
        }
        for (CallCentres.CallCentre centre : callCentres.all()) {
            ensureTenant(centre.id(), centre.name());
        }
    }

    private void ensureTenant(String tenantId, String name) {
        if (identity.createTenantQuery().tenantId(tenantId).count() == 0) {
            Tenant tenant = identity.newTenant(tenantId);
            tenant.setName(name);
            identity.saveTenant(tenant);
        }
        if (identity.createTenantQuery().groupMember(StaffRole.HEAD_OFFICE_GROUP).tenantId(tenantId).count() == 0) {
            identity.createTenantGroupMembership(tenantId, StaffRole.HEAD_OFFICE_GROUP);
        }
    }

    private void ensureAll() {
        ensureTenants();
        nameAdminGroup();
        // 总部 reads every campus's tasks, instances and history (the tenant memberships above say which campuses);
        // it works nothing unless its members also hold a role
        String headOffice = StaffRole.HEAD_OFFICE_GROUP;
        grant(headOffice, APPLICATION, "tasklist", ACCESS);
        grant(headOffice, APPLICATION, "cockpit", ACCESS);
        grant(headOffice, USER, "*", READ);
        grant(headOffice, GROUP, "*", READ);
        grant(headOffice, PROCESS_DEFINITION, "*", READ, READ_INSTANCE, READ_HISTORY, READ_TASK);
        grant(headOffice, PROCESS_INSTANCE, "*", READ);
        grant(headOffice, DECISION_DEFINITION, "*", READ, READ_HISTORY);
        grantProcessOwners();
        for (StaffRole role : StaffRole.values()) {
            ensureGroup(role);
            String g = role.groupId();
            grant(g, APPLICATION, "tasklist", ACCESS);
            grant(g, PROCESS_DEFINITION, "*", READ);
            grant(g, USER, "*", READ);
            grant(g, GROUP, "*", READ);
            if (role.opensCockpit()) {
                grant(g, APPLICATION, "cockpit", ACCESS);
            }
            if (role.usesCockpit()) {
                // READ_TASK: the open tasks of their campuses (the tenant check) in Cockpit's dashboard and in an
                // instance's 人工任务 tab; working a task still needs its own grant
                grant(g, PROCESS_DEFINITION, "*", READ, READ_INSTANCE, READ_HISTORY, READ_TASK);
                grant(g, PROCESS_INSTANCE, "*", READ);
                grant(g, DECISION_DEFINITION, "*", READ, READ_HISTORY);
            }
        }
        for (StaffRole role : LEAD_WORKERS) {
            LEAD_PROCESSES.forEach(key -> grant(role.groupId(), PROCESS_DEFINITION, key, READ, READ_INSTANCE));
        }
        for (StaffRole role : REFUND_WORKERS) {
            REFUND_PROCESSES.forEach(key -> grant(role.groupId(), PROCESS_DEFINITION, key, READ, READ_INSTANCE));
        }
        for (StaffRole role : SALES_WORKERS) {
            SALES_PROCESSES.forEach(key -> grant(role.groupId(), PROCESS_DEFINITION, key, READ, READ_INSTANCE));
        }
        for (StaffRole role : QUALITY_REVIEWERS) {
            QUALITY_PROCESSES.forEach(key -> grant(role.groupId(), PROCESS_DEFINITION, key, READ, READ_INSTANCE));
        }
        STARTABLE.forEach((processKey, roles) -> roles.forEach(role -> {
            grant(role.groupId(), PROCESS_DEFINITION, processKey, READ, CREATE_INSTANCE);
            grant(role.groupId(), PROCESS_INSTANCE, "*", CREATE);
        }));
        STARTABLE_BY_HEAD_OFFICE.forEach(processKey -> {
            grant(StaffRole.HEAD_OFFICE_GROUP, PROCESS_DEFINITION, processKey, READ, CREATE_INSTANCE);
            grant(StaffRole.HEAD_OFFICE_GROUP, PROCESS_INSTANCE, "*", CREATE);
        });
        setUpFilters();
    }

    /**
     * 流程负责人 deploy decision tables from Camunda Modeler (DEPLOYMENT CREATE: only behind the deployment guard, which
     * lets a non-admin deploy nothing but known decision tables), read the models and deployments in Cockpit and try a
     * table out (CREATE_INSTANCE on a decision = evaluate it). No right to delete a deployment or to start a process.
     */
    private void grantProcessOwners() {
        String owners = StaffRole.PROCESS_OWNER_GROUP;
        ensureGroup(owners, "流程负责人");
        grant(owners, APPLICATION, "cockpit", ACCESS);
        grant(owners, DEPLOYMENT, "*", CREATE, READ);
        grant(owners, DECISION_DEFINITION, "*", READ, CREATE_INSTANCE);
        grant(owners, DECISION_REQUIREMENTS_DEFINITION, "*", READ);
        grant(owners, PROCESS_DEFINITION, "*", READ);
    }

    private void setUpFilters() {
        Filter mine = ensureFilter(MY_TASKS, tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"),
                properties("我认领或指派给我的任务", -10, "#3b82f6"));
        Filter overdue = ensureFilter(OVERDUE, tasks.createTaskQuery()
                .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
                .dueBeforeExpression("${now()}"), properties("已过到期时间、尚未完成的本组任务", 0, "#dc2626"));
        // team pools and the public pool (公海) name their candidates one by one: no group filter shows them
        Filter claimable = ensureFilter(CLAIMABLE, tasks.createTaskQuery()
                .taskCandidateUserExpression("${currentUser()}").withoutCandidateGroups(),
                properties("团队池与公海中可以领取的商机", -8, "#f59e0b"));
        for (StaffRole role : List.of(StaffRole.CONSULTANT, StaffRole.CALL_CENTER)) {
            grant(role.groupId(), FILTER, claimable.getId(), READ);
        }
        Filter everything = ensureFilter(ALL_CAMPUSES, tasks.createTaskQuery(),
                properties("总部查看：各校区全部未完成任务", -6, "#7c3aed"));
        grant(StaffRole.HEAD_OFFICE_GROUP, FILTER, everything.getId(), READ);
        // campus managers read every open task of their campuses (decision 555): the late ones, whoever holds them,
        // among them a consultant's 预约到访 or 制定方案与报价 past the progress limit (decision 557)
        Filter campusOverdue = ensureFilter(CAMPUS_OVERDUE, tasks.createTaskQuery().dueBeforeExpression("${now()}"),
                properties("本校区已过到期时间的全部未完成任务（谁在办都列出）", -4, "#b91c1c"));
        grant(StaffRole.HEAD_OFFICE_GROUP, FILTER, mine.getId(), READ);
        for (StaffRole role : StaffRole.values()) {
            grant(role.groupId(), FILTER, mine.getId(), READ);
            grant(role.groupId(), FILTER, overdue.getId(), READ);
            if (role.usesCockpit()) {
                grant(role.groupId(), FILTER, campusOverdue.getId(), READ);
            }
            Filter team = ensureFilter(role.label() + "待办",
                    tasks.createTaskQuery().taskCandidateGroup(role.groupId()).includeAssignedTasks(),
                    properties(role.label() + "的全部未完成任务（含已认领）", -5, "#16a34a"));
            grant(role.groupId(), FILTER, team.getId(), READ);
        }
    }

    private static Map<String, Object> properties(String description, int priority, String color) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("description", description);
        p.put("priority", priority);
        p.put("color", color);
        p.put("refresh", true);
        List<Map<String, String>> variables = new ArrayList<>();
        variables.add(Map.of("name", "customerName", "label", "客户"));
        variables.add(Map.of("name", "phoneDisplay", "label", "电话"));
        variables.add(Map.of("name", "opportunityId", "label", "商机编号"));
        variables.add(Map.of("name", "recycleWarning", "label", "回收预警"));
        p.put("variables", variables);
        return p;
    }

    private Filter ensureFilter(String name, TaskQuery query, Map<String, Object> properties) {
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filters.newTaskFilter(name);
        }
        filter.setQuery(query);
        filter.setProperties(properties);
        return filters.saveFilter(filter);
    }

    /**
     * The administrators' group is created by the Camunda starter as "camunda BPM Administrators"; Admin's group list
     * shows it among the Chinese role groups, so it reads 系统管理员 (an administrator's own name for it is kept).
     */
    private void nameAdminGroup() {
        Group admins = identity.createGroupQuery().groupId(StaffRole.ADMIN_GROUP).singleResult();
        if (admins != null && "camunda BPM Administrators".equals(admins.getName())) {
            admins.setName("系统管理员");
            identity.saveGroup(admins);
        }
    }

    private void ensureGroup(StaffRole role) {
        ensureGroup(role.groupId(), role.label());
    }

    private void ensureGroup(String groupId, String label) {
        if (identity.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identity.newGroup(groupId);
            group.setName(label);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization auth = authorizations.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).singleResult();
        if (auth == null) {
            auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            auth.setGroupId(groupId);
            auth.setResource(resource);
            auth.setResourceId(resourceId);
        }
        boolean changed = auth.getId() == null;
        for (Permission p : permissions) {
            if (!auth.isPermissionGranted(p)) {
                auth.addPermission(p);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(auth);
        }
    }
}
