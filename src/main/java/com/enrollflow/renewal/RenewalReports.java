package com.enrollflow.renewal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.InputRules;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.ReportWindow;
import com.enrollflow.reference.Scope;

/** The renewal report's figures, from the renewal table (never from process history). */
@Service
public class RenewalReports {

    private final JdbcClient jdbc;
    private final StaffDirectory staff;

    RenewalReports(JdbcClient jdbc, StaffDirectory staff) {
        this.jdbc = jdbc;
        this.staff = staff;
    }

    @Transactional(readOnly = true)
    public RenewalReport report(Scope visible, String campus, LocalDate from, LocalDate to) {
        // one pass over the period's renewals, counted per campus, consultant and teacher together; the three
        // groupings and the total are sums of those cells (a renewal sits in exactly one)
        List<Cell> cells = cells(visible, campus, from, to);
        var names = staff.displayNames(cells.stream().map(Cell::consultant).filter(c -> !"-".equals(c)).distinct()
                .toList());
        List<RenewalReport.Row> byCampus = sum(cells, Cell::campus, Cell::campusName);
        List<RenewalReport.Row> byConsultant = sum(cells, Cell::consultant,
                c -> "-".equals(c.consultant()) ? "无课程顾问" : names.getOrDefault(c.consultant(), c.consultant()));
        List<RenewalReport.Row> byTeacher = sum(cells, Cell::teacher, Cell::teacherName);
        return new RenewalReport(from, to, campus, figures(cells), byCampus, byConsultant, byTeacher);
    }

    /** The period's renewals of one campus, consultant ("-": none) and teacher ("-": none), with their names. */
    private record Cell(String campus, String campusName, String consultant, String teacher, String teacherName,
            long due, long renewed, long declined, long cancelled, BigDecimal amount) {
    }

    /** At most this many renewals are listed; {@link RenewalReport.Families#total()} says all. */
    public static final int LIMIT = 200;

    /** The report's columns a count can be opened from: key, label, the condition on renewal {@code r}. */
    private static final List<String[]> STATES = List.of(new String[] {"due", "应续", "1 = 1"},
            new String[] {"renewed", "已续费", "r.status = 'RENEWED'"},
            new String[] {"declined", "不续费", "r.status = 'DECLINED'"},
            new String[] {"cancelled", "作废", "r.status = 'CANCELLED'"},
            new String[] {"underWay", "进行中", "r.status in ('OPEN', 'POSTPONED')"});

    /**
     * 续费明细: the renewals behind one count of {@link #report} — started in the period at the campus, of the family's
     * consultant ("-": none) or the teacher ("-": none) when given, in one state — newest first, with the families'
     * names. A state, consultant or teacher that names nothing is a field problem (400).
     */
    @Transactional(readOnly = true)
    public RenewalReport.Families families(Scope visible, String campus, LocalDate from, LocalDate to,
            String consultant, String teacher, String status) {
        InputRules rules = new InputRules();
        String asked = rules.required("status", status, 16);
        String[] state = asked == null ? null : STATES.stream()
                .filter(s -> s[0].equalsIgnoreCase(asked) || s[1].equals(asked)).findFirst().orElse(null);
        if (asked != null && state == null) {
            rules.problem("status", "没有续费状态 " + InputRules.abbreviate(asked) + "，可选："
                    + String.join("、", STATES.stream().map(s -> s[0] + "（" + s[1] + "）").toList()));
        }
        String who = rules.optional("consultant", consultant, 64);
        if (who != null && !who.matches("-|[A-Za-z0-9_.@-]+")) {
            rules.problem("consultant", "课程顾问请填写员工账号（如 liwei），无课程顾问填 -");
        }
        String taught = rules.optional("teacher", teacher, 32);
        if (taught != null && !taught.matches("-|[A-Za-z0-9_-]+")) {
            rules.problem("teacher", "授课教师请填写教师编号，未上课填 -");
        }
        rules.throwIfAny();
        ReportWindow window = new ReportWindow(visible, campus, from, to);
        StringBuilder where = new StringBuilder(started(window)).append(" and ").append(state[2]);
        if (who != null) {
            where.append("-".equals(who) ? " and r.consultant_id is null" : " and r.consultant_id = :consultant");
        }
        if (taught != null) {
            where.append("-".equals(taught) ? " and r.teacher_id is null" : " and r.teacher_id = :teacher");
        }
        java.util.function.UnaryOperator<JdbcClient.StatementSpec> bound = spec -> {
            spec = window.bind(spec);
            if (who != null && !"-".equals(who)) {
                spec = spec.param("consultant", who);
            }
            return taught == null || "-".equals(taught) ? spec : spec.param("teacher", taught);
        };
        long total = bound.apply(jdbc.sql("select count(*) from renewal r" + where)).query(Long.class).single();
        List<Object[]> rows = bound.apply(jdbc.sql("select r.renewal_no, r.opportunity_id, c.name customer_name, "
                + "k.name campus_name, r.consultant_id, t.name teacher_name, r.status, r.decline_reason, r.created_at, "
                + "r.decided_at, (select nc.final_price from contract nc where nc.id = r.new_contract_id "
                + "and r.status = 'RENEWED') amount from renewal r join customer c on c.id = r.customer_id "
                + "left join campus k on k.code = r.campus_code left join teacher t on t.id = r.teacher_id" + where
                + " order by r.created_at desc, r.id desc limit " + LIMIT)).query((rs, n) -> new Object[] {
                        rs.getString("renewal_no"), rs.getLong("opportunity_id"), rs.getString("customer_name"),
                        rs.getString("campus_name"), rs.getString("consultant_id"), rs.getString("teacher_name"),
                        rs.getString("status"), rs.getString("decline_reason"),
                        rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("decided_at", OffsetDateTime.class), rs.getBigDecimal("amount")})
                .list();
        var names = staff.displayNames(rows.stream().map(r -> (String) r[4]).filter(u -> u != null).toList());
        List<RenewalReport.Family> families = rows.stream().map(r -> new RenewalReport.Family((String) r[0],
                (Long) r[1], (String) r[2], (String) r[3],
                r[4] == null ? "无课程顾问" : names.getOrDefault((String) r[4], (String) r[4]),
                r[5] == null ? "未上课" : (String) r[5], RenewalStatus.valueOf((String) r[6]).label(), (String) r[7],
                BusinessTime.shown((OffsetDateTime) r[8]),
                r[9] == null ? null : BusinessTime.shown((OffsetDateTime) r[9]),
                r[10] == null ? null : ((BigDecimal) r[10]).setScale(2, RoundingMode.HALF_UP))).toList();
        String campusName = campus == null ? null
                : families.stream().findFirst().map(RenewalReport.Family::campusName).orElse(campus);
        // the filter's consultant named as the rows name them: a filter does not look up anybody's real name
        String consultantName = who == null ? null : "-".equals(who) ? "无课程顾问"
                : rows.isEmpty() ? who : names.getOrDefault(who, who);
        String teacherName = taught == null ? null : "-".equals(taught) ? "未上课"
                : families.stream().findFirst().map(RenewalReport.Family::teacherName).orElse(taught);
        String filters = String.join(" · ", java.util.stream.Stream.of(campusName, consultantName, teacherName)
                .filter(x -> x != null).toList());
        return new RenewalReport.Families(from == null ? null : from.toString(), to == null ? null : to.toString(),
                state[0], state[1], filters, total, LIMIT, families);
    }

