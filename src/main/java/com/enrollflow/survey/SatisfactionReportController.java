package com.enrollflow.survey;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.common.InputRules;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusScope;

import io.swagger.v3.oas.annotations.Operation;

/** 满意度报表 for managers: GET /api/reports/satisfaction?from=2026-11-01&to=2026-11-30 (dates inclusive, Beijing). */
@RestController
class SatisfactionReportController {

    private final SatisfactionReport report;
    private final CampusScope scope;

    SatisfactionReportController(SatisfactionReport report, CampusScope scope) {
        this.report = report;
        this.scope = scope;
    }

    @Operation(summary = "满意度报表：各校区、各老师的问卷发送数、回收数、回收率、三项平均分（1–5）和低分数（问卷发送日在 from–to 之间）")
    @GetMapping("/api/reports/satisfaction")
    SatisfactionReport.Report satisfaction(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to) {
        InputRules rules = new InputRules();
        LocalDate f = date(rules, "from", from);
        LocalDate t = date(rules, "to", to);
        if (f != null && t != null && t.isBefore(f)) {
            rules.problem("to", "结束日期不能早于开始日期");
        }
        rules.throwIfAny();
        return report.report(scope.current(), f.atStartOfDay(BusinessTime.ZONE).toOffsetDateTime(),
                t.plusDays(1).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime(), f.toString(), t.toString());
    }

    private static LocalDate date(InputRules rules, String field, String value) {
        String text = rules.required(field, value, 10);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            rules.problem(field, "日期格式应为 2026-11-30");
            return null;
        }
    }
}
