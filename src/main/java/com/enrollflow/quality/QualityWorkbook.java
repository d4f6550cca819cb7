package com.enrollflow.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.enrollflow.common.TableWorkbook;

/**
 * 质检报表 as an Excel file or CSV (sheet 质检报表): slice (校区 / 人员), code, name, campus, the counts and the average
 * score (无数据 when nothing is scored), the total last.
 */
public final class QualityWorkbook {

    public static final String NAME = "质检报表";
    public static final String FILE_NAME = NAME + ".xlsx";
    static final List<String> HEADERS = List.of("维度", "编号", "名称", "校区", "抽检", "已评分", "平均分", "低分",
            "已辅导", "辅导取消", "待评分", "待辅导");

    private QualityWorkbook() {
    }

    public static byte[] xlsx(QualityReport report) {
        return TableWorkbook.xlsx(tables(report));
    }

    static List<TableWorkbook.Table> tables(QualityReport report) {
        List<List<Object>> lines = new ArrayList<>();
        report.byCampus().forEach(r -> lines.add(line("校区", r)));
        report.byStaff().forEach(r -> lines.add(line("人员", r)));
        lines.add(line("合计", new QualityReport.Row("", "合计", "", report.total())));
        return List.of(new TableWorkbook.Table(NAME, HEADERS, lines));
    }

    private static List<Object> line(String slice, QualityReport.Row row) {
        QualityReport.Figures f = row.figures();
        return Arrays.asList(slice, row.key(), row.name(), row.campusName() == null ? "" : row.campusName(),
                f.sampled(), f.scored(), f.average() == null ? TableWorkbook.NO_DATA : f.average(), f.low(),
                f.coached(), f.withdrawn(), f.awaitingScore(), f.awaitingCoaching());
    }
}
