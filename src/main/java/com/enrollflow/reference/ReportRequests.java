package com.enrollflow.reference;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.NotFoundException;

/**
 * The filters every {@code /api/reports} answer takes alike: {@code campus} (code or name), {@code from} and {@code to}
 * (days, inclusive, Beijing) and {@code format}; each refused by name (400), a campus outside the caller's scope a 404.
 * One reading, so that every report refuses the same input with the same words.
 */
@Component
public class ReportRequests {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** What was asked, read and checked: the caller's scope, the campus code (null: all visible), the days, format. */
    public record ReportRequest(Scope visible, String campus, LocalDate from, LocalDate to, String format) {

        public boolean json() {
            return "json".equals(format);
        }

        /** The file in the asked format (csv, UTF-8; or xlsx) named {@code name}.{format}. */
        public ResponseEntity<byte[]> file(String name, byte[] body) {
            return ResponseEntity.ok()
                    .contentType("csv".equals(format) ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                            : MediaType.parseMediaType(XLSX))
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename(name + "." + format, StandardCharsets.UTF_8).build().toString())
                    .body(body);
        }
    }

    /** Whether {@code format} (json, the default, or xlsx) asks for Excel; anything else: 400 naming the field. */
    public static boolean xlsxAsked(String format) {
        String asked = format == null || format.isBlank() ? "json" : format.trim().toLowerCase(java.util.Locale.ROOT);
        if (!asked.equals("json") && !asked.equals("xlsx")) {
            throw new InvalidInputException("format", "可选 json 或 xlsx");
        }
        return asked.equals("xlsx");
    }

    private final Campuses campuses;
    private final CampusScope scope;

    ReportRequests(Campuses campuses, CampusScope scope) {
        this.campuses = campuses;
        this.scope = scope;
    }

    /**
     * Reads the filters; {@code formats} are the ones the report offers, json first. A report without a period passes
     * null for both days.
     */
    public ReportRequest read(String campusGiven, String fromGiven, String toGiven, String formatGiven,
            List<String> formats) {
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
        rules.period(from, to, "截止日期早于起始日期");
        String format = formatGiven == null || formatGiven.isBlank() ? formats.get(0)
                : formatGiven.strip().toLowerCase();
        if (!formats.contains(format)) {
            rules.problem("format", "可选：" + String.join("、", formats));
        }
        rules.throwIfAny();
        Scope visible = scope.current();
        if (campus != null && !visible.seesCampus(campus.code())) {
            throw new NotFoundException("您负责的校区中没有校区 " + campus.code() + " 的报表");
        }
        return new ReportRequest(visible, campus == null ? null : campus.code(), from, to, format);
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
