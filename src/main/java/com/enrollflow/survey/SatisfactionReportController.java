package com.enrollflow.survey;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.common.InputRules;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.ReportRequests;

import io.swagger.v3.oas.annotations.Operation;

/** 满意度报表 for managers: GET /api/reports/satisfaction?from=2026-11-01&to=2026-11-30 (dates inclusive, Beijing). */
@RestController
class SatisfactionReportController {

    private final SatisfactionReport report;
    private final CampusScope scope;
    private final ReportRequests requests;

    SatisfactionReportController(SatisfactionReport report, CampusScope scope, ReportRequests requests) {
        this.report = report;
        this.scope = scope;
        this.requests = requests;
    }

    @Operation(summary = "低分问卷：满意度报表中低分数背后的答卷（家长、授课教师、三项评分和意见），最新的 200 份（可导出 Excel）",
            description = "与满意度报表相同的日期（问卷发送日），可选校区和授课教师；低分 = 任一项评分 2 分及以下。"
                    + "含家长姓名：只有销售主管、校区校长和总部可以查看。")
    @GetMapping("/api/reports/satisfaction/low-scores")
    ResponseEntity<?> lowScores(@RequestParam(name = "campus", required = false) String campus,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "teacher", required = false) String teacher,
            @RequestParam(name = "format", required = false) String format) {
        ReportRequests.ReportRequest asked = requests.read(campus, from, to, format, java.util.List.of("json", "xlsx"));
        SatisfactionReport.LowScores listing = report.lowScores(asked.visible(), asked.campus(), asked.from(),
                asked.to(), teacher);
        return asked.json() ? ResponseEntity.ok(listing)
                : asked.file(SatisfactionWorkbook.LOW_SCORES_NAME, SatisfactionWorkbook.lowScores(listing));
    }

    @Operation(summary = "满意度报表：各校区、各老师的问卷发送数、回收数、回收率、三项平均分（1–5）和低分数（问卷发送日在 from–to 之间；format=xlsx 导出 Excel）")
    @GetMapping("/api/reports/satisfaction")
    ResponseEntity<?> satisfaction(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "format", required = false) String format) {
        InputRules rules = new InputRules();
        LocalDate f = date(rules, "from", from);
        LocalDate t = date(rules, "to", to);
        rules.period(f, t, "结束日期不能早于开始日期");
        String as = format == null || format.isBlank() ? "json" : format.strip().toLowerCase();
        if (!as.equals("json") && !as.equals("xlsx")) {
            rules.problem("format", "可选：json、xlsx");
        }
        rules.throwIfAny();
        SatisfactionReport.Report answer = report.report(scope.current(), f.atStartOfDay(BusinessTime.ZONE)
                .toOffsetDateTime(), t.plusDays(1).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime(), f.toString(),
                t.toString());
        if (as.equals("json")) {
            return ResponseEntity.ok(answer);
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(ReportRequests.XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(SatisfactionWorkbook.FILE_NAME, StandardCharsets.UTF_8).build().toString())
                .body(SatisfactionWorkbook.xlsx(answer));
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
