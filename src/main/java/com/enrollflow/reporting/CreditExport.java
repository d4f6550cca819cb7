package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.enrollflow.common.TableWorkbook;

/**
 * 业绩报表 as a manager exports it, with Chinese headers: one table, the people (维度 个人), then the teams (团队), then
 * 合计. CSV in UTF-8 with a byte-order mark; Excel with one sheet 业绩, counts and amounts as number cells so a
 * manager can go on calculating. 单均业绩 without an order reads 无数据.
 */
public final class CreditExport {

    static final List<String> HEADERS = List.of("维度", "校区代码", "校区", "团队编号", "团队", "工号", "姓名",
            "业绩分配方式", "成单数", "其中续费单数", "业绩（元）", "退费冲减（元）", "净业绩（元）", "续费业绩（元）",
            "新签业绩（元）", "单均业绩（元）");
    static final String SHEET = "业绩";
    public static final String FILE = "业绩报表";

    private CreditExport() {
    }

    static byte[] csv(CreditReport report) {
        return TableWorkbook.csv(tables(report));
    }

    public static byte[] xlsx(CreditReport report) {
        return TableWorkbook.xlsx(tables(report));
    }

    private static List<TableWorkbook.Table> tables(CreditReport report) {
        return List.of(new TableWorkbook.Table(SHEET, HEADERS, lines(report)));
    }

    /** People, teams, then 合计; counts as long, amounts as BigDecimal, 单均业绩 null when there is no order. */
    static List<List<Object>> lines(CreditReport report) {
        List<List<Object>> lines = new ArrayList<>();
        for (CreditReport.Row p : report.people()) {
            lines.add(line("个人", p));
        }
        for (CreditReport.Row t : report.teams()) {
            lines.add(line("团队", t));
        }
        lines.add(line("合计", new CreditReport.Row("", "", "", "", "", "", "", report.total())));
        return lines;
    }

    private static List<Object> line(String dimension, CreditReport.Row row) {
        CreditReport.Figures f = row.figures();
        return Arrays.asList(dimension, orEmpty(row.campusCode()), orEmpty(row.campusName()), orEmpty(row.teamId()),
                orEmpty(row.teamName()), orEmpty(row.userId()), orEmpty(row.name()), orEmpty(row.policies()),
                f.orders(), f.renewalOrders(), f.credited(), f.reversed(), f.net(), f.renewalNet(), f.newNet(),
                f.perOrder());
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
