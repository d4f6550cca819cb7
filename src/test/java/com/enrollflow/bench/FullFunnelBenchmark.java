package com.enrollflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import com.enrollflow.EnrollFlowApplication;
import com.enrollflow.assignment.MemberStatus;
import com.enrollflow.assignment.TeamRepository;
import com.enrollflow.lead.LeadIntakeResult;
import com.enrollflow.lead.LeadIntakeService;
import com.enrollflow.lead.LeadRequest;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.enrollflow.scheduling.Room;
import com.enrollflow.scheduling.RoomRepository;
import com.enrollflow.scheduling.Teacher;
import com.enrollflow.scheduling.TeacherRepository;
import com.enrollflow.workflow.LeadIntentProcessTests;

/**
 * Benchmark, not a test (never run by surefire): enrollments completed per second from a new lead to a scheduled
 * 1:1 student (opportunity WON, 40 lessons CONFIRMED), next to the raw engine doing comparable work — a generated
 * process with the same user tasks and the same asynchronous continuations, completed the same way — measured in
 * the same JVM, database and run, with the same client threads.
 *
 * <pre>
 *   src/bench/full-funnel.sh [h2|postgres] [enrollments=200] [threads=4] [warm-up=20] [--spring.property=value ...]
 * </pre>
 *
 * The application's own job executor runs every asynchronous continuation, as in production; the client threads
 * only take leads in ({@link LeadIntakeService}, in-process) and complete user tasks as the role's user
 * ({@code IdentityService.setAuthentication}, claim if unassigned, complete), as Tasklist does. Each client thread
 * keeps several journeys in flight ({@code -Dbench.inFlight}, default 12: enough to keep two cores busy) and works
 * on whichever has a task ready, so the job executor's latency is overlapped rather than waited for. Exit code 1 when an enrollment did not end
 * as a scheduled student (or a job failed); see docs/benchmark.md.
 */
public final class FullFunnelBenchmark {

    static final String RAW_PROCESS = "benchRawFunnel";
    static final String CAMPUS = "BJ-HD";
    static final String TEAM = "BJHD1V1";
    static final int LESSONS = 40;
    static final String FINAL_TASK = "Task_ConfirmSchedule";
    /** Weekly hours a demo teacher can start a 60-minute lesson: Mon–Fri 16:00–20:00, Sat–Sun 08:00–17:00. */
    static final List<String> WEEKLY_HOURS = weeklyHours();
    /** Disjoint pairs of weekly hours: two lessons a week, 40 lessons in 20 weeks. */
    static final int PAIRS = WEEKLY_HOURS.size() / 2;
    static final long STUCK_NANOS = TimeUnit.MINUTES.toNanos(3);

