package com.enrollflow.reporting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.common.TableWorkbook;
import com.enrollflow.reference.ReportRequests;
import com.enrollflow.reference.ReportRequests.ReportRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * 转介绍统计 for supervisors, directors, marketing and head office: JSON, or CSV for any spreadsheet. Each caller sees
 * the referrals of their campuses only.
 */
@RestController
@RequestMapping("/api/reports/referrals")
class ReferralReportController {

    private final ReferralReports reports;
    private final ReportRequests requests;

    ReferralReportController(ReferralReports reports, ReportRequests requests) {
        this.reports = reports;
        this.requests = requests;
    }

    @Operation(summary = "转介绍统计：每位介绍人的介绍数、已缴费数、转化率与已发放奖励（可导出 CSV）",
            description = "转化率 = 已缴费 ÷ 介绍数（介绍数为 0 时为空，表示无数据）。按被介绍家庭的商机所在校区统计。")
    @GetMapping
    ResponseEntity<?> referrals(
            @Parameter(description = "校区：代码或名称（BJ-HD、北京海淀校区、海淀）；不填为可见的全部校区")
            @RequestParam(name = "campus", required = false) String campusGiven,
            @Parameter(description = "登记转介绍的起始日期（含），如 2026-03-01")
            @RequestParam(name = "from", required = false) String fromGiven,
            @Parameter(description = "登记转介绍的截止日期（含）")
            @RequestParam(name = "to", required = false) String toGiven,
            @Parameter(description = "json（默认）或 csv（UTF-8，Excel 可直接打开）")
            @RequestParam(name = "format", required = false) String format) {
        ReportRequest asked = requests.read(campusGiven, fromGiven, toGiven, format, List.of("json", "csv"));
        ReferralReport report = reports.report(asked.visible(), asked.campus(), asked.from(), asked.to());
        return asked.json() ? ResponseEntity.ok(report) : asked.file("转介绍统计", csv(report));
    }

    /** One line per referrer, then 合计; 转化率 in percent with one decimal, 无数据 when nobody was referred. */
    static byte[] csv(ReferralReport report) {
        List<List<Object>> lines = new ArrayList<>();
        report.rows().forEach(row -> lines.add(line(String.valueOf(row.referrerCustomerId()), row.referrerName(),
                row.figures())));
        lines.add(line("", "合计", report.total()));
        return TableWorkbook.csv(List.of(new TableWorkbook.Table("转介绍统计", List.of("客户编号", "介绍人", "介绍数",
                "已缴费", "转化率（%）", "已发放奖励", "赠送课时", "代金券金额（元）", "已使用代金券（元）"), lines)));
    }

    private static List<Object> line(String id, String name, ReferralReport.Figures f) {
        return Arrays.asList(id, name, f.referred(), f.paid(), TableWorkbook.percent(f.conversion()),
                f.rewardsGranted(), f.giftedLessons(), f.voucherAmount().setScale(2), f.voucherRedeemed().setScale(2));
    }
}
