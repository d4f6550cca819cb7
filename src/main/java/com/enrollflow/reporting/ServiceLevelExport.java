package com.enrollflow.reporting;

import java.util.ArrayList;
import java.util.List;

import com.enrollflow.common.TableWorkbook;

/**
 * 服务水平报表 as a manager exports it, with Chinese headers: one table of complaint figures (校区, then each category
 * and handler group of the campus, and 合计) and one of overdue tasks. CSV in UTF-8 with a byte-order mark, the two
 * tables one after the other with an empty line between; Excel with a sheet each (服务水平, 超时任务). A rate or a time
 * without anything to measure reads 无数据.
 */
public final class ServiceLevelExport {

    static final List<String> HEADERS = List.of("校区代码", "校区", "维度", "分项", "投诉数", "按时首次响应", "应响应数",
            "按时响应率（%）", "按时解决", "应解决数", "按时解决率（%）", "首次响应中位时长（小时）", "首次响应平均时长（小时）",
            "解决中位时长（小时）", "解决平均时长（小时）", "未结超时");
    static final List<String> TASK_HEADERS = List.of("校区代码", "校区", "候选组", "角色", "超时未办任务");
    static final String SHEET = "服务水平";
    static final String TASK_SHEET = "超时任务";
    static final String NO_DATA = TableWorkbook.NO_DATA;

    private ServiceLevelExport() {
    }

    static byte[] csv(ServiceLevelReport report) {
        return TableWorkbook.csv(tables(report));
    }

    /** The two tables as sheets 服务水平 and 超时任务: what the Cockpit board exports too. */
    public static byte[] xlsx(ServiceLevelReport report) {
        return TableWorkbook.xlsx(tables(report));
    }

    private static List<TableWorkbook.Table> tables(ServiceLevelReport report) {
        return List.of(new TableWorkbook.Table(SHEET, HEADERS, lines(report)),
                new TableWorkbook.Table(TASK_SHEET, TASK_HEADERS, taskLines(report)));
    }

    /**
     * Campus, its categories and handler groups, then 合计; counts as int, rates (in percent, under a header ending in
     * （%）, as every export writes them) and hours as BigDecimal or null.
     */
    private static List<List<Object>> lines(ServiceLevelReport report) {
        List<List<Object>> lines = new ArrayList<>();
        for (ServiceLevelReport.Row campus : report.campuses()) {
            lines.add(line(campus.campusCode(), campus.campusName(), "校区", "全部", campus.figures()));
            for (ServiceLevelReport.Row c : report.categories()) {
                if (c.campusCode().equals(campus.campusCode())) {
                    lines.add(line(c.campusCode(), c.campusName(), "投诉类别", c.categoryLabel(), c.figures()));
                }
            }
            for (ServiceLevelReport.Row g : report.handlerGroups()) {
                if (g.campusCode().equals(campus.campusCode())) {
                    lines.add(line(g.campusCode(), g.campusName(), "处理角色", g.handlerGroupLabel(), g.figures()));
                }
            }
        }
        lines.add(line("合计", "", "", "", report.total()));
        return lines;
    }

    private static List<Object> line(String code, String name, String dimension, String item,
            ServiceLevelReport.Figures f) {
        List<Object> line = new ArrayList<>(List.of(code, name, dimension, item));
        line.add(f.filed());
        line.add(f.respondedOnTime());
        line.add(f.responseDecided());
        line.add(f.responseOnTimePercent());
        line.add(f.resolvedOnTime());
        line.add(f.resolutionDecided());
        line.add(f.resolutionOnTimePercent());
        line.add(f.medianResponseHours());
        line.add(f.averageResponseHours());
        line.add(f.medianResolutionHours());
        line.add(f.averageResolutionHours());
        line.add(f.openOverdue());
        return line;
    }

    private static List<List<Object>> taskLines(ServiceLevelReport report) {
        List<List<Object>> lines = new ArrayList<>();
        for (ServiceLevelReport.OverdueTasks t : report.overdueTasks()) {
            lines.add(java.util.Arrays.asList(t.campusCode(), t.campusName(),
                    t.candidateGroup() == null ? "" : t.candidateGroup(), t.groupLabel(), t.count()));
        }
        return lines;
    }

    static final List<String> LATE_HEADERS = List.of("校区", "角色", "任务", "办理人", "期限", "已超时", "商机/投诉编号");
    static final String LATE_SHEET = "超时未办任务明细";

    /** The late tasks behind one count, as listed on the board (up to {@value ServiceLevels#EXPORTED}). */
    public static byte[] lateTasks(ServiceLevelReport.OverdueTaskList list) {
        List<List<Object>> lines = new ArrayList<>();
        for (ServiceLevelReport.LateTask t : list.tasks()) {
            lines.add(java.util.Arrays.asList(list.campusName(), list.groupLabel(), t.name(), t.assignee(), t.due(),
                    t.overdueShown(), t.businessKey() == null ? "" : t.businessKey()));
        }
        return TableWorkbook.xlsx(List.of(new TableWorkbook.Table(LATE_SHEET, LATE_HEADERS, lines)));
    }
}
