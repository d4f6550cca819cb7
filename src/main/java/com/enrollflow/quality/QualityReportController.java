package com.enrollflow.quality;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.common.TableWorkbook;
import com.enrollflow.reference.ReportRequests;
import com.enrollflow.reference.ReportRequests.ReportRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * 质检报表 for sales supervisors, campus directors and head office (a person's scores are performance data, as 业绩 is):
 * JSON, CSV or Excel, within the caller's campuses.
 */
@RestController
class QualityReportController {

    private final QualityReports reports;
    private final ReportRequests requests;

    QualityReportController(QualityReports reports, ReportRequests requests) {
        this.reports = reports;
        this.requests = requests;
    }

    @Operation(summary = "质检报表：按校区和人员的抽检、已评分、平均分、低分、已辅导、辅导取消、待评分、待辅导（可导出 CSV、Excel）",
            description = "按被检查的那一周的周一计入期间；平均分为已评分条目的平均（无评分时为空，表示无数据）；"
                    + "低分为不高于当周辅导分数线的评分；待辅导 = 低分 − 已辅导 − 辅导取消。")
    @GetMapping("/api/reports/quality")
    ResponseEntity<?> quality(
            @Parameter(description = "校区：代码或名称（BJ-HD、北京海淀校区、海淀）；不填为可见的全部校区")
            @RequestParam(name = "campus", required = false) String campusGiven,
            @Parameter(description = "被检查周的周一不早于此日期，如 2026-11-02")
            @RequestParam(name = "from", required = false) String fromGiven,
            @Parameter(description = "被检查周的周一不晚于此日期")
            @RequestParam(name = "to", required = false) String toGiven,
            @Parameter(description = "json（默认）、csv（UTF-8，Excel 可直接打开）或 xlsx")
            @RequestParam(name = "format", required = false) String format) {
        ReportRequest asked = requests.read(campusGiven, fromGiven, toGiven, format, List.of("json", "csv", "xlsx"));
        QualityReport report = reports.report(asked.visible(), asked.campus(), asked.from(), asked.to());
        return asked.json() ? ResponseEntity.ok(report) : asked.file(QualityWorkbook.NAME,
                "csv".equals(asked.format()) ? TableWorkbook.csv(QualityWorkbook.tables(report))
                        : QualityWorkbook.xlsx(report));
    }
}
