package com.enrollflow.renewal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Scope;

/** The renewal report's figures, from the renewal table (never from process history). */
@Service
public class RenewalReports {

    /** The total: one row over everything, no grouping (PostgreSQL refuses to group by a constant). */
    private static final String TOTAL = "'all'";

    private final JdbcClient jdbc;
    private final StaffDirectory staff;

    RenewalReports(JdbcClient jdbc, StaffDirectory staff) {
        this.jdbc = jdbc;
        this.staff = staff;
    }

    @Transactional(readOnly = true)
    public RenewalReport report(Scope visible, String campus, LocalDate from, LocalDate to) {
        List<RenewalReport.Row> byCampus = rows("r.campus_code", "max(k.name)",
                " left join campus k on k.code = r.campus_code", visible, campus, from, to);
        List<RenewalReport.Row> consultants = rows("coalesce(r.consultant_id, '-')", "max('无课程顾问')", "", visible,
                campus, from, to);
        var names = staff.displayNames(consultants.stream().map(RenewalReport.Row::key).toList());
        List<RenewalReport.Row> byConsultant = consultants.stream().map(r -> "-".equals(r.key()) ? r
                : new RenewalReport.Row(r.key(), names.getOrDefault(r.key(), r.key()), r.figures())).toList();
        List<RenewalReport.Row> byTeacher = rows("coalesce(r.teacher_id, '-')", "max(coalesce(t.name, '未上课'))",
                " left join teacher t on t.id = r.teacher_id", visible, campus, from, to);
        RenewalReport.Figures total = rows(TOTAL, "'合计'", "", visible, campus, from, to).stream().findFirst()
                .map(RenewalReport.Row::figures).orElse(figures(0, 0, 0, 0, 0, BigDecimal.ZERO));
        return new RenewalReport(from, to, campus, total, byCampus, byConsultant, byTeacher);
    }

    private List<RenewalReport.Row> rows(String key, String name, String join, Scope visible, String campus,
            LocalDate from, LocalDate to) {
        StringBuilder sql = new StringBuilder("select " + key + " as k, " + name + " as n, count(*) as due, "
                + "sum(case when r.status = 'RENEWED' then 1 else 0 end) as renewed, "
                + "sum(case when r.status = 'DECLINED' then 1 else 0 end) as declined, "
                + "sum(case when r.status = 'CANCELLED' then 1 else 0 end) as cancelled, "
                // the renewed contract's price looked up for each renewed one (a few hundred a month), not a hash
                // of every contract there is
                + "coalesce(sum(case when r.status = 'RENEWED' then (select nc.final_price from contract nc "
                + "where nc.id = r.new_contract_id) end), 0) as amount from renewal r" + join
                + " where " + visible.campusCondition("r.campus_code"));
        if (campus != null) {
            sql.append(" and r.campus_code = :campus");
        }
        if (from != null) {
            sql.append(" and r.created_at >= :from");
        }
        if (to != null) {
            sql.append(" and r.created_at < :to");
        }
        if (!TOTAL.equals(key)) {
            sql.append(" group by ").append(key).append(" order by 1");
        }
        var spec = visible.bind(jdbc.sql(sql.toString()));
        if (campus != null) {
            spec = spec.param("campus", campus);
        }
        if (from != null) {
            spec = spec.param("from", from.atStartOfDay(BusinessTime.ZONE).toOffsetDateTime());
        }
        if (to != null) {
            spec = spec.param("to", to.plusDays(1).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime());
        }
        return spec.query((rs, n) -> {
            long due = rs.getLong("due");
            long renewed = rs.getLong("renewed");
            long declined = rs.getLong("declined");
            long cancelled = rs.getLong("cancelled");
            return new RenewalReport.Row(rs.getString("k"), rs.getString("n"), figures(due, renewed, declined,
                    cancelled, due - renewed - declined - cancelled, rs.getBigDecimal("amount")));
        }).list();
    }

    private static RenewalReport.Figures figures(long due, long renewed, long declined, long cancelled, long underWay,
            BigDecimal amount) {
        return new RenewalReport.Figures(due, renewed, declined, cancelled, underWay,
                due == 0 ? null : BigDecimal.valueOf(renewed).divide(BigDecimal.valueOf(due), 4, RoundingMode.HALF_UP),
                amount.setScale(2, RoundingMode.HALF_UP));
    }
}
