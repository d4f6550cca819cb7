package com.enrollflow.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.h2.api.Trigger;

import com.enrollflow.reference.BusinessTime;

/**
 * H2's side of migration V26: keeps {@code funnel_day} equal to a recount of {@code opportunity} on every insert,
 * update and delete — the old row's contributions come off, the new row's go on — as the PostgreSQL trigger of the
 * same migration does. Runs in the writing transaction, on its connection.
 */
public class FunnelDayTrigger implements Trigger {

    /** The stage of funnel_day and the opportunity column recording when it was reached. */
    private static final List<String[]> STAGES = List.of(new String[] {"leads", "RECEIVED_AT"},
            new String[] {"valid", "VALID_AT"}, new String[] {"intent", "INTENT_AT"},
            new String[] {"agreed", "AGREED_AT"}, new String[] {"visited", "VISITED_AT"},
            new String[] {"planned", "PLANNED_AT"}, new String[] {"paid", "PAID_AT"});

    private final Map<String, Integer> columns = new HashMap<>();

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
            int type) throws SQLException {
        try (ResultSet rs = conn.getMetaData().getColumns(null, schemaName, tableName, null)) {
            while (rs.next()) {
                columns.put(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT), rs.getInt("ORDINAL_POSITION") - 1);
            }
        }
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (oldRow != null && newRow != null && !moved(oldRow, newRow)) {
            return;
        }
        if (oldRow != null) {
            apply(conn, oldRow, -1);
        }
        if (newRow != null) {
            apply(conn, newRow, 1);
        }
    }

    /** Whether an update changed a column the funnel counts by (owners, statuses and attempts do not). */
    private boolean moved(Object[] oldRow, Object[] newRow) {
        for (String column : List.of("RECEIVED_AT", "VALID_AT", "INTENT_AT", "AGREED_AT", "VISITED_AT", "PLANNED_AT",
                "PAID_AT", "CAMPUS_CODE", "CALL_CENTRE", "TEAM_ID", "SPLIT_FROM_ID", "RENEWAL_OF_ID")) {
            if (!java.util.Objects.equals(value(oldRow, column), value(newRow, column))) {
                return true;
            }
        }
        return false;
    }

    private void apply(Connection conn, Object[] row, int delta) throws SQLException {
        if (value(row, "RENEWAL_OF_ID") != null) {
            return;
        }
        String campus = (String) value(row, "CAMPUS_CODE");
        String centre = campus == null && value(row, "CALL_CENTRE") != null ? (String) value(row, "CALL_CENTRE") : "";
        String team = value(row, "TEAM_ID") == null ? "" : (String) value(row, "TEAM_ID");
        boolean lead = value(row, "SPLIT_FROM_ID") == null;
        for (String[] stage : STAGES) {
            Object at = value(row, stage[1]);
            if (at != null) {
                add(conn, day(at), stage[0], campus == null ? "" : campus, centre, team, lead, delta);
            }
        }
    }

    private static void add(Connection conn, LocalDate day, String stage, String campus, String centre,
            String team, boolean lead, int delta) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            try (PreparedStatement update = conn.prepareStatement("update funnel_day set opportunities = "
                    + "opportunities + ? where reached_on = ? and stage = ? and campus_code = ? and call_centre = ? "
                    + "and team_id = ? and is_lead = ?")) {
                update.setLong(1, delta);
                bindKey(update, 2, day, stage, campus, centre, team, lead);
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = conn.prepareStatement("insert into funnel_day (reached_on, stage, "
                    + "campus_code, call_centre, team_id, is_lead, opportunities) values (?, ?, ?, ?, ?, ?, ?)")) {
                bindKey(insert, 1, day, stage, campus, centre, team, lead);
                insert.setLong(7, delta);
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

    private static void bindKey(PreparedStatement statement, int first, LocalDate day, String stage,
            String campus, String centre, String team, boolean lead) throws SQLException {
        statement.setObject(first, day);
        statement.setString(first + 1, stage);
        statement.setString(first + 2, campus);
        statement.setString(first + 3, centre);
        statement.setString(first + 4, team);
        statement.setBoolean(first + 5, lead);
    }

    private Object value(Object[] row, String column) {
        Integer index = columns.get(column);
        if (index == null) {
            throw new IllegalStateException("opportunity has no column " + column);
        }
        return row[index];
    }

    private static LocalDate day(Object at) {
        if (at instanceof OffsetDateTime moment) {
            return BusinessTime.dateOf(moment);
        }
        if (at instanceof java.time.ZonedDateTime moment) {
            return BusinessTime.dateOf(moment.toOffsetDateTime());
        }
        if (at instanceof java.time.Instant moment) {
            return moment.atZone(BusinessTime.ZONE).toLocalDate();
        }
        throw new IllegalStateException("a stage time of type " + at.getClass().getName());
    }
}
