package com.enrollflow.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.h2.api.Trigger;

import com.enrollflow.reference.BusinessTime;

/**
 * An H2 row trigger that reads the written row's values by column name: the positions are taken from the table when
 * H2 sets the trigger up (a trigger set up before a migration added a column does not know it: {@link #has}).
 */
abstract class RowTrigger implements Trigger {

    private final Map<String, Integer> columns = new HashMap<>();
    private String table;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
            int type) throws SQLException {
        table = tableName.toUpperCase(Locale.ROOT);
        try (ResultSet rs = conn.getMetaData().getColumns(null, schemaName, tableName, null)) {
            while (rs.next()) {
                columns.put(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT), rs.getInt("ORDINAL_POSITION") - 1);
            }
        }
    }

    /** The table the trigger is on, upper case. */
    String table() {
        return table;
    }

    boolean has(String column) {
        return columns.containsKey(column);
    }

    /** The row's value of {@code column} (upper case); a column the table does not have is a programming error. */
    Object value(Object[] row, String column) {
        Integer index = columns.get(column);
        if (index == null) {
            throw new IllegalStateException(table + " has no column " + column);
        }
        return row[index];
    }

    /**
     * Adds {@code deltas} to the counters of the summary row of {@code key} in {@code table}, creating the row when there
     * is none: an update, else an insert; an insert that loses to another transaction's insert of the same key (23505)
     * is taken again as an update. Both maps in column order.
     */
    static void addTo(Connection conn, String table, Map<String, Object> key, Map<String, Object> deltas)
            throws SQLException {
        List<Object> values = new ArrayList<>(deltas.values());
        values.addAll(key.values());
        String update = "update " + table + " set " + String.join(", ", deltas.keySet().stream()
                .map(c -> c + " = " + c + " + ?").toList()) + " where " + String.join(" and ", key.keySet().stream()
                        .map(c -> c + " = ?").toList());
        List<String> columns = new ArrayList<>(key.keySet());
        columns.addAll(deltas.keySet());
        List<Object> inserted = new ArrayList<>(key.values());
        inserted.addAll(deltas.values());
        String insert = "insert into " + table + " (" + String.join(", ", columns) + ") values ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        for (int attempt = 0; ; attempt++) {
            if (execute(conn, update, values) == 1) {
                return;
            }
            try {
                execute(conn, insert, inserted);
                return;
            } catch (SQLException e) {
                // another transaction created the row in between: add to it
                if (!"23505".equals(e.getSQLState()) || attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private static int execute(Connection conn, String sql, List<Object> values) throws SQLException {
        try (PreparedStatement statement = conn.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            return statement.executeUpdate();
        }
    }

    /** The Beijing day of a moment as H2 hands a timestamp with time zone to a trigger. */
    static LocalDate day(Object at) {
        if (at instanceof OffsetDateTime moment) {
            return BusinessTime.dateOf(moment);
        }
        if (at instanceof ZonedDateTime moment) {
            return BusinessTime.dateOf(moment.toOffsetDateTime());
        }
        if (at instanceof Instant moment) {
            return moment.atZone(BusinessTime.ZONE).toLocalDate();
        }
        throw new IllegalStateException("a moment of type " + at.getClass().getName());
    }
}
