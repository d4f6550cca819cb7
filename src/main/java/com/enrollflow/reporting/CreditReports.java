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
 * ({@code sales_credit_reversal}, written when a refund is paid out), never from process history. A credit belongs to
 * its deal's campus and team; a deal without a team (a renewal) counts for the team the person belongs to at that
 * campus. People, teams and the total are each counted by the database, so a deal shared by two people is one order
 * of their team, not two.
 */
@Service
public class CreditReports {

    /** The deal's team, else the person's team at the deal's campus (the first by id), else "-" (无团队). */
    private static final String TEAM = "coalesce(o.team_id, (select min(m.team_id) from team_member m "
            + "join sales_team s on s.id = m.team_id where m.user_id = %s and s.campus_code = o.campus_code), '-')";
    private static final String NOBODY = "cast(null as varchar(64))";
    private static final String RENEWAL = "case when o.renewal_of_id is null then 0 else 1 end";

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
        List<CreditReport.Row> people = rows(period, "x.campus, x.team, x.person", "x.person",
                "x.campus, x.team, coalesce(sum(x.credit), 0) - coalesce(sum(x.reversed), 0) desc, x.person");
        Map<String, String> names = staff.displayNames(people.stream().map(CreditReport.Row::userId).toList());
        people = people.stream().map(r -> new CreditReport.Row(r.campusCode(), r.campusName(), r.teamId(),
                r.teamName(), r.userId(), names.getOrDefault(r.userId(), r.userId()), r.policies(), r.figures()))
                .toList();
        List<CreditReport.Row> teams = rows(period, "x.campus, x.team", NOBODY, "x.campus, x.team");
        CreditReport.Figures total = rows(period, null, NOBODY, null).stream().findFirst()
                .map(CreditReport.Row::figures).orElseThrow();
        return new CreditReport(OffsetDateTime.now(clock), from, to, campus, CreditReport.KPI_BAND, people, teams,
                total);
    }

    private record Period(Scope visible, String campus, LocalDate from, LocalDate to) {
    }

    /** Grouped by {@code groupBy} (null: the total, one row, no grouping: PostgreSQL refuses to group by a constant). */
    private List<CreditReport.Row> rows(Period p, String groupBy, String person, String orderBy) {
        String credits = "select o.campus_code as campus, " + TEAM.formatted("c.user_id") + " as team, "
                + "c.user_id as person, c.opportunity_id as deal, " + RENEWAL + " as renewal, c.amount as credit, "
                + "0 as reversed, c.policy as policy from sales_credit c join opportunity o on o.id = c.opportunity_id"
                + where(p, "c.credited_at");
        String reversals = "select o.campus_code, " + TEAM.formatted("r.user_id") + ", r.user_id, "
                + "cast(null as bigint), " + RENEWAL + ", 0, r.amount, cast(null as varchar(16)) "
                + "from sales_credit_reversal r join refund f on f.id = r.refund_id "
                + "join opportunity o on o.id = f.opportunity_id" + where(p, "r.reversed_at");
        boolean grouped = groupBy != null;
        String sql = "select " + (grouped ? "x.campus, max(k.name) as campus_name, x.team, max(t.name) as team_name, "
                : "cast(null as varchar(16)) as campus, cast(null as varchar(64)) as campus_name, "
                        + "cast(null as varchar(32)) as team, cast(null as varchar(64)) as team_name, ")
                + person + " as person, count(distinct x.deal) as orders, "
                + "count(distinct case when x.renewal = 1 then x.deal end) as renewal_orders, "
                + "coalesce(sum(x.credit), 0) as credited, coalesce(sum(x.reversed), 0) as reversed, "
                + "coalesce(sum(case when x.renewal = 1 then x.credit - x.reversed else 0 end), 0) as renewal_net, "
                + "sum(case when x.policy = 'FIRST_TOUCH' then 1 else 0 end) as first_touch, "
                + "sum(case when x.policy = 'LAST_TOUCH' then 1 else 0 end) as last_touch, "
                + "sum(case when x.policy = 'EVEN_SPLIT' then 1 else 0 end) as even_split "
                + "from (" + credits + " union all " + reversals + ") x "
                + "left join campus k on k.code = x.campus left join sales_team t on t.id = x.team"
                + (grouped ? " group by " + groupBy + " order by " + orderBy : "");
        JdbcClient.StatementSpec statement = p.visible().bind(jdbc.sql(sql));
        if (p.campus() != null) {
            statement = statement.param("campus", p.campus());
        }
        if (p.from() != null) {
            statement = statement.param("from", p.from().atStartOfDay(BusinessTime.ZONE).toOffsetDateTime());
        }
        if (p.to() != null) {
            statement = statement.param("to", p.to().plusDays(1).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime());
        }
        return statement.query((rs, n) -> row(rs)).list();
    }

    /** The scope, the campus asked for and the period on one of the two moments (credited, reversed). */
    private static String where(Period p, String moment) {
        StringBuilder where = new StringBuilder(" where ").append(p.visible().campusCondition("o.campus_code"));
        if (p.campus() != null) {
            where.append(" and o.campus_code = :campus");
        }
        if (p.from() != null) {
            where.append(" and ").append(moment).append(" >= :from");
        }
        if (p.to() != null) {
            where.append(" and ").append(moment).append(" < :to");
        }
        return where.toString();
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
