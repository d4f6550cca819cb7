package com.enrollflow.reporting;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.reference.ReportRequests;
import com.enrollflow.reference.ReportRequests.ReportRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * 业绩报表 for sales supervisors, campus directors and head office: JSON, or CSV / Excel. Each caller sees the credit
 * of their campuses' deals only; consultants, marketing and teachers may not read it (decision 322).
 */
@RestController
@RequestMapping("/api/reports/credit")
class CreditReportController {

    private final CreditReports reports;
    private final ReportRequests requests;

    CreditReportController(CreditReports reports, ReportRequests requests) {
        this.reports = reports;
        this.requests = requests;
    }

    @Operation(summary = "业绩报表：每人、每个团队的成单数、业绩、退费冲减、净业绩、续费业绩与单均业绩（可导出 CSV、Excel）",
            description = "业绩按记录日期（缴费）计入，退费冲减按退款打款日期计入：本月退费减少本月净业绩。净业绩 = 业绩 − 退费冲减；"
                    + "新签业绩 = 净业绩 − 续费业绩；单均业绩 = 业绩 ÷ 成单数（无成单时为空，表示无数据），对照每单收入目标 158–398 元。")
    @GetMapping
    ResponseEntity<?> credit(
            @Parameter(description = "校区：代码或名称（BJ-HD、北京海淀校区、海淀）；不填为可见的全部校区")
            @RequestParam(name = "campus", required = false) String campusGiven,
            @Parameter(description = "起始日期（含，北京时间），如 2026-03-01")
            @RequestParam(name = "from", required = false) String fromGiven,
            @Parameter(description = "截止日期（含，北京时间）")
            @RequestParam(name = "to", required = false) String toGiven,
            @Parameter(description = "json（默认）、csv（UTF-8，Excel 可直接打开）或 xlsx")
            @RequestParam(name = "format", required = false) String format) {
        ReportRequest asked = requests.read(campusGiven, fromGiven, toGiven, format, List.of("json", "csv", "xlsx"));
        CreditReport report = reports.report(asked.visible(), asked.campus(), asked.from(), asked.to());
        return asked.json() ? ResponseEntity.ok(report) : asked.file(CreditExport.FILE,
                "csv".equals(asked.format()) ? CreditExport.csv(report) : CreditExport.xlsx(report));
    }
}
