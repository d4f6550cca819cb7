package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.util.List;

/**
 * 销售过程跟踪: what happened to the opportunities after assignment in the period (activity counts per team and
 * consultant, time from one stage to the next) and, as of now, the open opportunities stuck past the limits of
 * recycle-limits.dmn ({@link SalesProcess}).
 */
public record SalesProcessReport(String from, String to, String filters, List<Activity> activity,
        List<StageTime> stageTimes, Stuck stuck) {

    /**
     * One team's activity ({@code userId} null: the team as a whole) or one consultant's within a team: 接待量, 分配量,
     * 退回量, 回收量, 关单量, 成单量.
     */
    public record Activity(String teamId, String teamName, String userId, String name, long received, long assigned,
            long returned, long recycled, long closed, long won) {
    }

    /**
     * From one stage to the next ({@code key}: the later stage, or firstContact for 分配到首次联系): how many opportunities
     * took that step in the period, and how long it took them on average and at the median; in hours, and as staff
     * read it (小时 under two days, 天 beyond); null without any.
     */
    public record StageTime(String key, String label, long count, BigDecimal averageHours, BigDecimal medianHours,
            String averageShown, String medianShown) {
    }

    /**
     * The open opportunities past their limit now (not bound to the period): {@code open} of them in all,
     * {@code stuck} past the limit, of which {@code notContacted} were never contacted and {@code noProgress} made no
     * progress, {@code exempt} exempt from recycling (locked or VIP, so no timer takes them); counted by the stage
     * reached and by where they wait.
     */
    public record Stuck(long open, long stuck, long notContacted, long noProgress, long exempt, List<Count> byStage,
            List<Count> byWaiting) {
    }

    /** A count and what staff read for it. */
    public record Count(String label, long count) {
    }

    /** The stuck opportunities, most overdue first: {@code total} of them, the first {@code limit} listed. */
    public record StuckListing(String filters, long total, int limit, List<StuckOpportunity> opportunities) {
    }

    /**
     * One stuck opportunity: the family, where it stands and waits, since when nothing moved (Beijing time), the
     * limit that applies (as written in the table and in Chinese) and by how many hours it is past it.
     */
    public record StuckOpportunity(long id, String customerName, String campusName, String teamName,
            String waitingAt, String stageLabel, String reasonLabel, String since, String limit, String limitShown,
            BigDecimal overdueHours, String overdueShown, String exemptReason, String processInstanceId) {
    }
}
