package com.enrollflow.workflow.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Statistics and indexes on the engine's own tables, on PostgreSQL only (Tasklist at scale benchmark,
 * docs/benchmark.md).
 *
 * <p>Statistics on the permission bits of {@code ACT_RU_AUTHORIZATION}. Every query with an authorization check keeps
 * the user's authorization rows with {@code PERMS_ & ? = ?}.
 * Without statistics on that expression PostgreSQL guesses that 0.5 % of the rows match, although nearly all do (each
 * task has its own rows granting READ, made for its candidate groups and assignee). At 200 000 open tasks it therefore
 * estimated 200 authorization rows for a call-centre agent instead of 40 000, and joined them to every visible task
 * row by row: one count of 呼叫中心待办 took 57 s (Tasklist at scale benchmark, docs/benchmark.md). With these
 * statistics it looks each task's rows up by index (1.1–1.5 s on a busy machine), as it does when authorization is
 * off. They only help when the plan is made with the bound values, which is why the {@code postgres} profile sets
 * {@code plan_cache_mode=force_custom_plan} for the application's sessions.
 *
 * The bits: READ (2) on tasks and instances, READ_TASK (64), READ_INSTANCE (512) and READ_HISTORY (4096) on
 * process definitions.
 *
 * <p>An index on {@code ACT_RU_TASK (ASSIGNEE_, CREATE_TIME_)}: Tasklist sorts every filter by creation time, newest
 * first, and 我的任务 selects by assignee. With the engine's single-column indexes PostgreSQL walked all tasks from
 * the newest backwards until it had found 15 of the user's (0.65 s for an agent with a few hundred tasks among
 * 200 000); with this one it reads the user's newest 15.
 *
 * <p>A partial index on {@code ACT_RU_TASK (PARENT_TASK_ID_)} for the tasks that have a parent. Each time a task
 * ends (completed, or interrupted by a timer such as a recycle's) the engine looks for its subtasks with
 * {@code select * from ACT_RU_TASK where PARENT_TASK_ID_ = ?}, and none of its indexes has that column: PostgreSQL read
 * every open task for it (1.3–1.9 ms at 6 000 open tasks in the recycle storm, 54–83 ms at 204 000; 0.04 ms with the
 * index). EnrollFlow makes no subtasks, so the index stays empty and each lookup is one probe. (A known gap of the
 * engine's schema: camunda/camunda#36824.)
 *
 * <p>An index on {@code ACT_RU_JOB (DUEDATE_)}, the job executor's acquisition (decision 527). Every acquisition
 * (at least every 10 s per node, back to back while there is work) asks for a few jobs that are due, and none of the
 * engine's indexes has the due date: PostgreSQL read the job table, every recycle timer of every open lead among it,
 * until it had three due ones. When none is due (an idle node, or between bursts) it read all of them: at 400 000
 * pending timers (two for each of 200 000 open tasks) 46 ms per acquisition, 0.6 ms with the index (job acquisition
 * benchmark). And a partial index on {@code ACT_RU_JOB (PROCESS_INSTANCE_ID_)} for the
 * locked jobs: the acquisition skips a due job whose instance has an exclusive job running, and when many jobs are due
 * at once (a recycle storm) PostgreSQL checks that against every locked job, which it found by reading the whole
 * table (4.8 ms per acquisition at 12 000 jobs, 1.3 ms with the index, which holds only the few jobs running now).
 *
 * <p>A partial index on {@code ACT_RU_AUTHORIZATION (RESOURCE_ID_)} for process definitions, tasks and process
 * instances (resource types 6, 7, 8). A task or variable query with authorization looks up, for every visible task,
 * the rows of the task, of its process definition's key and of {@code '*'}; the 79 grants on {@code '*'} of every
 * other kind (applications, users, groups, filters, decisions …) came back each time and were filtered out. The
 * engine's condition on the resource type lets PostgreSQL prove the index's predicate when the values are bound (see
 * above), so it reads 28 rows for {@code '*'} instead of 80 (我的任务's three statements 19 → 11 ms at 200 000 open
 * tasks).
 *
 * <p>A distinct-value estimate for {@code ACT_RU_VARIABLE.VAR_SCOPE_}: ten variables per scope. PostgreSQL's sample
 * saw 102 000 distinct scopes where there were 600 000, so it expected 1 700 variables for a page of 15 tasks'
 * instances instead of 270 and combined the scope index with the tenant index (reading 91 000 entries of a campus,
 * 6 ms of the page's 8); with the estimate it reads the page's variables by scope alone (0.6 ms).
 *
 * <p>Made after the engine has created or updated its schema (Flyway runs before it, so a migration could not);
 * {@code if not exists} makes each idempotent; the authorization table is analyzed at once so the statistics exist
 * before the first query.
 */
@Component
class PostgresEngineTuning extends AbstractProcessEnginePlugin {

    static final String STATISTICS = "ENFL_STAT_AUTH_PERMS";
    static final String TASK_ASSIGNEE_CREATED_INDEX = "ENFL_IDX_TASK_ASSIGNEE_CREATE";
    static final String AUTHORIZATION_TASK_SCOPE_INDEX = "ENFL_IDX_AUTH_TASK_SCOPE";
    static final String TASK_PARENT_INDEX = "ENFL_IDX_TASK_PARENT";
    static final String JOB_DUE_DATE_INDEX = "ENFL_IDX_JOB_DUEDATE";
    static final String JOB_LOCKED_INDEX = "ENFL_IDX_JOB_LOCKED";
    /** Variables per scope, as PostgreSQL's {@code n_distinct} writes a ratio: minus one in ten. */
    static final String VARIABLE_SCOPE_DISTINCT = "-0.1";

    private static final Logger log = LoggerFactory.getLogger(PostgresEngineTuning.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        if (!"postgres".equals(configuration.getDatabaseType())) {
            return;
        }
        String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
        String table = prefix + "ACT_RU_AUTHORIZATION";
        Map<String, String> indexes = indexes(prefix);
        try (Connection connection = configuration.getDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create statistics if not exists " + prefix + STATISTICS
                    + " on (PERMS_ & 2), (PERMS_ & 64), (PERMS_ & 512), (PERMS_ & 4096) from " + table);
            statement.execute("analyze " + table);
            for (Map.Entry<String, String> index : indexes.entrySet()) {
                statement.execute("create index if not exists " + index.getKey() + " on " + index.getValue());
            }
            String variables = prefix + "ACT_RU_VARIABLE";
            boolean estimated;
            try (var options = statement.executeQuery("select coalesce(array_to_string(attoptions, ','), '') "
                    + "from pg_attribute where attrelid = '" + variables.toLowerCase(Locale.ROOT)
                    + "'::regclass and attname = 'var_scope_'")) {
                estimated = options.next() && options.getString(1).contains("n_distinct=" + VARIABLE_SCOPE_DISTINCT);
            }
            if (!estimated) {
                // only takes effect at the next analyze: made once, then kept by every later analyze
                statement.execute("alter table " + variables + " alter column VAR_SCOPE_ set (n_distinct = "
                        + VARIABLE_SCOPE_DISTINCT + ")");
                statement.execute("analyze " + variables);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("could not create statistics " + STATISTICS + " on " + table
                    + ", one of the indexes " + indexes.keySet() + ", or the estimate of variable scopes", e);
        }
        log.debug("PostgreSQL: statistics {}, indexes {}, variable scope estimate in place", STATISTICS,
                indexes.keySet());
    }

    /** The indexes this plugin makes, by name, each with its table, columns and condition (see above). */
    private static Map<String, String> indexes(String prefix) {
        Map<String, String> indexes = new LinkedHashMap<>();
        indexes.put(TASK_ASSIGNEE_CREATED_INDEX, prefix + "ACT_RU_TASK (ASSIGNEE_, CREATE_TIME_)");
        indexes.put(AUTHORIZATION_TASK_SCOPE_INDEX,
                prefix + "ACT_RU_AUTHORIZATION (RESOURCE_ID_) where RESOURCE_TYPE_ in (6, 7, 8)");
        indexes.put(TASK_PARENT_INDEX, prefix + "ACT_RU_TASK (PARENT_TASK_ID_) where PARENT_TASK_ID_ is not null");
        indexes.put(JOB_DUE_DATE_INDEX, prefix + "ACT_RU_JOB (DUEDATE_)");
        indexes.put(JOB_LOCKED_INDEX, prefix + "ACT_RU_JOB (PROCESS_INSTANCE_ID_) where LOCK_OWNER_ is not null");
        return indexes;
    }
}
