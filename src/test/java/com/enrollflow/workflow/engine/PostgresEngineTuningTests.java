package com.enrollflow.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.lead.LeadRequest;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.JobRows;
import com.enrollflow.testsupport.Leads;

/**
 * What {@link PostgresEngineTuning} leaves on PostgreSQL (the PostgreSQL pass only: tag {@code postgres-only}): the
 * job indexes, used by the job executor's acquisition when few jobs are due among many and when many are due at once;
 * the partial index of subtasks, used by the engine's lookup when a task ends; the partial index for the authorization
 * rows of process definitions, tasks and process instances, used by a task query with authorization for its
 * {@code '*'} grants; and the variable scopes' estimate, kept through an analyze. A call-centre agent's task list
 * gives the same tasks with them as the engine's answer without checks narrowed to the agent's campuses.
 */
@EnrollFlowTest
@Tag("postgres-only")
class PostgresEngineTuningTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;
    @Autowired
    Leads leads;

    @Test
    void shouldReadTheStarGrantsOfATaskQueryThroughThePartialIndex() throws SQLException {
        String predicate = jdbc.sql("select pg_get_expr(i.indpred, i.indrelid) from pg_index i "
                + "join pg_class c on c.oid = i.indexrelid where c.relname = lower(:name) "
                + "and c.relnamespace = current_schema()::regnamespace")
                .param("name", PostgresEngineTuning.AUTHORIZATION_TASK_SCOPE_INDEX).query(String.class).single();
        assertThat(predicate).contains("resource_type_").contains("6").contains("7").contains("8");

        // the engine's own condition, with bound values as the application's sessions plan them
        String plan = planWithoutSequentialScans(List.of(), "explain select a.resource_id_ "
                + "from act_ru_authorization a where a.type_ < 2 and (a.user_id_ in ('zhangli', '*') "
                + "or a.group_id_ in ('callCenter')) and ((a.resource_type_ = 7 and a.perms_ & 2 = 2) "
                + "or (a.resource_type_ = 6 and a.perms_ & 64 = 64)) "
                + "and a.resource_id_ in ('some-task', 'leadIntent', '*')", List.of());
        assertThat(plan).containsIgnoringCase(PostgresEngineTuning.AUTHORIZATION_TASK_SCOPE_INDEX);
    }

    /**
     * The plan of {@code explain}, in a transaction rolled back afterwards: the test database is small enough to be
     * read whole, so sequential scans are priced out to see which index PostgreSQL can use. {@code before} runs first
     * in that transaction, {@code after} last (for what a rollback does not undo, such as a prepared statement).
     */
    private String planWithoutSequentialScans(List<String> before, String explain, List<String> after)
            throws SQLException {
        return planOf(before, explain, after, true);
    }

    /** As {@link #planWithoutSequentialScans}, with sequential scans priced out or at their cost. */
    private String planOf(List<String> before, String explain, List<String> after, boolean withoutSequentialScans)
            throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                if (withoutSequentialScans) {
                    statement.execute("set local enable_seqscan = off");
                }
                for (String sql : before) {
                    statement.execute(sql);
                }
                try (ResultSet lines = statement.executeQuery(explain)) {
                    while (lines.next()) {
                        plan.append(lines.getString(1)).append('\n');
                    }
                }
                for (String sql : after) {
                    statement.execute(sql);
                }
            } finally {
                connection.rollback();
            }
        }
        return plan.toString();
    }

    /**
     * The engine's lookup of a task's subtasks, run whenever a task ends, as the job executor's sessions run it (a
     * generic plan, the value a parameter): through the partial index of tasks with a parent, not a read of every
     * open task.
     */
    @Test
    void shouldFindATasksSubtasksThroughTheParentIndex() throws SQLException {
        String plan = planWithoutSequentialScans(List.of("set local plan_cache_mode = force_generic_plan",
                "prepare subtasks(varchar) as select * from act_ru_task where parent_task_id_ = $1"),
                "explain execute subtasks('some-task')", List.of("deallocate subtasks"));
        assertThat(plan).contains("$1").containsIgnoringCase(PostgresEngineTuning.TASK_PARENT_INDEX);
    }

    /** The job executor's acquisition of up to three jobs, as the engine words it (Job.xml). */
    private static final String ACQUISITION = "explain analyze select RES.ID_, RES.REV_, RES.DUEDATE_, "
            + "RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_ from ACT_RU_JOB RES where (RES.RETRIES_ > 0) and "
            + "(RES.DUEDATE_ is null or RES.DUEDATE_ <= localtimestamp) and (RES.LOCK_OWNER_ is null or "
            + "RES.LOCK_EXP_TIME_ < localtimestamp) and RES.SUSPENSION_STATE_ = 1 and ((RES.EXCLUSIVE_ = true and "
            + "not exists (select J2.ID_ from ACT_RU_JOB J2 where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ "
            + "and (J2.EXCLUSIVE_ = true) and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= localtimestamp))) "
            + "or RES.EXCLUSIVE_ = false) LIMIT 3";

    /** SQL: timers numbered {@code from} to {@code to}, due at {@code due}, locked by {@code owner} (or null). */
    private static String timers(int from, int to, String due, String owner) {
        return JobRows.timers("tuning", from, to, due, owner);
    }

    /**
     * The acquisition as the job executor's sessions plan it (with the values), on a job table like a busy
     * installation's: 20 000 timers due in the coming week (the recycle limits of open leads), a few due now,
     * statistics taken. It finds the due ones through the due-date index instead of reading every timer. Made in a
     * transaction rolled back afterwards, the statistics with it.
     */
    @Test
    void shouldAcquireDueJobsThroughTheDueDateIndexNotByReadingEveryTimer() throws SQLException {
        String plan = planOf(List.of(timers(1, 20000, "localtimestamp + interval '1 day' + g * interval '30 second'",
                null), timers(20001, 20005, "localtimestamp - interval '1 minute'", null), "analyze act_ru_job"),
                ACQUISITION, List.of(), false);
        assertThat(plan).containsIgnoringCase(PostgresEngineTuning.JOB_DUE_DATE_INDEX)
                .doesNotContainIgnoringCase("Seq Scan on act_ru_job res").contains("rows=3 loops=1");
    }

    /**
     * A storm: 5 000 timers due at once, three of them running (locked by a node). Each due job is checked against
     * the running jobs of its instance; PostgreSQL finds those through the index of locked jobs instead of reading the
     * whole table for them.
     */
    @Test
    void shouldCheckDueJobsAgainstTheRunningOnesThroughTheLockedJobsIndex() throws SQLException {
        String plan = planOf(List.of(timers(1, 4997, "localtimestamp - interval '1 minute'", null),
                timers(4998, 5000, "localtimestamp - interval '1 minute'", "node-a"), "analyze act_ru_job"),
                ACQUISITION, List.of(), false);
        assertThat(plan).containsIgnoringCase(PostgresEngineTuning.JOB_LOCKED_INDEX)
                .doesNotContainIgnoringCase("Seq Scan on act_ru_job j2").contains("rows=3 loops=1");
    }

    @Test
    void shouldKeepTheVariableScopeEstimateThroughAnAnalyze() {
        jdbc.sql("analyze act_ru_variable").update();
        String options = jdbc.sql("select array_to_string(attoptions, ',') from pg_attribute "
                + "where attrelid = 'act_ru_variable'::regclass and attname = 'var_scope_'").query(String.class)
                .single();
        assertThat(options).contains("n_distinct=" + PostgresEngineTuning.VARIABLE_SCOPE_DISTINCT);
    }

    private static LeadRequest lead(String campus) {
        return new LeadRequest("调优" + campus, Leads.newPhone(), "PHONE", null, campus, null, "J2", "MATH", null, null,
                null, "想了解数学辅导");
    }

    @Test
    void shouldGiveAnAgentTheSameTasksAsTheUncheckedQueryNarrowedToTheAgentsCampuses() {
        leads.receive(lead("BJ-HD"));
        leads.receive(lead("SH-PD"));
        List<String> groups = identity.createGroupQuery().groupMember("zhangli").list().stream()
                .map(g -> g.getId()).toList();
        List<String> tenants = identity.createTenantQuery().userMember("zhangli").includingGroupsOfUser(true).list()
                .stream().map(t -> t.getId()).toList();
        List<String> unchecked = tasks.createTaskQuery().taskCandidateGroup("callCenter").tenantIdIn(
                tenants.toArray(String[]::new)).orderByTaskId().asc().listPage(0, 2000).stream()
                .map(Task::getId).sorted().toList();
        identity.setAuthentication("zhangli", groups, tenants);
        try {
            List<String> checked = tasks.createTaskQuery().taskCandidateGroup("callCenter").orderByTaskId().asc()
                    .listPage(0, 2000).stream()
                    .map(Task::getId).sorted().toList();
            assertThat(checked).isNotEmpty().isEqualTo(unchecked);
        } finally {
            identity.clearAuthentication();
        }
    }
}
