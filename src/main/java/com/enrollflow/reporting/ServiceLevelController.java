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
 * 服务水平报表 for customer service, academic affairs and the managers who answer for complaints: JSON, or CSV / Excel.
 * Each caller sees the complaints and tasks of their campuses only; head office sees every campus.
 */
@RestController
@RequestMapping("/api/reports/service-levels")
class ServiceLevelController {

    private final ServiceLevels levels;
    private final CampusScope scope;
    private final Campuses campuses;

    ServiceLevelController(ServiceLevels levels, CampusScope scope, Campuses campuses) {
        this.levels = levels;
        this.scope = scope;
        this.campuses = campuses;
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
        ServiceLevelReport report = levels.report(visible, campus == null ? null : campus.code(), from, to);
        if (as.equals("json")) {
            return ResponseEntity.ok(report);
        }
        return ResponseEntity.ok()
                .contentType(as.equals("csv") ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                        : MediaType.parseMediaType(CustodialBalanceController.XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("服务水平报表." + as, StandardCharsets.UTF_8).build().toString())
                .body(as.equals("csv") ? ServiceLevelExport.csv(report) : ServiceLevelExport.xlsx(report));
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
