package com.enrollflow.identity;

import java.util.Arrays;
import java.util.Collection;

/**
 * Which of the reports a caller's groups may read, and whether they may import lead lists: the same lists /api's
 * security matchers use (ApiRoles), for the webapps' plugins, which Camunda opens to every logged-in user.
 */
public final class ReportAccess {

    private ReportAccess() {
    }

    /** Whether any of these groups may read the sales reports (/api/reports and the Cockpit board 经营看板). */
    public static boolean readsReports(Collection<String> groupIds) {
        return Arrays.stream(ApiRoles.READ_REPORTS).anyMatch(groupIds::contains);
    }

    /** Whether any of these groups may read sales credit (业绩): per-person pay data, narrower than the reports. */
    public static boolean readsCredit(Collection<String> groupIds) {
        return Arrays.stream(ApiRoles.READ_CREDIT).anyMatch(groupIds::contains);
    }

    /**
     * Whether any of these groups may read 服务水平 (complaint response and resolution, the late tasks and who has
     * them): as GET /api/reports/service-levels, not marketing.
     */
    public static boolean readsServiceLevels(Collection<String> groupIds) {
        return Arrays.stream(ApiRoles.READ_SERVICE_LEVELS).anyMatch(groupIds::contains);
    }

    /** Whether any of these groups may open the opportunities behind the funnel's counts (the families' names). */
    public static boolean readsFunnelOpportunities(Collection<String> groupIds) {
        return Arrays.stream(ApiRoles.READ_FUNNEL_OPPORTUNITIES).anyMatch(groupIds::contains);
    }

    /** Whether any of these groups may import lead lists (线索导入): as POST /api/leads/import. */
    public static boolean importsLeads(Collection<String> groupIds) {
        return Arrays.stream(ApiRoles.IMPORT_LEADS).anyMatch(groupIds::contains);
    }

    /**
     * Whether any of these groups may confirm bank transfers (确认到账, 银行流水对账): as
     * POST /api/payments/{id}/confirmation.
     */
    public static boolean confirmsPayments(Collection<String> groupIds) {
        return Arrays.stream(ApiRoles.CONFIRM_PAYMENTS).anyMatch(groupIds::contains);
    }
}
