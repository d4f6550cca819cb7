package com.enrollflow.reporting;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.reference.ReportRequests;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * The funnel ({@link Funnels}) for API clients (HTTP Basic): the funnel with its previous period, the breakdown by a
 * dimension and the opportunities behind a count ({@link FunnelDrilldown}); the Cockpit board reads the same through
 * its plugin.
 */
@RestController
@RequestMapping("/api/reports/funnel")
class FunnelController {

    private final Funnels funnels;
    private final FunnelDrilldown drilldown;

    FunnelController(Funnels funnels, FunnelDrilldown drilldown) {
        this.funnels = funnels;
        this.drilldown = drilldown;
    }

    @Operation(summary = "销售漏斗：各阶段数量与转化率，及上期（之前同样天数）对比（按日期、校区、渠道、活动、产品线、团队、顾问筛选）")
    @GetMapping
    FunnelReport funnel(@RequestParam("from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam("to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "校区：代码或名称（BJ-HD、北京海淀校区、海淀）")
            @RequestParam(name = "campus", required = false) String campus,
            @Parameter(description = "渠道：代码或中文（PHONE、电话接访、电话）")
            @RequestParam(name = "channel", required = false) String channel,
            @Parameter(description = "市场活动名称（不区分大小写）")
            @RequestParam(name = "campaign", required = false) String campaign,
            @Parameter(description = "产品线：代码或中文（ONE_ON_ONE、一对一；CLASS、班课）")
            @RequestParam(name = "productLine", required = false) String productLine,
            @Parameter(description = "销售团队：编号或名称（BJHD1V1、海淀一对一组）")
            @RequestParam(name = "team", required = false) String team,
            @Parameter(description = "课程顾问：员工账号（如 liwei），按商机当前负责人统计")
            @RequestParam(name = "consultant", required = false) String consultant) {
        return funnels.report(new Funnels.Filter(from, to, campus, channel, campaign, productLine, team, consultant));
    }

    @Operation(summary = "漏斗分组对比：按校区、团队、顾问、渠道、市场活动或产品线分行列出各阶段数量与转化率（可导出 Excel）")
    @GetMapping("/breakdown")
    ResponseEntity<?> breakdown(@RequestParam("from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam("to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "分组方式：CAMPUS、TEAM、CONSULTANT、CHANNEL、CAMPAIGN、PRODUCT_LINE（或中文：校区、销售团队、课程顾问、渠道、市场活动、产品线）")
            @RequestParam(name = "by", required = false) String by,
            @RequestParam(name = "campus", required = false) String campus,
            @RequestParam(name = "channel", required = false) String channel,
            @RequestParam(name = "campaign", required = false) String campaign,
            @RequestParam(name = "productLine", required = false) String productLine,
            @RequestParam(name = "team", required = false) String team,
            @RequestParam(name = "consultant", required = false) String consultant,
            @Parameter(description = "json（默认）或 xlsx")
            @RequestParam(name = "format", required = false) String format) {
        boolean xlsx = ReportRequests.xlsxAsked(format);
        FunnelBreakdown breakdown = funnels.breakdown(new Funnels.Filter(from, to, campus, channel, campaign,
                productLine, team, consultant), by);
        return !xlsx ? ResponseEntity.ok(breakdown)
                : new ReportRequests.ReportRequest(null, null, from, to, "xlsx").file(FunnelWorkbook.BREAKDOWN_FILE,
                        FunnelWorkbook.xlsx(breakdown));
    }

    @Operation(summary = "漏斗穿透：某阶段数量背后的商机（最新的 200 个，及总数），筛选条件与漏斗相同")
    @GetMapping("/opportunities")
    ResponseEntity<?> opportunities(
            @RequestParam("from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam("to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "漏斗阶段：leads、valid、intent、agreed、visited、planned、paid（或中文，如 成单缴费量）")
            @RequestParam(name = "stage", required = false) String stage,
            @RequestParam(name = "campus", required = false) String campus,
            @RequestParam(name = "channel", required = false) String channel,
            @RequestParam(name = "campaign", required = false) String campaign,
            @RequestParam(name = "productLine", required = false) String productLine,
            @RequestParam(name = "team", required = false) String team,
            @RequestParam(name = "consultant", required = false) String consultant,
            @Parameter(description = "json（默认）或 xlsx")
            @RequestParam(name = "format", required = false) String format) {
        boolean xlsx = ReportRequests.xlsxAsked(format);
        FunnelDrilldown.Listing listing = drilldown.opportunities(new Funnels.Filter(from, to, campus, channel,
                campaign, productLine, team, consultant), stage);
        return xlsx ? new ReportRequests.ReportRequest(null, null, from, to, "xlsx").file(
                FunnelWorkbook.OPPORTUNITIES_FILE, FunnelWorkbook.xlsx(listing)) : ResponseEntity.ok(listing);
    }

    @Operation(summary = "商机动态：一个商机的负责人、状态与全部动态（本人负责的校区内）")
    @GetMapping("/opportunities/{id}")
    FunnelDrilldown.Timeline timeline(@PathVariable("id") long id) {
        return drilldown.timeline(id);
    }
}
