package com.enrollflow.reporting;

import java.util.ArrayList;
import java.util.List;

import com.enrollflow.common.TableWorkbook;

/**
 * 销售过程跟踪 as Excel files, what the board shows: 销售过程.xlsx (activity per team and consultant, time per stage, the
 * stuck opportunities counted) and 停滞商机.xlsx (the stuck opportunities listed). Counts and hours are number cells.
 */
public final class SalesProcessWorkbook {

    public static final String FILE = "销售过程";
    public static final String STUCK_FILE = "停滞商机";

    private SalesProcessWorkbook() {
    }

    public static byte[] xlsx(SalesProcessReport report) {
        List<List<Object>> activity = new ArrayList<>();
        for (SalesProcessReport.Activity a : report.activity()) {
            activity.add(cells(a.teamName(), a.userId() == null ? "（团队合计）" : a.name(), a.received(), a.assigned(),
                    a.returned(), a.recycled(), a.closed(), a.won()));
        }
        List<List<Object>> times = new ArrayList<>();
        for (SalesProcessReport.StageTime t : report.stageTimes()) {
            times.add(cells(t.label(), t.count(), orNoData(t.averageHours()), orNoData(t.medianHours())));
        }
        SalesProcessReport.Stuck stuck = report.stuck();
        List<List<Object>> stuckCounts = new ArrayList<>();
        stuckCounts.add(cells("未结束商机", stuck.open()));
        stuckCounts.add(cells("停滞商机（超过时限）", stuck.stuck()));
        stuckCounts.add(cells("其中：超时未首次联系", stuck.notContacted()));
        stuckCounts.add(cells("其中：超时无进展", stuck.noProgress()));
        stuckCounts.add(cells("其中：免回收（锁定/VIP）", stuck.exempt()));
        stuck.byStage().forEach(c -> stuckCounts.add(cells("停在阶段：" + c.label(), c.count())));
        stuck.byWaiting().forEach(c -> stuckCounts.add(cells("所在位置：" + c.label(), c.count())));
        return TableWorkbook.xlsx(List.of(
                new TableWorkbook.Table("活动量", List.of("销售团队", "课程顾问", "接待量", "分配量", "退回量", "回收量", "关单量",
                        "成单量"), activity),
                new TableWorkbook.Table("阶段用时", List.of("阶段", "商机数", "平均用时（小时）", "中位用时（小时）"), times),
                new TableWorkbook.Table("停滞商机", List.of("分类", "数量"), stuckCounts),
                new TableWorkbook.Table("说明", List.of("说明"), List.of(List.of("统计期间 " + report.from() + " 至 "
                        + report.to() + "，筛选：" + (report.filters().isEmpty() ? "全部" : report.filters())),
                        List.of("停滞商机按当前时刻统计，不受统计期间限制；时限取自回收时限决策表（recycle-limits.dmn）")))));
    }

    public static byte[] xlsx(SalesProcessReport.StuckListing listing) {
        List<List<Object>> lines = new ArrayList<>();
        for (SalesProcessReport.StuckOpportunity o : listing.opportunities()) {
            lines.add(cells(o.id(), o.customerName(), o.campusName(), o.teamName(), o.waitingAt(), o.stageLabel(),
                    o.reasonLabel(), o.since(), o.limitShown(), o.overdueHours(), o.exemptReason()));
        }
        return TableWorkbook.xlsx(List.of(
                new TableWorkbook.Table(STUCK_FILE, List.of("商机编号", "客户", "校区", "销售团队", "当前所在", "所处阶段", "原因",
                        "最后进展", "时限", "超时（小时）", "免回收原因"), lines),
                new TableWorkbook.Table("说明", List.of("说明"), List.of(List.of("筛选：" + (listing.filters().isEmpty()
                        ? "全部" : listing.filters()) + "；共 " + listing.total() + " 个，列出超时最久的 "
                        + Math.min(listing.total(), listing.limit()) + " 个")))));
    }

    private static Object orNoData(Object value) {
        return value == null ? TableWorkbook.NO_DATA : value;
    }

    private static List<Object> cells(Object... values) {
        List<Object> cells = new ArrayList<>();
        for (Object v : values) {
            cells.add(v);
        }
        return cells;
    }
}