    private FullFunnelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchApplication.Args parsed = BenchApplication.Args.parse(args, "FullFunnelBenchmark [h2|postgres] "
                + "[enrollments=200] [threads=4] [warm-up=20] [--spring.property=value ...]");
        int n = parsed.number(1, 200);
        int threads = parsed.number(2, 4);
        int warmUp = parsed.number(3, 20);
        Path h2Dir = parsed.database().equals("h2") ? Files.createTempDirectory("enrollflow-funnel-h2-") : null;
        int exit;
        List<String> appArgs = new ArrayList<>(parsed.appArgs());
        ConfigurableApplicationContext context = new SpringApplication(EnrollFlowApplication.class)
                .run(BenchApplication.bootArgs(parsed.database(), h2Dir, appArgs));
        try {
            exit = new Run(context, parsed.database(), n, threads, warmUp, appArgs).call();
        } finally {
            context.close();
            BenchApplication.deleteQuietly(h2Dir);
        }
        System.exit(exit);
    }

    private static List<String> weeklyHours() {
        String[] days = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
        List<String> hours = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            boolean weekend = d >= 5;
            for (int h = weekend ? 8 : 16; h <= (weekend ? 17 : 20); h++) {
                hours.add(String.format("%s %02d:00", days[d], h));
            }
        }
        return List.copyOf(hours);
    }

    /**
     * Enrollment i's preferred times: consecutive enrollments take different pairs of weekly hours, so that
     * concurrent proposals seldom meet on a slot; the k-th enrollment on a pair needs the k-th teacher and room.
     */
    static String preferredTimes(int i) {
        int pair = i % PAIRS;
        // pair p: hours p and p + PAIRS (a weekday evening with a weekend or later hour), two different slots
        return WEEKLY_HOURS.get(pair) + "，" + WEEKLY_HOURS.get(pair + PAIRS);
    }

    /** One benchmark run against a started application. */
    static final class Run {
        private final String database;
        private final int n;
        private final int threads;
        private final int warmUp;
        private final int inFlight = Integer.getInteger("bench.inFlight", 12);
        private final List<String> appArgs;
        private final ProcessEngine engine;
        private final RuntimeService runtime;
        private final TaskService tasks;
        private final IdentityService identity;
        private final ManagementService management;
        private final LeadIntakeService intake;
        private final JdbcTemplate jdbc;
        private final TeamRepository teams;
        private final TeacherRepository teachers;
        private final RoomRepository rooms;
        private final Environment env;
        private final Map<String, List<String>> groups = new ConcurrentHashMap<>();
        private final Map<String, List<String>> tenantsByUser = new ConcurrentHashMap<>();
        private final AtomicLong phone = new AtomicLong(ThreadLocalRandom.current().nextLong(0, 90_000_000L));
        private final AtomicLong optimisticRetries = new AtomicLong();
        private final String visitAt = OffsetDateTime.now(BusinessTime.ZONE).plusDays(3)
                .truncatedTo(ChronoUnit.HOURS).withHour(10).toString();
        private final List<String> failures = new ArrayList<>();
        private LeadIntakeBenchmark.RowCounter rows;

        Run(ConfigurableApplicationContext context, String database, int n, int threads, int warmUp,
                List<String> appArgs) {
            this.database = database;
            this.n = n;
            this.threads = threads;
            this.warmUp = warmUp;
            this.appArgs = appArgs;
            this.engine = context.getBean(ProcessEngine.class);
            this.runtime = engine.getRuntimeService();
            this.tasks = engine.getTaskService();
            this.identity = engine.getIdentityService();
            this.management = engine.getManagementService();
            this.intake = context.getBean(LeadIntakeService.class);
            this.jdbc = context.getBean(JdbcTemplate.class);
            this.teams = context.getBean(TeamRepository.class);
            this.teachers = context.getBean(TeacherRepository.class);
            this.rooms = context.getBean(RoomRepository.class);
            this.env = context.getEnvironment();
        }

        /** PostgreSQL: the bytes of every table and index of the benchmark schema; -1 on H2. */
        private long databaseBytes() {
            if (!database.equals("postgres")) {
                return -1;
            }
            return jdbc.queryForObject("select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c "
                    + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relkind = 'r'",
                    Long.class, BenchApplication.PG_SCHEMA);
        }

        int call() throws Exception {
            rows = new LeadIntakeBenchmark.RowCounter(jdbc.getDataSource(),
                    database.equals("h2") ? "PUBLIC" : BenchApplication.PG_SCHEMA);
            int enrollments = warmUp + n;
            int extra = setUpCapacity(enrollments);
            deployRawProcess();
            printSettings(extra);

            // both warm-ups first, so that both measurements see the same (warm) JIT
            Result rawWarm = measure("raw warm-up", warmUp, new RawJourney());
            Result funnelWarm = measure("funnel warm-up", warmUp, new Enrollment());
            Result raw = measure("raw engine", n, new RawJourney());
            Map<String, Long> rowsBefore = rows.count();
            long bytesBefore = databaseBytes();
            Result funnel = measure("full funnel", n, new Enrollment());
            Map<String, Long> rowsAfter = rows.count();
            long bytesAfter = databaseBytes();
            Result rawAgain = Boolean.parseBoolean(System.getProperty("bench.rawAgain", "true"))
                    ? measure("raw engine again", n, new RawJourney()) : null;

            check(enrollments, List.of(rawWarm, funnelWarm, raw, funnel), rawAgain);
            print(raw, funnel, rawAgain);
            // growth: what one enrollment (lead to scheduled student, 40 lessons) leaves in the database
            System.out.printf(Locale.ROOT, "rows per enrollment: %s%n",
                    LeadIntakeBenchmark.RowCounter.perOp(rowsBefore, rowsAfter, n));
            if (bytesBefore >= 0) {
                double perEnrollment = (double) (bytesAfter - bytesBefore) / n;
                System.out.printf(Locale.ROOT, "database growth: %.1f KB per enrollment, %.0f MB per 10 000 "
                        + "enrollments (PostgreSQL, tables and indexes, before autovacuum)%n", perEnrollment / 1024,
                        perEnrollment * 10_000 / 1048576);
            }
            return failures.isEmpty() ? 0 : 1;
        }

        /**
         * Room for thousands of students: the team's consultants take any number of opportunities, and the campus
         * gets benchmark senior math teachers (J1–S3, the demo hours) and 1:1 rooms, one more than the enrollments
         * per pair of weekly hours need. Returns how many of each were added.
         */
        private int setUpCapacity(int enrollments) {
            teams.members(TEAM).forEach(m -> teams.saveMember(TEAM, m.userId(), MemberStatus.ACTIVE, 1_000_000,
                    OffsetDateTime.now()));
            int perPair = (enrollments + PAIRS - 1) / PAIRS;
            String campusPart = CAMPUS.replace("-", "");
            for (int k = 1; k <= perPair + 1; k++) {
                String id = String.format("T-BENCH-%s-%03d", campusPart, k);
                teachers.save(new Teacher(id, null, "压测教师" + k, CAMPUS, TeacherLevel.SENIOR, true));
                teachers.teach(id, Subject.MATH, Grade.J1, Grade.S3);
                for (DayOfWeek day : DayOfWeek.values()) {
                    boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
                    teachers.addAvailability(id, day, weekend ? LocalTime.of(8, 0) : LocalTime.of(16, 0),
                            weekend ? LocalTime.of(18, 0) : LocalTime.of(21, 0));
                }
                rooms.save(new Room(String.format("R-BENCH-%s-%03d", campusPart, k), CAMPUS, "压测教室" + k, true));
            }
            return perPair + 1;
        }

        /**
         * The raw engine's comparable journey, of the same engine shape as the enrollment: a level-2 process calling
         * six level-3 processes by business key (intent, assignment, consultation, discount approval, contract and
         * payment, scheduling), the journey's 11 user tasks under the same ids, candidate groups and assignees, its
         * 6 asynchronous continuations in the same places, 5 decision tasks (a one-rule table where the enrollment
         * evaluates intent level, team routing, recycle limits, approval levels and credit) and 5 boundary timers
         * that never fire (recycle limits, visit reminder, payment due): what a lead to a scheduled student passes
         * through, as the engine sees it. No delegates, no listeners, no forms, no application code.
         */
        private void deployRawProcess() {
            var repository = engine.getRepositoryService();
            String dmn = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                        xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="benchRawDecisions"
                        name="bench" namespace="http://enrollflow.com/bench">
                      <decision id="benchRawDecision" name="bench" camunda:historyTimeToLive="1">
                        <decisionTable id="benchRawTable">
                          <input id="benchRawInput"><inputExpression id="benchRawInputExpression" typeRef="string">
                            <text>owner</text></inputExpression></input>
                          <output id="benchRawOutput" name="decided" typeRef="string" />
                          <rule id="benchRawRule"><inputEntry id="benchRawEntry"><text>-</text></inputEntry>
                            <outputEntry id="benchRawValue"><text>"A"</text></outputEntry></rule>
                        </decisionTable>
                      </decision>
                    </definitions>
                    """;
            var deployment = repository.createDeployment().name(RAW_PROCESS)
                    .addString("benchRawDecisions.dmn", dmn);
            deployment.addModelInstance(RAW_PROCESS + "Intent.bpmn", level3(RAW_PROCESS + "Intent",
                    b -> decide(timer(b.userTask("Task_FirstContact").camundaCandidateGroups("callCenter"), "P7D")
                            .userTask("Task_ExploreIntent").camundaAssignee("zhangli"), "intent")
                            .userTask("Task_ConfirmIntent").camundaAssignee("zhangli")));
            deployment.addModelInstance(RAW_PROCESS + "Assignment.bpmn", level3(RAW_PROCESS + "Assignment",
                    b -> timer(timer(decide(decide(b, "team"), "limits")
                            .userTask("Task_MakeFirstContact").camundaAssignee("${owner}"), "PT24H")
                            .userTask("Task_FollowUpOpportunity").camundaAssignee("${owner}"), "P7D")));
            deployment.addModelInstance(RAW_PROCESS + "Consultation.bpmn", level3(RAW_PROCESS + "Consultation",
                    b -> timer(b.userTask("Task_BookVisit").camundaAssignee("${owner}")
                            .userTask("Task_RecordVisit").camundaCandidateGroups("frontDesk"), "P30D")
                            .userTask("Task_RecordPlacementTest").camundaCandidateGroups("teacher")
                            .userTask("Task_MakePlan").camundaAssignee("${owner}")));
            deployment.addModelInstance(RAW_PROCESS + "Discount.bpmn", level3(RAW_PROCESS + "Discount",
                    b -> decide(b, "levels")));
            deployment.addModelInstance(RAW_PROCESS + "Payment.bpmn", level3(RAW_PROCESS + "Payment",
                    b -> decide(timer(b.intermediateThrowEvent("Async_IssueContract").camundaAsyncBefore()
                            .intermediateThrowEvent("Async_CheckPaid").camundaAsyncBefore()
                            .userTask("Task_CollectPayment").camundaCandidateGroups("frontDesk"), "P7D")
                            .intermediateThrowEvent("Async_CheckPaidAgain").camundaAsyncBefore(), "credit")));
            deployment.addModelInstance(RAW_PROCESS + "Scheduling.bpmn", level3(RAW_PROCESS + "Scheduling",
                    b -> b.intermediateThrowEvent("Async_ProposeSchedule").camundaAsyncBefore()
                            .userTask(FINAL_TASK).camundaCandidateGroups("academicAffairs")));
            // not startable in Tasklist: like every process of all campuses, the raw journey belongs to no tenant
            AbstractFlowNodeBuilder<?, ?> level2 = Bpmn.createExecutableProcess(RAW_PROCESS).camundaHistoryTimeToLive(1)
                    .camundaStartableInTasklist(false).startEvent().camundaAsyncAfter();
            for (String called : List.of("Intent", "Assignment", "Consultation", "Discount", "Payment", "Scheduling")) {
                level2 = level2.callActivity("Call_" + called).calledElement(RAW_PROCESS + called)
                        .camundaInBusinessKey("#{execution.processBusinessKey}").camundaIn("owner", "owner");
            }
            deployment.addModelInstance(RAW_PROCESS + ".bpmn", level2
                    .intermediateThrowEvent("Async_SendMail").camundaAsyncBefore().endEvent().done());
            deployment.deploy();
        }

        private static BpmnModelInstance level3(String key,
                java.util.function.UnaryOperator<AbstractFlowNodeBuilder<?, ?>> steps) {
            return steps.apply(Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                    .camundaStartableInTasklist(false).startEvent()).endEvent().done();
        }

        /** A decision task on the one-rule table, as the enrollment's business rule tasks. */
        private static AbstractFlowNodeBuilder<?, ?> decide(AbstractFlowNodeBuilder<?, ?> b, String name) {
            return b.businessRuleTask("Decide_" + name).camundaDecisionRef("benchRawDecision")
                    .camundaResultVariable(name).camundaMapDecisionResult("singleEntry");
        }

        /** An interrupting boundary timer on the user task just added, that never fires in a journey. */
        private static AbstractFlowNodeBuilder<?, ?> timer(AbstractFlowNodeBuilder<?, ?> task, String duration) {
            var userTask = (org.camunda.bpm.model.bpmn.builder.UserTaskBuilder) task;
            String id = userTask.getElement().getId();
            org.camunda.bpm.model.bpmn.builder.UserTaskBuilder back = userTask.boundaryEvent("Timer_" + id)
                    .timerWithDuration(duration).endEvent().moveToActivity(id);
            return back;
        }

        private void printSettings(int extra) {
            ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine
                    .getProcessEngineConfiguration();
            var executor = config.getJobExecutor();
            System.out.printf(Locale.ROOT, "%nbenchmark: database=%s enrollments=%d threads=%d (%d journeys in flight "
                    + "each) warm-up=%d heap max=%d MB cores=%d%n", database, n, threads, inFlight, warmUp,
                    Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "async work: the application's job executor (%s, active %s, max jobs per "
                    + "acquisition %d, core pool %s, max pool %s, queue %s); history %s%n",
                    executor.getClass().getSimpleName(), executor.isActive(), executor.getMaxJobsPerAcquisition(),
                    env.getProperty("camunda.bpm.job-execution.core-pool-size", "3 (default)"),
                    env.getProperty("camunda.bpm.job-execution.max-pool-size", "10 (default)"),
                    env.getProperty("camunda.bpm.job-execution.queue-capacity", "3 (default)"), config.getHistory());
            System.out.printf(Locale.ROOT, "capacity: %s team %s without limit, %d benchmark senior math teachers and "
                    + "%d rooms added; preferred times spread over %d pairs of weekly hours%n", CAMPUS, TEAM, extra,
                    extra, PAIRS);
            if (!executor.isActive()) {
                throw new IllegalStateException("the job executor is not active: camunda.bpm.job-execution.enabled?");
            }
        }

        /** The user, as Tasklist would have them authenticated: the user's groups. */
        private List<String> groupsOf(String user) {
            return groups.computeIfAbsent(user, u -> identity.createGroupQuery().groupMember(u).list().stream()
                    .map(g -> g.getId()).toList());
        }

        private List<String> tenantsOf(String user) {
            return tenantsByUser.computeIfAbsent(user, u -> identity.createTenantQuery().userMember(u)
                    .includingGroupsOfUser(true).list().stream().map(t -> t.getId()).toList());
        }

        /**
         * Claims if unassigned and completes, authenticated as the user with their campuses (as Leads.completeAs
         * does, and as the REST API and the webapps log a user in).
         */
        private void completeAs(String user, Task task, Map<String, Object> variables) {
            identity.setAuthentication(user, groupsOf(user), tenantsOf(user));
            try {
                if (task.getAssignee() == null) {
                    tasks.claim(task.getId(), user);
                }
                tasks.complete(task.getId(), variables);
            } finally {
                identity.clearAuthentication();
            }
        }

        /** Who does a task when it is not assigned, and the form's answers; owner tasks are always assigned. */
        private Map<String, Object> answers(String taskKey, int i, Task task) {
            return switch (taskKey) {
                case "Task_FirstContact" -> Map.of("contactResult", "REACHED");
                case "Task_ExploreIntent" -> LeadIntentProcessTests.exploreAnswers("ONE_ON_ONE"); // campus BJ-HD
                case "Task_ConfirmIntent" -> Map.of("intentLevel", "HIGH");
                case "Task_MakeFirstContact" -> Map.of("firstContactOutcome", "CONTACTED", "contactNote", "已联系");
                case "Task_FollowUpOpportunity" -> Map.of("followUpOutcome", "ADVANCED", "followUpNote", "约好到访");
                case "Task_BookVisit" -> Map.of("bookingOutcome", "BOOKED", "visitAt", visitAt);
                case "Task_RecordVisit" -> Map.of("visitOutcome", "VISITED");
                case "Task_RecordPlacementTest" -> Map.of("testLevel", "BASIC");
                case "Task_MakePlan" -> plan(i);
                // what the desk's form proposes: this period's amount (预收费监管 splits ¥10,640.00 into two periods
                // of at most ¥6,916.00; the second falls due later, outside the journey)
                case "Task_CollectPayment" -> Map.of("paymentMethod", "CASH", "paymentAmount",
                        java.util.Objects.requireNonNullElse(tasks.getVariable(task.getId(), "paymentAmount"),
                                10640.00));
                case FINAL_TASK -> Map.of("scheduleDecision", "CONFIRM");
                default -> throw new IllegalStateException("the benchmark does not know task " + taskKey);
            };
        }

        private static String userFor(String taskKey) {
            return switch (taskKey) {
                case "Task_FirstContact", "Task_ExploreIntent", "Task_ConfirmIntent" -> "zhangli";
                case "Task_RecordVisit", "Task_CollectPayment" -> "zhaomin";
                case "Task_RecordPlacementTest" -> "zhengkai";
                case FINAL_TASK -> "wuting";
                default -> "liwei";
            };
        }

        /**
         * 40 senior math lessons (the form's package follows from them: PKG40, ¥10,640.00 at BJ-HD), no extra
         * discount: no approval needed. Only the form's own fields: a submission with others is refused.
         */
        private static Map<String, Object> plan(int i) {
            Map<String, Object> plan = new HashMap<>();
            plan.put("planOutcome", "PLAN");
            plan.put("lessonSubject", "MATH");
            plan.put("teacherLevel", "SENIOR");
            plan.put("lessons", LESSONS);
            plan.put("extraDiscount", 0);
            plan.put("installmentPlan", "FULL");
            plan.put("preferredTimes", preferredTimes(i));
            return plan;
        }

        /** What a step of a journey did. */
        enum Step { WAITING, PROGRESSED, DONE }

        /** A kind of journey: how one starts, and how its next ready task (by business key) is done. */
        abstract class Journey {
            /** Starts journey i (its sequence number over the whole run); returns its business key. */
            abstract String start(int i);

            /** Completes the journey's one ready task, if there is one. */
            Step step(String key, int i) {
                List<Task> ready = tasks.createTaskQuery().processInstanceBusinessKey(key).list();
                if (ready.isEmpty()) {
                    return Step.WAITING;
                }
                if (ready.size() > 1) {
                    throw new IllegalStateException(key + " has " + ready.size() + " tasks at once: "
                            + ready.stream().map(Task::getTaskDefinitionKey).toList());
                }
                Task task = ready.get(0);
                String taskKey = task.getTaskDefinitionKey();
                String user = task.getAssignee() != null ? task.getAssignee() : userFor(taskKey);
                try {
                    completeAs(user, task, answers(taskKey, i, task));
                } catch (OptimisticLockingException concurrent) {
                    // the job executor touched the same instance meanwhile: take the task again on the next round
                    optimisticRetries.incrementAndGet();
                    return Step.WAITING;
                }
                return taskKey.equals(FINAL_TASK) ? Step.DONE : Step.PROGRESSED;
            }
        }

        /** A lead through LeadIntakeService to a scheduled student; business key = opportunity id. */
        final class Enrollment extends Journey {
            @Override
            String start(int i) {
                String mobile = "139" + String.format("%08d", phone.getAndIncrement());
                // with an e-mail address, so that the enrollment confirmation is sent (logged without spring.mail.host)
                LeadRequest lead = new LeadRequest("压测学员" + i, mobile, "PHONE", "bench" + i + "@example.com",
                        CAMPUS, null, "J2", "MATH",
                        null, null, null, "想了解数学辅导");
                LeadIntakeResult result = intake.receive(lead, "zhangli", null, null).result();
                return String.valueOf(result.opportunities().get(0).opportunityId());
            }
        }

        /** The generated process; the consultant is chosen as the application's FEWEST_OPEN would spread them. */
        final class RawJourney extends Journey {
            private final List<String> owners = List.of("liwei", "chenjing", "liuyang");

            @Override
            String start(int i) {
                String key = "raw-" + System.nanoTime() + "-" + i;
                runtime.startProcessInstanceByKey(RAW_PROCESS, key, Map.of("owner", owners.get(i % owners.size())));
                return key;
            }
        }

        /** Sequence numbers over the whole run, so that preferred times keep spreading across phases. */
        private final AtomicInteger enrollmentSeq = new AtomicInteger();
        private final AtomicInteger rawSeq = new AtomicInteger();

        private final class Flight {
            final int i;
            final long started = System.nanoTime();
            String key;
            long notBefore;

            Flight(int i) {
                this.i = i;
            }
        }

        /**
         * {@code count} journeys from the client threads, each keeping up to inFlight journeys going; the phase
         * ends when the last journey is done and the job executor is idle (notifications included).
         */
        private Result measure(String name, int count, Journey journey) throws InterruptedException {
            System.gc();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger steps = new AtomicInteger();
            long[] latencies = new long[count];
            AtomicInteger finished = new AtomicInteger();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger seq = journey instanceof Enrollment ? enrollmentSeq : rawSeq;
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    try {
                        go.await();
                        List<Flight> flights = new ArrayList<>();
                        while (true) {
                            while (flights.size() < inFlight && next.getAndIncrement() < count) {
                                flights.add(new Flight(seq.getAndIncrement()));
                            }
                            if (flights.isEmpty()) {
                                break;
                            }
                            boolean progressed = false;
                            long now = System.nanoTime();
                            for (Iterator<Flight> it = flights.iterator(); it.hasNext();) {
                                Flight f = it.next();
                                if (f.notBefore > now) {
                                    continue;
                                }
                                try {
                                    Step s;
                                    if (f.key == null) {
                                        f.key = journey.start(f.i);
                                        s = Step.PROGRESSED;
                                    } else {
                                        s = journey.step(f.key, f.i);
                                    }
                                    if (s == Step.WAITING) {
                                        if (System.nanoTime() - f.started > STUCK_NANOS) {
                                            throw new IllegalStateException(f.key + " waited for its next task for "
                                                    + "3 minutes");
                                        }
                                        f.notBefore = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
                                        continue;
                                    }
                                    progressed = true;
                                    steps.incrementAndGet();
                                    if (s == Step.DONE) {
                                        latencies[finished.getAndIncrement()] = System.nanoTime() - f.started;
                                        it.remove();
                                    }
                                } catch (RuntimeException e) {
                                    failed.incrementAndGet();
                                    if (errors.size() < 5) {
                                        errors.add((f.key == null ? "start " + f.i : f.key) + ": " + e);
                                    }
                                    it.remove();
                                }
                            }
                            if (!progressed) {
                                Thread.sleep(2);
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                }, "bench-" + name.replace(' ', '-') + "-" + t);
                worker.setDaemon(true);
                worker.start();
            }
            JvmGauges.resetHeapPeaks();
            long[] gcBefore = JvmGauges.gc();
            long cpuBefore = JvmGauges.processCpuNanos();
            long start = System.nanoTime();
            go.countDown();
            done.await();
            long journeysNanos = System.nanoTime() - start;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (management.createJobQuery().executable().count() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long nanos = System.nanoTime() - start;
            long cpu = JvmGauges.processCpuNanos() - cpuBefore;
            long[] gcAfter = JvmGauges.gc();
            long heapPeak = JvmGauges.heapPeakBytes();
            long[] sorted = Arrays.copyOf(latencies, finished.get());
            Arrays.sort(sorted);
            Result r = new Result(name, count, finished.get(), failed.get(), List.copyOf(errors), nanos,
                    journeysNanos, sorted, steps.get(), cpu, gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1],
                    heapPeak);
            System.out.println(r.line());
            return r;
        }

        private void check(int enrollments, List<Result> results, Result rawAgain) {
            List<Result> all = new ArrayList<>(results);
            if (rawAgain != null) {
                all.add(rawAgain);
            }
            for (Result r : all) {
                if (r.failed() > 0 || r.finished() < r.count()) {
                    failures.add(r.name() + ": " + r.finished() + " of " + r.count() + " journeys finished, "
                            + r.failed() + " failed" + (r.errors().isEmpty() ? "" : ", first: " + r.errors().get(0)));
                }
            }
            long won = count("select count(*) from opportunity where status = 'WON'");
            long opportunities = count("select count(*) from opportunity");
            long confirmed = count("select count(*) from lesson where status = 'CONFIRMED'");
            // an enrollment stays open until its contract is paid in full: under 预收费监管 the ¥10,640.00 is collected
            // in two periods, and the second one's reminder waits (CallActivity_InstallmentReminders) — not stuck
            long running = runtime.createProcessInstanceQuery().processDefinitionKey("enrollment").count()
                    - runtime.createExecutionQuery().processDefinitionKey("enrollment")
                            .activityId("CallActivity_InstallmentReminders").count();
            long incidents = runtime.createIncidentQuery().count();
            long failedJobs = management.createJobQuery().withException().count();
            long notifications = engine.getHistoryService().createHistoricProcessInstanceQuery()
                    .processDefinitionKey("notification").count();
            long mails = count("select count(*) from notification where status = 'LOGGED'");
            System.out.printf(Locale.ROOT, "%ncheck: %d of %d opportunities WON (expected %d), %d lessons CONFIRMED "
                    + "(expected %d), %d enrollment instances still running, %d incidents, %d failed jobs, "
                    + "%d notification instances (%.1f per enrollment), %d mails LOGGED, %d optimistic-locking retries%n", won,
                    opportunities, enrollments, confirmed, (long) enrollments * LESSONS, running, incidents,
                    failedJobs, notifications, (double) notifications / Math.max(1, enrollments), mails,
                    optimisticRetries.get());
            if (mails != enrollments) {
                failures.add(mails + " confirmation mails LOGGED, expected " + enrollments);
            }
            if (won != enrollments) {
                failures.add(won + " opportunities WON, expected " + enrollments);
            }
            if (confirmed != (long) enrollments * LESSONS) {
                failures.add(confirmed + " lessons CONFIRMED, expected " + (long) enrollments * LESSONS);
            }
            if (running > 0) {
                failures.add(running + " enrollment instances did not end (other than waiting for a later period)");
            }
            if (incidents > 0 || failedJobs > 0) {
                failures.add(incidents + " incidents, " + failedJobs + " failed jobs"
                        + (incidents > 0 ? ", e.g. " + runtime.createIncidentQuery().listPage(0, 1).get(0)
                                .getIncidentMessage() : ""));
            }
        }

        private long count(String sql) {
            Long c = jdbc.queryForObject(sql, Long.class);
            return c == null ? 0 : c;
        }

        private void print(Result raw, Result funnel, Result rawAgain) {
            double ratio = funnel.perSecond() / raw.perSecond();
            System.gc();
            long heapUsed = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            StringBuilder out = new StringBuilder();
            out.append(String.format("%n==================================================================================%n"));
            out.append(String.format(Locale.ROOT, "EnrollFlow full-funnel benchmark — database=%s, threads=%d x %d in "
                    + "flight, enrollments=%d (after %d warm-up)%s%n", database, threads, inFlight, n, warmUp,
                    appArgs.isEmpty() ? "" : ", app args " + appArgs));
            out.append(String.format("journey: lead intake -> %d user tasks -> %d async continuations (job executor) "
                    + "-> WON, %d lessons CONFIRMED, confirmation mail logged%n", 11, 6, LESSONS));
            out.append(String.format(Locale.ROOT, "wall time          : funnel %.1f s, raw %.1f s%n", funnel.seconds(),
                    raw.seconds()));
            out.append(String.format(Locale.ROOT, "enrollments/s      : %8.2f   p50 %7.0f ms   p95 %7.0f ms   max %7.0f ms "
                    + "(lead to scheduled student)%n", funnel.perSecond(), funnel.p(50), funnel.p(95), funnel.max()));
            out.append(String.format(Locale.ROOT, "baseline journeys/s: %8.2f   p50 %7.0f ms   p95 %7.0f ms   max %7.0f ms "
                    + "(raw engine, same tasks and async steps)%n", raw.perSecond(), raw.p(50), raw.p(95), raw.max()));
            out.append(String.format(Locale.ROOT, "ratio funnel / raw : %8.1f %%%n", ratio * 100));
            if (rawAgain != null) {
                out.append(String.format(Locale.ROOT, "raw engine again   : %8.2f journeys/s (drift check; ratio against "
                        + "it %.1f %%)%n", rawAgain.perSecond(), funnel.perSecond() / rawAgain.perSecond() * 100));
            }
            for (Result r : rawAgain == null ? List.of(raw, funnel) : List.of(raw, funnel, rawAgain)) {
                out.append(String.format(Locale.ROOT, "  %-17s JVM CPU %7.1f ms per journey (%.2f cores), GC %d pauses "
                        + "%d ms, heap peak %d MB, job executor after the last journey %.2f s%n", r.name(),
                        r.cpuNanos() / 1e6 / r.count(), (double) r.cpuNanos() / r.nanos(), r.gcCount(), r.gcMillis(),
                        r.heapPeak() >> 20, (r.nanos() - r.journeysNanos()) / 1e9));
            }
            out.append(String.format(Locale.ROOT, "heap used after GC : %d MB of %d MB max%n", heapUsed >> 20,
                    Runtime.getRuntime().maxMemory() >> 20));
            out.append(String.format("app: %s, history %s, pool %s%n", env.getProperty("spring.datasource.url"),
                    env.getProperty("camunda.bpm.history-level"),
                    env.getProperty("spring.datasource.hikari.maximum-pool-size")));
            failures.forEach(f -> out.append("FAIL ").append(f).append(System.lineSeparator()));
            out.append(failures.isEmpty() ? "PASS every enrollment reached a scheduled student (WON, all lessons "
                    + "confirmed), no incident\n" : "FAILED checks: " + failures.size() + "\n");
            out.append(String.format("==================================================================================%n"));
            System.out.print(out);
            System.out.flush();
        }
    }

    /** What one phase did; latencies are per finished journey, start to its last task, sorted. */
    record Result(String name, int count, int finished, int failed, List<String> errors, long nanos,
            long journeysNanos, long[] latencies, int steps, long cpuNanos, long gcCount, long gcMillis,
            long heapPeak) {

        double seconds() {
            return nanos / 1e9;
        }

        /** Journeys per second until the last one was done and the job executor idle. */
        double perSecond() {
            return finished / seconds();
        }

        /** Nearest-rank percentile in ms. */
        double p(double percentile) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(percentile / 100.0 * latencies.length);
            return latencies[Math.max(0, rank - 1)] / 1e6;
        }

        double max() {
            return latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6;
        }

        String line() {
            return String.format(Locale.ROOT, "  %-17s %5d of %5d journeys in %7.2f s = %7.2f/s  p50 %7.0f ms  "
                    + "p95 %7.0f ms  %d steps  failures %d%s", name, finished, count, seconds(), perSecond(), p(50),
                    p(95), steps, failed, errors.isEmpty() ? "" : "  first: " + errors.get(0));
        }
    }
}
