package com.enrollflow.payment;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.common.TableFiles;
import com.enrollflow.common.XlsxRows;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Scope;

/**
 * 银行流水对账: finance uploads the statement their online banking exports (Excel .xlsx or CSV, UTF-8 or GBK) and every
 * credit line whose 流水号/凭证号 (or 附言) names a bank transfer the front desk recorded, at the same amount, confirms
 * that transfer as received — the same as finance's 确认到账 task, which the line completes
 * ({@link TransferConfirmations}). Only transfers of the uploader's campuses are looked at; a line is never confirmed
 * on a guess: an amount that differs, a reference two transfers share, a line naming no transfer are reported with
 * the reason and what to do, and nothing is changed for them. Each confirmation is its own transaction, so a
 * statement uploaded again (or after a broken connection) confirms only what is still waiting, and reports the rest
 * as confirmed before. The columns are recognised by the titles Chinese banks use (交易日期, 收入金额/贷方发生额,
 * 交易流水号, 附言, 对方户名 …).
 */
@Service
public class BankStatements {

    private static final Logger log = LoggerFactory.getLogger(BankStatements.class);

    public static final int MAX_ROWS = 5_000;
    /** A reference shorter than this is not looked for inside a line's 附言 (a "12" would be found everywhere). */
    static final int MIN_REFERENCE_IN_MEMO = 6;
    /** How far back confirmed and refused transfers are looked at, to say "confirmed before" of a line. */
    static final int DAYS_LOOKED_BACK = 400;
    /** Waiting transfers at a line's amount named when the line names none (the desk may have mistyped it). */
    static final int SAME_AMOUNT_LISTED = 3;
    /** Transfers still waiting listed in the report, oldest first. */
    static final int PENDING_LISTED = 100;

    /** A statement column: its field and the titles banks give it, the first the one the report uses. */
    enum Column {
        DATE("date", "交易日期", "记账日期", "入账日期", "交易时间", "日期"),
        CREDIT("credit", "收入金额", "收入", "贷方金额", "贷方发生额", "入账金额", "存入金额", "收款金额"),
        DEBIT("debit", "支出金额", "支出", "借方金额", "借方发生额", "出账金额"),
        AMOUNT("amount", "交易金额", "金额", "发生额"),
        REFERENCE("reference", "交易流水号", "流水号", "凭证号", "转账凭证号", "交易参考号", "参考号", "银行流水号"),
        MEMO("memo", "附言", "摘要", "用途", "备注", "交易附言"),
        PAYER("payer", "对方户名", "付款人", "付款人户名", "对方名称", "对方账户名");

        final String field;
        final List<String> titles;

        Column(String field, String... titles) {
            this.field = field;
            this.titles = List.of(titles);
        }

