package com.enrollflow.planning;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.common.TableWorkbook;
import com.enrollflow.reference.ReportRequests;
import com.enrollflow.reference.ReportRequests.ReportRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/** 销售计划: targets set by campus directors, and how far each has come. */
@RestController
class SalesTargetController {

    private final SalesTargets targets;
    private final TargetReports reports;
    private final ReportRequests requests;

    SalesTargetController(SalesTargets targets, TargetReports reports, ReportRequests requests) {
        this.targets = targets;
        this.reports = reports;
        this.requests = requests;
    }

    @Operation(summary = "设定销售目标（校区校长）：campus（校区）、team（团队，可选）、productLine（产品线，可选）、period（2026 或 2026-11）、"
            + "revenue（目标收入，元）、orders（目标单数，可选）；同一目标再次设定即替换")
    @PutMapping("/api/sales-targets")
    SalesTarget set(@RequestBody(required = false) SalesTargets.Request request, Authentication user) {
        return targets.set(request, user.getName());
    }

    @Operation(summary = "可见的销售目标")
    @GetMapping("/api/sales-targets")
    List<SalesTarget> list(@RequestParam(name = "period", required = false) String period) {
        return targets.visible(null, period == null || period.isBlank() ? null : period.strip());
    }

    @Operation(summary = "目标修改记录：可见校区的每次目标设定（谁、何时、设为多少），最新在前，最多 500 条")
    @GetMapping("/api/sales-targets/history")
    List<SalesTarget> history(
            @Parameter(description = "校区：代码或名称；不填为可见的全部校区")
            @RequestParam(name = "campus", required = false) String campus,
            @Parameter(description = "期间：年份（2026）或年月（2026-11）；不填为全部")
            @RequestParam(name = "period", required = false) String period) {
        ReportRequest asked = requests.read(campus, null, null, null, List.of("json"));
        return targets.history(asked.campus(), period == null || period.isBlank() ? null : period.strip());
    }

    @Operation(summary = "计划完成情况：每个目标的实际收入与单数、完成率，以及预测（当前商机按各阶段实测成单率和平均单价折算）（可导出 CSV）",
            description = "实际 = 期间内缴费的订单（新签与续费）的合同金额；完成率 = 实际 ÷ 目标；预测 = 实际 + Σ 各阶段未成单商机数 × 该阶段近 180 天成单率 × 平均单价。")
    @GetMapping("/api/reports/targets")
    ResponseEntity<?> report(
            @Parameter(description = "期间：年份（2026）或年月（2026-11），必填")
            @RequestParam(name = "period", required = false) String period,
            @Parameter(description = "校区：代码或名称；不填为可见的全部校区")
            @RequestParam(name = "campus", required = false) String campus,
            @Parameter(description = "json（默认）或 csv")
            @RequestParam(name = "format", required = false) String format) {
        ReportRequest asked = requests.read(campus, null, null, format, List.of("json", "csv"));
        TargetReport report = reports.report(asked.campus(), period);
        return asked.json() ? ResponseEntity.ok(report) : asked.file("计划完成情况-" + report.period(), csv(report));
    }

    static byte[] csv(TargetReport report) {
        return TableWorkbook.csv(TargetWorkbook.tables(report));
    }
}
