package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * H2's side of migration V31: keeps {@code credit_day} (V30) equal to a recount of {@code sales_credit} and
 * {@code sales_credit_reversal} on every insert, as the PostgreSQL trigger of the same migration does. A credit adds to
 * its person's, team's and campus's rows of its Beijing day and counts its deal as an order of the team (the campus)
 * when no other credit of the deal is there yet; a reversal adds to the same rows of its day. Runs in the writing
 * transaction, on its connection.
 */
public class CreditDayTrigger extends RowTrigger {

    /** The deal's team, else the person's ({@code %s}) team at the deal's campus (the first by id), else '-'. */
    private static final String TEAM = "coalesce(o.team_id, (select min(m.team_id) from team_member m "
            + "join sales_team s on s.id = m.team_id where m.user_id = %s and s.campus_code = o.campus_code), '-')";

    /** Whether the trigger is on sales_credit (else on the other table it keeps). */
    private boolean credits() {
        return table().equals("SALES_CREDIT");
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (oldRow != null || newRow == null) {
            return; // only ever appended to (V31): an operator's change is followed by V30's rebuild
        }
        String person = (String) value(newRow, "USER_ID");
        BigDecimal amount = (BigDecimal) value(newRow, "AMOUNT");
        Object deal = credits() ? value(newRow, "OPPORTUNITY_ID") : null;
        String dealOf = "select o.id, o.campus_code, o.renewal_of_id, " + TEAM.formatted("?") + (credits()
                ? " from opportunity o where o.id = ?"
                : " from refund f join opportunity o on o.id = f.opportunity_id where f.id = ?");
        String campus;
        String team;
        boolean renewal;
        try (PreparedStatement find = conn.prepareStatement(dealOf)) {
            find.setString(1, person);
            find.setObject(2, credits() ? deal : value(newRow, "REFUND_ID"));
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                campus = rs.getString(2) == null ? "" : rs.getString(2);
                renewal = rs.getObject(3) != null;
                team = rs.getString(4);
            }
        }
        LocalDate day = day(value(newRow, credits() ? "CREDITED_AT" : "REVERSED_AT"));
        if (!credits()) {
            add(conn, day, "P", campus, team, person, 0, 0, BigDecimal.ZERO, amount, renewal, null);
            add(conn, day, "T", campus, team, "", 0, 0, BigDecimal.ZERO, amount, renewal, null);
            add(conn, day, "C", campus, "", "", 0, 0, BigDecimal.ZERO, amount, renewal, null);
            return;
        }
        String policy = (String) value(newRow, "POLICY");
        // the deal's other credits: is this its first credit at the campus, and in this team?
        int firstInCampus;
        int firstInTeam;
        try (PreparedStatement others = conn.prepareStatement("select count(*), coalesce(sum(case when "
                + TEAM.formatted("c.user_id") + " = ? then 1 else 0 end), 0) from sales_credit c "
                + "join opportunity o on o.id = c.opportunity_id where c.opportunity_id = ? and c.user_id <> ?")) {
            others.setString(1, team);
            others.setObject(2, deal);
            others.setString(3, person);
            try (ResultSet rs = others.executeQuery()) {
                rs.next();
                firstInCampus = rs.getLong(1) == 0 ? 1 : 0;
                firstInTeam = rs.getLong(2) == 0 ? 1 : 0;
            }
        }
        add(conn, day, "P", campus, team, person, 1, renewal ? 1 : 0, amount, BigDecimal.ZERO, renewal, policy);
        add(conn, day, "T", campus, team, "", firstInTeam, renewal ? firstInTeam : 0, amount, BigDecimal.ZERO, renewal,
                policy);
        add(conn, day, "C", campus, "", "", firstInCampus, renewal ? firstInCampus : 0, amount, BigDecimal.ZERO,
                renewal, policy);
    }

    private static void add(Connection conn, LocalDate day, String grain, String campus, String team, String person,
            int orders, int renewalOrders, BigDecimal credit, BigDecimal reversal, boolean renewal, String policy)
            throws SQLException {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("credited_on", day);
        key.put("grain", grain);
        key.put("campus_code", campus);
        key.put("team_id", team);
        key.put("user_id", person);
        Map<String, Object> deltas = new LinkedHashMap<>();
        deltas.put("orders", orders);
        deltas.put("renewal_orders", renewalOrders);
        deltas.put("credited", credit);
        deltas.put("reversed", reversal);
        deltas.put("renewal_net", renewal ? credit.subtract(reversal) : BigDecimal.ZERO);
        deltas.put("first_touch", "FIRST_TOUCH".equals(policy) ? 1 : 0);
        deltas.put("last_touch", "LAST_TOUCH".equals(policy) ? 1 : 0);
        deltas.put("even_split", "EVEN_SPLIT".equals(policy) ? 1 : 0);
        addTo(conn, "credit_day", key, deltas);
    }
}
