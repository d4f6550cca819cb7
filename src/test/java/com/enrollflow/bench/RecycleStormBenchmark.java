package com.enrollflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import com.enrollflow.EnrollFlowApplication;
import com.enrollflow.assignment.AssignmentStrategy;
import com.enrollflow.assignment.MemberStatus;
import com.enrollflow.assignment.Team;
import com.enrollflow.assignment.TeamRepository;

/**
 * Benchmark, not a test (never run by surefire): a recycle storm (回收风暴). N opportunities wait at 首次联系客户
 * and the engine clock jumps past their limits at once, as after a weekend with the job executor down: how long
 * the job executor needs to recycle and reassign every one of them, and whether each was recycled exactly once.
 * The baseline, measured in the same run on the same engine, is N bare timers (start → user task with an
 * interrupting 12 h boundary timer → end) falling due at once.
 *
 * <pre>
 *   src/bench/recycle-storm.sh [h2|postgres] [opportunities=10000] [start-threads=4] [--spring.property=value ...]
 * </pre>
 *
 * A second baseline, the recycle's engine shape (the same user task with its two boundary timers, service steps,
 * gateways and conditions, the loop back to a new task with new timers) with no-op expressions in place of the
 * application's delegates, says how much of a recycle is the engine's and how much the application's.
 *
 * Phases on one engine clock T0: start N raw, N shape and N storm instances; clock → T0+13h: the raw timers drain
 * (baseline); → T0+15h: the shape's warnings; → T0+17h: the shape's recycles (second baseline); → T0+21h: the
 * storm's warnings (回收预警) drain; → T0+25h: the recycles (未处理回收) drain.
 * Exit code 1 when a check fails (a lead recycled twice or not at all, an incident), else 0.
 */
public final class RecycleStormBenchmark {

    static final String RAW_PROCESS = "benchRawTimer";
    /** The recycle's engine shape without the application: see {@link Run#deployShapeProcess()}. */
    static final String SHAPE_PROCESS = "benchRawRecycle";
    static final String TEAM = "STORM";
    /** {@code -Dbench.teams=4}: the storm spread over that many teams, each of two consultants of its own. */
    static final int TEAMS = Integer.getInteger("bench.teams", 1);
    static final String CAMPAIGN = "recycle-storm";
    static final List<String> MEMBERS = List.of("liwei", "chenjing", "liuyang", "zhaolei", "sunli", "zhoujie",
            "wuyan", "xuming");
    static final long TIME_LIMIT_MS = TimeUnit.MINUTES.toMillis(30);

