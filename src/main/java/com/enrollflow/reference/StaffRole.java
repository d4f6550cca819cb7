package com.enrollflow.reference;

/**
 * The roles of DOMAIN.md, each a Camunda group (ids are camelCase: Camunda's id whitelist), with the Chinese name
 * staff read: reference data, so the business rules (approval levels, refund notices) name a role without the engine.
 */
public enum StaffRole {
    CALL_CENTER("callCenter", "呼叫中心"),
    CONSULTANT("consultant", "课程顾问"),
    FRONT_DESK("frontDesk", "前台"),
    SALES_SUPERVISOR("salesSupervisor", "销售主管"),
    CAMPUS_DIRECTOR("campusDirector", "校区校长"),
    ACADEMIC_AFFAIRS("academicAffairs", "教务"),
    TEACHER("teacher", "教师"),
    FINANCE("finance", "财务"),
    CUSTOMER_SERVICE("customerService", "客服"),
    MARKETING("marketing", "市场"),
    /** 总部财务经理: approves refunds above the campus's limit (退费审批), for every campus. */
    FINANCE_MANAGER("financeManager", "财务经理"),
    /** 总部负责人: the last level of the largest refunds (退费审批), for every campus. */
    HEAD_OFFICE_DIRECTOR("headOfficeDirector", "总部负责人");

    public static final String ADMIN_GROUP = "camunda-admin";

    /**
     * 总部 (head office): not a role but a scope: the group is a member of every campus's and call centre's tenant,
     * so its members see all campuses; on its own it reads everything and works nothing.
     */
    public static final String HEAD_OFFICE_GROUP = "headOffice";

    /**
     * 流程负责人 (process owner): not a staff role either; edits bpmn/ in Camunda Modeler and may put a changed decision
     * table live (Modeler → Deploy to /engine-rest), within the deployment guard's process-owner rule
     * (docs/editing-processes.md).
     */
    public static final String PROCESS_OWNER_GROUP = "processOwner";

    private final String groupId;
    private final String label;

    StaffRole(String groupId, String label) {
        this.groupId = groupId;
        this.label = label;
    }

    public String groupId() {
        return groupId;
    }

    public String label() {
        return label;
    }

    /**
     * A role only head office holds (财务经理, 总部负责人): its members work for every campus through the head-office
     * group, not as members of a campus.
     */
    public static boolean headOfficeRole(String groupId) {
        return FINANCE_MANAGER.groupId.equals(groupId) || HEAD_OFFICE_DIRECTOR.groupId.equals(groupId);
    }

    /** The role of a group id, if it is one. */
    public static java.util.Optional<StaffRole> ofGroup(String groupId) {
        return java.util.Arrays.stream(values()).filter(r -> r.groupId.equals(groupId)).findFirst();
    }

    /** The Chinese name of a role's group (审批级别, messages), the id itself for a group that is no role. */
    public static String labelOf(String groupId) {
        return ofGroup(groupId).map(StaffRole::label).orElse(groupId);
    }

    /**
     * Roles whose work is talking to families, so their tasks show the family's phone number; teachers and finance
     * see the student's name only (校区数据范围 and personal data).
     */
    public static boolean callsFamilies(String groupId) {
        return CONTACT_ROLES.contains(groupId);
    }

    private static final java.util.Set<String> CONTACT_ROLES = java.util.Set.of("callCenter", "consultant", "frontDesk",
            "salesSupervisor", "campusDirector", "academicAffairs", "customerService");

    /** Managers watch Cockpit (their campuses' instances, incidents and history) as well as Tasklist. */
    public boolean usesCockpit() {
        return this == SALES_SUPERVISOR || this == CAMPUS_DIRECTOR;
    }

    /**
     * Who may open Cockpit: the managers, and marketing for the 经营看板 only. Marketing reads no process instance
     * there (campaigns and channels are counts, not families' names and phone numbers: decision 301).
     */
    public boolean opensCockpit() {
        return usesCockpit() || this == MARKETING;
    }
}
