package com.enrollflow.renewal;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
        List<List<Object>> lines = new ArrayList<>();
        report.byCampus().forEach(r -> lines.add(line("校区", r)));
        report.byConsultant().forEach(r -> lines.add(line("课程顾问", r)));
        report.byTeacher().forEach(r -> lines.add(line("授课教师", r)));
        lines.add(line("合计", new RenewalReport.Row("", "合计", report.total())));
        return TableWorkbook.xlsx(List.of(new TableWorkbook.Table(SHEET, HEADERS, lines)));
    }

    private static List<Object> line(String slice, RenewalReport.Row row) {
        RenewalReport.Figures f = row.figures();
        return Arrays.asList(slice, row.key(), row.name(), f.due(), f.renewed(), f.declined(), f.cancelled(),
                f.underWay(), percent(f.rate()), f.renewedAmount());
    }

    /** The rate (a fraction, 4 decimals) as a percent with one decimal, null for 无数据. */
    static BigDecimal percent(BigDecimal rate) {
        return rate == null ? null : rate.movePointRight(2).setScale(1, RoundingMode.HALF_UP);
    }
}
