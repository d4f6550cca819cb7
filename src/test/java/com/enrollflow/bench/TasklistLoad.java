package com.enrollflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tasklist benchmark's data: a few real tasks, written by the engine, cloned by SQL to N open tasks, and a real
 * enrollment's history cloned to M finished enrollments. Through the engine the same load would take days.
 *
 * <p>A clone copies every row of its template's instance tree that a Tasklist request reads — executions, the task,
 * its identity links, the authorizations the engine made for it, the variables of the tree (with their byte arrays)
 * — and changes only what makes it another task: new ids ({@code md5(old id || ':' || k)} as a UUID, so references
 * inside the tree stay consistent), the business key, the tenant (campus), the candidate group, the assignee (also in
 * the assignee's authorization) and the creation time (the due date keeps its distance to it). The plan table
 * {@code bench_task_plan} says which template and which values clone k gets; its mix is in {@link #plan}.
 */
final class TasklistLoad {

    /** A real task the clones copy: its id, the root of its instance tree, and what the plan may change. */
    record Template(String name, String taskId, String rootId, String group, String assignee) {
    }

    /** Columns that hold ids of rows inside a cloned tree, per table: mapped to the clone's ids. */
    static final Map<String, List<String>> TREE_IDS = Map.of(
            "act_ru_execution", List.of("id_", "root_proc_inst_id_", "proc_inst_id_", "parent_id_", "super_exec_",
                    "act_inst_id_"),
            "act_ru_task", List.of("id_", "execution_id_", "proc_inst_id_"),
            "act_ru_identitylink", List.of("id_", "task_id_"),
            "act_ru_authorization", List.of("id_", "resource_id_", "root_proc_inst_id_"),
            "act_ru_variable", List.of("id_", "execution_id_", "proc_inst_id_", "task_id_", "var_scope_",
                    "bytearray_id_"),
            "act_ge_bytearray", List.of("id_", "root_proc_inst_id_"),
            "act_hi_procinst", List.of("id_", "proc_inst_id_", "super_process_instance_id_", "root_proc_inst_id_"),
            "act_hi_taskinst", List.of("id_", "proc_inst_id_", "execution_id_", "root_proc_inst_id_", "act_inst_id_"),
            "act_hi_identitylink", List.of("id_", "task_id_", "root_proc_inst_id_"),
            "act_hi_actinst", List.of("id_", "parent_act_inst_id_", "proc_inst_id_", "root_proc_inst_id_",
                    "execution_id_", "call_proc_inst_id_", "task_id_"));

    private TasklistLoad() {
    }

    static Connection connect(String schema) throws Exception {
        Connection c = DriverManager.getConnection(BenchApplication.PG_URL, BenchApplication.PG_USER,
                BenchApplication.PG_PASSWORD);
        try (Statement s = c.createStatement()) {
            s.execute("set search_path to " + schema);
        }
        return c;
    }

    /**
     * The rows of each template, per table, in {@code bench_template_row (template, tbl, id)}: the tree's executions
     * and variables (and their byte arrays), the task, its identity links and the authorizations on it.
     */
    static void recordTemplates(Connection c, List<Template> templates) throws Exception {
        exec(c, "drop table if exists bench_template_row");
        exec(c, "create table bench_template_row (template text not null, tbl text not null, id text not null)");
        for (Template t : templates) {
            String v = "'" + t.name() + "'";
            String root = "'" + t.rootId() + "'";
            String task = "'" + t.taskId() + "'";
            // the tree's process instances carry its root; their child executions (a call activity's) do not
            exec(c, "insert into bench_template_row select " + v + ", 'act_ru_execution', id_ from act_ru_execution "
                    + "where proc_inst_id_ in (select id_ from act_ru_execution where root_proc_inst_id_ = " + root
                    + ")");
            exec(c, "insert into bench_template_row select " + v + ", 'act_ru_task', id_ from act_ru_task where id_ = "
                    + task);
            exec(c, "insert into bench_template_row select " + v + ", 'act_ru_identitylink', id_ "
                    + "from act_ru_identitylink where task_id_ = " + task);
            exec(c, "insert into bench_template_row select " + v + ", 'act_ru_authorization', id_ "
                    + "from act_ru_authorization where resource_id_ = " + task);
            // the open task's history, read by Cockpit's 人工任务 panels: its row and its candidate group (decision 393)
            exec(c, "insert into bench_template_row select " + v + ", 'act_hi_taskinst', id_ from act_hi_taskinst "
                    + "where id_ = " + task);
            exec(c, "insert into bench_template_row select " + v + ", 'act_hi_identitylink', id_ "
                    + "from act_hi_identitylink where task_id_ = " + task);
            // the variables of the tree: of its executions and of its tasks (task-local card values)
            exec(c, "insert into bench_template_row select " + v + ", 'act_ru_variable', id_ from act_ru_variable "
                    + "where proc_inst_id_ in (select id_ from act_ru_execution where root_proc_inst_id_ = " + root
                    + ") and (task_id_ is null or task_id_ = " + task + ")");
            exec(c, "insert into bench_template_row select " + v + ", 'act_ge_bytearray', bytearray_id_ "
                    + "from act_ru_variable where id_ in (select id from bench_template_row where template = " + v
                    + " and tbl = 'act_ru_variable') and bytearray_id_ is not null");
        }
    }

    /**
     * Clones the templates' runtime rows as bench_task_plan says: one insert … select per table, all clones at once.
     * Returns the seconds per table.
     */
    static Map<String, Double> cloneRuntime(Connection c) throws Exception {
        Map<String, Double> seconds = new LinkedHashMap<>();
        String plain = "p.k";
        for (String table : List.of("act_ge_bytearray", "act_ru_execution", "act_ru_task", "act_ru_identitylink",
                "act_ru_authorization", "act_ru_variable", "act_hi_taskinst", "act_hi_identitylink")) {
            Map<String, String> set = new LinkedHashMap<>();
            switch (table) {
                case "act_ru_execution" -> {
                    set.put("business_key_", "case when t.business_key_ is null then null else (90000000 + p.k)::text end");
                    set.put("tenant_id_", "p.tenant");
                }
                case "act_ru_task" -> {
                    set.put("assignee_", "p.assignee");
                    set.put("create_time_", "p.created");
                    set.put("last_updated_", "p.created");
                    set.put("due_date_", "p.created + (t.due_date_ - t.create_time_)");
                    set.put("tenant_id_", "p.tenant");
                }
                case "act_ru_identitylink" -> {
                    set.put("group_id_", "case when t.group_id_ is null then null else p.grp end");
                    set.put("tenant_id_", "p.tenant");
                }
                case "act_ru_authorization" -> {
                    set.put("group_id_", "case when t.group_id_ is null then null else p.grp end");
                    // the assignee's own authorization follows the assignee
                    set.put("user_id_", "case when t.user_id_ is null then null when t.user_id_ = tp.assignee "
                            + "then p.assignee else t.user_id_ end");
                }
                case "act_ru_variable" -> set.put("tenant_id_", "p.tenant");
                case "act_ge_bytearray" -> set.put("tenant_id_", "p.tenant");
                case "act_hi_taskinst" -> {
                    set.put("assignee_", "p.assignee");
                    set.put("start_time_", "p.created");
                    set.put("last_updated_", "p.created");
                    set.put("due_date_", "p.created + (t.due_date_ - t.start_time_)");
                    set.put("tenant_id_", "p.tenant");
                }
                case "act_hi_identitylink" -> {
                    set.put("group_id_", "case when t.group_id_ is null then null else p.grp end");
                    set.put("timestamp_", "p.created");
                    set.put("tenant_id_", "p.tenant");
                }
                default -> {
                }
            }
            long t0 = System.nanoTime();
            exec(c, cloneSql(c, table, set, "bench_task_plan p join bench_template tp on tp.name = p.template", plain));
            seconds.put(table, (System.nanoTime() - t0) / 1e9);
        }
        return seconds;
    }

    /**
     * Clones the history rows of template {@code HIST} (an enrollment's instance tree, recorded by
     * {@link #recordHistoryTemplate}) per row of {@code planTable} (k, template, tenant, shift): every instance, task
     * and activity ended, as in a finished enrollment, {@code shift} before the template's time.
     */
    static Map<String, Double> cloneHistory(Connection c, String planTable, long ttlDays) throws Exception {
        Map<String, Double> seconds = new LinkedHashMap<>();
        // when the template's rows ended (the still running ones: an hour after they started)
        String end = "coalesce(t.end_time_, t.start_time_ + interval '1 hour')";
        for (String table : HISTORY_TABLES) {
            Map<String, String> set = new LinkedHashMap<>();
            set.put("removal_time_", end + " - p.shift + interval '" + ttlDays + " days'");
            set.put("tenant_id_", "p.tenant");
            if (table.equals("act_hi_identitylink")) {
                // when the task was offered to the group; the link has no end of its own
                set.put("timestamp_", "t.timestamp_ - p.shift");
                set.put("removal_time_", "t.timestamp_ + interval '1 hour' - p.shift + interval '" + ttlDays
                        + " days'");
            } else {
                set.put("start_time_", "t.start_time_ - p.shift");
                set.put("end_time_", end + " - p.shift");
                set.put("duration_", "(extract(epoch from (" + end + " - t.start_time_)) * 1000)::bigint");
            }
            switch (table) {
                case "act_hi_procinst" -> {
                    set.put("business_key_",
                            "case when t.business_key_ is null then null else (10000000 + p.k)::text end");
                    set.put("state_", "'COMPLETED'");
                    set.put("end_act_id_", "coalesce(t.end_act_id_, t.start_act_id_)");
                }
                case "act_hi_taskinst" -> {
                    set.put("delete_reason_", "coalesce(t.delete_reason_, 'completed')");
                    set.put("task_state_", "'Completed'");
                    set.put("last_updated_", end + " - p.shift");
                }
                case "act_hi_actinst" -> set.put("act_inst_state_", "coalesce(t.act_inst_state_, 1)");
                default -> {
                }
            }
            long t0 = System.nanoTime();
            // ids of their own: the open tasks' history (cloned with p.k of the task plan) includes the template's task
            exec(c, cloneSql(c, table, set, planTable + " p", "(p.k + 1000000000)"));
            seconds.put(table, (System.nanoTime() - t0) / 1e9);
        }
        return seconds;
    }

    static final List<String> HISTORY_TABLES = List.of("act_hi_procinst", "act_hi_taskinst", "act_hi_actinst",
            "act_hi_identitylink");

    /**
     * Drops the history tables' secondary indexes (not their primary and unique keys) for the bulk load and returns
     * their definitions: building an index once is far quicker than updating it row by row, and the end state is the
     * same (what a DBA does for a bulk load, operations.md).
     */
    static List<String> dropHistoryIndexes(Connection c) throws Exception {
        List<String[]> found = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select i.indexname, i.indexdef "
                + "from pg_indexes i where i.schemaname = current_schema() and i.tablename in ('act_hi_procinst', "
                + "'act_hi_taskinst', 'act_hi_actinst', 'act_hi_identitylink') "
                + "and not exists (select 1 from pg_constraint k where k.conname = i.indexname) "
                + "order by i.indexname")) {
            while (rs.next()) {
                found.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        List<String> definitions = new ArrayList<>();
        for (String[] index : found) {
            exec(c, "drop index " + index[0]);
            definitions.add(index[1]);
        }
        return definitions;
    }

    /**
     * The history rows of one enrollment's instance tree, as template {@code HIST} in bench_template_row; of its
     * activity instances only those of {@code activityTypes} (null: all).
     */
    static void recordHistoryTemplate(Connection c, String root, List<String> activityTypes) throws Exception {
        exec(c, "delete from bench_template_row where template = 'HIST'");
        for (String table : HISTORY_TABLES) {
            exec(c, "insert into bench_template_row select 'HIST', '" + table + "', id_ from " + table
                    + " where root_proc_inst_id_ = '" + root + "'"
                    + (table.equals("act_hi_actinst") && activityTypes != null ? " and act_type_ in ("
                            + String.join(", ", activityTypes.stream().map(t -> "'" + t + "'").toList()) + ")" : ""));
        }
    }

    /** insert into table (every column) select … from plan join the template's rows of table, ids mapped. */
    private static String cloneSql(Connection c, String table, Map<String, String> set, String plan, String k)
            throws Exception {
        List<String> columns = columns(c, table);
        List<String> exprs = new ArrayList<>();
        List<String> ids = TREE_IDS.get(table);
        for (String col : columns) {
            if (set.containsKey(col)) {
                exprs.add(set.get(col));
            } else if (ids.contains(col)) {
                exprs.add("case when t." + col + " is null then null else md5(t." + col + " || ':' || " + k
                        + ")::uuid::text end");
            } else {
                exprs.add("t." + col);
            }
        }
        return "insert into " + table + " (" + String.join(", ", columns) + ") select " + String.join(", ", exprs)
                + " from " + plan + " join bench_template_row r on r.template = p.template and r.tbl = '" + table
                + "' join " + table + " t on t.id_ = r.id";
    }

    static List<String> columns(Connection c, String table) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select column_name from "
                + "information_schema.columns where table_schema = current_schema() and table_name = '" + table
                + "' order by ordinal_position")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("no table " + table + " in the current schema");
        }
        return columns;
    }

    static void exec(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Prints the rows of a query, one line each, for the record of what a real task produced. */
    static void print(Connection c, String title, String sql) throws Exception {
        System.out.println("  -- " + title);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder line = new StringBuilder("    ");
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    if (v != null) {
                        line.append(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT)).append('=').append(v)
                                .append(' ');
                    }
                }
                System.out.println(line.toString().stripTrailing());
            }
        }
    }
}
