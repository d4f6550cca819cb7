package com.enrollflow.cockpit;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;

import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.PluginResponses;
import com.enrollflow.marketing.CampaignReport;
import com.enrollflow.marketing.CampaignWorkbook;
import com.enrollflow.planning.TargetReport;
import com.enrollflow.planning.TargetWorkbook;
import com.enrollflow.pricing.PriceListReport;
import com.enrollflow.quality.QualityReport;
import com.enrollflow.quality.QualityWorkbook;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.renewal.RenewalReport;
import com.enrollflow.renewal.RenewalWorkbook;
import com.enrollflow.reporting.CreditExport;
import com.enrollflow.reporting.CreditReport;
import com.enrollflow.reporting.FunnelDrilldown;
import com.enrollflow.reporting.FunnelReport;
import com.enrollflow.reporting.FunnelWorkbook;
import com.enrollflow.reporting.SalesProcessWorkbook;
import com.enrollflow.reporting.ServiceLevelExport;
import com.enrollflow.reporting.ServiceLevelReport;
import com.enrollflow.survey.SatisfactionReport;
import com.enrollflow.survey.SatisfactionWorkbook;

/**
 * The board's data, under {@code /camunda/api/cockpit/plugin/enrollflow-board/{engine}/}: reached with the webapp's
 * session (Camunda's filters log the user in for the request and check CSRF on changes), answered within the caller's
 * campuses (the engine authentication is what {@code CampusScope} reads for webapp calls). Camunda lets any logged-in
 * webapp user through to a plugin resource, so the role is checked here: the report readers of /api/reports, 403 for
 * everyone else.
 */
@Path("plugin/" + BoardPlugin.ID)
public class BoardResource extends AbstractCockpitPluginRootResource {

    public BoardResource() {
        super(BoardPlugin.ID);
    }

    /**
     * The filters the caller may choose from: their campuses, teams, consultants and campaigns, the channels and
     * product lines, the breakdown's dimensions; whether the caller may open the opportunities behind a count, and
     * whether they read sales credit (业绩, a section the board leaves out for the others).
     */
    @GET
    @Path("{engine}/options")
    public Response options(@PathParam("engine") String engine) {
        return answer(engine, () -> {
            BoardServices services = BoardServices.get();
            @SuppressWarnings("unchecked")
            Map<String, Object> body = services.json.convertValue(services.funnels.options(), LinkedHashMap.class);
            // whether counts open the opportunities behind them (not for marketing: the families' names)
            body.put("opensOpportunities", services.callerReadsFunnelOpportunities());
            // whether 业绩 is shown at all (marketing opens the board but reads no one's credit)
            body.put("readsCredit", services.callerReadsCredit());
            // whether 服务水平 is shown (marketing opens the board but not the complaints and late tasks)
            body.put("readsServiceLevels", services.callerReadsServiceLevels());
            return json(body);
        });
    }

    @GET
    @Path("{engine}/funnel")
    public Response funnel(@PathParam("engine") String engine, @BeanParam BoardFilter f) {
        return answer(engine, () -> json(BoardServices.get().funnels.report(f.filter())));
    }

    /** The same funnel as 销售漏斗.xlsx. */
    @GET
    @Path("{engine}/funnel.xlsx")
    public Response funnelXlsx(@PathParam("engine") String engine, @BeanParam BoardFilter f) {
        return answer(engine, () -> {
            FunnelReport report = BoardServices.get().funnels.report(f.filter());
            return xlsx(BoardServices.get().workbook.xlsx(report), "funnel.xlsx", FunnelWorkbook.FILE_NAME);
        });
    }

    /** 分组对比: the funnel of the same filters, a line per campus, team, consultant, channel, campaign or product line. */
    @GET
    @Path("{engine}/breakdown")
    public Response breakdown(@PathParam("engine") String engine, @QueryParam("by") String by,
            @BeanParam BoardFilter f) {
        return answer(engine, () -> json(BoardServices.get().funnels.breakdown(f.filter(), by)));
    }

