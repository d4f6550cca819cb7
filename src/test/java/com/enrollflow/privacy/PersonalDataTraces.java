package com.enrollflow.privacy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Searches every text column of every table of the database (EnrollFlow's and the engine's, found through the JDBC
 * metadata, so a table added later is searched too) and the engine's byte arrays (serialized variables, job
 * exception stack traces) for strings: where does a person's name or phone number still appear?
 */
@Component
class PersonalDataTraces {

    private static final Set<Integer> TEXT = Set.of(Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB,
            Types.NVARCHAR, Types.NCHAR, Types.LONGNVARCHAR, Types.NCLOB);

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    PersonalDataTraces(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** "table.column" (or "ACT_GE_BYTEARRAY.BYTES_ id") for every place one of the strings occurs. */
    List<String> find(String... needles) throws SQLException {
        Map<String, List<String>> columns = textColumns();
        List<String> found = new ArrayList<>();
        for (var table : columns.entrySet()) {
            for (String column : table.getValue()) {
                for (String needle : needles) {
                    long hits = jdbc.sql("select count(*) from \"" + table.getKey() + "\" where \"" + column
                            + "\" like ?").param("%" + needle + "%").query(Long.class).single();
                    if (hits > 0) {
                        found.add(table.getKey() + "." + column + " (" + needle + ")");
                    }
                }
            }
        }
        jdbc.sql("select id_, bytes_ from act_ge_bytearray").query((rs, n) -> {
            byte[] bytes = rs.getBytes(2);
            for (String needle : needles) {
                if (bytes != null && contains(bytes, needle.getBytes(StandardCharsets.UTF_8))) {
                    found.add("ACT_GE_BYTEARRAY.BYTES_ " + rs.getString(1) + " (" + needle + ")");
                }
            }
            return null;
        }).list();
        return found;
    }

    private Map<String, List<String>> textColumns() throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, c.getSchema(), "%", null)) {
                while (rs.next()) {
                    String type = rs.getString("TABLE_TYPE");
                    if ("TABLE".equals(type) || "BASE TABLE".equals(type)) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            for (String table : tables) {
                try (ResultSet rs = meta.getColumns(null, c.getSchema(), table, "%")) {
                    while (rs.next()) {
                        if (TEXT.contains(rs.getInt("DATA_TYPE"))) {
                            columns.computeIfAbsent(table, t -> new ArrayList<>()).add(rs.getString("COLUMN_NAME"));
                        }
                    }
                }
            }
        }
        if (columns.size() < 20) {
            throw new IllegalStateException("found only the text columns of " + columns.keySet()
                    + ": the search would prove nothing");
        }
        return columns;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
