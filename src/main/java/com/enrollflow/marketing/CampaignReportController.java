package com.enrollflow.marketing;

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

/** 活动与渠道 ROI for marketing, supervisors, directors and head office: JSON or CSV, within the caller's campuses. */
@RestController
class CampaignReportController {

    private final CampaignReports reports;
    private final ReportRequests requests;

    CampaignReportController(CampaignReports reports, ReportRequests requests) {
        this.reports = reports;
        this.requests = requests;
    }

    @Operation(summary = "活动与渠道 ROI：每个市场活动和每个渠道的新线索、成单、转化率、成交额、费用、每个成单学员的费用与投资回报率（可导出 CSV）",
            description = "转化率 = 成单 ÷ 新线索；每成单费用 = 费用 ÷ 成单；投资回报率 = (成交额 − 费用) ÷ 费用。分母为 0 或费用未登记时为空（无数据）。"
                    + "活动费用在其起止日期与所选期间重叠时全额计入。")
    @GetMapping("/api/reports/campaigns")
    ResponseEntity<?> campaigns(
            @Parameter(description = "校区：代码或名称；不填为可见的全部校区")
            @RequestParam(name = "campus", required = false) String campus,
            @Parameter(description = "线索接收的起始日期（含），如 2026-03-01")
            @RequestParam(name = "from", required = false) String from,
            @Parameter(description = "线索接收的截止日期（含）")
            @RequestParam(name = "to", required = false) String to,
            @Parameter(description = "json（默认）或 csv（UTF-8，Excel 可直接打开）")
            @RequestParam(name = "format", required = false) String format) {
        ReportRequest asked = requests.read(campus, from, to, format, List.of("json", "csv"));
        CampaignReport report = reports.report(asked.visible(), asked.campus(), asked.from(), asked.to());
        return asked.json() ? ResponseEntity.ok(report) : asked.file("活动与渠道ROI", csv(report));
    }

    static byte[] csv(CampaignReport report) {
        return TableWorkbook.csv(CampaignWorkbook.tables(report));
    }
}
