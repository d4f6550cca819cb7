package com.enrollflow.cluster;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.enrollflow.testsupport.TestDatabase;

/**
 * The PostgreSQL schema the cluster's nodes share, read directly by the two-node test (job locks, tasks, our tables):
 * in the test database, or with {@link #in(String)} the same schema in another database (a restored backup).
 */
final class SharedSchema {

    final String schema;
    /** The database, null for the one of {@link TestDatabase#POSTGRES_URL}. */
    private final String database;

    SharedSchema(String schema) {
        this(schema, null);
    }

    private SharedSchema(String schema, String database) {
        this.schema = schema;
        this.database = database;
    }

    /** The same schema in another database of the same server. */
    SharedSchema in(String otherDatabase) {
        return new SharedSchema(schema, otherDatabase);
    }

    /** The JDBC URL of this database, without parameters. */
    String databaseUrl() {
        String url = TestDatabase.POSTGRES_URL;
        return database == null ? url : url.substring(0, url.lastIndexOf('/') + 1) + database;
    }

    /** Host, port and database of the test server, as pg_dump and pg_restore take them. */
    static URI server() {
        return URI.create(TestDatabase.POSTGRES_URL.substring("jdbc:".length()));
    }

    void recreate() {
        execute("drop schema if exists " + schema + " cascade", "create schema " + schema);
    }

    void execute(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", statements), e);
        }
    }

    List<String> rows(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (r.next()) {
                out.add(r.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    long single(String sql) {
        return Long.parseLong(rows(sql).get(0));
    }

    /** Message jobs (async continuations) due and not out of retries, of any process. */
    long dueMessageJobs() {
        return single("select count(*) from act_ru_job where type_ = 'message' and retries_ > 0 "
                + "and (duedate_ is null or duedate_ <= now())");
    }

    /** How many of these opportunities have an open user task in some process under their business key. */
    long withTasks(Collection<Long> opportunities) {
        if (opportunities.isEmpty()) {
            return 0;
        }
        return single("select count(distinct e.business_key_) from act_ru_task t join act_ru_execution e "
                + "on e.id_ = t.proc_inst_id_ where e.business_key_ in (" + quoted(opportunities) + ")");
    }

    /** Jobs the node has locked and whose lock has not expired. */
    Set<String> heldBy(String node) {
        return new TreeSet<>(rows("select id_ from act_ru_job where lock_owner_ = '" + node
                + "' and lock_exp_time_ > now()"));
    }

    long stillThere(Collection<String> jobs) {
        return single("select count(*) from act_ru_job where id_ in (" + quoted(jobs) + ")");
    }

    long paymentOrders(Collection<Long> opportunities) {
        return single("select count(*) from payment_order where opportunity_id in (" + numbers(opportunities) + ")");
    }

    static String numbers(Collection<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    private static String quoted(Collection<?> values) {
        return String.join(",", values.stream().map(v -> "'" + v + "'").toList());
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(databaseUrl() + "?currentSchema=" + schema, TestDatabase.POSTGRES_USER,
                "");
    }
}
