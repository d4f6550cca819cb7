package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;


/**
 * H2's side of migration V31: keeps {@code credit_day} (V30) equal to a recount of {@code sales_credit} and
 * {@code sales_credit_reversal} on every insert, as the PostgreSQL trigger of the same migration does. A credit adds to
 * its person's, team's and campus's rows of its Beijing day and counts its deal as an order of the team (the campus)
 * when no other credit of the deal is there yet; a reversal adds to the same rows of its day. Runs in the writing
 * transaction, on its connection.
 */
public class CreditDayTrigger extends RowTrigger {

    /** The deal's team, else the person's team at the deal's campus (the first by id), else '-'. */
    private static final String TEAM = "coalesce(o.team_id, (select min(m.team_id) from team_member m "
            + "join sales_team s on s.id = m.team_id where m.user_id = ? and s.campus_code = o.campus_code), '-')";

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
        String dealOf = credits() ? "select o.id, o.campus_code, o.renewal_of_id, " + TEAM + " from opportunity o "
                + "where o.id = ?" : "select o.id, o.campus_code, o.renewal_of_id, " + TEAM + " from refund f "
                + "join opportunity o on o.id = f.opportunity_id where f.id = ?";
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
        LocalDate day = FunnelDayTrigger.day(value(newRow, credits() ? "CREDITED_AT" : "REVERSED_AT"));
        if (!credits()) {
            add(conn, day, "P", campus, team, person, 0, 0, BigDecimal.ZERO, amount, renewal, null);
            add(conn, day, "T", campus, team, "", 0, 0, BigDecimal.ZERO, amount, renewal, null);
            add(conn, day, "C", campus, "", "", 0, 0, BigDecimal.ZERO, amount, renewal, null);
            return;
        }
        String policy = (String) value(newRow, "POLICY");
        int firstInCampus = 1;
        int firstInTeam = 1;
        try (PreparedStatement others = conn.prepareStatement("select c.user_id from sales_credit c "
                + "where c.opportunity_id = ? and c.user_id <> ?")) {
            others.setObject(1, deal);
            others.setString(2, person);
            try (ResultSet rs = others.executeQuery()) {
                while (rs.next()) {
                    firstInCampus = 0;
                    if (team.equals(teamOf(conn, deal, rs.getString(1)))) {
                        firstInTeam = 0;
                    }
                }
            }
        }
        add(conn, day, "P", campus, team, person, 1, renewal ? 1 : 0, amount, BigDecimal.ZERO, renewal, policy);
        add(conn, day, "T", campus, team, "", firstInTeam, renewal ? firstInTeam : 0, amount, BigDecimal.ZERO, renewal,
                policy);
        add(conn, day, "C", campus, "", "", firstInCampus, renewal ? firstInCampus : 0, amount, BigDecimal.ZERO,
                renewal, policy);
    }

    private static String teamOf(Connection conn, Object deal, String person) throws SQLException {
        try (PreparedStatement find = conn.prepareStatement("select " + TEAM + " from opportunity o where o.id = ?")) {
            find.setString(1, person);
            find.setObject(2, deal);
            try (ResultSet rs = find.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void add(Connection conn, LocalDate day, String grain, String campus, String team, String person,
            int orders, int renewalOrders, BigDecimal credit, BigDecimal reversal, boolean renewal, String policy)
            throws SQLException {
        BigDecimal renewalNet = renewal ? credit.subtract(reversal) : BigDecimal.ZERO;
        int first = "FIRST_TOUCH".equals(policy) ? 1 : 0;
        int last = "LAST_TOUCH".equals(policy) ? 1 : 0;
        int even = "EVEN_SPLIT".equals(policy) ? 1 : 0;
        for (int attempt = 0; ; attempt++) {
            try (PreparedStatement update = conn.prepareStatement("update credit_day set orders = orders + ?, "
                    + "renewal_orders = renewal_orders + ?, credited = credited + ?, reversed = reversed + ?, "
                    + "renewal_net = renewal_net + ?, first_touch = first_touch + ?, last_touch = last_touch + ?, "
                    + "even_split = even_split + ? where credited_on = ? and grain = ? and campus_code = ? "
                    + "and team_id = ? and user_id = ?")) {
                update.setInt(1, orders);
                update.setInt(2, renewalOrders);
                update.setBigDecimal(3, credit);
                update.setBigDecimal(4, reversal);
                update.setBigDecimal(5, renewalNet);
                update.setInt(6, first);
                update.setInt(7, last);
                update.setInt(8, even);
                update.setObject(9, day);
                update.setString(10, grain);
                update.setString(11, campus);
                update.setString(12, team);
                update.setString(13, person);
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = conn.prepareStatement("insert into credit_day (credited_on, grain, "
                    + "campus_code, team_id, user_id, orders, renewal_orders, credited, reversed, renewal_net, "
                    + "first_touch, last_touch, even_split) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, day);
                insert.setString(2, grain);
                insert.setString(3, campus);
                insert.setString(4, team);
                insert.setString(5, person);
                insert.setInt(6, orders);
                insert.setInt(7, renewalOrders);
                insert.setBigDecimal(8, credit);
                insert.setBigDecimal(9, reversal);
                insert.setBigDecimal(10, renewalNet);
                insert.setInt(11, first);
                insert.setInt(12, last);
                insert.setInt(13, even);
                insert.executeUpdate();
                return;
            } catch (SQLException e) {
                // another transaction created the day's row in between: add to it
                if (!"23505".equals(e.getSQLState()) || attempt > 0) {
                    throw e;
                }
            }
        }
    }

}
