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
 * 服务水平报表 for customer service, academic affairs and the managers who answer for complaints: JSON, or CSV / Excel.
 * Each caller sees the complaints and tasks of their campuses only; head office sees every campus.
 */
@RestController
@RequestMapping("/api/reports/service-levels")
class ServiceLevelController {

    private final ServiceLevels levels;
    private final ReportRequests requests;

    ServiceLevelController(ServiceLevels levels, ReportRequests requests) {
        this.levels = levels;
        this.requests = requests;
    }

    @Operation(summary = "服务水平报表：各校区（及各投诉类别、处理角色）的投诉数、按时响应率、按时解决率、响应与解决时长、未结超时，以及各候选组超时未办任务（可导出 CSV、Excel）",
            description = "按时响应率 = 按时首次响应 ÷ 应响应数（已响应的，加上已过响应期限仍未响应的）；按时解决率同理。分母为 0 时为空，表示无数据。时长为自登记起的自然小时。")
    @GetMapping
    ResponseEntity<?> serviceLevels(
            @Parameter(description = "校区：代码或名称（BJ-HD、北京海淀校区、海淀）；不填为可见的全部校区")
            @RequestParam(name = "campus", required = false) String campusGiven,
            @Parameter(description = "投诉登记的起始日期（含，北京时间），如 2026-03-01")
            @RequestParam(name = "from", required = false) String fromGiven,
            @Parameter(description = "投诉登记的截止日期（含）")
            @RequestParam(name = "to", required = false) String toGiven,
            @Parameter(description = "json（默认）、csv（UTF-8，Excel 可直接打开）或 xlsx")
            @RequestParam(name = "format", required = false) String format) {
        ReportRequest asked = requests.read(campusGiven, fromGiven, toGiven, format, List.of("json", "csv", "xlsx"));
        ServiceLevelReport report = levels.report(asked.visible(), asked.campus(), asked.from(), asked.to());
        return asked.json() ? ResponseEntity.ok(report) : asked.file("服务水平报表",
                "csv".equals(asked.format()) ? ServiceLevelExport.csv(report) : ServiceLevelExport.xlsx(report));
    }

    @Operation(summary = "超时未办任务明细（穿透）：某校区某角色（或个人任务）已过期限仍未办理的任务，超时最久的在前，最多 200 条并给出总数",
            description = "group 为角色代码或中文名（如 customerService、客服、教务），个人任务填“个人任务”。每条给出任务名称、办理人（未领取为“待领取”）、期限、已超时、所属商机或投诉编号，以及在任务列表（Tasklist）和 Cockpit 中打开的路径。")
    @GetMapping("/overdue-tasks")
    ResponseEntity<?> overdueTasks(
            @Parameter(description = "校区：代码或名称（BJ-HD、北京海淀校区、海淀），必填")
            @RequestParam(name = "campus", required = false) String campusGiven,
            @Parameter(description = "角色：代码或中文名（客服、教务 …），或“个人任务”")
            @RequestParam(name = "group", required = false) String group,
            @Parameter(description = "json（默认，最多 200 条）或 xlsx（最多 2000 条）")
            @RequestParam(name = "format", required = false) String format) {
        ReportRequest asked = requests.read(campusGiven, null, null, format, List.of("json", "xlsx"));
        return asked.json() ? ResponseEntity.ok(levels.overdueTasks(asked.visible(), asked.campus(), group))
                : asked.file("超时未办任务明细", ServiceLevelExport.lateTasks(
                        levels.overdueTasksExported(asked.visible(), asked.campus(), group)));
    }
}
