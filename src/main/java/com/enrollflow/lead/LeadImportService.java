package com.enrollflow.lead;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.TableFiles;
import com.enrollflow.common.XlsxRows;
import com.enrollflow.customer.PhoneNumbers;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.Channel;

/**
 * Bulk import of lead lists (市场活动名单, the spreadsheets departments pass around): CSV (UTF-8 or GBK)
 * or Excel .xlsx, first row = headers in English field names or their Chinese titles ({@link LeadColumns}, the
 * titles of the template {@link LeadImportTemplate} writes); coded cells in codes or Chinese labels. Each row goes
 * through {@link LeadIntakeService} in its own transaction, so a bad row never blocks a good one, keyed
 * by the importing user and the row's content so their re-import creates nothing new. An .xlsx is read as it
 * streams ({@link XlsxRows}): what a file holds cannot decide how much memory the server spends.
 */
@Service
public class LeadImportService {

    private static final Logger log = LoggerFactory.getLogger(LeadImportService.class);

    static final String IMPORT_SCOPE = "lead-import";
    public static final int MAX_ROWS = 10_000;
    /** The longest campaign (活动) for the rows without one: what a lead takes. */
    public static final int CAMPAIGN_MAX = LeadValidator.CAMPAIGN_MAX;

    public enum RowStatus { CREATED, DUPLICATE, REJECTED }

    public record RowReport(int row, RowStatus status, Long customerId, List<Long> opportunityIds, String reason,
            List<FieldProblem> errors) {
    }

    /**
     * What the list gives its rows that leave a column empty, chosen once by the importer: the channel (渠道, CAMPAIGN
     * when none), the campaign (活动) and the campus (校区; none: the row goes to the call centre, as a lead without
     * a campus does), codes or Chinese names.
     */
    public record Defaults(String channel, String campaign, String campus) {
    }

    public record ImportReport(String fileName, int rows, int created, int duplicates, int rejected,
            List<RowReport> results) {
    }

    /** A data row and its number as the spreadsheet shows it (header = row 1). */
    private record SheetRow(int number, Map<String, String> values) {
    }

    private final LeadIntakeService intake;
    private final PhoneNumbers phones;
    private final Campuses campuses;
    private final CampusRepository campusRecords;
    private final CampusScope scope;

    LeadImportService(LeadIntakeService intake, PhoneNumbers phones, Campuses campuses,
            CampusRepository campusRecords, CampusScope scope) {
        this.intake = intake;
        this.phones = phones;
        this.campuses = campuses;
        this.campusRecords = campusRecords;
        this.scope = scope;
    }

    /** The campuses the caller may give the rows without one: those they work for, code → name in code order. */
    public Map<String, String> campusChoices() {
        Map<String, String> choices = new LinkedHashMap<>();
        campusRecords.findActiveSeenBy(scope.current()).forEach(c -> choices.put(c.code(), c.name()));
        return choices;
    }

