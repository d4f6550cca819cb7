package com.enrollflow.bench;

import static com.enrollflow.bench.BenchApplication.pct;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.query.Query;
import org.camunda.bpm.engine.rest.dto.task.TaskQueryDto;
import org.camunda.bpm.engine.rest.hal.HalCollectionResource;
import org.camunda.bpm.engine.rest.hal.HalResource;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.engine.rest.sub.runtime.impl.FilterResourceImpl;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.enrollflow.EnrollFlowApplication;
import com.enrollflow.lead.LeadIntakeService;
import com.enrollflow.lead.LeadRequest;
import com.enrollflow.workflow.LeadIntentProcessTests;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Benchmark, not a test (never run by surefire): Tasklist at scale. PostgreSQL only. The application starts in-process
 * ({@code postgres,demo} profiles, schema {@code enrollflow_tasklist_bench} unless -Dbench.pgSchema says otherwise);
 * three real tasks are made through the engine (a call-centre 首次联系 open and one claimed, a consultant's 首次联系客户),
 * {@link TasklistLoad} clones them by SQL to N open tasks over 40 campuses and 2 call centres, and one enrollment's
 * history to M finished enrollments. Then Tasklist's request for a filter — {@code POST
 * /filter/{id}/list?firstResult=0&maxResults=15} with its body (sorting by created desc, active), answered as HAL with
 * the count and the filter's variables — is made in-process through the REST resource the webapp uses
 * ({@link FilterResourceImpl}), as liwei (课程顾问, 我的任务) and zhangli (呼叫中心, 呼叫中心待办 and 我的任务), beside the
 * page and the count alone (FilterService.listPage and count with the same extending query). Each is timed with
 * authorization and campus scope on, and, interleaved, with both off, and with both off but the user's tenants as a
 * plain criterion (the same rows as on); the ratio of the p95s, on to off, is the figure.
 *
 * <pre>
 *   src/bench/tasklist.sh [openTasks=200000] [finishedEnrollments=1000000] [--spring.property=value ...]
 * </pre>
 *
 * System properties: bench.reps (200), bench.warmup (20), bench.measureSeconds (900: stop the repetitions then),
 * bench.revokes (true: also measure with authorizationCheckRevokes=never), bench.explain (true: EXPLAIN ANALYZE the
 * statements of the request furthest from its baseline, on and off), bench.reuse (false: drop the schema and load;
 * true: keep a loaded schema), bench.historyActivities (the activity types of the history template, or all),
 * bench.historyBatch (100000 enrollments per history insert), bench.cockpit (true: then measure Cockpit's 人工任务 page
 * on the same data, as a campus director, head office and the administrator), bench.cockpitReps (20).
 */
public final class TasklistBenchmark {

    static final String SCHEMA_DEFAULT = "enrollflow_tasklist_bench";
    /** What Tasklist 7.24 posts to /filter/{id}/list (camunda-tasklist-bootstrap.js, taskListQuery). */
    static final String TASKLIST_BODY = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
            + "\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],\"active\":true}";
    static final int PAGE = 15;
    /** The campuses of the chain: the four demo campuses and 36 more; two call centres. */
    static final int CAMPUSES = 40;