    @GET
    @Path("{engine}/breakdown.xlsx")
    public Response breakdownXlsx(@PathParam("engine") String engine, @QueryParam("by") String by,
            @BeanParam BoardFilter f) {
        return answer(engine, () -> xlsx(FunnelWorkbook.xlsx(BoardServices.get().funnels.breakdown(f.filter(), by)),
                "funnel-breakdown.xlsx",
                FunnelWorkbook.BREAKDOWN_FILE + ".xlsx"));
    }

    /** 穿透: the opportunities behind a stage's count, with the same filters. */
    @GET
    @Path("{engine}/opportunities")
    public Response opportunities(@PathParam("engine") String engine, @QueryParam("stage") String stage,
            @BeanParam BoardFilter f) {
        return answer(engine, () -> opportunityReaders(() -> json(BoardServices.get().drilldown.opportunities(
                f.filter(), stage))));
    }

    @GET
    @Path("{engine}/opportunities.xlsx")
    public Response opportunitiesXlsx(@PathParam("engine") String engine, @QueryParam("stage") String stage,
            @BeanParam BoardFilter f) {
        return answer(engine, () -> opportunityReaders(() -> xlsx(FunnelWorkbook.xlsx(BoardServices.get().drilldown
                .opportunities(f.filter(), stage)), "opportunities.xlsx", FunnelWorkbook.OPPORTUNITIES_FILE + ".xlsx")));
    }

