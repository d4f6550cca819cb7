package com.enrollflow.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One node at a time starts on a PostgreSQL schema: from before the engine creates or updates its tables and
 * deploys, to after the start-up set-up (groups, authorizations, filters, tenants, demo data: the
 * {@link ApplicationReadyEvent} listeners of order 1 to 4). Two nodes started together on an empty schema both
 * created the engine's tables ({@code pg_type_typname_nsp_index}), or both inserted the same group authorization
 * ({@code act_uniq_auth_group}), and the loser failed to start — both seen in the two-node test; the engine's own
 * deployment lock only exists once its tables do. A PostgreSQL advisory lock named after the schema is taken when
 * the engine is configured and released when the application is ready (or its start failed: the bean is destroyed,
 * or the JVM dies and the connection with it). A second node waits for the first one's start (about 20 s), then
 * finds everything in place. On H2 (one node by definition) nothing is locked.
 */
@Component
class StartupLock extends AbstractProcessEnginePlugin implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);
    private static final String KEY = "hashtext('enrollflow.startup.' || current_schema())";

    private final DataSource dataSource;
    private Connection held;

    StartupLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        try {
            acquire();
        } catch (SQLException e) {
            throw new ProcessEngineException("cannot take the start-up lock", e);
        }
    }

    synchronized void acquire() throws SQLException {
        if (held != null) {
            return;
        }
        Connection connection = dataSource.getConnection();
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            connection.close();
            return;
        }
        long start = System.nanoTime();
        run(connection, "select pg_advisory_lock(" + KEY + ")");
        held = connection;
        log.info("start-up lock taken after {} ms", (System.nanoTime() - start) / 1_000_000);
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

    @Override
    public void destroy() throws SQLException {
        release();
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
