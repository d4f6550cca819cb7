package com.enrollflow.survey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.enrollflow.common.TableWorkbook;

/**
 * 满意度报表 as an Excel file: sheet 满意度（校区） with a line per campus, sheet 满意度（教师） with a line per teacher
 * of a campus; rates and averages as numbers, 无数据 where no survey was answered.
 */
public final class SatisfactionWorkbook {

    public static final String FILE_NAME = "满意度报表.xlsx";
    public static final String CAMPUS_SHEET = "满意度（校区）";
    public static final String TEACHER_SHEET = "满意度（教师）";
    static final List<String> CAMPUS_HEADERS = List.of("校区代码", "校区", "发送问卷", "回收问卷", "回收率（%）",
            "教师平均分", "课程平均分", "服务平均分", "低分数");
    static final List<String> TEACHER_HEADERS = List.of("校区代码", "校区", "教师编号", "教师", "发送问卷", "回收问卷",
            "回收率（%）", "教师平均分", "课程平均分", "服务平均分", "低分数");

    /** The 低分问卷 file's name without its extension. */
    public static final String LOW_SCORES_NAME = "低分问卷";
    static final List<String> LOW_SCORE_HEADERS = List.of("问卷编号", "商机编号", "家长", "校区", "授课教师", "调查时点",
            "发送时间", "回答时间", "教师评分", "课程评分", "服务评分", "意见");

    private SatisfactionWorkbook() {
    }

    /** 低分问卷: the low-score answers behind a count, one sheet. */
    public static byte[] lowScores(SatisfactionReport.LowScores listing) {
        List<List<Object>> lines = new ArrayList<>();
        listing.surveys().forEach(r -> lines.add(Arrays.asList(r.surveyId(), r.opportunityId(), r.customerName(),
                r.campusName(), r.teacherName(), r.occasionLabel(), r.sentAt(), r.answeredAt(), r.teacherRating(),
                r.courseRating(), r.serviceRating(), r.comment())));
        return TableWorkbook.xlsx(List.of(new TableWorkbook.Table(LOW_SCORES_NAME, LOW_SCORE_HEADERS, lines)));
    }

    public static byte[] xlsx(SatisfactionReport.Report report) {
        List<List<Object>> campuses = new ArrayList<>();
        for (SatisfactionReport.Row r : report.campuses()) {
            campuses.add(Arrays.asList(r.campusCode(), r.campusName(), r.sent(), r.answered(), r.responseRate(),
                    r.teacherAverage(), r.courseAverage(), r.serviceAverage(), r.lowScores()));
        }
        List<List<Object>> teachers = new ArrayList<>();
        for (SatisfactionReport.Row r : report.teachers()) {
            teachers.add(Arrays.asList(r.campusCode(), r.campusName(), r.teacherId(), r.teacherName(), r.sent(),
                    r.answered(), r.responseRate(), r.teacherAverage(), r.courseAverage(), r.serviceAverage(),
                    r.lowScores()));
        }
        return TableWorkbook.xlsx(List.of(new TableWorkbook.Table(CAMPUS_SHEET, CAMPUS_HEADERS, campuses),
                new TableWorkbook.Table(TEACHER_SHEET, TEACHER_HEADERS, teachers)));
    }
}
