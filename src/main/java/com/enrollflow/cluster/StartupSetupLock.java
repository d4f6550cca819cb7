package com.enrollflow.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One node at a time runs the start-up set-up (groups, authorizations, filters, tenants, demo data: the
 * {@link ApplicationReadyEvent} listeners of order 1 to 4) on a PostgreSQL schema. Two nodes started together on an
 * empty schema both found a group authorization missing and both inserted it; the loser failed to start
 * ({@code act_uniq_auth_group}, seen in the two-node test). A PostgreSQL advisory lock named after the schema is
 * taken before them and released after; a node that dies holding it releases it with its connection. On H2 (one
 * node by definition) nothing is locked.
 */
@Component
class StartupSetupLock {

    private static final Logger log = LoggerFactory.getLogger(StartupSetupLock.class);
    private static final String KEY = "hashtext('enrollflow.startup.' || current_schema())";

    private final DataSource dataSource;
    private Connection held;

    StartupSetupLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    public synchronized void acquire() throws SQLException {
        Connection connection = dataSource.getConnection();
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            connection.close();
            return;
        }
        long start = System.nanoTime();
        run(connection, "select pg_advisory_lock(" + KEY + ")");
        held = connection;
        log.debug("start-up set-up lock taken after {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(100)
    public synchronized void release() throws SQLException {
        if (held == null) {
            return;
        }
        try {
            run(held, "select pg_advisory_unlock(" + KEY + ")");
        } finally {
            held.close();
            held = null;
        }
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
