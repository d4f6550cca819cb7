package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * 服务水平报表: how quickly complaints are answered and resolved, per campus, per campus and category and per campus
 * and handler group, and the Camunda tasks past their due date per campus and candidate group. Every figure of a row
 * is about the complaints filed in the period; a rate or a time without anything to measure is null ("no data").
 */
public record ServiceLevelReport(OffsetDateTime asOf, LocalDate from, LocalDate to, String campus, List<Row> campuses,
        List<Row> categories, List<Row> handlerGroups, Figures total, List<OverdueTasks> overdueTasks) {

    /** A campus, or a category or handler group of a campus (the other key null). */
    public record Row(String campusCode, String campusName, String category, String categoryLabel,
            String handlerGroup, String handlerGroupLabel, Figures figures) {
    }

    /**
     * {@code responseDecided}: complaints answered, or whose first-response due has passed unanswered — the ones the
     * limit has been decided for; {@code responseOnTimePercent} = on time ÷ decided (one decimal). Likewise for the
     * resolution. Hours are wall-clock hours from filing (one decimal), over the complaints answered or resolved.
     * {@code openOverdue}: still open now, and past the first-response due unanswered or past the resolution due.
     */
    public record Figures(int filed, int respondedOnTime, int responseDecided, BigDecimal responseOnTimePercent,
            int resolvedOnTime, int resolutionDecided, BigDecimal resolutionOnTimePercent,
            BigDecimal medianResponseHours, BigDecimal averageResponseHours, BigDecimal medianResolutionHours,
            BigDecimal averageResolutionHours, int openOverdue) {
    }

    /** Open user tasks past their due date, of a campus, for a candidate group (null: a task of one person). */
    public record OverdueTasks(String campusCode, String campusName, String candidateGroup, String groupLabel,
            long count) {
    }

    /**
     * The late tasks behind one count (穿透): the first {@value ServiceLevels#LISTED}, most overdue first, and how many
     * there are in all ({@code total}).
     */
    public record OverdueTaskList(String campusCode, String campusName, String candidateGroup, String groupLabel,
            long total, List<LateTask> tasks) {
    }

    /**
     * One late task as a manager reads it: who holds it (待领取 when nobody claimed it), when it was due, how late it
     * is, the number of the opportunity or complaint it belongs to, and where it opens in Tasklist and Cockpit.
     */
    public record LateTask(String taskId, String name, String assignee, String due, String overdueShown,
            String businessKey, String tasklistPath, String cockpitPath) {
    }
}
