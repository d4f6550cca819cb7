package com.enrollflow.pricing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.XlsxRows;

/**
 * 导入课时单价: head office changes many 1:1 prices at once from an Excel file (decision 571) — the 一对一课时单价 sheet
 * of 经营看板's 价目表 export, prices and 生效日期 edited where they change. Every row is a change as 调整课时单价 makes it;
 * a row whose price is already that day's price is left alone, so the rows nobody edited change nothing. All or
 * nothing: one bad row, and no price changes; every bad row is named with its column.
 */
@Service
public class PriceRateImport {

    /** The columns read, by their titles in the export; others (截止日期) are ignored. */
    static final Map<String, String> COLUMNS = columns();
    /** Four campuses × three levels × twelve grades × ten subjects is 1 440 rows: more than any price list. */
    static final int MAX_ROWS = 2000;
    private static final String ALL_GRADES = "所有年级";
    private static final String ALL_SUBJECTS = "所有科目";

    /** What the file did: its data rows, the prices changed (as staff read each change), the rows left alone. */
    public record Imported(String fileName, int rows, int changed, int unchanged, List<String> changes) {
    }

    private final PriceRateChanges changes;

    PriceRateImport(PriceRateChanges changes) {
        this.changes = changes;
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("campus", "校区");
        columns.put("teacherLevel", "教师级别");
        columns.put("grade", "年级");
        columns.put("subject", "科目");
        columns.put("lessonPrice", "每课时（元）");
        columns.put("validFrom", "生效日期");
        return columns;
    }

    @Transactional
    public Imported importRates(String fileName, byte[] bytes, String by) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidInputException("file", "文件为空");
        }
        if (fileName == null || !fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            throw new InvalidInputException("file", "请上传 Excel .xlsx 文件（经营看板「价目表」导出的格式）");
        }
        List<XlsxRows.RawRow> table;
        try {
            table = XlsxRows.read(bytes, MAX_ROWS + 1);
        } catch (IOException e) {
            throw new InvalidInputException("file", "无法读取 Excel 文件：" + e.getMessage());
        }
        if (table.isEmpty()) {
            throw new InvalidInputException("file", "文件没有内容");
        }
        Map<String, Integer> at = header(table.get(0).cells());
        List<FieldProblem> problems = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<Integer, PriceRateChanges.Request> toChange = new LinkedHashMap<>();
        int unchanged = 0;
        for (XlsxRows.RawRow row : table.subList(1, table.size())) {
            PriceRateChanges.Request r = new PriceRateChanges.Request(cell(row, at, "campus"),
                    cell(row, at, "teacherLevel"), any(cell(row, at, "grade"), ALL_GRADES),
                    any(cell(row, at, "subject"), ALL_SUBJECTS), cell(row, at, "lessonPrice"),
                    cell(row, at, "validFrom"));
            // the same price as the board writes it or as typed (BJ-HD, 北京海淀校区, 海淀; 初二, J2): one key
            String key = changes.keyOf(r);
            Integer first = seen.putIfAbsent(key, row.number());
            if (first != null) {
                problems.add(new FieldProblem("rows[" + row.number() + "]", "第 " + row.number() + " 行与第 " + first
                        + " 行是同一单价的同一生效日期，请只保留一行"));
                continue;
            }
            if (changes.unchanged(r)) {
                unchanged++;
                continue;
            }
            try {
                changes.check(r);
                toChange.put(row.number(), r);
            } catch (InvalidInputException e) {
                problems.addAll(ofRow(row.number(), e));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        // every row is good: now the changes, in the file's order (one the file itself made impossible, such as a
        // day before a later row's, is refused by its row and rolls back the rows before it)
        toChange.forEach((number, r) -> {
            try {
                changed.add(changes.change(r, by).summary());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(ofRow(number, e));
            }
        });
        return new Imported(fileName, table.size() - 1, changed.size(), unchanged, changed);
    }

    /** The problems of a row, each named by the row and the column: 第 5 行 每课时（元）：价格应大于 0. */
    private static List<FieldProblem> ofRow(int number, InvalidInputException e) {
        return e.problems().stream().map(p -> new FieldProblem("rows[" + number + "]." + p.field(), "第 " + number
                + " 行 " + COLUMNS.getOrDefault(p.field(), p.field()) + "：" + p.message())).toList();
    }

    /** The column of each field by its title; a title missing is the file's problem. */
    private static Map<String, Integer> header(List<String> titles) {
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < titles.size(); i++) {
            String title = titles.get(i) == null ? "" : titles.get(i).strip();
            int column = i;
            COLUMNS.forEach((field, name) -> {
                if (name.equals(title)) {
                    at.put(field, column);
                }
            });
        }
        List<String> missing = COLUMNS.entrySet().stream().filter(c -> !at.containsKey(c.getKey()))
                .map(Map.Entry::getValue).toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException("file", "第 1 行缺少列：" + String.join("、", missing) + "（应有 "
                    + String.join("、", COLUMNS.values()) + "，即经营看板「价目表」导出的“一对一课时单价”表）");
        }
        return at;
    }

    private static String cell(XlsxRows.RawRow row, Map<String, Integer> at, String field) {
        int column = at.get(field);
        String value = column < row.cells().size() ? row.cells().get(column) : null;
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** 所有年级 as the export writes an empty grade: empty again. */
    private static String any(String value, String all) {
        return all.equals(value) ? null : value;
    }
}