    public ImportReport importFile(MultipartFile file, Defaults defaults, String user) {
        if (file == null) {
            throw new InvalidInputException("file", "文件为空");
        }
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new InvalidInputException("file", "文件未能完整上传，请重新选择文件导入");
        }
        return importFile(file.getOriginalFilename(), bytes, defaults, user);
    }

    /**
     * The same import from a file's name and content: the API's upload above, and Tasklist's 导入线索 (a Tasklist
     * plugin, through the webapp's session). The content decides how it is read ({@link TableFiles}); the name serves
     * the report and an .xlsx that is not a zip.
     */
    public ImportReport importFile(String fileName, byte[] content, Defaults given, String user) {
        if (content == null || content.length == 0) {
            throw new InvalidInputException("file", "文件为空");
        }
        // the list's channel, campaign and campus, once, rather than under every row; the campus only one the
        // importer works for
        InputRules rules = new InputRules();
        if (given.channel() != null && !given.channel().isBlank()) {
            rules.code("channel", given.channel(), Channel.class, false);
        }
        rules.plainText("campaign", given.campaign(), CAMPAIGN_MAX, false);
        String campus = campuses.codeWithin(scope.current(), rules::problem, "campus", given.campus(), false);
        rules.throwIfAny();
        Defaults defaults = new Defaults(given.channel(), given.campaign(), campus);
        List<RowReport> results = new ArrayList<>();
        // one person twice in one list (the same name and phone, however written) is one line copied: the second row
        // is not sent to the owner as 客户再次咨询; another person of the family (妈妈 beside 学生) is an enquiry
        Map<String, RowReport> byPhone = new HashMap<>();
        for (SheetRow row : read(fileName, content)) {
            String phone = phones.normalise(row.values().get("phone"))
                    .map(p -> p + "|" + String.valueOf(row.values().get("name")).strip()).orElse(null);
            RowReport first = phone == null ? null : byPhone.get(phone);
            if (first != null && first.status() != RowStatus.REJECTED) {
                results.add(new RowReport(row.number(), RowStatus.DUPLICATE, first.customerId(),
                        first.opportunityIds(), "与第 " + first.row() + " 行姓名、电话相同，未重复登记", List.of()));
                continue;
            }
            RowReport report = importRow(row.number(), row.values(), defaults, user);
            if (phone != null) {
                byPhone.putIfAbsent(phone, report);
            }
            results.add(report);
        }
        return new ImportReport(fileName, results.size(),
                count(results, RowStatus.CREATED), count(results, RowStatus.DUPLICATE),
                count(results, RowStatus.REJECTED), results);
    }

    /** Each column's Chinese title by its field (phone → 电话): a refused row's field named as staff read it. */
    public static Map<String, String> columnTitles() {
        Map<String, String> titles = new LinkedHashMap<>();
        for (LeadColumns column : LeadColumns.values()) {
            titles.put(column.field(), column.title());
        }
        return titles;
    }

    private RowReport importRow(int rowNumber, Map<String, String> row, Defaults defaults, String user) {
        LeadRequest request = new LeadRequest(row.get("name"), row.get("phone"),
                orDefault(row.get("channel"), defaults.channel() == null ? "CAMPAIGN" : defaults.channel()),
                row.get("email"), orDefault(row.get("campus"), defaults.campus()), row.get("productLine"),
                row.get("grade"), row.get("subject"), row.get("goal"),
                orDefault(row.get("campaign"), defaults.campaign()), row.get("referrer"),
                row.get("notes"), row.get("referrerPhone"), row.get("studentBirthDate"));
        // a row without a birth date keeps the key it had before the column existed: a file imported again is
        // still recognised row by row
        String rowKey = IdempotentRequests.sha256(request.studentBirthDate() == null
                ? request.toString().replace(", studentBirthDate=null", "") : request.toString());
        try {
            // per importing user, as the API's Idempotency-Key: another user's identical row is an enquiry of their
            // own, and never answers with what the first importer's campuses saw; a row whose lead was closed
            // since is the family enquiring again
            var answer = intake.receive(request, user, IMPORT_SCOPE + ":" + user, rowKey, true);
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
        } catch (ConflictException | DataAccessException e) {
            // the row's own transaction was rolled back: nothing of it is stored, and the rows after it still come in
            log.warn("lead import of row {} by {} failed: {}", rowNumber, user, e.toString());
            return new RowReport(rowNumber, RowStatus.REJECTED, null, List.of(), e instanceof ConflictException
                    ? e.getMessage() : "本行未能导入（数据库繁忙），未保存任何内容；请稍后单独重新导入此行", List.of());
        }
    }

    private static List<SheetRow> read(String fileName, byte[] bytes) {
        return toRows(TableFiles.read(fileName, bytes, TEXTS));
    }

    /** The first row with values is the header; every later row with a value is a lead. */
    private static List<SheetRow> toRows(List<XlsxRows.RawRow> table) {
        List<String> header = table.get(0).cells();
        String[] fields = new String[header.size()];
        // a column the import does not know (序号, 微信号, an empty title) is ignored; two columns of one field are
        // refused: which one was meant is not the import's to guess
        Map<String, String> titleOf = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            fields[c] = field(header.get(c));
            if (fields[c] != null) {
                String title = header.get(c).strip();
                String earlier = titleOf.putIfAbsent(fields[c], title);
                if (earlier != null) {
                    throw new InvalidInputException("file", "表头中“" + earlier + "”和“" + title
                            + "”是同一项，只能保留一列");
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (LeadColumns required : List.of(LeadColumns.NAME, LeadColumns.PHONE)) {
            if (!titleOf.containsKey(required.field())) {
                missing.add("“" + required.title() + "”列（可用标题：" + String.join("、", required.titles()) + "）");
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("file", "第一行表头缺少" + String.join("和", missing)
                    + "；请改表头后重新导入，本次未导入任何行");
        }
        if (table.size() - 1 > MAX_ROWS) {
            throw new InvalidInputException("file", "一次最多导入 " + MAX_ROWS + " 行，请拆分文件");
        }
        if (table.size() == 1) {
            // a template uploaded as downloaded, or a list saved before it was filled: nothing to report row by row
            throw new InvalidInputException("file", "文件中只有表头，没有要导入的行；请在表头下逐行填写后再导入");
        }
        List<SheetRow> rows = new ArrayList<>();
        for (XlsxRows.RawRow raw : table.subList(1, table.size())) {
            List<String> cells = raw.cells();
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < fields.length && c < cells.size(); c++) {
                if (fields[c] != null && cells.get(c) != null && !cells.get(c).isBlank()) {
                    row.put(fields[c], cells.get(c).strip());
                }
            }
            rows.add(new SheetRow(raw.number(), row));
        }
        return rows;
    }

    private static String field(String title) {
        return title == null ? null : LeadColumns.byHeader(title).map(LeadColumns::field).orElse(null);
    }

    static final String UNREADABLE = "无法读取文件：应为 CSV（UTF-8 或 GBK 编码）或 Excel .xlsx，第一行为表头，"
            + "至少包含“姓名”和“电话”两列";

    private static final TableFiles.Texts TEXTS = new TableFiles.Texts(MAX_ROWS, UNREADABLE, "本次未导入任何行",
            "一次最多导入 " + MAX_ROWS + " 行，请拆分文件");

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int count(List<RowReport> results, RowStatus status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }
}
