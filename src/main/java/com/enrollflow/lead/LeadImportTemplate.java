package com.enrollflow.lead;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

import com.enrollflow.common.Coded;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Scope;

/**
 * The lead list template marketing downloads (线索导入模板.xlsx): sheet 线索 with the Chinese headers the import
 * reads, a drop-down list of the allowed Chinese values on every coded column (校区: the campuses the downloader
 * may import for), sheet 填写说明 with the rules and an example row, and the lists themselves on a hidden sheet.
 * The example stays off sheet 线索, so a template uploaded as downloaded imports nothing made up.
 */
@Component
public class LeadImportTemplate {

    public static final String FILE_NAME = "线索导入模板.xlsx";
    static final String DATA_SHEET = "线索";
    static final String HELP_SHEET = "填写说明";
    static final String LISTS_SHEET = "选项";

    private final CampusRepository campuses;
    private final CampusScope scope;

    LeadImportTemplate(CampusRepository campuses, CampusScope scope) {
        this.campuses = campuses;
        this.scope = scope;
    }

    /** The template for the caller: the drop-down list of 校区 holds the campuses they work for. */
    public byte[] workbook() {
        Scope visible = scope.current();
        List<Campus> ownCampuses = campuses.findActiveSeenBy(visible);
        Map<LeadColumns, List<String>> choices = choices(ownCampuses);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(workbook);
            Sheet data = workbook.createSheet(DATA_SHEET);
            Sheet help = workbook.createSheet(HELP_SHEET);
            Sheet lists = workbook.createSheet(LISTS_SHEET);
            writeHeaders(data, styles, true);
            data.createFreezePane(0, 1);
            Map<LeadColumns, String> listNames = writeLists(workbook, lists, choices);
            addDropDowns(data, listNames);
            writeHelp(help, styles, choices, ownCampuses);
            workbook.setSheetHidden(workbook.getSheetIndex(lists), true);
            workbook.setActiveSheet(0);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Chinese values each coded column offers: the labels of its codes, the campus names for 校区. */
    private static Map<LeadColumns, List<String>> choices(List<Campus> ownCampuses) {
        Map<LeadColumns, List<String>> choices = new LinkedHashMap<>();
        for (LeadColumns column : LeadColumns.values()) {
            column.codes().ifPresent(type -> choices.put(column,
                    Arrays.stream(type.getEnumConstants()).map(Coded::label).toList()));
            if (column == LeadColumns.CAMPUS) {
                choices.put(column, ownCampuses.stream().map(Campus::name).toList());
            }
        }
        return choices;
    }

    private static void writeHeaders(Sheet sheet, Styles styles, boolean withNotes) {
        Row header = sheet.createRow(0);
        for (LeadColumns column : LeadColumns.values()) {
            var cell = header.createCell(column.ordinal());
            cell.setCellValue(column.title());
            cell.setCellStyle(column.required() ? styles.requiredHeader : styles.header);
            sheet.setColumnWidth(column.ordinal(), width(column) * 256);
            if (column == LeadColumns.PHONE || column == LeadColumns.REFERRER_PHONE) {
                sheet.setDefaultColumnStyle(column.ordinal(), styles.text);
            }
            if (withNotes) {
                cell.setCellComment(note(sheet, column, column.required() ? "必填。" + hint(column) : hint(column)));
            }
        }
    }

    private static int width(LeadColumns column) {
        return switch (column) {
            case NAME, CHANNEL, PRODUCT_LINE, GRADE, SUBJECT, REFERRER -> 14;
            case PHONE, CAMPUS, CAMPAIGN, REFERRER_PHONE -> 18;
            case EMAIL -> 26;
            case GOAL, NOTES -> 32;
            case STUDENT_BIRTH_DATE -> 14;
        };
    }

    private static String hint(LeadColumns column) {
        return switch (column) {
            case NAME -> "学生或家长姓名，最多 64 个字。";
            case PHONE -> "手机或座机，可带 +86、空格或横线。";
            case CHANNEL -> "从下拉列表选择；不填按“市场活动”登记。";
            case EMAIL -> "可不填。";
            case CAMPUS -> "从下拉列表选择意向校区；不填则由呼叫中心跟进。";
            case PRODUCT_LINE, GRADE, SUBJECT -> "从下拉列表选择，可不填。";
            case GOAL -> "例如：期末数学提高到 110 分。";
            case CAMPAIGN -> "活动名称，不填则用导入时选择的活动。";
            case REFERRER -> "转介绍时填写介绍人姓名。";
            case REFERRER_PHONE -> "渠道为“转介绍”时可填：介绍人须是本校区已登记的客户，成单后发放转介绍奖励。";
            case NOTES -> "其他需要顾问知道的情况。";
            case STUDENT_BIRTH_DATE -> "可不填；格式 2012-05-20，用于生日问候。";
        };
    }

    private static Comment note(Sheet sheet, LeadColumns column, String text) {
        var helper = sheet.getWorkbook().getCreationHelper();
        ClientAnchor anchor = helper.createClientAnchor();
        anchor.setCol1(column.ordinal());
        anchor.setCol2(column.ordinal() + 3);
        anchor.setRow1(0);
        anchor.setRow2(3);
        Comment comment = sheet.createDrawingPatriarch().createCellComment(anchor);
        comment.setString(helper.createRichTextString(text));
        comment.setAuthor("EnrollFlow");
        return comment;
    }

    /** One column per coded field on the hidden sheet, each behind a workbook name the drop-down refers to. */
    private static Map<LeadColumns, String> writeLists(XSSFWorkbook workbook, Sheet lists,
            Map<LeadColumns, List<String>> choices) {
        Map<LeadColumns, String> names = new LinkedHashMap<>();
        Row header = lists.getRow(0) == null ? lists.createRow(0) : lists.getRow(0);
        int col = 0;
        for (Map.Entry<LeadColumns, List<String>> entry : choices.entrySet()) {
            header.createCell(col).setCellValue(entry.getKey().title());
            List<String> values = entry.getValue();
            for (int i = 0; i < values.size(); i++) {
                Row row = lists.getRow(i + 1) == null ? lists.createRow(i + 1) : lists.getRow(i + 1);
                row.createCell(col).setCellValue(values.get(i));
            }
            if (!values.isEmpty()) {
                Name name = workbook.createName();
                name.setNameName(listName(entry.getKey()));
                String letter = CellReference.convertNumToColString(col);
                name.setRefersToFormula("'" + LISTS_SHEET + "'!$" + letter + "$2:$" + letter + "$" + (values.size() + 1));
                names.put(entry.getKey(), name.getNameName());
            }
            col++;
        }
        return names;
    }

    /** The workbook name of a column's list, e.g. "List_grade". */
    static String listName(LeadColumns column) {
        return "List_" + column.field();
    }

    private static void addDropDowns(Sheet data, Map<LeadColumns, String> listNames) {
        DataValidationHelper helper = data.getDataValidationHelper();
        for (Map.Entry<LeadColumns, String> entry : listNames.entrySet()) {
            int col = entry.getKey().ordinal();
            CellRangeAddressList cells = new CellRangeAddressList(1, LeadImportService.MAX_ROWS, col, col);
            DataValidation validation = helper.createValidation(helper.createFormulaListConstraint(entry.getValue()),
                    cells);
            validation.setSuppressDropDownArrow(true); // POI writes showDropDown="0" for XSSF: Excel shows the arrow
            validation.setEmptyCellAllowed(true);
            validation.setShowErrorBox(true);
            validation.setErrorStyle(DataValidation.ErrorStyle.STOP);
            validation.createErrorBox("请从列表中选择", entry.getKey().title() + "请从下拉列表中选择（见“" + HELP_SHEET + "”）");
            validation.setShowPromptBox(true);
            validation.createPromptBox(entry.getKey().title(), hint(entry.getKey()));
            data.addValidationData(validation);
        }
    }

    private static void writeHelp(Sheet help, Styles styles, Map<LeadColumns, List<String>> choices,
            List<Campus> ownCampuses) {
        List<String> lines = new ArrayList<>(List.of(
                "线索导入模板：每行一位客户，在“" + DATA_SHEET + "”表填写后，在 Tasklist 页头的“导入线索”中上传本文件。",
                "必填：姓名、电话。其余各列可不填；渠道不填按“市场活动”登记。",
                "渠道、校区、产品线、年级、科目请从下拉列表选择；也可以填写代码（如 J2、BJ-HD）或常用写法（如 初中二年级、1对1、海淀）。",
                "转介绍：渠道选“转介绍”，介绍人手机号填介绍人（本校区已登记的客户）的手机号，成单后为其发放转介绍奖励；"
                        + "只知道姓名时填在转介绍人一列。",
                "同一文件重复上传不会重复登记；已有跟进中商机的客户转给原负责人跟进（客户再次咨询）。",
                "一次最多 " + LeadImportService.MAX_ROWS + " 行。导入结果逐行说明：成功、重复，或哪一列有什么问题。",
                "",
                "示例（请勿填在本表，填在“" + DATA_SHEET + "”表）："));
        int r = 0;
        for (String line : lines) {
            help.createRow(r++).createCell(0).setCellValue(line);
        }
        Row header = help.createRow(r++);
        Row example = help.createRow(r++);
        for (LeadColumns column : LeadColumns.values()) {
            var cell = header.createCell(column.ordinal());
            cell.setCellValue(column.title());
            cell.setCellStyle(column.required() ? styles.requiredHeader : styles.header);
            example.createCell(column.ordinal()).setCellValue(example(column, ownCampuses));
            help.setColumnWidth(column.ordinal(), width(column) * 256);
        }
        r++;
        help.createRow(r++).createCell(0).setCellValue("各列可选的值：");
        for (Map.Entry<LeadColumns, List<String>> entry : choices.entrySet()) {
            Row row = help.createRow(r++);
            row.createCell(0).setCellValue(entry.getKey().title());
            row.createCell(1).setCellValue(String.join("、", entry.getValue()));
        }
    }

    /** The example row: a plausible lead whose every coded cell is a value of the drop-down list. */
    static String example(LeadColumns column, List<Campus> ownCampuses) {
        return switch (column) {
            case NAME -> "张小明";
            case PHONE -> "138-0013-8000";
            case CHANNEL -> "电话接访";
            case EMAIL -> "zhang.xiaoming@example.com";
            case CAMPUS -> ownCampuses.isEmpty() ? "" : ownCampuses.get(0).name();
            case PRODUCT_LINE -> "一对一";
            case GRADE -> "初二";
            case SUBJECT -> "数学";
            case GOAL -> "期末数学提高到 110 分";
            case CAMPAIGN -> "春季讲座";
            case REFERRER, REFERRER_PHONE -> "";
            case NOTES -> "周末下午方便接电话";
            case STUDENT_BIRTH_DATE -> "2012-05-20";
        };
    }

    private static final class Styles {
        final CellStyle header;
        final CellStyle requiredHeader;
        final CellStyle text;

        Styles(XSSFWorkbook workbook) {
            header = headerStyle(workbook, IndexedColors.BLACK);
            requiredHeader = headerStyle(workbook, IndexedColors.DARK_RED);
            text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
        }

        private static CellStyle headerStyle(XSSFWorkbook workbook, IndexedColors color) {
            Font font = workbook.createFont();
            font.setBold(true);
            font.setColor(color.getIndex());
            CellStyle style = workbook.createCellStyle();
            style.setFont(font);
            style.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            style.setBorderBottom(BorderStyle.THIN);
            return style;
        }
    }
}
