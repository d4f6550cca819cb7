package com.enrollflow.renewal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.enrollflow.common.TableWorkbook;

/**
 * 续费统计 as an Excel file (sheet 续费统计): the columns of the CSV export — slice (校区 / 课程顾问 / 授课教师), code,
 * name, the counts, 续费率 in percent with one decimal (无数据 when nothing was due) and the amount — the total last.
 */
public final class RenewalWorkbook {

    public static final String FILE_NAME = "续费统计.xlsx";
    public static final String SHEET = "续费统计";
    static final List<String> HEADERS = List.of("维度", "编号", "名称", "应续", "已续费", "不续费", "作废", "进行中",
            "续费率（%）", "续费金额（元）");

    private RenewalWorkbook() {
    }

    public static byte[] xlsx(RenewalReport report) {
        return TableWorkbook.xlsx(tables(report));
    }

    /** The report's one table, for the Excel file and the CSV alike. */
    static List<TableWorkbook.Table> tables(RenewalReport report) {
        List<List<Object>> lines = new ArrayList<>();
        report.byCampus().forEach(r -> lines.add(line("校区", r)));
        report.byConsultant().forEach(r -> lines.add(line("课程顾问", r)));
        report.byTeacher().forEach(r -> lines.add(line("授课教师", r)));
        lines.add(line("合计", new RenewalReport.Row("", "合计", report.total())));
        return List.of(new TableWorkbook.Table(SHEET, HEADERS, lines));
    }

    /** The name of the 续费明细 file, without its extension (as the report's file names are given). */
    public static final String FAMILIES_NAME = "续费明细";
    static final List<String> FAMILY_HEADERS = List.of("续费编号", "商机编号", "家长", "校区", "课程顾问", "授课教师",
            "状态", "不续费原因", "发起时间", "结束时间", "续费金额（元）");

    /** 续费明细: the renewals behind one count, one sheet, the filters and the state in its title line. */
    public static byte[] families(RenewalReport.Families families) {
        List<List<Object>> lines = new ArrayList<>();
        families.renewals().forEach(f -> lines.add(Arrays.asList(f.renewalNo(), f.opportunityId(), f.customerName(),
                f.campusName(), f.consultantName(), f.teacherName(), f.statusLabel(), f.declineReason(), f.startedAt(),
                f.decidedAt(), f.amount())));
        return TableWorkbook.xlsx(List.of(new TableWorkbook.Table(FAMILIES_NAME, FAMILY_HEADERS, lines)));
    }

    private static List<Object> line(String slice, RenewalReport.Row row) {
        RenewalReport.Figures f = row.figures();
        return Arrays.asList(slice, row.key(), row.name(), f.due(), f.renewed(), f.declined(), f.cancelled(),
                f.underWay(), TableWorkbook.percent(f.rate()), f.renewedAmount());
    }

}
