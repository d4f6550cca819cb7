package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.credit.CreditPolicy;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Scope;

/**
 * 业绩报表 read from the credit table ({@code sales_credit}, written at payment) and its reversals
 * ({@code sales_credit_reversal}, written when a refund is paid out), never from process history, as the database
 * sums them per day in {@code credit_day} (V30, kept by a trigger on both). A credit belongs to its deal's campus and
 * team; a deal without a team (a renewal) counts for the team the person belonged to at that campus when the credit
 * was recorded. People, teams and the total are each counted on their own rows, so a deal shared by two people is
 * one order of their team, not two.
 */
@Service
public class CreditReports {

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final Clock clock;

    CreditReports(JdbcClient jdbc, StaffDirectory staff, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.clock = clock;
    }

    /** Credits recorded and reversals paid out from {@code from} to {@code to} (Beijing days, both in; null = open). */
    @Transactional(readOnly = true)
    public CreditReport report(Scope visible, String campus, LocalDate from, LocalDate to) {
        Period period = new Period(visible, campus, from, to);
        List<CreditReport.Row> people = rows(period, "P", "d.campus_code, d.team_id, d.user_id",
                "d.campus_code, d.team_id, coalesce(sum(d.credited), 0) - coalesce(sum(d.reversed), 0) desc, "
                        + "d.user_id");
        Map<String, String> names = staff.displayNames(people.stream().map(CreditReport.Row::userId).toList());
        people = people.stream().map(r -> new CreditReport.Row(r.campusCode(), r.campusName(), r.teamId(),
                r.teamName(), r.userId(), names.getOrDefault(r.userId(), r.userId()), r.policies(), r.figures()))
                .toList();
        List<CreditReport.Row> teams = rows(period, "T", "d.campus_code, d.team_id", "d.campus_code, d.team_id");
        CreditReport.Figures total = rows(period, "C", null, null).stream().findFirst()
                .map(CreditReport.Row::figures).orElseThrow();
        return new CreditReport(OffsetDateTime.now(clock), from, to, campus, CreditReport.KPI_BAND, people, teams,
                total);
    }

    private record Period(Scope visible, String campus, LocalDate from, LocalDate to) {
    }

    /**
     * The figures of one grain of credit_day (V30: 'P' person, 'T' team, 'C' campus) over the period, grouped by
     * {@code groupBy} (null: the total, one row, no grouping: PostgreSQL refuses to group by a constant).
     */
    private List<CreditReport.Row> rows(Period p, String grain, String groupBy, String orderBy) {
        boolean grouped = groupBy != null;
        boolean people = grain.equals("P");
        String sql = "select " + (grouped ? "d.campus_code as campus, max(k.name) as campus_name, d.team_id as team, "
                + "max(t.name) as team_name, " : "cast(null as varchar(16)) as campus, "
                        + "cast(null as varchar(64)) as campus_name, cast(null as varchar(32)) as team, "
                        + "cast(null as varchar(64)) as team_name, ")
                + (people ? "d.user_id" : "cast(null as varchar(64))") + " as person, "
                + "coalesce(sum(d.orders), 0) as orders, coalesce(sum(d.renewal_orders), 0) as renewal_orders, "
                + "coalesce(sum(d.credited), 0) as credited, coalesce(sum(d.reversed), 0) as reversed, "
                + "coalesce(sum(d.renewal_net), 0) as renewal_net, coalesce(sum(d.first_touch), 0) as first_touch, "
                + "coalesce(sum(d.last_touch), 0) as last_touch, coalesce(sum(d.even_split), 0) as even_split "
                + "from credit_day d left join campus k on k.code = d.campus_code "
                + "left join sales_team t on t.id = d.team_id where d.grain = :grain and "
                + p.visible().campusCondition("d.campus_code")
                + (p.campus() == null ? "" : " and d.campus_code = :campus")
                + (p.from() == null ? "" : " and d.credited_on >= :from")
                + (p.to() == null ? "" : " and d.credited_on <= :to")
                + (grouped ? " group by " + groupBy + " order by " + orderBy : "");
        JdbcClient.StatementSpec statement = p.visible().bind(jdbc.sql(sql)).param("grain", grain);
        if (p.campus() != null) {
            statement = statement.param("campus", p.campus());
        }
        if (p.from() != null) {
            statement = statement.param("from", p.from());
        }
        if (p.to() != null) {
            statement = statement.param("to", p.to());
        }
        return statement.query((rs, n) -> row(rs)).list();
    }

    private static CreditReport.Row row(ResultSet rs) throws SQLException {
        List<String> policies = new ArrayList<>();
        for (CreditPolicy policy : List.of(CreditPolicy.FIRST_TOUCH, CreditPolicy.LAST_TOUCH, CreditPolicy.EVEN_SPLIT)) {
            if (rs.getLong(policy.name().toLowerCase()) > 0) {
                policies.add(policy.label());
            }
        }
        String team = rs.getString("team");
        return new CreditReport.Row(rs.getString("campus"), rs.getString("campus_name"), team,
                "-".equals(team) ? "无团队" : rs.getString("team_name"), rs.getString("person"), null,
                String.join("、", policies), CreditReport.Figures.of(rs.getLong("orders"), rs.getLong("renewal_orders"),
                        amount(rs, "credited"), amount(rs, "reversed"), amount(rs, "renewal_net")));
    }

    private static BigDecimal amount(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? BigDecimal.ZERO : value;
    }
}
