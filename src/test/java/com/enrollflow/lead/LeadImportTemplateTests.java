package com.enrollflow.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.enrollflow.common.Coded;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.Channel;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The import template (GET /api/leads/import/template) read back with POI as Excel would: Chinese headers that the
 * import reads, a drop-down list of the allowed Chinese values on every coded column, an example, and a template
 * that imports once filled in.
 */
@EnrollFlowTest
class LeadImportTemplateTests {

    static final List<String> HEADERS = List.of("姓名", "电话", "渠道", "邮箱", "校区", "产品线", "年级", "科目", "学习目标",
            "活动", "转介绍人", "介绍人手机号", "备注", "学生生日");

    @Autowired
    TestRestTemplate http;
    @Autowired
    Leads leads;
    @Autowired
    CampusRepository campuses;

    @Test
    void shouldOfferAWorkbookWithChineseHeadersAndADropDownOfTheAllowedValuesOnEveryCodedColumn() throws Exception {
        ResponseEntity<byte[]> answer = http.withBasicAuth("lujun", "demo").getForEntity("/api/leads/import/template",
                byte[].class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getContentType().toString())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(answer.getHeaders().getContentDisposition().getFilename()).isEqualTo("线索导入模板.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(answer.getBody()))) {
            Sheet data = workbook.getSheetAt(0);
            assertThat(data.getSheetName()).isEqualTo("线索");
            assertThat(cells(data.getRow(0))).containsExactlyElementsOf(HEADERS);
            assertThat(data.getLastRowNum()).as("no made-up row to import by mistake").isZero();

            Map<String, List<String>> dropDowns = dropDowns(workbook, data);
            assertThat(dropDowns).containsOnlyKeys("渠道", "校区", "产品线", "年级", "科目");
            assertThat(dropDowns.get("渠道")).containsExactlyElementsOf(labels(Channel.class));
            assertThat(dropDowns.get("产品线")).containsExactlyElementsOf(labels(ProductLine.class));
            assertThat(dropDowns.get("年级")).containsExactlyElementsOf(labels(Grade.class));
            assertThat(dropDowns.get("科目")).containsExactlyElementsOf(labels(Subject.class));
            // head office: every active campus (other tests may have added some), in code order
            assertThat(dropDowns.get("校区")).containsExactlyElementsOf(campuses.findActive().stream()
                    .map(Campus::name).toList()).contains("北京朝阳校区", "北京海淀校区", "上海浦东校区", "上海徐汇校区");
            for (DataValidation validation : data.getDataValidations()) {
                CellRangeAddress range = validation.getRegions().getCellRangeAddress(0);
                assertThat(range.getFirstRow()).isEqualTo(1);
                assertThat(range.getLastRow()).isEqualTo(LeadImportService.MAX_ROWS);
                assertThat(validation.getErrorStyle()).isEqualTo(DataValidation.ErrorStyle.STOP);
                assertThat(validation.getEmptyCellAllowed()).isTrue();
                assertThat(validation.getSuppressDropDownArrow()).as("XSSF: true means showDropDown=0, Excel's arrow shown")
                        .isTrue();
            }
            assertThat(workbook.isSheetHidden(workbook.getSheetIndex("选项"))).isTrue();

            Sheet help = workbook.getSheet("填写说明");
            assertThat(help).isNotNull();
            Map<String, String> example = example(help);
            assertThat(example.keySet()).containsExactlyElementsOf(HEADERS);
            assertThat(example).containsEntry("渠道", "电话接访").containsEntry("产品线", "一对一")
                    .containsEntry("年级", "初二").containsEntry("科目", "数学");
            dropDowns.forEach((column, values) -> assertThat(values).as(column).contains(example.get(column)));
        }
    }

    @Test
    void shouldOfferOnlyTheDownloadersOwnCampuses() throws Exception {
        try (XSSFWorkbook workbook = template("hanmei")) { // 市场 of 北京海淀
            assertThat(dropDowns(workbook, workbook.getSheetAt(0)).get("校区")).containsExactly("北京海淀校区");
        }
    }

