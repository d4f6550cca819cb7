package com.enrollflow.reporting;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.ReportRequests;
import com.enrollflow.reference.ReportRequests.ReportRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * 监管余额 (custodial balance) of the prepaid fees per campus, for finance: JSON, or a file to export (CSV for any
 * spreadsheet, or Excel). Each caller sees only the campuses of their data scope; head office sees every campus.
 */
@RestController
@RequestMapping("/api/reports/custodial-balance")
class CustodialBalanceController {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final CustodialBalances balances;
    private final ReportRequests requests;

    CustodialBalanceController(CustodialBalances balances, ReportRequests requests) {
        this.balances = balances;
        this.requests = requests;
    }

    @Operation(summary = "资金监管余额：各校区已收、已消课时价值、已退、已扣手续费（已退清的退费所扣）与监管余额（可导出 CSV、Excel）",
            description = "监管余额 = 已收（已确认的收款）− 已消课时价值（每条合同课程：成交价 × 已消课时 ÷ 购买课时，按行四舍五入一次）"
                    + " − 已退（已退款金额）。每个校区附其资金监管账户。")
    @GetMapping
    ResponseEntity<?> custodialBalance(
            @Parameter(description = "校区：代码或名称（BJ-HD、北京海淀校区、海淀）；不填为可见的全部校区")
            @RequestParam(name = "campus", required = false) String campusGiven,
            @Parameter(description = "json（默认）、csv（UTF-8，Excel 可直接打开）或 xlsx")
            @RequestParam(name = "format", required = false) String format) {
        ReportRequest asked = requests.read(campusGiven, null, null, format, List.of("json", "csv", "xlsx"));
        CustodialBalance report = balances.report(asked.visible(), asked.campus());
        return asked.json() ? ResponseEntity.ok(report) : asked.file("监管余额-"
                + DAY.format(report.asOf().atZoneSameInstant(BusinessTime.ZONE)), "csv".equals(asked.format())
                        ? CustodialBalanceExport.csv(report) : CustodialBalanceExport.xlsx(report));
    }
}
