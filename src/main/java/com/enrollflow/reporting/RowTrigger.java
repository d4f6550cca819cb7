package com.enrollflow.reporting;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.h2.api.Trigger;

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
}
