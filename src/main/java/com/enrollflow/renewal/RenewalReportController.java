package com.enrollflow.renewal;

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
 * 续费统计 for supervisors, directors, marketing, customer service and head office: JSON, or CSV for any spreadsheet;
 * each caller sees the renewals of their campuses only. Renewals are not in the new-lead funnel.
 */
@RestController
class RenewalReportController {

    private final RenewalReports reports;
    private final ReportRequests requests;

    RenewalReportController(RenewalReports reports, ReportRequests requests) {
        this.reports = reports;
        this.requests = requests;
    }

    @Operation(summary = "续费统计：按校区、课程顾问、授课教师的应续、已续费、不续费、作废、进行中、续费率与续费金额（可导出 CSV、Excel）",
            description = "应续 = 期间内发起的续费（剩余课时不足自动发起，或家长提出）；续费率 = 已续费 ÷ 应续（应续为 0 时为空，表示无数据）。")
    @GetMapping("/api/reports/renewals")
    ResponseEntity<?> renewals(
            @Parameter(description = "校区：代码或名称（BJ-HD、北京海淀校区、海淀）；不填为可见的全部校区")
            @RequestParam(name = "campus", required = false) String campusGiven,
            @Parameter(description = "发起续费的起始日期（含），如 2026-03-01")
            @RequestParam(name = "from", required = false) String fromGiven,
            @Parameter(description = "发起续费的截止日期（含）")
            @RequestParam(name = "to", required = false) String toGiven,
            @Parameter(description = "json（默认）、csv（UTF-8，Excel 可直接打开）或 xlsx")
            @RequestParam(name = "format", required = false) String format) {
        ReportRequest asked = requests.read(campusGiven, fromGiven, toGiven, format, List.of("json", "csv", "xlsx"));
        RenewalReport report = reports.report(asked.visible(), asked.campus(), asked.from(), asked.to());
        return asked.json() ? ResponseEntity.ok(report) : asked.file("续费统计",
                "csv".equals(asked.format()) ? csv(report) : RenewalWorkbook.xlsx(report));
    }

    @Operation(summary = "续费明细：续费统计中一个数字背后的续费（家长姓名、课程顾问、授课教师、状态、续费金额），最新的 200 个（可导出 Excel）",
            description = "与续费统计相同的校区和日期，加上一行的课程顾问或授课教师（无则填 -）和一列的状态："
                    + "due（应续）、renewed（已续费）、declined（不续费）、cancelled（作废）、underWay（进行中）。"
                    + "含家长姓名：只有销售主管、校区校长和总部可以查看。")
    @GetMapping("/api/reports/renewals/families")
    ResponseEntity<?> families(
            @Parameter(description = "校区：代码或名称；不填为可见的全部校区")
            @RequestParam(name = "campus", required = false) String campusGiven,
            @Parameter(description = "发起续费的起始日期（含）") @RequestParam(name = "from", required = false) String fromGiven,
            @Parameter(description = "发起续费的截止日期（含）") @RequestParam(name = "to", required = false) String toGiven,
            @Parameter(description = "课程顾问的员工账号；- 为无课程顾问")
            @RequestParam(name = "consultant", required = false) String consultant,
            @Parameter(description = "授课教师编号；- 为未上课") @RequestParam(name = "teacher", required = false) String teacher,
            @Parameter(description = "due、renewed、declined、cancelled 或 underWay（也可填 应续、已续费、不续费、作废、进行中）")
            @RequestParam(name = "status", required = false) String status,
            @Parameter(description = "json（默认）或 xlsx") @RequestParam(name = "format", required = false) String format) {
        ReportRequest asked = requests.read(campusGiven, fromGiven, toGiven, format, List.of("json", "xlsx"));
        RenewalReport.Families families = reports.families(asked.visible(), asked.campus(), asked.from(), asked.to(),
                consultant, teacher, status);
        return asked.json() ? ResponseEntity.ok(families)
                : asked.file(RenewalWorkbook.FAMILIES_NAME, RenewalWorkbook.families(families));
    }

    /** One table: the slice (校区 / 课程顾问 / 授课教师), its name and the figures; the total last. */
    static byte[] csv(RenewalReport report) {
        return TableWorkbook.csv(RenewalWorkbook.tables(report));
    }
}