    private List<Cell> cells(Scope visible, String campus, LocalDate from, LocalDate to) {
        ReportWindow window = new ReportWindow(visible, campus, from, to);
        String sql = "select r.campus_code, max(k.name) campus_name, coalesce(r.consultant_id, '-') consultant, "
                + "coalesce(r.teacher_id, '-') teacher, max(coalesce(t.name, '未上课')) teacher_name, count(*) due, "
                + "sum(case when r.status = 'RENEWED' then 1 else 0 end) renewed, "
                + "sum(case when r.status = 'DECLINED' then 1 else 0 end) declined, "
                + "sum(case when r.status = 'CANCELLED' then 1 else 0 end) cancelled, "
                // the renewed contract's price looked up for each renewed one (a few hundred a month), not a hash
                // of every contract there is
                + "coalesce(sum(case when r.status = 'RENEWED' then (select nc.final_price from contract nc "
                + "where nc.id = r.new_contract_id) end), 0) amount from renewal r "
                + "left join campus k on k.code = r.campus_code left join teacher t on t.id = r.teacher_id"
                + started(window) + " group by r.campus_code, coalesce(r.consultant_id, '-'), "
                + "coalesce(r.teacher_id, '-')";
        return window.bind(jdbc.sql(sql)).query((rs, n) -> new Cell(rs.getString("campus_code"),
                rs.getString("campus_name"), rs.getString("consultant"), rs.getString("teacher"),
                rs.getString("teacher_name"), rs.getLong("due"), rs.getLong("renewed"), rs.getLong("declined"),
                rs.getLong("cancelled"), rs.getBigDecimal("amount"))).list();
    }

    /** The cells summed per key, in the key's order, each named as {@code name} says. */
    private static List<RenewalReport.Row> sum(List<Cell> cells, Function<Cell, String> key,
            Function<Cell, String> name) {
        Map<String, List<Cell>> grouped = cells.stream().collect(Collectors.groupingBy(key, TreeMap::new,
                Collectors.toList()));
        return grouped.values().stream()
                .map(group -> new RenewalReport.Row(key.apply(group.get(0)), name.apply(group.get(0)), figures(group)))
                .toList();
    }

    /** The figures of the cells together: one grouping's line, or the total over all of them. */
    private static RenewalReport.Figures figures(List<Cell> cells) {
        long due = cells.stream().mapToLong(Cell::due).sum();
        long renewed = cells.stream().mapToLong(Cell::renewed).sum();
        long declined = cells.stream().mapToLong(Cell::declined).sum();
        long cancelled = cells.stream().mapToLong(Cell::cancelled).sum();
        BigDecimal amount = cells.stream().map(Cell::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return figures(due, renewed, declined, cancelled, due - renewed - declined - cancelled, amount);
    }

    /** The renewals started in the window, within the reader's campuses, as " where …". */
    private static String started(ReportWindow window) {
        return " where " + window.visible().campusCondition("r.campus_code")
                + window.where("r.campus_code", "r.created_at");
    }

    private static RenewalReport.Figures figures(long due, long renewed, long declined, long cancelled, long underWay,
            BigDecimal amount) {
        return new RenewalReport.Figures(due, renewed, declined, cancelled, underWay,
                due == 0 ? null : BigDecimal.valueOf(renewed).divide(BigDecimal.valueOf(due), 4, RoundingMode.HALF_UP),
                amount.setScale(2, RoundingMode.HALF_UP));
    }
}