        static Optional<Column> byTitle(String title) {
            String t = title == null ? "" : title.strip().replace("（元）", "").replace("(元)", "");
            for (Column c : values()) {
                if (c.titles.contains(t)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    /** What became of one line, as the report shows it. */
    public enum LineStatus {
        CONFIRMED("已确认到账"), CONFIRMED_BEFORE("此前已确认"), NEEDS_ATTENTION("需人工核对"), NOT_FOUND("未找到对应转账"),
        SKIPPED("非收款，已跳过"), INVALID("无法读取");

        private final String label;

        LineStatus(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record Line(int row, LineStatus status, String statusLabel, BigDecimal amount, String reference,
            String payer, String contractNo, String customerName, String receiptNo, String message) {
    }

    /** A transfer still waiting for finance after the statement, for finance to follow up. */
    public record StillPending(long paymentId, String contractNo, String customerName, String campus,
            BigDecimal amount, String reference, OffsetDateTime recordedAt) {
    }

    public record Report(String fileName, int lines, int confirmed, int confirmedBefore, int needsAttention,
            int notFound, int skipped, List<Line> results, List<StillPending> stillPending) {
    }

    /** A bank transfer the desk recorded, as matching reads it. */
    record Transfer(long paymentId, BigDecimal amount, String reference, String status, String receiptNo,
            String contractNo, String customerName, String campus, OffsetDateTime recordedAt) {
    }

    private record StatementLine(int row, Map<Column, String> values) {
    }

    private final JdbcClient jdbc;
    private final CampusScope scope;
    private final TransferConfirmations confirmations;
    private final Clock clock;

    BankStatements(JdbcClient jdbc, CampusScope scope, TransferConfirmations confirmations, Clock clock) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.confirmations = confirmations;
        this.clock = clock;
    }

    /** Each column's report title by its field (credit → 收入金额). */
    public static Map<String, String> columnTitles() {
        Map<String, String> titles = new LinkedHashMap<>();
        for (Column c : Column.values()) {
            titles.put(c.field, c.titles.get(0));
        }
        return titles;
    }

    /**
     * Reads the statement, matches every credit line against the transfers waiting for finance in the caller's
     * campuses and confirms each sure match; the report names every line. A file that is no statement is refused
     * whole (field {@code file}) and nothing is confirmed.
     */
    public Report reconcile(String fileName, byte[] content, String by) {
        List<StatementLine> lines = read(fileName, content);
        Scope seen = scope.current();
        List<Transfer> transfers = transfers(seen);
        Map<String, List<Transfer>> byReference = transfers.stream()
                .filter(t -> normalised(t.reference()) != null)
                .collect(Collectors.groupingBy(t -> normalised(t.reference()), LinkedHashMap::new,
                        Collectors.toList()));
        List<Line> results = new ArrayList<>();
        Map<Long, Integer> matchedOnRow = new HashMap<>();
        for (StatementLine line : lines) {
            results.add(reconcile(line, byReference, matchedOnRow, by));
        }
        // read again: what this statement confirmed, and what a colleague decided meanwhile, is no longer waiting
        Set<Long> matched = matchedOnRow.keySet();
        List<StillPending> stillPending = transfers(seen).stream()
                .filter(t -> "PENDING".equals(t.status()) && !matched.contains(t.paymentId()))
                .limit(PENDING_LISTED)
                .map(t -> new StillPending(t.paymentId(), t.contractNo(), t.customerName(), t.campus(), t.amount(),
                        t.reference(), t.recordedAt()))
                .toList();
        // a line that cannot be read is finance's to look at, not a line skipped
        return new Report(fileName, results.size(), count(results, LineStatus.CONFIRMED),
                count(results, LineStatus.CONFIRMED_BEFORE), count(results, LineStatus.NEEDS_ATTENTION)
                        + count(results, LineStatus.INVALID), count(results, LineStatus.NOT_FOUND),
                count(results, LineStatus.SKIPPED), results, stillPending);
    }

    private Line reconcile(StatementLine line, Map<String, List<Transfer>> byReference,
            Map<Long, Integer> matchedOnRow, String by) {
        Map<Column, String> v = line.values();
        String reference = v.get(Column.REFERENCE);
        String payer = v.get(Column.PAYER);
        BigDecimal amount;
        try {
            amount = credit(v);
        } catch (IllegalArgumentException e) {
            return line(line, LineStatus.INVALID, null, null, e.getMessage());
        }
        if (amount == null || amount.signum() <= 0) {
            return line(line, LineStatus.SKIPPED, amount, null, "支出或金额为零，不是收款");
        }
        List<Transfer> named = named(v, byReference);
        if (named.isEmpty()) {
            return line(line, LineStatus.NOT_FOUND, amount, null, "没有凭证号与此行"
                    + (reference != null ? "流水号“" + reference + "”" : "附言") + "相符的银行转账登记（本人负责的校区）；"
                    + sameAmountHint(amount, byReference, matchedOnRow));
        }
        List<Transfer> sameAmount = named.stream().filter(t -> t.amount().compareTo(amount) == 0).toList();
        if (sameAmount.isEmpty()) {
            Transfer t = named.get(0);
            return line(line, LineStatus.NEEDS_ATTENTION, amount, t, "凭证号 " + t.reference() + " 登记的金额为 "
                    + Money.yuan(t.amount()) + "，流水收入 " + Money.yuan(amount) + "，金额不符，未确认；请核实后在"
                    + "“确认到账”中处理");
        }
        Optional<Transfer> pending = sameAmount.stream().filter(t -> "PENDING".equals(t.status())
                && !matchedOnRow.containsKey(t.paymentId())).findFirst();
        if (pending.isEmpty()) {
            Transfer t = sameAmount.get(0);
            Integer earlierRow = matchedOnRow.get(t.paymentId());
            if (earlierRow != null) {
                return line(line, LineStatus.NEEDS_ATTENTION, amount, t, "与第 " + earlierRow + " 行是同一笔转账（凭证号 "
                        + t.reference() + "），未重复确认；如确是两笔款项，请前台分别登记");
            }
            if ("CONFIRMED".equals(t.status())) {
                return line(line, LineStatus.CONFIRMED_BEFORE, amount, t, "此前已确认到账（收据 " + t.receiptNo() + "）");
            }
            return line(line, LineStatus.NEEDS_ATTENTION, amount, t, "该笔转账此前已被驳回（未到账）；如确已到账，"
                    + "请前台重新登记收款");
        }
        long samePending = sameAmount.stream().filter(t -> "PENDING".equals(t.status())).count();
        if (samePending > 1) {
            return line(line, LineStatus.NEEDS_ATTENTION, amount, pending.get(), "凭证号与金额都相同的待确认转账有 "
                    + samePending + " 笔（" + sameAmount.stream().filter(t -> "PENDING".equals(t.status()))
                            .map(t -> "合同 " + t.contractNo() + " " + t.customerName())
                            .collect(Collectors.joining("、")) + "），无法确定是哪一笔，未确认；请在“确认到账”中逐笔核对");
        }
        Transfer t = pending.get();
        matchedOnRow.put(t.paymentId(), line.row());
        try {
            PaymentService.Recorded r = confirmations.confirmReceived(t.paymentId(), by);
            if (r.duplicate()) {
                // confirmed at the same moment by another upload or a colleague: not this statement's confirmation
                return line(line, LineStatus.CONFIRMED_BEFORE, amount, t, "此前已确认到账（收据 " + r.receiptNo() + "）");
            }
            return new Line(line.row(), LineStatus.CONFIRMED, LineStatus.CONFIRMED.label(), amount, reference, payer,
                    t.contractNo(), t.customerName(), r.receiptNo(), "合同 " + t.contractNo() + "（" + t.customerName()
                            + "）银行转账 " + Money.yuan(t.amount()) + " 已确认到账，收据 " + r.receiptNo());
        } catch (ConflictException decidedMeanwhile) {
            matchedOnRow.remove(t.paymentId());
            return line(line, LineStatus.NEEDS_ATTENTION, amount, t, decidedMeanwhile.getMessage());
        } catch (DataAccessException | IllegalStateException e) {
            // this line's own transaction was rolled back; the lines after it still go on
            log.warn("bank statement row {}: confirming payment {} failed: {}", line.row(), t.paymentId(),
                    e.toString());
            matchedOnRow.remove(t.paymentId());
            return line(line, LineStatus.NEEDS_ATTENTION, amount, t, "本行未能确认（系统繁忙），未做任何更改；请稍后"
                    + "重新上传同一文件，已确认的行不会重复确认");
        }
    }

    /**
     * What finance may look at for a line that names no transfer: the waiting transfers at its amount (the desk may
     * have mistyped the reference), newest first, never confirmed from here; else how the desk records one.
     */
    private static String sameAmountHint(BigDecimal amount, Map<String, List<Transfer>> byReference,
            Map<Long, Integer> matchedOnRow) {
        List<Transfer> same = byReference.values().stream().flatMap(List::stream)
                .filter(t -> "PENDING".equals(t.status()) && t.amount().compareTo(amount) == 0
                        && !matchedOnRow.containsKey(t.paymentId()))
                .sorted(java.util.Comparator.comparing(Transfer::recordedAt).reversed()).toList();
        if (same.isEmpty()) {
            return "若是学费，请前台在“收取学费”或“收取分期款”中按银行转账登记，凭证号填流水号";
        }
        return "金额相同的待确认转账：" + same.stream().limit(SAME_AMOUNT_LISTED)
                .map(t -> "合同 " + t.contractNo() + " " + t.customerName() + "（凭证号 " + t.reference() + "）")
                .collect(Collectors.joining("、")) + (same.size() > SAME_AMOUNT_LISTED ? " 等 " + same.size() + " 笔" : "")
                + "；如是同一笔（凭证号登记有误），请在“确认到账”中核对后确认，未自动确认";
    }

    /** The transfers a line names: by its 流水号 exactly, else by a reference its 附言 contains. */
    private static List<Transfer> named(Map<Column, String> v, Map<String, List<Transfer>> byReference) {
        String reference = normalised(v.get(Column.REFERENCE));
        if (reference != null && byReference.containsKey(reference)) {
            return byReference.get(reference);
        }
        String memo = normalised(v.get(Column.MEMO));
        if (memo == null) {
            return List.of();
        }
        return byReference.entrySet().stream()
                .filter(e -> e.getKey().length() >= MIN_REFERENCE_IN_MEMO && memo.contains(e.getKey()))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    private static Line line(StatementLine line, LineStatus status, BigDecimal amount, Transfer t, String message) {
        return new Line(line.row(), status, status.label(), amount, line.values().get(Column.REFERENCE),
                line.values().get(Column.PAYER), t == null ? null : t.contractNo(),
                t == null ? null : t.customerName(), t == null ? null : t.receiptNo(), message);
    }

    /**
     * The bank transfers of the caller's campuses that wait for finance, and those decided in the last
     * {@value #DAYS_LOOKED_BACK} days; oldest first.
     */
    private List<Transfer> transfers(Scope seen) {
        OffsetDateTime since = OffsetDateTime.now(clock).minusDays(DAYS_LOOKED_BACK);
        return seen.bind(jdbc.sql("select p.id, p.amount, p.reference, p.status, p.receipt_no, "
                + "c.number, cu.name, o.campus_code, p.received_at from payment p "
                + "join payment_order o on o.id = p.order_id join contract c on c.id = o.contract_id "
                + "join customer cu on cu.id = c.customer_id "
                + "where p.method = 'BANK_TRANSFER' and p.reference is not null "
                + "and (p.status = 'PENDING' or p.received_at >= :since) and " + seen.campusCondition("o.campus_code")
                + " order by p.received_at, p.id"))
                .param("since", since)
                .query((rs, n) -> new Transfer(rs.getLong(1), rs.getBigDecimal(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getObject(9, OffsetDateTime.class)))
                .list();
    }

    /**
     * A reference as the desk and the bank may write it differently: full-width letters and digits as half-width
     * (NFKC), without spaces and dashes, upper case; null when nothing is left.
     */
    static String normalised(String reference) {
        if (reference == null) {
            return null;
        }
        String n = Normalizer.normalize(reference, Normalizer.Form.NFKC).replaceAll("[\\s\\-_]", "")
                .toUpperCase(Locale.ROOT);
        return n.isEmpty() ? null : n;
    }

    /** The money that came in on the line: its 收入 column, or a positive 交易金额; null when there is none. */
    static BigDecimal credit(Map<Column, String> v) {
        BigDecimal in = amount(v.get(Column.CREDIT), Column.CREDIT);
        if (in != null) {
            return in;
        }
        BigDecimal signed = amount(v.get(Column.AMOUNT), Column.AMOUNT);
        if (signed != null) {
            return signed;
        }
        BigDecimal out = amount(v.get(Column.DEBIT), Column.DEBIT);
        return out == null ? null : out.negate();
    }

    /** 3,200.00, ¥3200, 3200.00元, -100 as amounts; anything else refuses the line, naming the column. */
    private static BigDecimal amount(String text, Column column) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\\s,¥元]", "").replace("CNY", "")
                .replace("RMB", "");
        if (t.isEmpty() || t.equals("-")) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(t);
            if (amount.scale() > 2 || amount.abs().compareTo(new BigDecimal("100000000")) >= 0) {
                throw new NumberFormatException(t);
            }
            return amount.setScale(2);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column.titles.get(0) + "“" + abbreviated(text) + "”不是金额（如 3,200.00）");
        }
    }

    private static String abbreviated(String text) {
        String t = text.strip();
        return t.length() > 20 ? t.substring(0, 20) + "…" : t;
    }

    private static final String UNREADABLE = "无法读取文件：应为网银导出的交易明细，Excel .xlsx 或 CSV（UTF-8 或 GBK 编码），"
            + "表头中有收入金额（或交易金额）列，以及交易流水号或附言列";

    /** The rows a bank may put above the table (account, period, currency): the header is one of the first 20. */
    private static final int TITLE_ROWS = 19;

    private static final String TOO_MANY = "一次最多核对 " + MAX_ROWS + " 行流水，请按日期拆分文件";

    /** The file read as at most the titles, the header and MAX_ROWS lines; the lines are counted below the header. */
    private static final TableFiles.Texts TEXTS = new TableFiles.Texts(MAX_ROWS + TITLE_ROWS, UNREADABLE,
            "本次未确认任何款项", TOO_MANY);

    /**
     * The lines below the header. Banks put an account title and a period above the table: the header is the first
     * row that names an amount column; the rows above it are ignored.
     */
    private static List<StatementLine> read(String fileName, byte[] content) {
        List<XlsxRows.RawRow> table = TableFiles.read(fileName, content, TEXTS);
        int headerAt = -1;
        Column[] columns = null;
        for (int i = 0; i < table.size() && i <= TITLE_ROWS && headerAt < 0; i++) {
            List<String> cells = table.get(i).cells();
            Column[] found = new Column[cells.size()];
            for (int c = 0; c < cells.size(); c++) {
                found[c] = Column.byTitle(cells.get(c)).orElse(null);
            }
            List<Column> present = java.util.Arrays.stream(found).filter(java.util.Objects::nonNull).toList();
            if (present.contains(Column.CREDIT) || present.contains(Column.AMOUNT)) {
                headerAt = i;
                columns = found;
            }
        }
        if (headerAt < 0) {
            throw new InvalidInputException("file", "表头中没有收入金额列（可用标题：" + String.join("、", Column.CREDIT.titles)
                    + "，或" + String.join("、", Column.AMOUNT.titles) + "）；本次未确认任何款项");
        }
        Map<Column, String> titleOf = new LinkedHashMap<>();
        List<String> header = table.get(headerAt).cells();
        for (int c = 0; c < columns.length; c++) {
            if (columns[c] != null) {
                String earlier = titleOf.putIfAbsent(columns[c], header.get(c).strip());
                if (earlier != null) {
                    throw new InvalidInputException("file", "表头中“" + earlier + "”和“" + header.get(c).strip()
                            + "”是同一项，只能保留一列；本次未确认任何款项");
                }
            }
        }
        if (!titleOf.containsKey(Column.REFERENCE) && !titleOf.containsKey(Column.MEMO)) {
            throw new InvalidInputException("file", "表头中没有交易流水号或附言列（可用标题：" + String.join("、",
                    Column.REFERENCE.titles) + "；" + String.join("、", Column.MEMO.titles) + "），无法知道每笔款项是谁的；"
                    + "本次未确认任何款项");
        }
        if (table.size() - headerAt == 1) {
            throw new InvalidInputException("file", "文件中只有表头，没有交易明细行");
        }
        if (table.size() - headerAt - 1 > MAX_ROWS) {
            throw new InvalidInputException("file", TOO_MANY);
        }
        List<StatementLine> lines = new ArrayList<>();
        for (XlsxRows.RawRow raw : table.subList(headerAt + 1, table.size())) {
            Map<Column, String> values = new LinkedHashMap<>();
            for (int c = 0; c < columns.length && c < raw.cells().size(); c++) {
                String cell = raw.cells().get(c);
                if (columns[c] != null && cell != null && !cell.isBlank()) {
                    values.put(columns[c], cell.strip());
                }
            }
            lines.add(new StatementLine(raw.number(), values));
        }
        return lines;
    }

    private static int count(List<Line> lines, LineStatus status) {
        return (int) lines.stream().filter(l -> l.status() == status).count();
    }
}
