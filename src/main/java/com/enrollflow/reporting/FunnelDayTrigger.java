package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * H2's side of migrations V26 and V29: keeps {@code funnel_day} equal to a recount of {@code opportunity} on every
 * insert, update and delete — the old row's contributions come off, the new row's go on — as the PostgreSQL trigger of
 * the same migrations does; the 'paid' rows also carry the paid opportunities' orders, order value, lessons and refunds
 * (V28). Runs in the writing transaction, on its connection.
 */
public class FunnelDayTrigger extends RowTrigger {

    /** The stage of funnel_day and the opportunity column recording when it was reached. */
    private static final List<String[]> STAGES = List.of(new String[] {"leads", "RECEIVED_AT"},
            new String[] {"valid", "VALID_AT"}, new String[] {"intent", "INTENT_AT"},
            new String[] {"agreed", "AGREED_AT"}, new String[] {"visited", "VISITED_AT"},
            new String[] {"planned", "PLANNED_AT"}, new String[] {"paid", "PAID_AT"});

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
                "PAID_AT", "CAMPUS_CODE", "CALL_CENTRE", "TEAM_ID", "SPLIT_FROM_ID", "RENEWAL_OF_ID", "ORDER_COUNT",
                "ORDER_VALUE", "ORDER_LESSONS", "REFUNDED_VALUE")) {
            // V28's columns are missing while V28 itself runs (see number): they move nothing then
            if (has(column)
                    && !java.util.Objects.equals(value(oldRow, column), value(newRow, column))) {
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
        Money paid = new Money(number(row, "ORDER_COUNT").longValue() * delta,
                money(row, "ORDER_VALUE").multiply(BigDecimal.valueOf(delta)),
                number(row, "ORDER_LESSONS").longValue() * delta,
                money(row, "REFUNDED_VALUE").multiply(BigDecimal.valueOf(delta)));
        for (String[] stage : STAGES) {
            Object at = value(row, stage[1]);
            if (at != null) {
                add(conn, day(at), stage[0], campus == null ? "" : campus, centre, team, lead, delta,
                        stage[0].equals("paid") ? paid : Money.NONE);
            }
        }
    }

    /** The money a 'paid' row carries (V28), already multiplied by the delta; nothing on the other stages. */
    private record Money(long orders, BigDecimal value, long lessons, BigDecimal refunded) {
        static final Money NONE = new Money(0, BigDecimal.ZERO, 0, BigDecimal.ZERO);
    }

    private static void add(Connection conn, LocalDate day, String stage, String campus, String centre,
            String team, boolean lead, int delta, Money money) throws SQLException {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("reached_on", day);
        key.put("stage", stage);
        key.put("campus_code", campus);
        key.put("call_centre", centre);
        key.put("team_id", team);
        key.put("is_lead", lead);
        Map<String, Object> deltas = new LinkedHashMap<>();
        deltas.put("opportunities", (long) delta);
        deltas.put("orders", money.orders());
        deltas.put("order_value", money.value());
        deltas.put("order_lessons", money.lessons());
        deltas.put("refunded_value", money.refunded());
        addTo(conn, "funnel_day", key, deltas);
    }

    /**
     * A count column of V28; 0 while this trigger runs for a table that does not have it yet (migration V28 itself:
     * the trigger may have been set up before V28 added the columns, and V28 rebuilds funnel_day after its writes).
     */
    private Number number(Object[] row, String column) {
        return !has(column) || value(row, column) == null ? 0 : (Number) value(row, column);
    }

    private BigDecimal money(Object[] row, String column) {
        return !has(column) || value(row, column) == null ? BigDecimal.ZERO : (BigDecimal) value(row, column);
    }
}
