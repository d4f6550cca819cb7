package com.enrollflow.common;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * Maps a row to a record by matching snake_case columns to camelCase components through the result set's
 * metadata. Spring's DataClassRowMapper and SimplePropertyRowMapper probe {@code findColumn} with each
 * component name first and catch the SQLException; on H2 every such miss also goes to the trace file,
 * which made intake several times slower.
 */
public final class RecordRowMapper<T extends Record> implements RowMapper<T> {

    private final Class<T> type;
    private final RecordComponent[] components;
    private final Constructor<T> constructor;

    private RecordRowMapper(Class<T> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
        }
        try {
            this.constructor = type.getDeclaredConstructor(parameterTypes);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type + " has no canonical constructor", e);
        }
    }

    public static <T extends Record> RecordRowMapper<T> of(Class<T> type) {
        return new RecordRowMapper<>(type);
    }

    @Override
    public T mapRow(ResultSet rs, int rowNum) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Integer> columns = new HashMap<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            columns.put(normalise(JdbcUtils.lookupColumnName(meta, c)), c);
        }
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Integer index = columns.get(normalise(components[i].getName()));
            if (index == null) {
                throw new SQLException("no column for " + type.getSimpleName() + "." + components[i].getName());
            }
            Object value = JdbcUtils.getResultSetValue(rs, index, components[i].getType());
            if (value == null && components[i].getType().isPrimitive()) {
                throw new SQLException("null in column for primitive " + type.getSimpleName() + "."
                        + components[i].getName());
            }
            args[i] = value;
        }
        try {
            return constructor.newInstance(args);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot create " + type.getSimpleName(), e);
        }
    }

    private static String normalise(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
