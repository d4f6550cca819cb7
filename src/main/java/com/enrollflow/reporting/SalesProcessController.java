package com.enrollflow.reporting;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.reference.ReportRequests;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * 销售过程跟踪 ({@link SalesProcess}) for API clients: activity, stage times and stuck counts under the funnel's filters
 * (report readers), and the stuck opportunities listed with the families' names (the roles that may open the
 * opportunities behind a count; SecurityConfig).
 */
@RestController
@RequestMapping("/api/reports/sales-process")
class SalesProcessController {

    private final SalesProcess process;

    SalesProcessController(SalesProcess process) {
        this.process = process;
    }

    @Operation(summary = "销售过程跟踪：各团队与顾问的接待、分配、退回、回收、关单、成单量，各阶段用时，以及当前超过回收时限的停滞商机数（筛选条件与漏斗相同）")
    @GetMapping
    ResponseEntity<?> report(@RequestParam("from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam("to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(name = "campus", required = false) String campus,
            @RequestParam(name = "channel", required = false) String channel,
            @RequestParam(name = "campaign", required = false) String campaign,
            @RequestParam(name = "productLine", required = false) String productLine,
            @RequestParam(name = "team", required = false) String team,
            @Parameter(description = "课程顾问：员工账号（如 liwei）；活动量按经手人统计，停滞商机按当前负责人统计")
            @RequestParam(name = "consultant", required = false) String consultant,
            @Parameter(description = "json（默认）或 xlsx")
            @RequestParam(name = "format", required = false) String format) {
        boolean xlsx = ReportRequests.xlsxAsked(format);
        SalesProcessReport report = process.report(new Funnels.Filter(from, to, campus, channel, campaign,
                productLine, team, consultant));
        return xlsx ? new ReportRequests.ReportRequest(null, null, from, to, "xlsx").file(SalesProcessWorkbook.FILE,
                SalesProcessWorkbook.xlsx(report)) : ResponseEntity.ok(report);
    }

    @Operation(summary = "停滞商机明细：当前超过回收时限（recycle-limits.dmn）仍未推进的商机，超时最久的 200 个及总数")
    @GetMapping("/stuck")
    ResponseEntity<?> stuck(@RequestParam(name = "campus", required = false) String campus,
            @RequestParam(name = "channel", required = false) String channel,
            @RequestParam(name = "campaign", required = false) String campaign,
            @RequestParam(name = "productLine", required = false) String productLine,
            @RequestParam(name = "team", required = false) String team,
            @RequestParam(name = "consultant", required = false) String consultant,
            @RequestParam(name = "format", required = false) String format) {
        boolean xlsx = ReportRequests.xlsxAsked(format);
        SalesProcessReport.StuckListing listing = process.stuck(new Funnels.Filter(null, null, campus, channel,
                campaign, productLine, team, consultant));
        return xlsx ? new ReportRequests.ReportRequest(null, null, null, null, "xlsx").file(
                SalesProcessWorkbook.STUCK_FILE, SalesProcessWorkbook.xlsx(listing)) : ResponseEntity.ok(listing);
    }
}
