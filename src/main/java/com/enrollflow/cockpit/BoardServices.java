package com.enrollflow.cockpit;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.ReportAccess;
import com.enrollflow.identity.WebappCaller;
import com.enrollflow.marketing.CampaignReports;
import com.enrollflow.planning.TargetReports;
import com.enrollflow.pricing.PriceListReport;
import com.enrollflow.quality.QualityReports;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Campuses;
import com.enrollflow.renewal.RenewalReports;
import com.enrollflow.reporting.CreditReports;
import com.enrollflow.reporting.FunnelDrilldown;
import com.enrollflow.reporting.FunnelWorkbook;
import com.enrollflow.reporting.Funnels;
import com.enrollflow.reporting.SalesProcess;
import com.enrollflow.reporting.ServiceLevels;
import com.enrollflow.survey.SatisfactionReport;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The application's services for {@link BoardResource}. Cockpit's JAX-RS runtime creates the resource itself, outside
 * Spring, so the resource finds them here; this bean registers itself when the context starts.
 */
@Component
class BoardServices {

    private static volatile BoardServices current;

    final Funnels funnels;
    final FunnelDrilldown drilldown;
    final FunnelWorkbook workbook;
    final SalesProcess salesProcess;
    final ServiceLevels serviceLevels;
    final SatisfactionReport satisfaction;
    final RenewalReports renewals;
    final CreditReports credit;
    final CampaignReports campaigns;
    final TargetReports targets;
    final QualityReports quality;
    final PriceListReport priceList;
    final Campuses campuses;
    final CampusScope scope;
    final ObjectMapper json;
    private final WebappCaller caller;
    private final RuntimeService runtime;

    BoardServices(Funnels funnels, FunnelDrilldown drilldown, FunnelWorkbook workbook, SalesProcess salesProcess, ServiceLevels serviceLevels,
            SatisfactionReport satisfaction, RenewalReports renewals, CreditReports credit, CampaignReports campaigns,
            TargetReports targets, QualityReports quality, PriceListReport priceList,
            Campuses campuses, CampusScope scope, ObjectMapper json,
            WebappCaller caller, RuntimeService runtime) {
        this.quality = quality;
        this.priceList = priceList;
        this.funnels = funnels;
        this.drilldown = drilldown;
        this.workbook = workbook;
        this.salesProcess = salesProcess;
        this.serviceLevels = serviceLevels;
        this.satisfaction = satisfaction;
        this.renewals = renewals;
        this.credit = credit;
        this.campaigns = campaigns;
        this.targets = targets;
        this.campuses = campuses;
        this.scope = scope;
        this.json = json;
        this.caller = caller;
        this.runtime = runtime;
        current = this;
    }

    static BoardServices get() {
        BoardServices services = current;
        if (services == null) {
            throw new IllegalStateException("经营看板尚未就绪");
        }
        return services;
    }

    /**
     * Whether the webapp user (the engine's authentication, which the webapps set for each request of a logged-in
     * session) may read reports: the same groups as /api/reports.
     */
    boolean callerReadsReports() {
        return ReportAccess.readsReports(caller.groups());
    }

    /** Whether the webapp user may read sales credit (业绩): as GET /api/reports/credit, narrower than the board. */
    boolean callerReadsCredit() {
        return ReportAccess.readsCredit(caller.groups());
    }

    /** Whether the webapp user may read 服务水平: as GET /api/reports/service-levels (not marketing). */
    boolean callerReadsServiceLevels() {
        return ReportAccess.readsServiceLevels(caller.groups());
    }

    /** Whether the webapp user may open the opportunities behind a count: as /api/reports/funnel/opportunities. */
    boolean callerReadsFunnelOpportunities() {
        return ReportAccess.readsFunnelOpportunities(caller.groups());
    }

    /**
     * Whether the process instance runs and the webapp user may read it (the query runs under the caller's engine
     * authentication): only then can Cockpit open its page.
     */
    boolean callerSeesRunning(String processInstanceId) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    }
}
