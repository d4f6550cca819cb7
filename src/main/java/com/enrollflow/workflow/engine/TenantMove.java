package com.enrollflow.workflow.engine;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one process instance, with its runtime and history rows, to another tenant (校区数据范围): a lead received
 * without a campus belongs to its call centre until intent sets the campus, and then its level-2 instance follows
 * the opportunity to the campus. The engine has no API for this (a tenant is fixed at start), so this is the one
 * place that writes the engine's tables:
 *
 * <ul>
 * <li>every ACT_RU_ and ACT_HI_ table with TENANT_ID_ and a process-instance column is updated in SQL, on the
 * command's own connection (the tables are found from the database's metadata, so an engine upgrade that adds a
 * table is covered; identity links, which carry only a task id, follow their tasks);
 * <li>every entity the running command holds in its cache for the instance (executions, tasks, variables, jobs,
 * history events about to be inserted or updated) gets the new tenant in memory, so the command's own flush
 * writes the new value too.
 * </ul>
 * Runs inside an engine command (a listener, a delegate, or {@code commandExecutor.execute}); idempotent.
 */
final class TenantMove {

    private static final Logger log = LoggerFactory.getLogger(TenantMove.class);
    private static final List<String> INSTANCE_COLUMNS = List.of("PROC_INST_ID_", "PROCESS_INSTANCE_ID_");
    private static final Map<String, List<String>> STATEMENTS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Method[]> ACCESSORS = new ConcurrentHashMap<>();

    private TenantMove() {
    }

    static void move(CommandContext command, String processInstanceId, String tenantId) {
        ProcessEngineConfigurationImpl configuration = command.getProcessEngineConfiguration();
        Connection connection = command.getDbSqlSession().getSqlSession().getConnection();
        try {
            for (String sql : statements(configuration, connection)) {
                try (PreparedStatement update = connection.prepareStatement(sql)) {
                    update.setString(1, tenantId);
                    update.setString(2, processInstanceId);
                    update.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("could not move process instance " + processInstanceId + " to tenant "
                    + tenantId, e);
        }
        for (CachedDbEntity cached : command.getDbEntityManager().getDbEntityCache().getCachedEntities()) {
            retag(cached.getEntity(), processInstanceId, tenantId);
        }
        log.debug("process instance {} now belongs to tenant {}", processInstanceId, tenantId);
    }

    /** The entity gets the new tenant when it belongs to the instance (reflection: the entity classes share no type). */
    private static void retag(Object entity, String processInstanceId, String tenantId) {
        Method[] accessors = ACCESSORS.computeIfAbsent(entity.getClass(), TenantMove::accessors);
        if (accessors.length == 0) {
            return;
        }
        try {
            if (processInstanceId.equals(accessors[0].invoke(entity))) {
                accessors[1].invoke(entity, tenantId);
            }
        } catch (ReflectiveOperationException e) {
            throw new ProcessEngineException("could not move " + entity + " to tenant " + tenantId, e);
        }
    }

    private static Method[] accessors(Class<?> type) {
        try {
            return new Method[] {type.getMethod("getProcessInstanceId"), type.getMethod("setTenantId", String.class)};
        } catch (NoSuchMethodException e) {
            return new Method[0];
        }
    }

    /** One update per engine table that carries both a tenant and a process instance; read once per schema. */
    private static List<String> statements(ProcessEngineConfigurationImpl configuration, Connection connection)
            throws SQLException {
        String prefix = Objects.requireNonNullElse(configuration.getDatabaseTablePrefix(), "");
        List<String> cached = STATEMENTS.get(prefix);
        if (cached != null) {
            return cached;
        }
        Map<String, Set<String>> columns = engineTables(configuration, connection);
        List<String> sql = new ArrayList<>();
        for (var table : columns.entrySet()) {
            Set<String> cols = table.getValue();
            if (!cols.contains("TENANT_ID_")) {
                continue;
            }
            String instanceColumn = INSTANCE_COLUMNS.stream().filter(cols::contains).findFirst().orElse(null);
            String name = prefix + table.getKey();
            if (instanceColumn != null) {
                sql.add("update " + name + " set TENANT_ID_ = ? where " + instanceColumn + " = ?");
            } else if (cols.contains("TASK_ID_") && table.getKey().endsWith("_IDENTITYLINK")) {
                String tasks = prefix + (table.getKey().startsWith("ACT_RU_") ? "ACT_RU_TASK" : "ACT_HI_TASKINST");
                sql.add("update " + name + " set TENANT_ID_ = ? where TASK_ID_ in (select ID_ from " + tasks
                        + " where PROC_INST_ID_ = ?)");
            }
        }
        if (sql.isEmpty()) {
            throw new IllegalStateException("no engine tables with TENANT_ID_ found (prefix '" + prefix + "')");
        }
        STATEMENTS.put(prefix, List.copyOf(sql));
        return sql;
    }

    /** Runtime and history tables of the engine in its schema, with their column names in upper case. */
    private static Map<String, Set<String>> engineTables(ProcessEngineConfigurationImpl configuration,
            Connection connection) throws SQLException {
        String schema = configuration.getDatabaseSchema();
        if (schema == null || schema.isBlank()) {
            schema = connection.getSchema();
        }
        DatabaseMetaData meta = connection.getMetaData();
        Map<String, Set<String>> tables = new HashMap<>();
        for (String pattern : List.of("ACT_RU_%", "ACT_HI_%", "act_ru_%", "act_hi_%")) {
            for (String schemaName : new HashSet<>(List.of(schema, schema.toUpperCase(Locale.ROOT),
                    schema.toLowerCase(Locale.ROOT)))) {
                try (ResultSet rs = meta.getColumns(connection.getCatalog(), schemaName, pattern, "%")) {
                    while (rs.next()) {
                        tables.computeIfAbsent(rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT),
                                t -> new HashSet<>()).add(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
        return tables;
    }
}
