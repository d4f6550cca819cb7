package com.enrollflow.reporting;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

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
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.Scope;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * 监管余额 (custodial balance) of the prepaid fees per campus, for finance: JSON, or a file to export (CSV for any
 * spreadsheet, or Excel). Each caller sees only the campuses of their data scope; head office sees every campus.
 */
@RestController
@RequestMapping("/api/reports/custodial-balance")
class CustodialBalanceController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final CustodialBalances balances;
    private final CampusScope scope;
    private final Campuses campuses;

    CustodialBalanceController(CustodialBalances balances, CampusScope scope, Campuses campuses) {
        this.balances = balances;
        this.scope = scope;
        this.campuses = campuses;
    }

    @Operation(summary = "资金监管余额：各校区已收、已消课时价值、已退与监管余额（可导出 CSV、Excel）",
            description = "监管余额 = 已收（已确认的收款）− 已消课时价值（每条合同课程：成交价 × 已消课时 ÷ 购买课时，按行四舍五入一次）"
                    + " − 已退（已退款金额）。每个校区附其资金监管账户。")
    @GetMapping
    ResponseEntity<?> custodialBalance(
            @Parameter(description = "校区：代码或名称（BJ-HD、北京海淀校区、海淀）；不填为可见的全部校区")
            @RequestParam(name = "campus", required = false) String campusGiven,
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
        String as = format == null || format.isBlank() ? "json" : format.strip().toLowerCase();
        if (!as.equals("json") && !as.equals("csv") && !as.equals("xlsx")) {
            rules.problem("format", "可选：json、csv、xlsx");
        }
        rules.throwIfAny();
        Scope visible = scope.current();
        if (campus != null && !visible.seesCampus(campus.code())) {
            throw new NotFoundException("您负责的校区中没有校区 " + campus.code() + " 的报表");
        }
        CustodialBalance report = balances.report(visible, campus == null ? null : campus.code());
        if (as.equals("json")) {
            return ResponseEntity.ok(report);
        }
        String name = "监管余额-" + DAY.format(report.asOf().atZoneSameInstant(BusinessTime.ZONE)) + "." + as;
        return ResponseEntity.ok()
                .contentType(as.equals("csv") ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                        : MediaType.parseMediaType(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8).build().toString())
                .body(as.equals("csv") ? CustodialBalanceExport.csv(report) : CustodialBalanceExport.xlsx(report));
    }
}