    private RecycleStormBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchApplication.Args parsed = BenchApplication.Args.parse(args, "RecycleStormBenchmark [h2|postgres] "
                + "[opportunities=10000] [start-threads=4] [--spring.property=value ...]");
        String database = parsed.database();
        int n = parsed.number(1, 10_000);
        int threads = parsed.number(2, 4);
        List<String> appArgs = parsed.appArgs();
        Path h2Dir = database.equals("h2") ? Files.createTempDirectory("enrollflow-storm-h2-") : null;
        int exit;
        ConfigurableApplicationContext context = new SpringApplication(EnrollFlowApplication.class)
                .run(BenchApplication.bootArgs(database, h2Dir, appArgs));
        try {
            exit = new Run(context, database, n, threads).call();
        } finally {
            ClockUtil.reset();
            context.close();
            BenchApplication.deleteQuietly(h2Dir);
        }
        System.exit(exit);
    }

    /** One benchmark run against a started application. */
    static final class Run {
        private final String database;
        private final int n;
        private final int threads;
        private final ProcessEngine engine;
        private final RuntimeService runtime;
        private final ManagementService management;
        private final JdbcTemplate jdbc;
        private final TeamRepository teams;
        private final Environment env;
        private final long deadline = System.currentTimeMillis() + TIME_LIMIT_MS;
        private final List<String> failures = new ArrayList<>();

        Run(ConfigurableApplicationContext context, String database, int n, int threads) {
            this.database = database;
            this.n = n;
            this.threads = threads;
            this.engine = context.getBean(ProcessEngine.class);
            this.runtime = engine.getRuntimeService();
            this.management = engine.getManagementService();
            this.jdbc = context.getBean(JdbcTemplate.class);
            this.teams = context.getBean(TeamRepository.class);
            this.env = context.getEnvironment();
        }

        int call() throws Exception {
            Date t0 = new Date();
            ClockUtil.setCurrentTime(t0);
            printSettings();
            setUpTeam();
            List<Long> ids = insertOpportunities();

            deployRawProcess();
            deployShapeProcess();
            double rawStarts = startAll("raw starts", i -> runtime.startProcessInstanceByKey(RAW_PROCESS));
            startAll("shape starts", i -> runtime.startProcessInstanceByKey(SHAPE_PROCESS, Map.of("owner", "a",
                    "warnAfter", "PT14H", "limit", "PT16H", "recycleCount", 0)));
            double stormStarts = startAll("storm starts (opportunityAssignment to 首次联系客户)",
                    i -> startAssignment(ids.get(i)));
            System.out.printf(Locale.ROOT, "started: %.1f raw/s, %.1f opportunities/s%n", rawStarts, stormStarts);
            if (database.equals("postgres")) {
                // without statistics the recycles' member figures read the team's leads through the status index
                // (21 ms a recycle at the end of a 3 000 storm instead of 3)
                BenchApplication.analyzeIfNoAutovacuum(jdbc.getDataSource(), "after the starts");
            }

            Phase raw = drain("baseline: raw timers", t0, 13, () -> runtime.createProcessInstanceQuery()
                    .processDefinitionKey(RAW_PROCESS).count() == 0, n);
            Phase shapeWarnings = drain("shape: warnings", t0, 15, () -> dueJobs() == 0, n);
            Phase shape = drain("shape: recycles (second baseline)", t0, 17, () -> dueJobs() == 0, n);
            checkShape();
            Phase warnings = drain("storm: 回收预警 warnings", t0, 21,
                    () -> dueJobs() == 0 && events("WARNED") >= n, n);
            Phase recycles = drain("storm: 未处理回收 recycles", t0, 25,
                    () -> dueJobs() == 0 && events("RECYCLED_UNHANDLED") >= n, n);

            checkExactlyOnce();
            double ratio = recycles.perSecond() / raw.perSecond();
            double shapeRatio = recycles.perSecond() / shape.perSecond();
            System.out.println();
            System.out.println("== recycle storm, " + database + ", " + n + " opportunities");
            System.out.println(raw);
            System.out.println(shapeWarnings);
            System.out.println(shape);
            System.out.println(warnings);
            System.out.println(recycles);
            System.out.printf(Locale.ROOT, "ratio recycles/s : raw timers/s = %.3f (%.1f %%)%n", ratio, ratio * 100);
            System.out.printf(Locale.ROOT, "ratio recycles/s : shape recycles/s = %.3f (%.1f %%); shape recycles/s "
                    + ": raw timers/s = %.3f%n", shapeRatio, shapeRatio * 100, shape.perSecond() / raw.perSecond());
            System.out.printf(Locale.ROOT, "heap peak %d MB of %d MB%n", JvmGauges.heapPeakBytes() / 1_048_576,
                    Runtime.getRuntime().maxMemory() / 1_048_576);
            failures.forEach(f -> System.out.println("FAIL " + f));
            System.out.println(failures.isEmpty() ? "PASS every opportunity recycled exactly once, reassigned to "
                    + "another member, no incident" : "FAILED checks: " + failures.size());
            return failures.isEmpty() ? 0 : 1;
        }

        private void printSettings() {
            ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine
                    .getProcessEngineConfiguration();
            var executor = config.getJobExecutor();
            System.out.printf(Locale.ROOT, "job executor: %s, max jobs per acquisition %d, wait %d ms, lock %d ms, "
                    + "core pool %s, max pool %s, queue %s; history %s; cores %d%n",
                    executor.getClass().getSimpleName(), executor.getMaxJobsPerAcquisition(),
                    executor.getWaitTimeInMillis(), executor.getLockTimeInMillis(),
                    env.getProperty("camunda.bpm.job-execution.core-pool-size", "3 (default)"),
                    env.getProperty("camunda.bpm.job-execution.max-pool-size", "10 (default)"),
                    env.getProperty("camunda.bpm.job-execution.queue-capacity", "3 (default)"),
                    config.getHistory(), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "storm teams: %d%n", TEAMS);
        }

        private void setUpTeam() {
            for (int t = 0; t < TEAMS; t++) {
                teams.save(new Team(team(t), "回收风暴测试组" + (t + 1), "BJ-HD", "ONE_ON_ONE",
                        AssignmentStrategy.FEWEST_OPEN, "consultant", 5, true));
            }
            if (TEAMS == 1) {
                MEMBERS.forEach(m -> teams.saveMember(TEAM, m, MemberStatus.ACTIVE, 1_000_000, OffsetDateTime.now()));
                return;
            }
            // spread: two consultants of 北京海淀 of their own per team (a team takes only its campus's staff, and a
            // recycle goes to another member than the one it was taken from)
            IdentityService identity = engine.getIdentityService();
            for (int t = 0; t < TEAMS; t++) {
                for (String suffix : List.of("a", "b")) {
                    String user = "storm" + (t + 1) + suffix;
                    User u = identity.newUser(user);
                    u.setFirstName("风暴");
                    u.setLastName("顾问" + (t + 1) + suffix);
                    // within the password policy: an upper-case letter, lower case, digits, a special character
                    u.setPassword("Storm-" + java.util.UUID.randomUUID());
                    identity.saveUser(u);
                    identity.createMembership(user, "consultant");
                    identity.createTenantUserMembership("BJHD", user);
                    teams.saveMember(team(t), user, MemberStatus.ACTIVE, 1_000_000, OffsetDateTime.now());
                }
            }
        }

        /** N customers and intent opportunities (1:1, 北京海淀), inserted in batches. */
        private List<Long> insertOpportunities() {
            long started = System.nanoTime();
            Timestamp now = Timestamp.from(Instant.now());
            long phoneBase = 13_000_000_000L + System.currentTimeMillis() % 900_000_000L;
            List<Object[]> customers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                customers.add(new Object[] {"风暴客户" + i, "+86" + (phoneBase + i), now, now});
            }
            jdbc.batchUpdate("insert into customer (name, phone, created_at, updated_at) values (?, ?, ?, ?)",
                    customers);
            jdbc.update("insert into opportunity (customer_id, status, stage, open_slot, channel, campaign, "
                    + "campus_code, product_line, intent_level, owner_group, received_at, valid_at, intent_at) "
                    + "select id, 'OPEN', 'INTENT', cast(id as varchar(20)) || ':ONE_ON_ONE', 'PHONE', ?, 'BJ-HD', "
                    + "'ONE_ON_ONE', 'HIGH', 'callCenter', ?, ?, ? from customer where name like '风暴客户%'",
                    CAMPAIGN, now, now, now);
            List<Long> ids = jdbc.queryForList("select id from opportunity where campaign = ? order by id", Long.class,
                    CAMPAIGN);
            System.out.printf(Locale.ROOT, "inserted %d opportunities in %.1f s%n", ids.size(),
                    (System.nanoTime() - started) / 1e9);
            return ids;
        }

        private void deployRawProcess() {
            BpmnModelInstance model = Bpmn.createExecutableProcess(RAW_PROCESS).camundaHistoryTimeToLive(1)
                    .startEvent().userTask("RawTask").boundaryEvent("RawTimer").timerWithDuration("PT12H")
                    .endEvent("RawTimedOut").moveToActivity("RawTask").endEvent("RawDone").done();
            engine.getRepositoryService().createDeployment().addModelInstance(RAW_PROCESS + ".bpmn", model).deploy();
        }

        /**
         * The recycle's engine shape, the application left out: 首次联系客户's user task (assignee, due date) with a
         * non-interrupting warning timer leading to a service step, and an interrupting limit timer leading through
         * the recycle step, the three gateways with their conditions, the choice of owner and the outcome gateway
         * back to a new task with new timers, as in {@code opportunity-assignment.bpmn}. The service steps are
         * expressions whose result is one variable each (the recycle count, the new owner); the application's
         * delegates, listeners, triggers and tables are what this leaves out.
         */
        private void deployShapeProcess() {
            BpmnModelInstance model = Bpmn.createExecutableProcess(SHAPE_PROCESS).camundaHistoryTimeToLive(1)
                    .startEvent().exclusiveGateway("ShapeOwned")
                    .userTask("ShapeTask").camundaAssignee("${owner}")
                    .camundaDueDate("${dateTime().plusHours(16).toDate()}")
                    .endEvent("ShapeContacted")
                    .moveToActivity("ShapeTask").boundaryEvent("ShapeWarning").cancelActivity(false)
                    .timerWithDuration("${warnAfter}")
                    .serviceTask("ShapeWarn").camundaExpression("${true}")
                    .camundaResultVariable("warned")
                    .endEvent("ShapeWarned")
                    .moveToActivity("ShapeTask").boundaryEvent("ShapeOverdue").timerWithDuration("${limit}")
                    .serviceTask("ShapeRecycle")
                    .camundaExpression("${recycleCount + 1}").camundaResultVariable("recycleCount")
                    .exclusiveGateway("ShapeRecycled")
                    .condition("免回收", "${recycleCount == 0}").connectTo("ShapeOwned")
                    .moveToNode("ShapeRecycled").condition("已收回", "${recycleCount > 0}")
                    .exclusiveGateway("ShapeAfterRecycle")
                    .exclusiveGateway("ShapePoolDue")
                    .condition("公海", "${recycleCount >= 99}").endEvent("ShapePublicPool")
                    .moveToNode("ShapePoolDue").condition("回到团队", "${recycleCount < 99}")
                    .exclusiveGateway("ShapeDistribute")
                    .serviceTask("ShapeChoose").camundaExpression("${owner == 'a' ? 'b' : 'a'}")
                    .camundaResultVariable("owner")
                    .exclusiveGateway("ShapeOutcome")
                    .condition("团队池", "${owner == 'pool'}").endEvent("ShapeTeamPool")
                    .moveToNode("ShapeOutcome").condition("主管指定", "${owner == 'supervisor'}")
                    .endEvent("ShapeSupervisor")
                    .moveToNode("ShapeOutcome").condition("已分配", "${owner != 'pool' && owner != 'supervisor'}")
                    .connectTo("ShapeOwned").done();
            engine.getRepositoryService().createDeployment().addModelInstance(SHAPE_PROCESS + ".bpmn", model).deploy();
        }

        /** Every shape instance recycled once and waiting at a new task of the other owner. */
        private void checkShape() {
            long recycled = engine.getHistoryService().createHistoricActivityInstanceQuery()
                    .activityId("ShapeRecycle").count();
            long waiting = engine.getTaskService().createTaskQuery().processDefinitionKey(SHAPE_PROCESS)
                    .taskAssignee("b").count();
            if (recycled != n || waiting != n) {
                failures.add("shape: " + recycled + " recycles and " + waiting + " tasks of the new owner, not " + n);
            }
        }

        /** The storm's team number t: STORM, or STORM1 … STORMn when spread. */
        private static String team(int t) {
            return TEAMS == 1 ? TEAM : TEAM + (t + 1);
        }

        private void startAssignment(long opportunityId) {
            runtime.createProcessInstanceByKey("opportunityAssignment").businessKey(String.valueOf(opportunityId))
                    .setVariables(Map.of("opportunityId", opportunityId, "teamId", team((int) (opportunityId % TEAMS)),
                            "productLine", "ONE_ON_ONE",
                            "campus", "BJ-HD", "intentLevel", "HIGH", "customerName", "风暴客户",
                            "phoneDisplay", "139 0000 0000"))
                    .startBeforeActivity("BusinessRuleTask_DecideRecycleLimits").execute();
        }

        interface Start {
            void run(int index) throws Exception;
        }

        /** N starts from the threads; returns starts per second. */
        private double startAll(String what, Start start) throws Exception {
            AtomicInteger next = new AtomicInteger();
            long began = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            start.run(i);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %d in %.1f s%n", what, n, seconds);
            return n / seconds;
        }

        interface Done {
            boolean test();
        }

        /**
         * Moves the engine clock to T0 + hours and waits until the job executor has done the work. Every phase polls
         * the count of due timers first, and a storm phase counts its events only once none is left: the events'
         * count joins the opportunities (44 ms on PostgreSQL for 3 000), and polling it four times a second took a
         * fifth of a core from the drain it measured.
         */
        private Phase drain(String name, Date t0, int hours, Done done, int work) throws InterruptedException {
            long began = System.nanoTime();
            long cpuBegan = JvmGauges.processCpuNanos();
            Instant wallBegan = Instant.now();
            ClockUtil.setCurrentTime(new Date(t0.getTime() + TimeUnit.HOURS.toMillis(hours)));
            // an idle job executor backs off for up to a minute; tell it there is work, as a new job would
            ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().jobWasAdded();
            while (!done.test()) {
                if (System.currentTimeMillis() > deadline) {
                    failures.add(name + ": not drained within the time limit");
                    break;
                }
                Thread.sleep(250);
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            long cpu = JvmGauges.processCpuNanos() - cpuBegan;
            // the wall-clock window, to cut a profile (JFR) to one phase
            System.out.printf(Locale.ROOT, "phase %s: %s to %s%n", name, wallBegan, Instant.now());
            long incidents = engine.getRuntimeService().createIncidentQuery().count();
            if (incidents > 0) {
                failures.add(name + ": " + incidents + " incidents, e.g. "
                        + engine.getRuntimeService().createIncidentQuery().listPage(0, 1).get(0).getIncidentMessage());
            }
            return new Phase(name, work, seconds, cpu);
        }

        /** Timer jobs due at the engine clock's now, locked or not. */
        private long dueJobs() {
            return management.createJobQuery().timers().duedateLowerThan(
                    new Date(ClockUtil.getCurrentTime().getTime() + 1)).count();
        }

        private long events(String kind) {
            return jdbc.queryForObject("select count(*) from assignment_event e join opportunity o "
                    + "on o.id = e.opportunity_id where o.campaign = ? and e.kind = ?", Long.class, CAMPAIGN, kind);
        }

        private void checkExactlyOnce() {
            List<Long> notOnce = jdbc.queryForList("select o.id from opportunity o where o.campaign = ? and "
                    + "(select count(*) from assignment_event e where e.opportunity_id = o.id "
                    + "and e.kind = 'RECYCLED_UNHANDLED') <> 1", Long.class, CAMPAIGN);
            if (!notOnce.isEmpty()) {
                failures.add(notOnce.size() + " opportunities not recycled exactly once, e.g. " + notOnce.get(0));
            }
            long wrongCount = jdbc.queryForObject("select count(*) from opportunity where campaign = ? "
                    + "and recycle_count <> 1", Long.class, CAMPAIGN);
            if (wrongCount > 0) {
                failures.add(wrongCount + " opportunities with recycle_count <> 1");
            }
            long sameOwner = jdbc.queryForObject("select count(*) from opportunity o join assignment_event e "
                    + "on e.opportunity_id = o.id and e.kind = 'RECYCLED_UNHANDLED' where o.campaign = ? "
                    + "and (o.owner_user is null or o.owner_user = e.from_user)", Long.class, CAMPAIGN);
            if (sameOwner > 0) {
                failures.add(sameOwner + " recycled opportunities without a new, different owner");
            }
            long waiting = engine.getTaskService().createTaskQuery().processDefinitionKey("opportunityAssignment")
                    .taskDefinitionKey("Task_MakeFirstContact").count();
            if (waiting < n) {
                failures.add("only " + waiting + " of " + n + " reassigned leads wait at 首次联系客户");
            }
        }
    }

    /**
     * What one drain did: the work items, how long the job executor took and the JVM's CPU time meanwhile (all
     * threads; the database's own CPU is not in it). CPU per item moves less between runs than the rate does.
     */
    record Phase(String name, int work, double seconds, long cpuNanos) {
        double perSecond() {
            return work / seconds;
        }

        double cpuMillisPerItem() {
            return cpuNanos / 1e6 / work;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-34s %6d in %7.1f s = %8.1f /s, JVM CPU %5.1f ms each", name, work,
                    seconds, perSecond(), cpuMillisPerItem());
        }
    }
}
