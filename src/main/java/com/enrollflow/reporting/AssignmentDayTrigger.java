package com.enrollflow.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * H2's side of migration V36: keeps {@code assignment_day} equal to a recount of {@code assignment_event} joined to
 * {@code opportunity}, as the PostgreSQL triggers of the same migration do. On {@code assignment_event}: the old
 * event's count comes off, the new one's goes on, under its opportunity's campus, call centre and product line. On
 * {@code opportunity}: when one of those (or the renewal mark) changes, its events' counts move from the old key to
 * the new. Runs in the writing transaction, on its connection. An event locks its opportunity's row while it is
 * counted (H2 has no shared row lock), so a concurrent change of that opportunity's campus sees it and moves it.
 */
public class AssignmentDayTrigger extends RowTrigger {

    /** The opportunity's columns assignment_day counts by: an update that changes none of them moves nothing. */
    private static final List<String> COUNTED = List.of("CAMPUS_CODE", "CALL_CENTRE", "PRODUCT_LINE", "RENEWAL_OF_ID");

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (table().equals("OPPORTUNITY")) {
            if (COUNTED.stream().allMatch(c -> Objects.equals(value(oldRow, c), value(newRow, c)))) {
                return;
            }
            move(conn, oldRow, -1);
            move(conn, newRow, 1);
            return;
        }
        if (oldRow != null) {
            event(conn, oldRow, -1);
        }
        if (newRow != null) {
            event(conn, newRow, 1);
        }
    }

    private void event(Connection conn, Object[] event, int delta) throws SQLException {
        try (PreparedStatement select = conn.prepareStatement(
                "select campus_code, call_centre, product_line, renewal_of_id from opportunity where id = ? "
                        + "for update")) {
            select.setObject(1, value(event, "OPPORTUNITY_ID"));
            try (ResultSet o = select.executeQuery()) {
                if (!o.next() || o.getObject("renewal_of_id") != null) {
                    return;
                }
                Map<String, Object> key = opportunityKey(o.getString("campus_code"), o.getString("call_centre"),
                        o.getString("product_line"));
                eventKey(key, day(value(event, "OCCURRED_AT")), (String) value(event, "TEAM_ID"),
                        (String) value(event, "KIND"), (String) value(event, "FROM_USER"),
                        (String) value(event, "TO_USER"));
                addTo(conn, "assignment_day", key, Map.of("events", (long) delta));
            }
        }
    }

    private void move(Connection conn, Object[] opportunity, int delta) throws SQLException {
        if (value(opportunity, "RENEWAL_OF_ID") != null) {
            return;
        }
        try (PreparedStatement select = conn.prepareStatement(
                "select occurred_at, team_id, kind, from_user, to_user from assignment_event "
                        + "where opportunity_id = ?")) {
            select.setObject(1, value(opportunity, "ID"));
            Map<String, Object> ofOpportunity = opportunityKey((String) value(opportunity, "CAMPUS_CODE"),
                    (String) value(opportunity, "CALL_CENTRE"), (String) value(opportunity, "PRODUCT_LINE"));
            try (ResultSet e = select.executeQuery()) {
                while (e.next()) {
                    Map<String, Object> key = new LinkedHashMap<>(ofOpportunity);
                    eventKey(key, day(e.getObject("occurred_at", java.time.OffsetDateTime.class)),
                            e.getString("team_id"), e.getString("kind"), e.getString("from_user"),
                            e.getString("to_user"));
                    addTo(conn, "assignment_day", key, Map.of("events", (long) delta));
                }
            }
        }
    }

    /** The key's columns that come from the opportunity ('' for none); {@link #eventKey} adds the event's. */
    private static Map<String, Object> opportunityKey(String campus, String callCentre, String productLine) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("campus_code", campus == null ? "" : campus);
        key.put("call_centre", campus == null ? Objects.requireNonNullElse(callCentre, "") : "");
        key.put("product_line", Objects.requireNonNullElse(productLine, ""));
        return key;
    }

    private static void eventKey(Map<String, Object> key, java.time.LocalDate day, String team, String kind,
            String from, String to) {
        key.put("occurred_on", day);
        key.put("team_id", Objects.requireNonNullElse(team, ""));
        key.put("kind", kind);
        key.put("from_user", Objects.requireNonNullElse(from, ""));
        key.put("to_user", Objects.requireNonNullElse(to, ""));
    }
}