    /**
     * One opportunity's timeline; {@code cockpitPath}: its process instance's page in Cockpit while it runs and the
     * caller may read it (Cockpit shows running instances only), otherwise null.
     */
    @GET
    @Path("{engine}/opportunities/{id}")
    public Response opportunity(@PathParam("engine") String engine, @PathParam("id") String id) {
        return answer(engine, () -> opportunityReaders(() -> {
            long opportunityId;
            try {
                opportunityId = Long.parseLong(id.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("id", "商机编号应为数字");
            }
            FunnelDrilldown.Timeline timeline = BoardServices.get().drilldown.timeline(opportunityId);
            String instance = timeline.opportunity().processInstanceId();
            boolean running = instance != null && BoardServices.get().callerSeesRunning(instance);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("opportunity", timeline.opportunity());
            body.put("events", timeline.events());
            body.put("cockpitPath", running ? "#/process-instance/" + instance + "/runtime" : null);
            return json(body);
        }));
    }

    /**
     * 销售过程跟踪: activity per team and consultant and time per stage in the period, and the opportunities stuck past
     * their recycle limits now (counted), under the funnel's filters.
     */
    @GET
    @Path("{engine}/sales-process")
    public Response salesProcess(@PathParam("engine") String engine, @BeanParam BoardFilter f) {
        return answer(engine, () -> json(BoardServices.get().salesProcess.report(f.filter())));
    }

    @GET
    @Path("{engine}/sales-process.xlsx")
    public Response salesProcessXlsx(@PathParam("engine") String engine, @BeanParam BoardFilter f) {
        return answer(engine, () -> xlsx(SalesProcessWorkbook.xlsx(BoardServices.get().salesProcess.report(
                f.filter())), "sales-process.xlsx", SalesProcessWorkbook.FILE + ".xlsx"));
    }

    /** The stuck opportunities listed, most overdue first: the families' names, so for the same roles as 穿透. */
    @GET
    @Path("{engine}/stuck")
    public Response stuck(@PathParam("engine") String engine, @BeanParam BoardFilter f) {
        return answer(engine, () -> opportunityReaders(() -> json(BoardServices.get().salesProcess.stuck(
                f.filter()))));
    }

    @GET
    @Path("{engine}/stuck.xlsx")
    public Response stuckXlsx(@PathParam("engine") String engine, @BeanParam BoardFilter f) {
        return answer(engine, () -> opportunityReaders(() -> xlsx(SalesProcessWorkbook.xlsx(BoardServices.get()
                .salesProcess.stuck(f.filter())), "stuck.xlsx", SalesProcessWorkbook.STUCK_FILE + ".xlsx")));
    }

    /** 服务水平: the complaints filed in the period (response and resolution), and the tasks past due now. */
    @GET
    @Path("{engine}/service-levels")
    public Response serviceLevels(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus) {
        return answer(engine, () -> serviceLevelReaders(() -> json(serviceLevelReport(BoardPeriod.of(from, to,
                campus)))));
    }

    @GET
    @Path("{engine}/service-levels.xlsx")
    public Response serviceLevelsXlsx(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus) {
        return answer(engine, () -> serviceLevelReaders(() -> xlsx(ServiceLevelExport.xlsx(serviceLevelReport(
                BoardPeriod.of(from, to, campus))), "service-levels.xlsx", "服务水平报表.xlsx")));
    }

    /** 超时未办任务 behind one count (穿透): the campus's late tasks of a role, or of one person. */
    @GET
    @Path("{engine}/service-levels/overdue-tasks")
    public Response overdueTasks(@PathParam("engine") String engine, @QueryParam("campus") String campus,
            @QueryParam("group") String group) {
        return answer(engine, () -> serviceLevelReaders(() -> {
            BoardPeriod p = BoardPeriod.now(campus);
            return json(BoardServices.get().serviceLevels.overdueTasks(p.visible(), p.campus(), group));
        }));
    }

    @GET
    @Path("{engine}/service-levels/overdue-tasks.xlsx")
    public Response overdueTasksXlsx(@PathParam("engine") String engine, @QueryParam("campus") String campus,
            @QueryParam("group") String group) {
        return answer(engine, () -> serviceLevelReaders(() -> {
            BoardPeriod p = BoardPeriod.now(campus);
            return xlsx(ServiceLevelExport.lateTasks(BoardServices.get().serviceLevels.overdueTasksExported(
                    p.visible(), p.campus(), group)), "overdue-tasks.xlsx", "超时未办任务明细.xlsx");
        }));
    }

    /** 满意度: the surveys sent in the period, per campus and teacher. */
    @GET
    @Path("{engine}/satisfaction")
    public Response satisfaction(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus) {
        return answer(engine, () -> json(satisfactionReport(BoardPeriod.of(from, to, campus))));
    }

    @GET
    @Path("{engine}/satisfaction.xlsx")
    public Response satisfactionXlsx(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus) {
        return answer(engine, () -> xlsx(SatisfactionWorkbook.xlsx(satisfactionReport(BoardPeriod.of(from, to,
                campus))), "satisfaction.xlsx", SatisfactionWorkbook.FILE_NAME));
    }

    /** 低分问卷: the low-score answers behind a 低分数 count, with the families' names, so for the roles of 穿透. */
    @GET
    @Path("{engine}/satisfaction/low-scores")
    public Response lowScores(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus, @QueryParam("teacher") String teacher) {
        return answer(engine, () -> opportunityReaders(() -> json(lowScores(BoardPeriod.of(from, to, campus),
                teacher))));
    }

    @GET
    @Path("{engine}/satisfaction/low-scores.xlsx")
    public Response lowScoresXlsx(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus, @QueryParam("teacher") String teacher) {
        return answer(engine, () -> opportunityReaders(() -> xlsx(SatisfactionWorkbook.lowScores(lowScores(
                BoardPeriod.of(from, to, campus), teacher)), "low-scores.xlsx",
                SatisfactionWorkbook.LOW_SCORES_NAME + ".xlsx")));
    }

    /** 续费: the renewals started in the period, per campus, consultant and teacher. */
    @GET
    @Path("{engine}/renewals")
    public Response renewals(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus) {
        return answer(engine, () -> json(renewalReport(BoardPeriod.of(from, to, campus))));
    }

    @GET
    @Path("{engine}/renewals.xlsx")
    public Response renewalsXlsx(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus) {
        return answer(engine, () -> xlsx(RenewalWorkbook.xlsx(renewalReport(BoardPeriod.of(from, to, campus))),
                "renewals.xlsx", RenewalWorkbook.FILE_NAME));
    }

    /** 续费明细: the renewals behind one count of 续费, with the families' names, so for the same roles as 穿透. */
    @GET
    @Path("{engine}/renewals/families")
    public Response renewalFamilies(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus,
            @QueryParam("consultant") String consultant, @QueryParam("teacher") String teacher,
            @QueryParam("status") String status) {
        return answer(engine, () -> opportunityReaders(() -> json(renewalFamilies(BoardPeriod.of(from, to, campus),
                consultant, teacher, status))));
    }

    @GET
    @Path("{engine}/renewals/families.xlsx")
    public Response renewalFamiliesXlsx(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus,
            @QueryParam("consultant") String consultant, @QueryParam("teacher") String teacher,
            @QueryParam("status") String status) {
        return answer(engine, () -> opportunityReaders(() -> xlsx(RenewalWorkbook.families(renewalFamilies(
                BoardPeriod.of(from, to, campus), consultant, teacher, status)), "renewal-families.xlsx",
                RenewalWorkbook.FAMILIES_NAME + ".xlsx")));
    }

    /** 业绩: credit per person and team in the period, net of refunds; only for those who read credit. */
    @GET
    @Path("{engine}/credit")
    public Response credit(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus) {
        return answer(engine, () -> creditReaders(() -> json(creditReport(BoardPeriod.of(from, to, campus)))));
    }

    @GET
    @Path("{engine}/credit.xlsx")
    public Response creditXlsx(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus) {
        return answer(engine, () -> creditReaders(() -> xlsx(CreditExport.xlsx(creditReport(BoardPeriod.of(from, to,
                campus))), "credit.xlsx", CreditExport.FILE + ".xlsx")));
    }

    /** 活动与渠道 ROI: the leads received in the period per campaign and channel. */
    @GET
    @Path("{engine}/campaigns")
    public Response campaigns(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus) {
        return answer(engine, () -> json(campaignReport(BoardPeriod.of(from, to, campus))));
    }

    @GET
    @Path("{engine}/campaigns.xlsx")
    public Response campaignsXlsx(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus) {
        return answer(engine, () -> xlsx(CampaignWorkbook.xlsx(campaignReport(BoardPeriod.of(from, to, campus))),
                "campaigns.xlsx", CampaignWorkbook.FILE_NAME));
    }

    /** 计划完成情况: the targets of the month the period ends in, with their actual and forecast. */
    @GET
    @Path("{engine}/targets")
    public Response targets(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus) {
        return answer(engine, () -> json(targetReport(BoardPeriod.of(from, to, campus))));
    }

    @GET
    @Path("{engine}/targets.xlsx")
    public Response targetsXlsx(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus) {
        return answer(engine, () -> xlsx(TargetWorkbook.xlsx(targetReport(BoardPeriod.of(from, to, campus))),
                "targets.xlsx", TargetWorkbook.FILE_NAME));
    }

    /** 价目表: each campus's price list as it stands on the period's last day (decision 566). */
    @GET
    @Path("{engine}/price-list")
    public Response priceList(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus) {
        return answer(engine, () -> json(priceListReport(BoardPeriod.of(from, to, campus))));
    }

    @GET
    @Path("{engine}/price-list.xlsx")
    public Response priceListXlsx(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus) {
        return answer(engine, () -> xlsx(PriceListReport.xlsx(priceListReport(BoardPeriod.of(from, to, campus))),
                "price-list.xlsx", PriceListReport.FILE_NAME));
    }

    /** 质检: the reviews of the weeks beginning in the period, per campus and person; people's scores, as 业绩. */
    @GET
    @Path("{engine}/quality")
    public Response quality(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus) {
        return answer(engine, () -> creditReaders(() -> json(qualityReport(BoardPeriod.of(from, to, campus)))));
    }

    @GET
    @Path("{engine}/quality.xlsx")
    public Response qualityXlsx(@PathParam("engine") String engine, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("campus") String campus) {
        return answer(engine, () -> creditReaders(() -> xlsx(QualityWorkbook.xlsx(qualityReport(BoardPeriod.of(from,
                to, campus))), "quality.xlsx", QualityWorkbook.FILE_NAME)));
    }

    private static QualityReport qualityReport(BoardPeriod p) {
        return BoardServices.get().quality.report(p.visible(), p.campus(), p.from(), p.to());
    }

    private static Response creditReaders(Supplier<Response> work) {
        return BoardServices.get().callerReadsCredit() ? work.get()
                : problem(403, "无权限", "业绩为个人绩效数据，只有销售主管、校区校长和总部可以查看", null);
    }

    private static Response serviceLevelReaders(Supplier<Response> work) {
        return BoardServices.get().callerReadsServiceLevels() ? work.get()
                : problem(403, "无权限", "服务水平（投诉处理和超时任务）只有客服、教务、销售主管、校区校长和总部可以查看", null);
    }

    private static Response opportunityReaders(Supplier<Response> work) {
        return BoardServices.get().callerReadsFunnelOpportunities() ? work.get()
                : problem(403, "无权限", "商机明细含家长姓名，只有销售主管、校区校长和总部可以查看", null);
    }

    private static RenewalReport.Families renewalFamilies(BoardPeriod p, String consultant, String teacher,
            String status) {
        return BoardServices.get().renewals.families(p.visible(), p.campus(), p.from(), p.to(), consultant, teacher,
                status);
    }

    private static CreditReport creditReport(BoardPeriod p) {
        return BoardServices.get().credit.report(p.visible(), p.campus(), p.from(), p.to());
    }

    private static CampaignReport campaignReport(BoardPeriod p) {
        return BoardServices.get().campaigns.report(p.visible(), p.campus(), p.from(), p.to());
    }

    private static TargetReport targetReport(BoardPeriod p) {
        return BoardServices.get().targets.report(p.campus(), YearMonth.from(p.to()).toString());
    }

    private static PriceListReport.Report priceListReport(BoardPeriod p) {
        return BoardServices.get().priceList.report(p.visible(), p.campus(), p.to());
    }

    private static ServiceLevelReport serviceLevelReport(BoardPeriod p) {
        return BoardServices.get().serviceLevels.report(p.visible(), p.campus(), p.from(), p.to());
    }

    /** The survey report has no campus filter of its own: one campus is the caller's scope narrowed to it. */
    private static SatisfactionReport.Report satisfactionReport(BoardPeriod p) {
        return BoardServices.get().satisfaction.report(p.narrowed(), p.from().atStartOfDay(BusinessTime.ZONE)
                .toOffsetDateTime(), p.to().plusDays(1).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime(),
                p.from().toString(), p.to().toString());
    }

    private static SatisfactionReport.LowScores lowScores(BoardPeriod p, String teacher) {
        return BoardServices.get().satisfaction.lowScores(p.visible(), p.campus(), p.from(), p.to(), teacher);
    }

    private static RenewalReport renewalReport(BoardPeriod p) {
        return BoardServices.get().renewals.report(p.visible(), p.campus(), p.from(), p.to());
    }

    private static Response xlsx(byte[] body, String asciiName, String name) {
        return PluginResponses.xlsx(body, asciiName, name);
    }

    /** The role check, then the answer; the application's exceptions as the same problem details /api gives. */
    private static Response answer(String engine, Supplier<Response> work) {
        return PluginResponses.answer(BoardServices.get().json, engine, BoardServices.get()::callerReadsReports,
                "当前用户的角色不能查看经营看板", work);
    }

    private static Response json(Object body) {
        return PluginResponses.json(BoardServices.get().json, 200, body);
    }

    private static Response problem(int status, String title, String detail, List<FieldProblem> problems) {
        return PluginResponses.problem(BoardServices.get().json, status, title, detail, problems);
    }
}
