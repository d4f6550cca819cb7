package com.enrollflow.lead;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InvalidInputException;

/**
 * Bulk import of lead lists (市场活动名单, the spreadsheets departments pass around): CSV (UTF-8 or GBK)
 * or Excel .xlsx, first row = headers in English field names or their Chinese titles ({@link LeadColumns}, the
 * titles of the template {@link LeadImportTemplate} writes); coded cells in codes or Chinese labels. Each row goes
 * through {@link LeadIntakeService} in its own transaction, so a bad row never blocks a good one, keyed
 * by the row's content so a re-import creates nothing new.
 */
@Service
public class LeadImportService {

    static final String IMPORT_SCOPE = "lead-import";
    static final int MAX_ROWS = 10_000;

    public enum RowStatus { CREATED, DUPLICATE, REJECTED }

    public record RowReport(int row, RowStatus status, Long customerId, List<Long> opportunityIds, String reason,
            List<FieldProblem> errors) {
    }

    public record ImportReport(String fileName, int rows, int created, int duplicates, int rejected,
            List<RowReport> results) {
    }

    /** A data row and its number as the spreadsheet shows it (header = row 1). */
    private record SheetRow(int number, Map<String, String> values) {
    }

    private final LeadIntakeService intake;

    LeadImportService(LeadIntakeService intake) {
        this.intake = intake;
    }

    public ImportReport importFile(MultipartFile file, String defaultChannel, String defaultCampaign, String user) {
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("file", "文件为空");
        }
        List<RowReport> results = new ArrayList<>();
        for (SheetRow row : read(file)) {
            results.add(importRow(row.number(), row.values(), defaultChannel, defaultCampaign, user));
        }
        return new ImportReport(file.getOriginalFilename(), results.size(),
                count(results, RowStatus.CREATED), count(results, RowStatus.DUPLICATE),
                count(results, RowStatus.REJECTED), results);
    }

    private RowReport importRow(int rowNumber, Map<String, String> row, String defaultChannel,
            String defaultCampaign, String user) {
        LeadRequest request = new LeadRequest(row.get("name"), row.get("phone"),
                orDefault(row.get("channel"), defaultChannel == null ? "CAMPAIGN" : defaultChannel),
                row.get("email"), row.get("campus"), row.get("productLine"), row.get("grade"), row.get("subject"),
                row.get("goal"), orDefault(row.get("campaign"), defaultCampaign), row.get("referrer"),
                row.get("notes"), null, row.get("studentBirthDate"));
        // a row without a birth date keeps the key it had before the column existed: a file imported again is
        // still recognised row by row
        String rowKey = IdempotentRequests.sha256(request.studentBirthDate() == null
                ? request.toString().replace(", studentBirthDate=null", "") : request.toString());
        try {
            var answer = intake.receive(request, user, IMPORT_SCOPE, rowKey);
            var result = answer.result();
            List<Long> ids = result.opportunities().stream().map(LeadIntakeResult.OpportunityRef::opportunityId)
                    .toList();
            if (answer.replayed()) {
                return new RowReport(rowNumber, RowStatus.DUPLICATE, result.customerId(), ids,
                        "本行已导入过，未重复登记", List.of());
            }
            if (result.duplicate()) {
                return new RowReport(rowNumber, RowStatus.DUPLICATE, result.customerId(), ids,
                        "已有跟进中的商机，已作为客户再次咨询转给负责人", List.of());
            }
            return new RowReport(rowNumber, RowStatus.CREATED, result.customerId(), ids, null, List.of());
        } catch (InvalidInputException e) {
            return new RowReport(rowNumber, RowStatus.REJECTED, null, List.of(), e.getMessage(), e.problems());
        }
    }

    private static List<SheetRow> read(MultipartFile file) {
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase(Locale.ROOT);
        try {
            byte[] bytes = file.getBytes();
            List<List<String>> table = name.endsWith(".xlsx") ? readXlsx(bytes) : readCsv(bytes);
            if (table.isEmpty()) {
                throw new InvalidInputException("file", "文件没有表头行");
            }
            return toRows(table);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException("file", "无法读取文件（应为 CSV 或 Excel .xlsx）：" + e.getMessage());
        }
    }

    private static List<SheetRow> toRows(List<List<String>> table) {
        List<String> header = table.get(0);
        String[] fields = new String[header.size()];
        for (int c = 0; c < header.size(); c++) {
            fields[c] = field(header.get(c));
        }
        if (!List.of(fields).contains("name") || !List.of(fields).contains("phone")) {
            throw new InvalidInputException("file", "表头缺少“姓名”(name) 或“电话”(phone) 列");
        }
        if (table.size() - 1 > MAX_ROWS) {
            throw new InvalidInputException("file", "一次最多导入 " + MAX_ROWS + " 行，请拆分文件");
        }
        List<SheetRow> rows = new ArrayList<>();
        for (int r = 1; r < table.size(); r++) {
            List<String> cells = table.get(r);
            if (cells.stream().allMatch(v -> v == null || v.isBlank())) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < fields.length && c < cells.size(); c++) {
                if (fields[c] != null && cells.get(c) != null && !cells.get(c).isBlank()) {
                    row.put(fields[c], cells.get(c).strip());
                }
            }
            rows.add(new SheetRow(r + 1, row));
        }
        return rows;
    }

    private static String field(String title) {
        return LeadColumns.byHeader(title).map(LeadColumns::field).orElse(null);
    }

    private static List<List<String>> readCsv(byte[] bytes) throws IOException {
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(false).get()
                .parse(new StringReader(decode(bytes)))) {
            List<List<String>> table = new ArrayList<>();
            for (CSVRecord record : parser) {
                table.add(record.toList());
            }
            return table;
        }
    }

    /** UTF-8 when the bytes are valid UTF-8, otherwise GB18030 (what Excel writes on a Chinese Windows). */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("GB18030"));
        }
    }

    private static List<List<String>> readXlsx(byte[] bytes) throws IOException {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (InputStream in = new ByteArrayInputStream(bytes); Workbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            List<List<String>> table = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
                    Cell cell = row.getCell(c);
                    // a date cell (学生生日) as an ISO date, whatever display format the sheet gives it
                    cells.add(cell == null ? null : cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                            && org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(cell)
                                    ? cell.getLocalDateTimeCellValue().toLocalDate().toString()
                                    : formatter.formatCellValue(cell));
                }
                while (table.size() < row.getRowNum()) {
                    table.add(List.of());
                }
                table.add(cells);
            }
            return table;
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int count(List<RowReport> results, RowStatus status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }
}
