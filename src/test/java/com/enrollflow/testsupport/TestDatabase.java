package com.enrollflow.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfilesResolver;

/** Which database the tests run on: system property enrollflow.testDatabase = h2 (default) or postgres. */
public final class TestDatabase {

    public static final String POSTGRES_URL = System.getProperty("enrollflow.postgresUrl",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = System.getProperty("enrollflow.postgresUser", "postgres");
    /** Own schema per checkout when several test runs share one PostgreSQL: -Denrollflow.testSchema=... */
    public static final String SCHEMA = System.getProperty("enrollflow.testSchema", "enrollflow_test");

    private static boolean reset;

    private TestDatabase() {
    }

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("enrollflow.testDatabase"));
    }

    public static boolean postgresRequired() {
        return Boolean.parseBoolean(System.getProperty("enrollflow.requirePostgres", "false"));
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
    }

    /** Profiles "demo" (demo users and passwords) + "test" (H2 in memory), or also "test-postgres". */
    public static class Profiles implements ActiveProfilesResolver {
        @Override
        public String[] resolve(Class<?> testClass) {
            return postgres() ? new String[] {"demo", "test", "test-postgres"} : new String[] {"demo", "test"};
        }
    }

    /** A clean schema once per test run on PostgreSQL: earlier runs leave nothing behind. */
    public static class Reset implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestRefundGateway.configure(context);
            if (!postgres()) {
                return;
            }
            synchronized (TestDatabase.class) {
                if (reset) {
                    return;
                }
                try (Connection c = connect(); Statement s = c.createStatement()) {
                    s.execute("drop schema if exists " + SCHEMA + " cascade");
                    s.execute("create schema " + SCHEMA);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot prepare PostgreSQL schema " + SCHEMA + " at "
                            + POSTGRES_URL, e);
                }
                reset = true;
            }
        }
    }
}
