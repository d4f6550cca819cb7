package com.enrollflow.reporting;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.common.InputRules;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.Scope;

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
    private final CampusScope scope;
    private final Campuses campuses;

    CreditReportController(CreditReports reports, CampusScope scope, Campuses campuses) {
        this.reports = reports;
        this.scope = scope;
        this.campuses = campuses;
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
        InputRules rules = new InputRules();
        Campus campus = null;
        Campuses.Match match = campuses.find(campusGiven);
        if (match.found()) {
            campus = match.campus();
        } else if (match.problem() != null) {
            rules.problem("campus", match.problem());
        }
        LocalDate from = date(rules, "from", fromGiven);
        LocalDate to = date(rules, "to", toGiven);
        if (from != null && to != null && to.isBefore(from)) {
            rules.problem("to", "截止日期早于起始日期");
        }
        String as = format == null || format.isBlank() ? "json" : format.strip().toLowerCase();
        if (!as.equals("json") && !as.equals("csv") && !as.equals("xlsx")) {
            rules.problem("format", "可选：json、csv、xlsx");
        }
        rules.throwIfAny();
        Scope visible = scope.current();
        if (campus != null && !visible.seesCampus(campus.code())) {
            throw new NotFoundException("您负责的校区中没有校区 " + campus.code() + " 的报表");
        }
        CreditReport report = reports.report(visible, campus == null ? null : campus.code(), from, to);
        if (as.equals("json")) {
            return ResponseEntity.ok(report);
        }
        return ResponseEntity.ok()
                .contentType(as.equals("csv") ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                        : MediaType.parseMediaType(CustodialBalanceController.XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(CreditExport.FILE + "." + as, StandardCharsets.UTF_8).build().toString())
                .body(as.equals("csv") ? CreditExport.csv(report) : CreditExport.xlsx(report));
    }

    private static LocalDate date(InputRules rules, String field, String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(given.strip());
        } catch (DateTimeParseException e) {
            rules.problem(field, "不是日期（格式 2026-03-01）：“" + InputRules.abbreviate(given) + "”");
            return null;
        }
    }
}