    private TasklistBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("bench.pgSchema") == null) {
            System.setProperty("bench.pgSchema", SCHEMA_DEFAULT);
        }
        long open = 200_000;
        long history = 1_000_000;
        int numbers = 0;
        List<String> appArgs = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--")) {
                appArgs.add(a);
            } else if (a.matches("\\d+") && numbers < 2) {
                if (numbers++ == 0) {
                    open = Long.parseLong(a);
                } else {
                    history = Long.parseLong(a);
                }
            } else if (!a.equalsIgnoreCase("postgres")) {
                System.err.println("usage: TasklistBenchmark [openTasks=200000] [finishedEnrollments=1000000] "
                        + "[--spring.property=value ...]");
                System.exit(2);
            }
        }
        boolean reuse = Boolean.getBoolean("bench.reuse");
        if (reuse) {
            System.setProperty("bench.keepSchema", "true");
        }
        SpringApplication app = new SpringApplication(EnrollFlowApplication.class);
        app.addInitializers(ctx -> ctx.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds && name.equals("dataSource") ? SqlCapture.wrap(ds) : bean;
            }
        }));
        long started = System.nanoTime();
        ConfigurableApplicationContext context = app.run(BenchApplication.bootArgs("postgres", null, appArgs));
        System.out.printf(Locale.ROOT, "== application started in %.1f s (schema %s)%n",
                (System.nanoTime() - started) / 1e9, BenchApplication.PG_SCHEMA);
        int exit;
        try {
            exit = new Run(context, open, history, reuse).call();
        } finally {
            context.close();
        }
        System.exit(exit);
    }

    /** Who asks for which filter, as Tasklist shows it. */
    record Ask(String label, String userId, String filterName) {
    }

    /**
     * How the engine checks: as configured (authorization and tenant check on), on with authorizationCheckRevokes
     * never, both off, and both off with the user's tenants as a plain criterion (the same rows as on).
     */
    enum Mode {
        ON("auth+scope on"), ON_NEVER("on, revokes never"), OFF("auth+scope off"), OFF_TENANTS("off + tenantIdIn");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    /** One timed call: the whole Tasklist request (HAL page with count and variables), the page, or the count. */
    enum Call { REQUEST, PAGE, COUNT }

    static final class Run {
        private final ConfigurableApplicationContext context;
        private final long open;
        private final long history;
        private final ProcessEngine engine;
        private final ProcessEngineConfigurationImpl config;
        private final IdentityService identity;
        private final TaskService tasks;
        private final FilterService filters;
        private final JdbcTemplate jdbc;
        private final ObjectMapper restMapper = JacksonConfigurator.configureObjectMapper(new ObjectMapper());
        private final int reps = Integer.getInteger("bench.reps", 200);
        private final int warmup = Integer.getInteger("bench.warmup", 20);
        private final List<Mode> modes;
        private final String configuredRevokes;
        private final List<Ask> queries = List.of(new Ask("liwei 课程顾问 我的任务", "liwei", "我的任务"),
                new Ask("zhangli 呼叫中心 呼叫中心待办", "zhangli", "呼叫中心待办"),
                new Ask("zhangli 呼叫中心 我的任务", "zhangli", "我的任务"));

        private final boolean reuse;

        Run(ConfigurableApplicationContext context, long open, long history, boolean reuse) {
            this.context = context;
            this.reuse = reuse;
            this.open = open;
            this.history = history;
            this.engine = context.getBean(ProcessEngine.class);
            this.config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
            this.identity = engine.getIdentityService();
            this.tasks = engine.getTaskService();
            this.filters = engine.getFilterService();
            this.jdbc = context.getBean(JdbcTemplate.class);
            this.configuredRevokes = config.getAuthorizationCheckRevokes();
            this.modes = Boolean.parseBoolean(System.getProperty("bench.revokes", "true"))
                    && !"never".equalsIgnoreCase(configuredRevokes)
                    ? List.of(Mode.ON, Mode.ON_NEVER, Mode.OFF, Mode.OFF_TENANTS)
                    : List.of(Mode.ON, Mode.OFF, Mode.OFF_TENANTS);
        }

        int call() throws Exception {
            printSettings();
            try (Connection c = TasklistLoad.connect(BenchApplication.PG_SCHEMA)) {
                long have = TasklistLoad.count(c, "select count(*) from act_ru_task");
                if (reuse && have >= open) {
                    config.getJobExecutor().shutdown();
                    System.out.println("== job executor stopped; reusing the " + have + " open tasks in "
                            + BenchApplication.PG_SCHEMA);
                } else {
                    if (have > 0) {
                        throw new IllegalStateException(BenchApplication.PG_SCHEMA + " holds " + have
                                + " tasks: run without -Dbench.reuse=true to reload");
                    }
                    List<TasklistLoad.Template> templates = realTasks();
                    // nothing runs beside the measurement: the clones have no jobs, the real tasks' timers are far off
                    config.getJobExecutor().shutdown();
                    System.out.println("== job executor stopped");
                    printTemplates(c, templates);
                    load(c, templates);
                }
                printData(c);
            }
            Map<String, Map<Mode, Map<Call, double[]>>> results = measure();
            printResults(results);
            if (Boolean.parseBoolean(System.getProperty("bench.explain", "true"))) {
                explainSlowest(results);
            }
            if (Boolean.parseBoolean(System.getProperty("bench.cockpit", "true"))) {
                measureCockpitTasks();
            }
            return 0;
        }

        private void printSettings() {
            System.out.println("== tasklist benchmark, PostgreSQL, " + open + " open tasks, " + history
                    + " finished enrollments' history, " + reps + " repetitions after " + warmup + " warm-up");
            jdbc.query("select version()", rs -> {
                System.out.println("== " + rs.getString(1));
            });
            for (String setting : List.of("jit", "shared_buffers", "work_mem", "effective_cache_size",
                    "random_page_cost", "max_parallel_workers_per_gather", "autovacuum", "plan_cache_mode")) {
                System.out.println("   " + setting + " = " + jdbc.queryForObject("show " + setting, String.class));
            }
            System.out.println("   statistics on act_ru_authorization: " + jdbc.queryForList("select stxname from "
                    + "pg_statistic_ext where stxrelid = 'act_ru_authorization'::regclass", String.class));
            System.out.println("   engine: authorizationEnabled=" + config.isAuthorizationEnabled()
                    + " tenantCheckEnabled=" + config.isTenantCheckEnabled() + " authorizationCheckRevokes="
                    + configuredRevokes + " defaultUserPermissionNameForTask="
                    + config.getDefaultUserPermissionNameForTask() + " historyLevel=" + config.getHistoryLevel()
                    .getName());
        }

        // ---------------------------------------------------------------------------------------------- real tasks

        /**
         * Four leads through the application's intake, as zhangli: one waits at 首次联系 (call centre), one is claimed
         * there by zhangli, one goes through 首次联系, 探索意向 and 确认意向 to its consultant's 首次联系客户 (assigned by
         * the team's strategy). That last enrollment's history is the template of the finished ones.
         */
        private List<TasklistLoad.Template> realTasks() throws Exception {
            LeadIntakeService intake = context.getBean(LeadIntakeService.class);
            long t0 = System.nanoTime();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                LeadRequest lead = new LeadRequest("压测客户" + i, "1370000" + String.format("%04d", i), "PHONE", null,
                        "BJ-HD", null, "J2", "MATH", null, null, null, "想了解数学辅导");
                keys.add(String.valueOf(intake.receive(lead, "zhangli", null, null).result().opportunities().get(0)
                        .opportunityId()));
            }
            Task cc = waitFor(keys.get(0), "Task_FirstContact");
            Task claimed = waitFor(keys.get(1), "Task_FirstContact");
            as("zhangli", () -> tasks.claim(claimed.getId(), "zhangli"));
            String key = keys.get(2);
            complete("zhangli", waitFor(key, "Task_FirstContact"), Map.of("contactResult", "REACHED"));
            complete("zhangli", waitFor(key, "Task_ExploreIntent"), LeadIntentProcessTests.exploreAnswers("ONE_ON_ONE"));
            complete("zhangli", waitFor(key, "Task_ConfirmIntent"), Map.of("intentLevel", "HIGH"));
            Task cons = waitFor(key, "Task_MakeFirstContact");
            System.out.printf(Locale.ROOT, "== real tasks made through the engine in %.1f s: %s%n",
                    (System.nanoTime() - t0) / 1e9, List.of(cc.getName(), cons.getName() + " → " + cons.getAssignee()));
            return List.of(template("CC", cc.getId()), template("CCCLAIMED", claimed.getId()),
                    template("CONS", cons.getId()));
        }

        private TasklistLoad.Template template(String name, String taskId) {
            Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
            String root = jdbc.queryForObject("select root_proc_inst_id_ from act_ru_execution where id_ = ?",
                    String.class, task.getProcessInstanceId());
            List<String> groups = jdbc.queryForList("select group_id_ from act_ru_identitylink where task_id_ = ? "
                    + "and group_id_ is not null", String.class, taskId);
            return new TasklistLoad.Template(name, taskId, root, groups.isEmpty() ? null : groups.get(0),
                    task.getAssignee());
        }

        private Task waitFor(String businessKey, String taskKey) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                List<Task> found = tasks.createTaskQuery().processInstanceBusinessKey(businessKey)
                        .taskDefinitionKey(taskKey).list();
                if (!found.isEmpty()) {
                    return found.get(0);
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("no " + taskKey + " for " + businessKey + " within 90 s");
        }

        private void complete(String user, Task task, Map<String, Object> variables) {
            as(user, () -> {
                if (task.getAssignee() == null) {
                    tasks.claim(task.getId(), user);
                }
                tasks.complete(task.getId(), variables);
            });
        }

        private void as(String user, Runnable work) {
            authenticate(user);
            try {
                work.run();
            } finally {
                identity.clearAuthentication();
            }
        }

        /** The engine authentication the webapps set for a logged-in user: groups and tenants. */
        private void authenticate(String user) {
            identity.setAuthentication(user, groupsOf(user), tenantsOf(user));
        }

        private final Map<String, List<String>> groups = new LinkedHashMap<>();
        private final Map<String, List<String>> tenants = new LinkedHashMap<>();

        private List<String> groupsOf(String user) {
            return groups.computeIfAbsent(user, u -> identity.createGroupQuery().groupMember(u).list().stream()
                    .map(Group::getId).toList());
        }

        private List<String> tenantsOf(String user) {
            return tenants.computeIfAbsent(user, u -> identity.createTenantQuery().userMember(u)
                    .includingGroupsOfUser(true).list().stream().map(Tenant::getId).toList());
        }

        private void printTemplates(Connection c, List<TasklistLoad.Template> templates) throws Exception {
            System.out.println("== what the engine wrote for the real tasks (the templates of the clones)");
            for (TasklistLoad.Template t : templates) {
                System.out.println("  " + t);
                String task = "'" + t.taskId() + "'";
                TasklistLoad.print(c, "act_ru_task", "select id_, name_, task_def_key_, assignee_, tenant_id_, "
                        + "create_time_, due_date_, priority_, suspension_state_ from act_ru_task where id_ = " + task);
                TasklistLoad.print(c, "act_ru_identitylink", "select type_, group_id_, user_id_, tenant_id_ "
                        + "from act_ru_identitylink where task_id_ = " + task);
                TasklistLoad.print(c, "act_ru_authorization", "select type_, group_id_, user_id_, resource_type_, "
                        + "perms_ from act_ru_authorization where resource_id_ = " + task);
                TasklistLoad.print(c, "act_ru_execution (tree)", "select count(*) executions, count(*) filter (where "
                        + "id_ = proc_inst_id_) process_instances from act_ru_execution where proc_inst_id_ in (select id_ from "
                        + "act_ru_execution where root_proc_inst_id_ = '" + t.rootId() + "')");
                TasklistLoad.print(c, "act_ru_variable (tree)", "select count(*) variables, count(task_id_) task_local, "
                        + "count(bytearray_id_) with_bytes, string_agg(distinct name_, ' ') names from act_ru_variable "
                        + "where proc_inst_id_ in (select id_ from act_ru_execution where root_proc_inst_id_ = '"
                        + t.rootId() + "') and (task_id_ is null or task_id_ = " + task + ")");
            }
            TasklistLoad.print(c, "act_ru_authorization: all rows of other resources (AccessSetup's grants)",
                    "select count(*) rows from act_ru_authorization where resource_type_ <> 7");
        }

        // ---------------------------------------------------------------------------------------------------- load

        private void load(Connection c, List<TasklistLoad.Template> templates) throws Exception {
            long real = TasklistLoad.count(c, "select count(*) from act_ru_task");
            long clones = Math.max(0, open - real);
            long t0 = System.nanoTime();
            TasklistLoad.recordTemplates(c, templates);
            TasklistLoad.exec(c, "drop table if exists bench_template");
            TasklistLoad.exec(c, "create table bench_template (name text primary key, task_id text, grp text, "
                    + "assignee text)");
            for (TasklistLoad.Template t : templates) {
                try (PreparedStatement ps = c.prepareStatement("insert into bench_template values (?, ?, ?, ?)")) {
                    ps.setString(1, t.name());
                    ps.setString(2, t.taskId());
                    ps.setString(3, t.group());
                    ps.setString(4, t.assignee());
                    ps.executeUpdate();
                }
            }
            TasklistLoad.exec(c, "drop table if exists bench_task_plan");
            TasklistLoad.exec(c, planSql(clones));
            TasklistLoad.print(c, "the plan: clones per template, tenant kind and group",
                    "select template, case when tenant in ('HQCC', 'SHCC') then 'call centre' when tenant in ('BJHD', "
                            + "'BJCY', 'SHPD', 'SHXH') then 'demo campus' else 'other campus' end tenants, grp, "
                            + "count(*), count(assignee) assigned from bench_task_plan group by 1, 2, 3 order by 1, 2, 3");
            Map<String, Double> runtime = TasklistLoad.cloneRuntime(c);
            System.out.printf(Locale.ROOT, "== %,d open tasks cloned from %d real ones in %.1f s: %s%n", clones,
                    real, (System.nanoTime() - t0) / 1e9, seconds(runtime));

            long h0 = System.nanoTime();
            String root = templates.stream().filter(t -> t.name().equals("CONS")).findFirst().orElseThrow().rootId();
            // -Dbench.historyActivities=all clones every activity instance of the template (28: gateways, service and
            // rule tasks too); by default the user tasks, call activities, start and end events
            String activities = System.getProperty("bench.historyActivities",
                    "userTask,callActivity,startEvent,noneEndEvent");
            TasklistLoad.recordHistoryTemplate(c, root, activities.equals("all") ? null
                    : List.of(activities.split(",")));
            TasklistLoad.print(c, "history of one enrollment (the template of the finished ones)",
                    "select tbl, count(*) from bench_template_row where template = 'HIST' group by tbl order by tbl");
            TasklistLoad.exec(c, "drop table if exists bench_history_plan");
            TasklistLoad.exec(c, "create table bench_history_plan as select k, 'HIST'::text template, "
                    + "(" + tenantArray() + ")[1 + abs(hashint4(k)) % " + CAMPUSES + "] tenant, "
                    + "(abs(hashint4(k + 7)) % (730 * 86400) + 86400) * interval '1 second' shift "
                    + "from generate_series(1, " + history + ") k");
            List<String> indexes = TasklistLoad.dropHistoryIndexes(c);
            int batch = Integer.getInteger("bench.historyBatch", 100_000);
            Map<String, Double> total = new LinkedHashMap<>();
            for (long from = 1; from <= history; from += batch) {
                long to = Math.min(history, from + batch - 1);
                TasklistLoad.exec(c, "drop table if exists bench_history_batch");
                TasklistLoad.exec(c, "create table bench_history_batch as select * from bench_history_plan where k "
                        + "between " + from + " and " + to);
                Map<String, Double> s = TasklistLoad.cloneHistory(c, "bench_history_batch", 180);
                s.forEach((k, v) -> total.merge(k, v, Double::sum));
                System.out.printf(Locale.ROOT, "  history %,d..%,d in %.1f s%n", from, to,
                        s.values().stream().mapToDouble(Double::doubleValue).sum());
            }
            long i0 = System.nanoTime();
            for (String index : indexes) {
                TasklistLoad.exec(c, index);
            }
            System.out.printf(Locale.ROOT, "== %,d finished enrollments' history cloned in %.1f s: %s; its %d "
                    + "secondary indexes dropped before and built after (%.1f s)%n", history,
                    (System.nanoTime() - h0) / 1e9, seconds(total), indexes.size(), (System.nanoTime() - i0) / 1e9);
            long a0 = System.nanoTime();
            for (String table : List.of("act_ru_execution", "act_ru_task", "act_ru_identitylink",
                    "act_ru_authorization", "act_ru_variable", "act_ge_bytearray", "act_hi_procinst",
                    "act_hi_taskinst", "act_hi_actinst", "act_hi_identitylink")) {
                TasklistLoad.exec(c, "vacuum analyze " + table);
            }
            System.out.printf(Locale.ROOT, "== vacuum analyze in %.1f s; whole load %.1f s%n",
                    (System.nanoTime() - a0) / 1e9, (System.nanoTime() - t0) / 1e9);
        }

        private static String seconds(Map<String, Double> s) {
            StringBuilder b = new StringBuilder();
            s.forEach((k, v) -> b.append(String.format(Locale.ROOT, "%s %.1f s, ", k, v)));
            return b.length() > 2 ? b.substring(0, b.length() - 2) : "";
        }

        private static String tenantArray() {
            StringBuilder b = new StringBuilder("array['BJHD','BJCY','SHPD','SHXH'");
            for (int i = 5; i <= CAMPUSES; i++) {
                b.append(",'C").append(String.format("%02d", i)).append('\'');
            }
            return b.append(']').toString();
        }

        /**
         * Which template, tenant, group, assignee and creation time clone k gets: 60 % consultants' assigned tasks
         * (15 consultants per campus; at 北京海淀 the five demo consultants are five of them), 20 % call-centre tasks
         * (half at the call centre — HQCC for the first 20 campuses, SHCC for the others — half at the campus; one in
         * ten claimed by one of its centre's 20 agents, zhangli and wangfang among HQCC's), 20 % other roles' group
         * tasks (前台, 教务, 财务, 销售主管, 教师); campuses evenly; created over the last 60 days.
         */
        private static String planSql(long clones) {
            String consultant = "coalesce(case when campus = 'BJHD' then (array['liwei','chenjing','liuyang',"
                    + "'zhaolei','sunli'])[1 + h3 % 15] end, lower(campus) || 'c' || (h3 % 15))";
            // h3 / 10: h3 % 10 = 0 chose the claimed ones
            String agent = "case when ci < 20 then coalesce((array['zhangli','wangfang'])[1 + h3 / 10 % 20], "
                    + "'hqcca' || (h3 / 10 % 20)) else 'shcca' || (h3 / 10 % 20) end";
            return "create table bench_task_plan as "
                    + "with g as (select k, abs(hashint4(k)) h1, abs(hashint4(k + 1000003)) h2, "
                    + "abs(hashint4(k + 2000003)) h3, abs(hashint4(k + 3000017)) h4, abs(hashint4(k + 4000037)) h5 "
                    + "from generate_series(1, " + clones + ") k), "
                    + "c as (select g.*, h1 % " + CAMPUSES + " ci, (" + tenantArray() + ")[1 + h1 % " + CAMPUSES
                    + "] campus, h2 % 100 kind from g) "
                    + "select k, "
                    + "case when kind < 60 then 'CONS' when kind < 80 and h3 % 10 = 0 then 'CCCLAIMED' else 'CC' end "
                    + "template, "
                    + "case when kind >= 60 and kind < 80 and h4 % 2 = 0 then case when ci < 20 then 'HQCC' "
                    + "else 'SHCC' end else campus end tenant, "
                    + "case when kind < 60 then " + consultant + " when kind < 80 and h3 % 10 = 0 then " + agent
                    + " end assignee, "
                    + "case when kind < 60 then (select grp from bench_template where name = 'CONS') "
                    + "when kind < 80 then 'callCenter' else (array['frontDesk','academicAffairs','finance',"
                    + "'salesSupervisor','teacher'])[1 + h5 % 5] end grp, "
                    + "localtimestamp - (h5 % (60 * 86400)) * interval '1 second' created "
                    + "from c";
        }

        private void printData(Connection c) throws Exception {
            System.out.println("== rows and sizes (table + indexes)");
            for (String table : List.of("act_ru_task", "act_ru_execution", "act_ru_identitylink",
                    "act_ru_authorization", "act_ru_variable", "act_ge_bytearray", "act_hi_procinst",
                    "act_hi_taskinst", "act_hi_actinst", "act_hi_identitylink")) {
                System.out.printf(Locale.ROOT, "  %-22s %,12d rows  %10s + %10s%n", table,
                        TasklistLoad.count(c, "select count(*) from " + table),
                        size(c, "pg_table_size('" + table + "')"), size(c, "pg_indexes_size('" + table + "')"));
            }
            System.out.println("  database " + size(c, "pg_database_size(current_database())"));
            for (Ask q : queries) {
                authenticate(q.userId());
                try {
                    System.out.printf(Locale.ROOT, "  %-34s sees %,d tasks (groups %s, tenants %s)%n", q.label(),
                            filters.count(filterId(q.filterName())), groupsOf(q.userId()), tenantsOf(q.userId()));
                } finally {
                    identity.clearAuthentication();
                }
            }
        }

        private static String size(Connection c, String expression) throws Exception {
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_size_pretty(" + expression
                    + ")")) {
                rs.next();
                return rs.getString(1);
            }
        }

        private String filterId(String name) {
            Filter f = filters.createFilterQuery().filterName(name).singleResult();
            if (f == null) {
                throw new IllegalStateException("no filter " + name);
            }
            return f.getId();
        }

        // ----------------------------------------------------------------------------------- Cockpit's 人工任务

        /**
         * Cockpit's dashboard 人工任务 on the same data, as its four requests ask the engine for the logged-in user
         * (checked in the 7.24 webjar: three {@code history/task/count} for 按类型分配, {@code
         * task/report/candidate-group-count} for 按组分配): as a campus director (zhouhua), head office (gaofeng) and
         * the administrator, with authorization and campus scope on as configured and, interleaved, off. For all but
         * the administrator 按组分配 is the scoped report (ScopedTaskGroupReport): one history count per group.
         */
        private void measureCockpitTasks() {
            HistoryService history = engine.getHistoryService();
            Map<String, Supplier<Object>> calls = new LinkedHashMap<>();
            calls.put("按类型分配 已分配给用户", () -> history.createHistoricTaskInstanceQuery().unfinished()
                    .taskAssigned().count());
            calls.put("按类型分配 已分配给组", () -> history.createHistoricTaskInstanceQuery().unfinished()
                    .taskUnassigned().withCandidateGroups().count());
            calls.put("按类型分配 未分配", () -> history.createHistoricTaskInstanceQuery().unfinished()
                    .taskUnassigned().withoutCandidateGroups().count());
            calls.put("按组分配", () -> tasks.createTaskReport().taskCountByCandidateGroup().stream()
                    .map(r -> (r.getGroupName() == null ? "无组" : r.getGroupName()) + " " + r.getTaskCount())
                    .toList());
            List<String> users = List.of("zhouhua", "gaofeng", "admin");
            int n = Integer.getInteger("bench.cockpitReps", 20);
            // user, call, on/off: the times; the page: the four one after another
            Map<String, Map<String, double[][]>> times = new LinkedHashMap<>();
            System.out.println();
            System.out.println("== Cockpit 人工任务: the answers, on (as configured) and off");
            for (String user : users) {
                Map<String, double[][]> perCall = new LinkedHashMap<>();
                for (String call : calls.keySet()) {
                    perCall.put(call, new double[][] {new double[n], new double[n]});
                    for (boolean on : List.of(true, false)) {
                        System.out.printf(Locale.ROOT, "  %-8s %-3s %-14s %s%n", user, on ? "on" : "off", call,
                                cockpitCall(user, on, calls.get(call)));
                    }
                }
                perCall.put("page", new double[][] {new double[n], new double[n]});
                times.put(user, perCall);
            }
            long t0 = System.nanoTime();
            for (int i = -3; i < n; i++) {
                for (String user : users) {
                    for (int j = 0; j < 2; j++) {
                        boolean on = (i + j) % 2 == 0;
                        double page = 0;
                        for (Map.Entry<String, Supplier<Object>> call : calls.entrySet()) {
                            long s = System.nanoTime();
                            cockpitCall(user, on, call.getValue());
                            double ms = (System.nanoTime() - s) / 1e6;
                            page += ms;
                            if (i >= 0) {
                                times.get(user).get(call.getKey())[on ? 0 : 1][i] = ms;
                            }
                        }
                        if (i >= 0) {
                            times.get(user).get("page")[on ? 0 : 1][i] = page;
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%n== Cockpit 人工任务: p50 / p95 / max in ms, %d repetitions (%.0f s)%n", n,
                    (System.nanoTime() - t0) / 1e9);
            System.out.println("| user | request | on p50 | on p95 | on max | off p50 | off p95 | p95 on/off |");
            System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            times.forEach((user, perCall) -> perCall.forEach((call, t) -> {
                double[] on = t[0].clone();
                double[] off = t[1].clone();
                Arrays.sort(on);
                Arrays.sort(off);
                System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f |%n", user,
                        call.equals("page") ? "page (the four, one after another)" : call, pct(on, 50), pct(on, 95),
                        on[on.length - 1], pct(off, 50), pct(off, 95), pct(on, 95) / pct(off, 95));
            }));
        }

        private Object cockpitCall(String user, boolean on, Supplier<Object> call) {
            config.setAuthorizationEnabled(on);
            config.setTenantCheckEnabled(on);
            authenticate(user);
            try {
                return call.get();
            } finally {
                identity.clearAuthentication();
                config.setAuthorizationEnabled(true);
                config.setTenantCheckEnabled(true);
            }
        }

        // ------------------------------------------------------------------------------------------------ measure

        private Map<String, Map<Mode, Map<Call, double[]>>> measure() throws Exception {
            Map<String, Map<Mode, Map<Call, double[]>>> results = new LinkedHashMap<>();
            for (Ask q : queries) {
                Map<Mode, Map<Call, double[]>> perMode = new LinkedHashMap<>();
                for (Mode m : modes) {
                    Map<Call, double[]> perCall = new LinkedHashMap<>();
                    for (Call call : Call.values()) {
                        perCall.put(call, new double[reps]);
                    }
                    perMode.put(m, perCall);
                }
                results.put(q.label(), perMode);
            }
            System.out.println();
            System.out.println("== answers per mode (page size, count)");
            for (Ask q : queries) {
                for (Mode m : modes) {
                    Object[] answer = once(q, m, Call.REQUEST);
                    System.out.printf(Locale.ROOT, "  %-34s %-18s %2d tasks, count %,7d, %,6d chars of HAL%n",
                            q.label(), m.label, answer[0], answer[1], answer[2]);
                }
            }
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.measureSeconds", 900));
            for (int i = -warmup; i < reps; i++) {
                if (i > 0 && System.nanoTime() > deadline) {
                    System.out.println("  stopped after " + i + " repetitions: -Dbench.measureSeconds passed");
                    truncate(results, i);
                    break;
                }
                for (Ask q : queries) {
                    for (Call call : Call.values()) {
                        // the modes interleaved, their order turned each round: none always runs on a warmer cache
                        for (int j = 0; j < modes.size(); j++) {
                            Mode m = modes.get((j + Math.max(i, 0)) % modes.size());
                            long s = System.nanoTime();
                            once(q, m, call);
                            double ms = (System.nanoTime() - s) / 1e6;
                            if (i >= 0) {
                                results.get(q.label()).get(m).get(call)[i] = ms;
                            }
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "  (measured in %.0f s)%n", (System.nanoTime() - t0) / 1e9);
            return results;
        }

        private static void truncate(Map<String, Map<Mode, Map<Call, double[]>>> results, int n) {
            results.values().forEach(perMode -> perMode.values().forEach(perCall -> perCall.replaceAll(
                    (call, values) -> Arrays.copyOf(values, n))));
        }

        /** One call as the user, in the mode; the request answers {tasks, count, HAL chars}. */
        private Object[] once(Ask q, Mode m, Call call) throws Exception {
            String body = m == Mode.OFF_TENANTS ? TASKLIST_BODY.substring(0, TASKLIST_BODY.length() - 1)
                    + ",\"tenantIdIn\":[" + String.join(",", tenantsOf(q.userId()).stream().map(t -> "\"" + t + "\"")
                            .toList()) + "]}" : TASKLIST_BODY;
            String filterId = filterId(q.filterName());
            config.setAuthorizationEnabled(m == Mode.ON || m == Mode.ON_NEVER);
            config.setTenantCheckEnabled(m == Mode.ON || m == Mode.ON_NEVER);
            config.setAuthorizationCheckRevokes(m == Mode.ON_NEVER ? "never" : configuredRevokes);
            authenticate(q.userId());
            try {
                switch (call) {
                    case REQUEST -> {
                        // as Jersey does per request: a new resource, the body as the extending query, HAL written
                        FilterResourceImpl resource = new FilterResourceImpl(engine.getName(), restMapper, filterId,
                                "/engine/default");
                        HalResource<?> hal = resource.queryHalList(body, 0, PAGE);
                        String json = restMapper.writeValueAsString(hal);
                        List<?> embedded = hal.getEmbedded("task") instanceof List<?> l ? l : List.of();
                        return new Object[] {embedded.size(), ((HalCollectionResource<?>) hal).getCount(),
                                json.length()};
                    }
                    case PAGE -> {
                        return new Object[] {filters.listPage(filterId, extending(body), 0, PAGE).size(), -1L, 0};
                    }
                    default -> {
                        return new Object[] {0, filters.count(filterId, extending(body)), 0};
                    }
                }
            } finally {
                identity.clearAuthentication();
                config.setAuthorizationEnabled(true);
                config.setTenantCheckEnabled(true);
                config.setAuthorizationCheckRevokes(configuredRevokes);
            }
        }

        /** The extending query the filter resource builds from Tasklist's body. */
        private Query<?, ?> extending(String body) throws Exception {
            TaskQueryDto dto = restMapper.readValue(body, TaskQueryDto.class);
            dto.setObjectMapper(restMapper);
            return dto.toQuery(engine);
        }

        private void printResults(Map<String, Map<Mode, Map<Call, double[]>>> results) {
            System.out.println();
            int n = results.values().iterator().next().get(Mode.ON).get(Call.REQUEST).length;
            System.out.println("== Tasklist at scale: p50 / p95 / max in ms, " + n + " repetitions, "
                    + "on vs off in the same run (ratio = p95 on / p95 off; aim ≤ 1.5×)");
            System.out.println("| query | call | on p50 | on p95 | on max | off p50 | off p95 | off max | p95 on/off | ≤ 1.5× "
                    + "| off+tenantIdIn p95 | on/that |" + (modes.contains(Mode.ON_NEVER) ? " on, revokes never p95 |" : ""));
            System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |"
                    + (modes.contains(Mode.ON_NEVER) ? " ---: |" : ""));
            results.forEach((label, perMode) -> {
                for (Call call : Call.values()) {
                    double[] on = perMode.get(Mode.ON).get(call);
                    double[] off = perMode.get(Mode.OFF).get(call);
                    double[] same = perMode.get(Mode.OFF_TENANTS).get(call);
                    double ratio = pct(on, 95) / pct(off, 95);
                    System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %s | %.1f "
                            + "| %.2f |%s%n", label, call.name().toLowerCase(Locale.ROOT), pct(on, 50), pct(on, 95),
                            pct(on, 100), pct(off, 50), pct(off, 95), pct(off, 100), ratio,
                            ratio <= 1.5 ? "within" : "over", pct(same, 95), pct(on, 95) / pct(same, 95),
                            modes.contains(Mode.ON_NEVER) ? String.format(Locale.ROOT, " %.1f |",
                                    pct(perMode.get(Mode.ON_NEVER).get(call), 95)) : "");
                }
            });
        }

        // ------------------------------------------------------------------------------------------------ explain

        /**
         * The request furthest from its baseline, once more with its statements recorded, on and off: every select
         * EXPLAINed (ANALYZE, BUFFERS) with its values; the times on screen, the slowest plans in full, all in
         * target/tasklist-explain.txt.
         */
        private void explainSlowest(Map<String, Map<Mode, Map<Call, double[]>>> results) throws Exception {
            Ask worst = queries.stream().max(Comparator.comparingDouble(q -> pct(results.get(q.label()).get(Mode.ON)
                    .get(Call.REQUEST), 95) / pct(results.get(q.label()).get(Mode.OFF).get(Call.REQUEST), 95)))
                    .orElseThrow();
            Path out = Path.of("target", "tasklist-explain.txt");
            Files.createDirectories(out.getParent());
            try (PrintWriter file = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
                for (Ask q : queries) {
                    for (Mode m : List.of(Mode.ON, Mode.OFF)) {
                        List<SqlCapture.Captured> statements;
                        SqlCapture.start();
                        try {
                            once(q, m, Call.REQUEST);
                        } finally {
                            statements = SqlCapture.stop();
                        }
                        String head = q.label() + ", " + m.label + ": " + statements.size() + " statements";
                        file.println("-- " + head);
                        boolean show = q == worst;
                        if (show) {
                            System.out.println();
                            System.out.println("== EXPLAIN (ANALYZE, BUFFERS) of the request furthest from its "
                                    + "baseline: " + head + " (all requests' plans in " + out + ")");
                        }
                        List<String[]> plans = new ArrayList<>();
                        for (SqlCapture.Captured s : statements) {
                            String sql = s.sql().trim().toLowerCase(Locale.ROOT);
                            if (!sql.startsWith("select")) {
                                continue;
                            }
                            List<String> plan = SqlCapture.explain(jdbc, s);
                            String time = plan.stream().filter(l -> l.startsWith("Execution Time")).findFirst()
                                    .orElse("Execution Time: ?");
                            plans.add(new String[] {time, s.sql(), String.join("\n", plan)});
                            file.println(s.sql());
                            file.println("params " + s.params());
                            plan.forEach(file::println);
                            file.println();
                        }
                        if (show) {
                            for (String[] p : plans) {
                                System.out.printf(Locale.ROOT, "   %-26s %s%n", p[0], SqlCapture.abbreviate(p[1], 140));
                            }
                            plans.stream()
                                    .sorted(Comparator.comparingDouble((String[] p) -> -SqlCapture.executionMs(p[0])))
                                    .limit(2)
                                    .forEach(p -> {
                                        System.out.println("   plan of: " + SqlCapture.abbreviate(p[1], 400));
                                        p[2].lines().filter(l -> !l.isBlank()).limit(40)
                                                .forEach(l -> System.out.println("     " + l));
                                    });
                        }
                    }
                }
            }
        }

    }
}
