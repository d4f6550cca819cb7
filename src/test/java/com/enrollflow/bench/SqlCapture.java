package com.enrollflow.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records the statements the application runs on the current thread while {@link #start()}ed, with their bound
 * parameters, so that the board benchmark can EXPLAIN exactly what a report sent. A pass-through otherwise: the
 * application's data source is wrapped in a JDK proxy (DataSource, Connection, Statement and PreparedStatement only;
 * result sets are the driver's own).
 */
final class SqlCapture {

    /** A statement as sent: its text with {@code ?} and the values bound by index (null: SQL NULL). */
    record Captured(String sql, TreeMap<Integer, Object> params) {
    }

    private static final ThreadLocal<List<Captured>> RECORDING = new ThreadLocal<>();

    private SqlCapture() {
    }

    static void start() {
        RECORDING.set(new ArrayList<>());
    }

    static List<Captured> stop() {
        List<Captured> got = RECORDING.get();
        RECORDING.remove();
        return got == null ? List.of() : got;
    }

    static DataSource wrap(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(SqlCapture.class.getClassLoader(),
                new Class<?>[] {DataSource.class, AutoCloseable.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection c && method.getName().equals("getConnection")
                            ? connection(c) : result;
                });
    }

    private static Connection connection(Connection target) {
        return (Connection) Proxy.newProxyInstance(SqlCapture.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (result instanceof PreparedStatement ps && method.getName().startsWith("prepare")
                            && args != null && args[0] instanceof String sql) {
                        return prepared(ps, sql);
                    }
                    if (result instanceof Statement st && method.getName().equals("createStatement")) {
                        return plain(st);
                    }
                    return result;
                });
    }

    private static Statement plain(Statement target) {
        return (Statement) Proxy.newProxyInstance(SqlCapture.class.getClassLoader(),
                new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                    List<Captured> recording = RECORDING.get();
                    if (recording != null && method.getName().startsWith("execute") && args != null
                            && args[0] instanceof String sql) {
                        recording.add(new Captured(sql, new TreeMap<>()));
                    }
                    return invoke(target, method, args);
                });
    }

    private static PreparedStatement prepared(PreparedStatement target, String sql) {
        TreeMap<Integer, Object> params = new TreeMap<>();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index
                    && !name.equals("setFetchSize") && !name.equals("setMaxRows") && !name.equals("setQueryTimeout")) {
                params.put(index, name.equals("setNull") ? null : args[1]);
            } else if (name.equals("clearParameters")) {
                params.clear();
            } else if (name.startsWith("execute") && (args == null || args.length == 0)) {
                List<Captured> recording = RECORDING.get();
                if (recording != null) {
                    recording.add(new Captured(sql, new TreeMap<>(params)));
                }
            }
            return invoke(target, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(SqlCapture.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** {@code explain (analyze, buffers)} of a captured statement with its parameters: the plan's lines. */
    static List<String> explain(JdbcTemplate jdbc, Captured s) {
        return jdbc.execute((Connection c) -> {
            List<String> lines = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("explain (analyze, buffers) " + s.sql())) {
                for (Map.Entry<Integer, Object> p : s.params().entrySet()) {
                    ps.setObject(p.getKey(), p.getValue());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
            }
            return lines;
        });
    }

    /** The milliseconds of a plan's "Execution Time: 12.3 ms" line; 0 when it has none. */
    static double executionMs(String executionTime) {
        Matcher m = Pattern.compile("([0-9.]+) ms").matcher(executionTime);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** A statement on one line, cut after {@code max} characters. */
    static String abbreviate(String sql, int max) {
        String flat = sql.replaceAll("\\s+", " ");
        return flat.length() > max ? flat.substring(0, max) + " …" : flat;
    }
}