    @Test
    void shouldImportTheTemplateFilledInWithTheExampleRow() throws Exception {
        String phone = Leads.newPhone();
        byte[] filled;
        try (XSSFWorkbook workbook = template("lujun"); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Map<String, String> example = example(workbook.getSheet("填写说明"));
            example.put("电话", phone);
            example.put("转介绍人", "王老师");
            Row row = workbook.getSheetAt(0).createRow(1);
            for (int c = 0; c < HEADERS.size(); c++) {
                row.createCell(c).setCellValue(example.get(HEADERS.get(c)));
            }
            workbook.write(out);
            filled = out.toByteArray();
        }

        JsonNode report = LeadLabelsTests.upload(http, "lujun", "线索导入模板.xlsx", filled).getBody();

        assertThat(report.get("created").asInt()).as(report.toString()).isEqualTo(1);
        Opportunity stored = leads.opportunity(report.at("/results/0/opportunityIds/0").asLong());
        assertThat(List.of(stored.channel(), stored.campusCode(), stored.productLine(), stored.grade(),
                stored.subject(), stored.goal(), stored.campaign()))
                .containsExactly("PHONE", "BJ-CY", "ONE_ON_ONE", "J2", "MATH", "期末数学提高到 110 分", "春季讲座");
        JsonNode record = http.withBasicAuth("gaofeng", "demo").getForObject("/api/customers?phone={p}", JsonNode.class,
                phone);
        assertThat(record.at("/enquiries/0/referrer").asText()).isEqualTo("王老师");
        assertThat(record.at("/enquiries/0/notes").asText()).isEqualTo("周末下午方便接电话");
    }

    @Test
    void shouldLetOnlyTheRolesThatImportDownloadTheTemplate() {
        for (String importer : List.of("lujun", "hanmei", "zhangli", "sunqiang", "admin")) {
            assertThat(http.withBasicAuth(importer, importer.equals("admin") ? "admin" : "demo")
                    .getForEntity("/api/leads/import/template", byte[].class).getStatusCode()).as(importer)
                    .isEqualTo(HttpStatus.OK);
        }
        for (String other : List.of("liwei", "zhengkai", "fengyu", "zhaomin")) {
            assertThat(http.withBasicAuth(other, "demo").getForEntity("/api/leads/import/template", String.class)
                    .getStatusCode()).as(other).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(http.getForEntity("/api/leads/import/template", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private XSSFWorkbook template(String user) throws Exception {
        byte[] body = http.withBasicAuth(user, "demo").getForEntity("/api/leads/import/template", byte[].class)
                .getBody();
        return new XSSFWorkbook(new ByteArrayInputStream(body));
    }

    /** Header of the validated column → the values of its list, as Excel resolves the list formula. */
    static Map<String, List<String>> dropDowns(XSSFWorkbook workbook, Sheet data) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (DataValidation validation : data.getDataValidations()) {
            DataValidationConstraint constraint = validation.getValidationConstraint();
            assertThat(constraint.getValidationType()).isEqualTo(DataValidationConstraint.ValidationType.LIST);
            String formula = constraint.getFormula1();
            var name = workbook.getName(formula);
            String refersTo = name != null ? name.getRefersToFormula() : formula;
            AreaReference area = new AreaReference(refersTo, workbook.getSpreadsheetVersion());
            List<String> values = new ArrayList<>();
            for (CellReference ref : area.getAllReferencedCells()) {
                values.add(workbook.getSheet(ref.getSheetName()).getRow(ref.getRow()).getCell(ref.getCol())
                        .getStringCellValue());
            }
            int column = validation.getRegions().getCellRangeAddress(0).getFirstColumn();
            lists.put(data.getRow(0).getCell(column).getStringCellValue(), values);
        }
        return lists;
    }

    /** The example row of 填写说明: the row under the one that repeats the headers. */
    static Map<String, String> example(Sheet help) {
        for (Row row : help) {
            if (cells(row).equals(HEADERS)) {
                List<String> values = cells(help.getRow(row.getRowNum() + 1));
                Map<String, String> example = new LinkedHashMap<>();
                for (int c = 0; c < HEADERS.size(); c++) {
                    example.put(HEADERS.get(c), c < values.size() ? values.get(c) : "");
                }
                return example;
            }
        }
        throw new AssertionError("no example under the headers in " + help.getSheetName());
    }

    private static List<String> cells(Row row) {
        DataFormatter format = new DataFormatter();
        List<String> cells = new ArrayList<>();
        if (row != null) {
            row.forEach(cell -> cells.add(format.formatCellValue(cell)));
        }
        return cells;
    }

    private static <E extends Enum<E> & Coded> List<String> labels(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Coded::label).toList();
    }
}
