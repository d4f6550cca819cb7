package com.enrollflow.approval;

import java.util.Map;

/** Chinese names of the approving roles, for messages and the approval history. */
public final class RoleNames {

    private static final Map<String, String> NAMES = Map.of("salesSupervisor", "销售主管", "campusDirector", "校区校长",
            "finance", "财务", "financeManager", "财务经理", "headOfficeDirector", "总部负责人");

    private RoleNames() {
    }

    public static String of(String groupId) {
        return NAMES.getOrDefault(groupId, groupId);
    }
}
