package com.enrollflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.enrollflow.EnrollFlowApplication;
import com.enrollflow.lead.LeadIntakeService;
import com.enrollflow.lead.LeadRequest;

/**
 * Benchmark, not a test (never run by surefire): lead intakes per second through POST /api/leads next to
 * the raw Camunda start rate of a one-user-task process, measured in the same JVM, same heap, same database
 * and same number of client threads.
 *
 * <pre>
 *   src/bench/run.sh [h2|postgres] [leads=2000] [threads=8] [warm-up=300]
 *   java -Xmx512m -cp ... com.enrollflow.bench.LeadIntakeBenchmark h2 2000 8 300 [--spring.property=value ...]
 * </pre>
 *
 * Further arguments starting with {@code --} go to the application unchanged (for experiments such as
 * {@code --camunda.bpm.history-level=none}); see docs/benchmark.md.
 *
 * <p>Exit code 0 whether or not the aim (intake >= 50 % of the raw rate) is met; 1 if any request failed.
 */
public final class LeadIntakeBenchmark {

    static final String RAW_PROCESS = "benchRawOneTask";
    static final String RAW_SHAPE = "benchRawTwoLevel";
    static final String RAW_SHAPE_CALLED = "benchRawTwoLevelIntent";
    static final double AIM = 0.50;
    /** The intake aim of the cluster issue: POST /api/leads at half a one-task start over the same HTTP stack. */
    static final double HTTP_AIM = 0.50;
    static final String USER = "zhangli";
    static final String PASSWORD = "demo";


    private LeadIntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchApplication.Args parsed = BenchApplication.Args.parse(args, "LeadIntakeBenchmark [h2|postgres] "
                + "[leads=2000] [threads=8] [warm-up=300] [--spring.property=value ...]");
        String database = parsed.database();
        int n = parsed.number(1, 2000);
        int threads = parsed.number(2, 8);
        int warmUp = parsed.number(3, 300);
        List<String> appArgs = parsed.appArgs();

        Path h2Dir = database.equals("h2") ? Files.createTempDirectory("enrollflow-bench-h2-") : null;
        String[] boot = BenchApplication.bootArgs(database, h2Dir, appArgs);

        int exit;
        SpringApplication application = new SpringApplication(EnrollFlowApplication.class);
        if (JdbcCounter.ENABLED) {
            application.addInitializers(c -> c.getBeanFactory().addBeanPostProcessor(new JdbcCounter()));
        }
        ConfigurableApplicationContext context = application.run(boot);
        try {
            exit = run(context, database, n, threads, warmUp, appArgs, h2Dir);
        } finally {
            context.close();
            if (!Boolean.getBoolean("bench.keepH2")) {
                BenchApplication.deleteQuietly(h2Dir);
            }
        }
        System.exit(exit);
    }

    private static int run(ConfigurableApplicationContext context, String database, int n, int threads, int warmUp,
            List<String> appArgs, Path h2Dir) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        RuntimeService runtime = context.getBean(RuntimeService.class);
        RepositoryService repository = context.getBean(RepositoryService.class);
        TaskService tasks = context.getBean(TaskService.class);

        // a. the raw engine: start -> user task -> end, started through RuntimeService, no variables
        BpmnModelInstance model = Bpmn.createExecutableProcess(RAW_PROCESS)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("benchTask")
                .endEvent()
                .done();
        repository.createDeployment().name(RAW_PROCESS).addModelInstance(RAW_PROCESS + ".bpmn", model).deploy();
        Operation rawStart = i -> {
            runtime.startProcessInstanceByKey(RAW_PROCESS);
            return null;
        };

        // a'. the shape the issue requires of a lead, and nothing else: a level-2 process calling a level-3 process
        // (business key and one id passed in) that waits in a user task for a candidate group, so that only that
        // group sees it (with authorization on, the engine writes the group's task authorization). No HTTP, no
        // tables of ours, no forms, no DMN, no async continuation.
        repository.createDeployment().name(RAW_SHAPE)
                .addModelInstance(RAW_SHAPE + ".bpmn", Bpmn.createExecutableProcess(RAW_SHAPE)
                        .camundaHistoryTimeToLive(1)
                        .startEvent()
                        .callActivity("benchCallIntent").calledElement(RAW_SHAPE_CALLED)
                        .camundaInBusinessKey("#{execution.processBusinessKey}")
                        .camundaIn("opportunityId", "opportunityId")
                        .endEvent()
                        .done())
                .addModelInstance(RAW_SHAPE_CALLED + ".bpmn", Bpmn.createExecutableProcess(RAW_SHAPE_CALLED)
                        .camundaHistoryTimeToLive(1)
                        .startEvent()
                        .userTask("benchFirstContact").camundaCandidateGroups("callCenter")
                        .endEvent()
                        .done())
                .deploy();
        AtomicLong shapeIds = new AtomicLong();
        Operation shapeStart = i -> {
            long id = shapeIds.incrementAndGet();
            runtime.startProcessInstanceByKey(RAW_SHAPE, "bench-" + id, Map.of("opportunityId", id));
            return null;
        };

        // b. the intake: POST /api/leads over HTTP/1.1 keep-alive, HTTP Basic, unique valid mobile numbers
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI leads = URI.create("http://127.0.0.1:" + port + "/api/leads");
        String auth = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        long phoneBase = ThreadLocalRandom.current().nextLong(0, 100_000_000L - 2L * (warmUp + n) - 1);
        AtomicLong phoneCounter = new AtomicLong(phoneBase);
        Operation postLead = i -> {
            String phone = "139" + String.format("%08d", phoneCounter.getAndIncrement());
            String body = "{\"name\":\"压测客户" + i + "\",\"phone\":\"" + phone + "\",\"channel\":\"PHONE\"}";
            HttpRequest request = HttpRequest.newBuilder(leads)
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 201 ? null
                    : "HTTP " + response.statusCode() + " " + abbreviate(response.body());
        };

        // b''. the baseline of the issue (the earlier in-process aim is retired): the same one-task process started
        // over the same stack, POST /engine-rest/process-definition/key/…/start with the same HTTP Basic user, who
        // is given just the rights to start it
        var authorizations = context.getBean(org.camunda.bpm.engine.AuthorizationService.class);
        for (var grant : List.of(
                Map.entry(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION, RAW_PROCESS),
                Map.entry(org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE, "*"))) {
            var a = authorizations.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
            a.setUserId(USER);
            a.setResource(grant.getKey());
            a.setResourceId(grant.getValue());
            a.addPermission(grant.getKey() == org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION
                    ? org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE
                    : org.camunda.bpm.engine.authorization.Permissions.CREATE);
            authorizations.saveAuthorization(a);
        }
        URI restStartUri = URI.create("http://127.0.0.1:" + port + "/engine-rest/process-definition/key/" + RAW_PROCESS
                + "/start");
        Operation restStart = i -> {
            HttpRequest request = HttpRequest.newBuilder(restStartUri)
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? null
                    : "HTTP " + response.statusCode() + " " + abbreviate(response.body());
        };

        // b'. the same intake without HTTP: the service POST /api/leads calls, in-process (no JSON, no security,
        // no Tomcat). What the process and our own tables cost on their own, next to the raw start.
        LeadIntakeService intakeService = context.getBean(LeadIntakeService.class);
        Operation serviceLead = i -> {
            String phone = "139" + String.format("%08d", phoneCounter.getAndIncrement());
            intakeService.receive(new LeadRequest("压测客户" + i, phone, "PHONE", null, null, null, null, null, null,
                    null, null, null), USER, null, null);
            return null;
        };

        // c. a phase ends when its work is done, not when the last call returns: work the calls left to the job
        // executor (async continuations) is waited for, so that leads/s counts leads whose process reached its
        // first wait state, as a raw start does before it returns
        ManagementService management = context.getBean(ManagementService.class);
        boolean jobExecutorActive = ((ProcessEngineImpl) context.getBean(ProcessEngine.class))
                .getProcessEngineConfiguration().getJobExecutor().isActive();
        Settle settle = () -> {
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (jobExecutorActive && management.createJobQuery().executable().count() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the job executor did not finish the phase's jobs in 30 minutes");
                }
                Thread.sleep(10);
            }
        };

        long heapMax = Runtime.getRuntime().maxMemory();
        System.out.printf("%nbenchmark: database=%s port=%d leads=%d threads=%d warm-up=%d heap max=%d MB "
                + "cores=%d%n", database, port, n, threads, warmUp, heapMax >> 20,
                Runtime.getRuntime().availableProcessors());

        // both warm-ups first, so that both measurements see the same (warm) JIT: much of the intake's code is the
        // engine's, and a raw rate measured right after 300 cold starts is a fraction of the warm one
        Phase.Result rawWarm = Phase.run("raw warm-up", warmUp, threads, rawStart, settle);
        Phase.Result intakeWarm = Phase.run("intake warm-up", warmUp, threads, postLead, settle);
        Phase.Result restWarm = Phase.run("REST start warm-up", warmUp, threads, restStart, settle);
        if (database.equals("postgres")) {
            BenchApplication.analyzeIfNoAutovacuum(context.getBean(DataSource.class), "after the warm-ups");
        }
        RowCounter rows = new RowCounter(context.getBean(DataSource.class), database.equals("h2") ? "PUBLIC" : BenchApplication.PG_SCHEMA);
        Map<String, Long> beforeRaw = rows.count();
        Phase.Result raw = Phase.run("raw engine", n, threads, rawStart, settle);
        Map<String, Long> afterRaw = rows.count();
        Phase.Result intake = Phase.run("POST /api/leads", n, threads, postLead, settle);
        Map<String, Long> afterIntake = rows.count();
        Phase.Result restStarts = Phase.run("REST one-task start", n, threads, restStart, settle);
        // the raw rate again, after the intake: a fuller database and a later JIT state; a drift check only
        Phase.Result rawAgain = Boolean.parseBoolean(System.getProperty("bench.rawAgain", "true"))
                ? Phase.run("raw engine again", n, threads, rawStart, settle) : null;

        // the two halves of a lead, each measured on its own: the lead without HTTP, and the HTTP + Spring
        // Security + HTTP Basic floor (GET /api/campuses, one small query). Their costs add up to about the
        // intake's, so 1 / (1/service + 1/floor) bounds what any HTTP intake of this process can reach.
        Phase.Result requiredShape = null;
        Phase.Result serviceLeads = null;
        Phase.Result httpFloor = null;
        Phase.Result anonymousFloor = null;
        if (Boolean.parseBoolean(System.getProperty("bench.decompose", "true"))) {
            Phase.run("shape warm-up", warmUp, threads, shapeStart, settle);
            requiredShape = Phase.run("required shape", n, threads, shapeStart, settle);
            serviceLeads = Phase.run("lead without HTTP", n, threads, serviceLead, settle);
            Operation getCampuses = httpGet(http, URI.create("http://127.0.0.1:" + port + "/api/campuses"), auth);
            Phase.run("GET warm-up", warmUp, threads, getCampuses, settle);
            httpFloor = Phase.run("GET /api/campuses", n, threads, getCampuses, settle);
            Operation getHealth = httpGet(http, URI.create("http://127.0.0.1:" + port + "/actuator/health"), null);
            Phase.run("health warm-up", warmUp, threads, getHealth, settle);
            anonymousFloor = Phase.run("GET /actuator/health", n, threads, getHealth, settle);
        }

        // async work that failed: jobs with an exception (waiting for a retry or out of retries, i.e. incidents)
        int asyncFailures = (int) management.createJobQuery().withException().count();

        long enrollments = runtime.createProcessInstanceQuery().processDefinitionKey("enrollment").count();
        long firstContactTasks = tasks.createTaskQuery().processDefinitionKey("leadIntent")
                .taskDefinitionKey("Task_FirstContact").count();
        long rawInstances = runtime.createProcessInstanceQuery().processDefinitionKey(RAW_PROCESS).count();

        int failures = rawWarm.failures() + raw.failures() + intakeWarm.failures() + intake.failures()
                + restWarm.failures() + restStarts.failures()
                + Stream.of(rawAgain, requiredShape, serviceLeads, httpFloor, anonymousFloor).mapToInt(r -> r == null ? 0 : r.failures()).sum()
                + asyncFailures;
        double ratio = intake.perSecond() / raw.perSecond();
        double httpRatio = intake.perSecond() / restStarts.perSecond();

        StringBuilder out = new StringBuilder();
        out.append(String.format("%n==================================================================================%n"));
        out.append(String.format("EnrollFlow lead intake benchmark — database=%s, heap max=%d MB, threads=%d, n=%d%s%n",
                database, heapMax >> 20, threads, n, appArgs.isEmpty() ? "" : ", app args " + appArgs));
        out.append(String.format("raw engine (one user task)  : %7.1f starts/s   p50 %6.1f ms   p99 %6.1f ms   max %6.1f ms%n",
                raw.perSecond(), raw.p(50), raw.p(99), raw.max()));
        out.append(String.format("POST /api/leads             : %7.1f leads/s    p50 %6.1f ms   p99 %6.1f ms   max %6.1f ms%n",
                intake.perSecond(), intake.p(50), intake.p(99), intake.max()));
        out.append(String.format("  answered (caller's view)  : %7.1f leads/s    the job executor finished the last lead's "
                + "continuation %.2f s after the last answer%n", intake.answeredPerSecond(), intake.asyncSeconds()));
        out.append(String.format("REST one-task start         : %7.1f starts/s   p50 %6.1f ms   p99 %6.1f ms   max %6.1f ms   "
                + "(POST /engine-rest/…/start, same user and HTTP Basic)%n", restStarts.perSecond(), restStarts.p(50),
                restStarts.p(99), restStarts.max()));
        out.append(String.format("ratio intake / REST start   : %7.1f %%   (aim >= %.0f %%)  %s   (the same stack on both "
                + "sides: HTTP, security, Basic authentication, one database)%n", httpRatio * 100, HTTP_AIM * 100,
                httpRatio >= HTTP_AIM ? "PASS" : "BELOW AIM"));
        out.append(String.format("ratio intake / raw          : %7.1f %%   (in-process baseline, for information: its "
                + "aim is retired)%n", ratio * 100));
        out.append(String.format("  answered / raw            : %7.1f %%   (for information: requests answered, job backlog "
                + "not yet done)%n", intake.answeredPerSecond() / raw.perSecond() * 100));
        if (rawAgain != null) {
            out.append(String.format("raw engine, after intake    : %7.1f starts/s   (drift check; ratio against it %.1f %%)%n",
                    rawAgain.perSecond(), intake.perSecond() / rawAgain.perSecond() * 100));
        }
        out.append(String.format("failed requests             : %d%s%n", failures,
                failures == 0 ? "" : "   first: " + (asyncFailures > 0 ? asyncFailures + " failed jobs or incidents"
                        : firstFailure(rawWarm, raw, intakeWarm, intake, restWarm, restStarts, rawAgain, requiredShape, serviceLeads, httpFloor, anonymousFloor))));
        if (serviceLeads != null) {
            double bound = 1 / (1 / serviceLeads.perSecond() + 1 / httpFloor.perSecond());
            out.append(String.format("where the intake's time goes (same run; costs add up on a saturated machine):%n"));
            out.append(String.format("  required shape, engine    : %7.1f starts/s = %5.1f %% of raw   (level 2 -> call "
                    + "activity -> level 3 -> task for a candidate group, business key + 1 id; nothing else)%n",
                    requiredShape.perSecond(), requiredShape.perSecond() / raw.perSecond() * 100));
            out.append(String.format("  lead without HTTP         : %7.1f leads/s  = %5.1f %% of raw   (LeadIntakeService "
                    + "in-process: our tables + the enrollment/leadIntent process, to the first-contact task)%n",
                    serviceLeads.perSecond(), serviceLeads.perSecond() / raw.perSecond() * 100));
            out.append(String.format("  GET /api/campuses (floor) : %7.1f req/s    = %5.1f %% of raw   (HTTP + Spring "
                    + "Security + Basic auth + 1 query, nothing stored)%n",
                    httpFloor.perSecond(), httpFloor.perSecond() / raw.perSecond() * 100));
            out.append(String.format("  1 / (1/lead + 1/floor)    : %7.1f leads/s  = %5.1f %% of raw   (what POST /api/leads "
                    + "can reach with this process; measured %.1f)%n", bound, bound / raw.perSecond() * 100,
                    intake.perSecond()));
            out.append(String.format("  GET /actuator/health      : %7.1f req/s    = %5.1f %% of raw   (HTTP + security "
                    + "filters, no authentication, 1 query: the floor if authentication were free)%n",
                    anonymousFloor.perSecond(), anonymousFloor.perSecond() / raw.perSecond() * 100));
            double shapeBound = 1 / (1 / requiredShape.perSecond() + 1 / anonymousFloor.perSecond());
            out.append(String.format("  1 / (1/shape + 1/health)  : %7.1f leads/s  = %5.1f %% of raw   (the required "
                    + "shape behind free authentication, storing nothing of its own)%n", shapeBound,
                    shapeBound / raw.perSecond() * 100));
            if (shapeBound / raw.perSecond() < AIM) {
                out.append(String.format("  even that stays below the aim: no implementation of this issue's processes "
                        + "behind HTTP reaches %.0f %% of raw on this machine%n", AIM * 100));
            } else if (requiredShape.perSecond() / raw.perSecond() < AIM) {
                out.append(String.format("  the engine work of the required shape alone stays below the aim: no "
                        + "implementation of this issue's processes can make POST /api/leads reach %.0f %% of raw%n",
                        AIM * 100));
            } else if (serviceLeads.perSecond() / raw.perSecond() < AIM) {
                out.append(String.format("  the process and our tables alone stay below the aim: no HTTP layer can make "
                        + "POST /api/leads reach %.0f %% of raw%n", AIM * 100));
            }
        }
        out.append(String.format("CPU per operation (JVM = app + engine + H2 + HTTP client; cores busy during the phase):%n"));
        for (Phase.Result r : Stream.of(raw, intake, restStarts, rawAgain, requiredShape, serviceLeads, httpFloor, anonymousFloor).filter(r -> r != null).toList()) {
            out.append(String.format("  %-18s %6.2f s  JVM %6.2f ms/op  PostgreSQL %5.2f ms/op   cores: JVM %.2f  "
                    + "PostgreSQL %.2f  other processes %.2f   GC %d pauses %d ms  heap peak %d MB%n", r.name(),
                    r.seconds(), r.jvmCpuMsPerOp(), r.postgresCpuMsPerOp(), r.jvmCores(), r.postgresCores(),
                    r.otherCores(), r.gcCount(), r.gcMillis(), r.heapPeakBytes() >> 20));
            StringBuilder groups = new StringBuilder();
            r.cpuMsPerOpByThread().forEach((group, ms) -> groups.append(String.format("  %s %.2f", group, ms)));
            out.append(String.format("  %-18s JVM CPU ms/op by thread:%s%n", "", groups));
            if (JdbcCounter.ENABLED) {
                double[] j = r.jdbcPerOp();
                out.append(String.format(Locale.ROOT, "  %-18s JDBC per op: %.1f connections, %.1f commits, %.1f queries, "
                        + "%.1f updates, %.1f batches (%.1f rows batched)%n", "", j[0], j[1], j[2], j[3], j[4], j[5]));
            }
        }
        if (Stream.of(raw, intake).anyMatch(r -> r.otherCores() > 0.25)) {
            out.append(String.format("  NOTE: other processes used CPU during a measured phase; the figures are disturbed%n"));
        }
        out.append(String.format("rows added per operation (net, by table):%n"));
        out.append(String.format("  %-18s %s%n", raw.name(), RowCounter.perOp(beforeRaw, afterRaw, n)));
        out.append(String.format("  %-18s %s%n", intake.name(), RowCounter.perOp(afterRaw, afterIntake, n)));

        out.append(String.format("check: %d enrollment instances (expected %d), %d first-contact tasks, %d %s instances%n",
                enrollments, warmUp + n + (serviceLeads == null ? 0 : n), firstContactTasks, rawInstances, RAW_PROCESS));
        if (h2Dir != null) {
            try (Stream<Path> files = Files.list(h2Dir)) {
                out.append(String.format("H2 files:%s%n", files.map(f -> {
                    try {
                        return String.format(" %s %.1f MB", f.getFileName(), Files.size(f) / 1048576.0);
                    } catch (IOException e) {
                        return " " + f.getFileName();
                    }
                }).sorted().reduce("", String::concat)));
            }
        }
        var env = context.getEnvironment();
        out.append(String.format("app: %s, camunda history level %s, connection pool %s, job executor %s%n",
                env.getProperty("spring.datasource.url"), env.getProperty("camunda.bpm.history-level"),
                env.getProperty("spring.datasource.hikari.maximum-pool-size"),
                env.getProperty("camunda.bpm.job-execution.enabled")));
        out.append(String.format("JVM: %s %s, input arguments %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.append(String.format("==================================================================================%n"));
        System.out.print(out);
        System.out.flush();
        return failures == 0 ? 0 : 1;
    }


    /** A GET that must answer 200; {@code authorization} null sends none. */
    private static Operation httpGet(HttpClient http, URI uri, String authorization) {
        return i -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? null : "HTTP " + response.statusCode();
        };
    }

    private static String firstFailure(Phase.Result... results) {
        return Arrays.stream(results).filter(r -> r != null && !r.errors().isEmpty())
                .map(r -> r.name() + ": " + r.errors().get(0)).findFirst().orElse("?");
    }

    /** Blocks until the work the calls of a phase started is done (the job executor is idle). */
    @FunctionalInterface
    interface Settle {
        void await() throws InterruptedException;
    }

    /** One timed call; answers null on success, else what went wrong. */
    @FunctionalInterface
    interface Operation {
        String call(int index) throws Exception;
    }

    /** N operations from T threads in a closed loop, each thread taking the next index until none is left. */
    static final class Phase {

        record Result(String name, int count, long nanos, long answeredNanos, long[] latencies, int failures, List<String> errors,
                long jvmCpuNanos, double machineCores, double postgresCores, long gcCount, long gcMillis,
                long heapPeakBytes, Map<String, Double> cpuMsPerOpByThread, double[] jdbcPerOp) {

            double seconds() {
                return nanos / 1e9;
            }

            /** Operations per second until their work, async work included, was done. */
            double perSecond() {
                return count / seconds();
            }

            /** Operations per second until the last call returned. */
            double answeredPerSecond() {
                return count / (answeredNanos / 1e9);
            }

            double asyncSeconds() {
                return (nanos - answeredNanos) / 1e9;
            }

            /** Nearest-rank percentile, in ms. */
            double p(double percentile) {
                int rank = (int) Math.ceil(percentile / 100.0 * latencies.length);
                return latencies[Math.max(0, rank - 1)] / 1e6;
            }

            double max() {
                return latencies[latencies.length - 1] / 1e6;
            }

            double jvmCpuMsPerOp() {
                return jvmCpuNanos / 1e6 / count;
            }

            double jvmCores() {
                return (double) jvmCpuNanos / nanos;
            }

            double postgresCpuMsPerOp() {
                return postgresCores * nanos / 1e6 / count;
            }

            /** Busy cores not spent by this JVM or PostgreSQL: other work on the machine, kernel, I/O. */
            double otherCores() {
                return Math.max(0, machineCores - jvmCores() - postgresCores);
            }
        }

        static Result run(String name, int count, int threads, Operation op, Settle settle)
                throws InterruptedException {
            System.gc();
            long[] latencies = new long[count];
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(threads);
            AtomicLong callerCpu = new AtomicLong();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    ready.countDown();
                    try {
                        go.await();
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            long start = System.nanoTime();
                            String error;
                            try {
                                error = op.call(i);
                            } catch (Exception e) {
                                error = e.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(e.getMessage()));
                            }
                            latencies[i] = System.nanoTime() - start;
                            if (error != null) {
                                failures.incrementAndGet();
                                if (errors.size() < 5) {
                                    errors.add(error);
                                }
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        callerCpu.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                        done.countDown();
                    }
                }, "bench-" + name.replace(' ', '-') + "-" + t);
                worker.setDaemon(true);
                worker.start();
            }
            ready.await();
            JvmGauges.resetHeapPeaks();
            long[] gcBefore = JvmGauges.gc();
            long cpuBefore = JvmGauges.processCpuNanos();
            long[] machineBefore = machineCpuTicks();
            long postgresBefore = postgresCpuTicks();
            long[] jdbcBefore = JdbcCounter.snapshot();
            Map<String, Long> threadsBefore = threadGroupTicks();
            long start = System.nanoTime();
            go.countDown();
            done.await();
            long answeredNanos = System.nanoTime() - start;
            settle.await();
            long nanos = System.nanoTime() - start;
            long cpu = JvmGauges.processCpuNanos() - cpuBefore;
            long[] machineAfter = machineCpuTicks();
            long postgresAfter = postgresCpuTicks();
            long[] jdbcAfter = JdbcCounter.snapshot();
            Map<String, Long> threadsAfter = threadGroupTicks();
            long[] gcAfter = JvmGauges.gc();
            long heapPeak = JvmGauges.heapPeakBytes();
            Arrays.sort(latencies);
            double machineCores = machineBefore == null || machineAfter == null ? Double.NaN
                    : (double) ((machineAfter[0] - machineBefore[0]) - (machineAfter[1] - machineBefore[1]))
                            / (machineAfter[0] - machineBefore[0]) * Runtime.getRuntime().availableProcessors();
            int cores = Runtime.getRuntime().availableProcessors();
            double postgresCores = machineBefore == null || machineAfter == null ? 0
                    : (double) (postgresAfter - postgresBefore) / (machineAfter[0] - machineBefore[0]) * cores;
            // JVM CPU by thread group, ms per operation; the callers measure their own (they end with the phase)
            double msPerTick = machineBefore == null || machineAfter == null ? 0
                    : nanos / 1e6 * cores / (machineAfter[0] - machineBefore[0]);
            Map<String, Double> byThread = new LinkedHashMap<>();
            byThread.put("callers", callerCpu.get() / 1e6 / count);
            threadsAfter.forEach((group, ticks) -> {
                double ms = (ticks - threadsBefore.getOrDefault(group, 0L)) * msPerTick / count;
                if (ms >= 0.005) {
                    byThread.put(group, ms);
                }
            });
            double[] jdbcPerOp = new double[jdbcAfter.length];
            for (int i = 0; i < jdbcPerOp.length; i++) {
                jdbcPerOp[i] = (double) (jdbcAfter[i] - jdbcBefore[i]) / count;
            }
            Result r = new Result(name, count, nanos, answeredNanos, latencies, failures.get(), List.copyOf(errors), cpu,
                    machineCores, postgresCores, gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], heapPeak,
                    byThread, jdbcPerOp);
            System.out.printf("  %-16s %5d ops in %6.2f s = %7.1f/s  p50 %6.1f ms  p99 %6.1f ms  failures %d%s%n",
                    name, count, r.seconds(), r.perSecond(), r.p(50), r.p(99), r.failures(),
                    r.asyncSeconds() > 0.05 ? String.format("  (answered in %.2f s, then %.2f s of job executor work)",
                            r.answeredNanos() / 1e9, r.asyncSeconds()) : "");
            return r;
        }

        /** Total and idle (+iowait) jiffies of the whole machine from /proc/stat, or null where there is none. */
        private static long[] machineCpuTicks() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    total += Long.parseLong(f[i]);
                }
                return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** CPU jiffies of this JVM's threads (Java and VM threads alike), by group of thread name, from /proc. */
        private static Map<String, Long> threadGroupTicks() {
            Map<String, Long> groups = new TreeMap<>();
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : tasks.toList()) {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        int close = stat.lastIndexOf(')');
                        String comm = stat.substring(stat.indexOf('(') + 1, close);
                        if (comm.startsWith("bench-")) {
                            continue; // the callers count their own CPU time
                        }
                        String[] f = stat.substring(close + 2).split(" ");
                        groups.merge(threadGroup(comm), Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException | RuntimeException e) {
                return groups;
            }
            return groups;
        }

        /** Groups of threads by name (Linux keeps a thread name's first 15 characters). */
        static String threadGroup(String comm) {
            if (comm.startsWith("http-nio")) {
                return "tomcat";
            } else if (comm.startsWith("HttpClient")) {
                return "http-client";
            } else if (comm.contains("CompilerThre")) {
                return "jit";
            } else if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread")) {
                return "gc+vm";
            } else if (comm.startsWith("MVStore") || comm.startsWith("H2")) {
                return "h2-background";
            }
            return "other";
        }

        /**
         * CPU jiffies (user + system) of all processes called postgres on this machine, from /proc; as /proc/stat
         * counts in the same unit, their share of the machine follows. 0 where there is no /proc.
         */
        private static long postgresCpuTicks() {
            long ticks = 0;
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .toList()) {
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        int close = stat.lastIndexOf(')');
                        if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
                            continue;
                        }
                        String[] f = stat.substring(close + 2).split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
                    } catch (IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                }
            } catch (IOException | RuntimeException e) {
                return 0;
            }
            return ticks;
        }

    }

    /**
     * Opt-in (-Dbench.countJdbc=true) count of JDBC work: wraps the application's DataSource (a Spring
     * DelegatingDataSource around the pool) and counts connections taken, commits, executed queries, updates
     * and batches. Adds a little overhead to every statement, so it is off for the figures.
     */
    static final class JdbcCounter implements org.springframework.beans.factory.config.BeanPostProcessor {

        static final boolean ENABLED = Boolean.getBoolean("bench.countJdbc");
        static final AtomicLong CONNECTIONS = new AtomicLong();
        static final AtomicLong COMMITS = new AtomicLong();
        static final AtomicLong QUERIES = new AtomicLong();
        static final AtomicLong UPDATES = new AtomicLong();
        static final AtomicLong BATCHES = new AtomicLong();
        static final AtomicLong BATCHED = new AtomicLong();

        static long[] snapshot() {
            return new long[] {CONNECTIONS.get(), COMMITS.get(), QUERIES.get(), UPDATES.get(), BATCHES.get(),
                    BATCHED.get()};
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof com.zaxxer.hikari.HikariDataSource pool) {
                return new org.springframework.jdbc.datasource.DelegatingDataSource(pool) {
                    @Override
                    public Connection getConnection() throws java.sql.SQLException {
                        return connection(super.getConnection());
                    }

                    @Override
                    public Connection getConnection(String user, String password) throws java.sql.SQLException {
                        return connection(super.getConnection(user, password));
                    }
                };
            }
            return bean;
        }

        static Connection connection(Connection target) {
            CONNECTIONS.incrementAndGet();
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(JdbcCounter.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        String name = method.getName();
                        if (name.equals("commit")) {
                            COMMITS.incrementAndGet();
                        }
                        Object result = invoke(target, method, args);
                        if (result instanceof java.sql.Statement statement
                                && (name.startsWith("prepare") || name.equals("createStatement"))) {
                            Class<?> type = result instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                                    : result instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class
                                            : Statement.class;
                            return statement(statement, type);
                        }
                        return result;
                    });
        }

        static Object statement(Statement target, Class<?> type) {
            return java.lang.reflect.Proxy.newProxyInstance(JdbcCounter.class.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> {
                        Object result = invoke(target, method, args);
                        switch (method.getName()) {
                            case "executeQuery" -> QUERIES.incrementAndGet();
                            case "executeUpdate", "executeLargeUpdate" -> UPDATES.incrementAndGet();
                            // MyBatis runs selects and single writes alike with execute(): true = a result set
                            case "execute" -> (Boolean.TRUE.equals(result) ? QUERIES : UPDATES).incrementAndGet();
                            case "addBatch" -> BATCHED.incrementAndGet();
                            case "executeBatch", "executeLargeBatch" -> BATCHES.incrementAndGet();
                            default -> {
                            }
                        }
                        return result;
                    });
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** Rows per table of the application's schema, counted between phases (not timed). */
    record RowCounter(DataSource dataSource, String schema) {

        Map<String, Long> count() throws java.sql.SQLException {
            Map<String, Long> counts = new TreeMap<>();
            try (Connection c = dataSource.getConnection()) {
                List<String> tables = new ArrayList<>();
                try (var rs = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
                    while (rs.next()) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
                try (Statement s = c.createStatement()) {
                    for (String table : tables) {
                        try (var rs = s.executeQuery("select count(*) from \"" + schema + "\".\"" + table + "\"")) {
                            rs.next();
                            counts.put(table.toLowerCase(Locale.ROOT), rs.getLong(1));
                        }
                    }
                }
            }
            return counts;
        }

        static String perOp(Map<String, Long> before, Map<String, Long> after, int ops) {
            StringBuilder text = new StringBuilder();
            double total = 0;
            for (var e : after.entrySet()) {
                double perOp = (double) (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / ops;
                if (Math.abs(perOp) >= 0.005) {
                    total += perOp;
                    text.append(String.format(Locale.ROOT, " %s %.3g", e.getKey(), perOp));
                }
            }
            return String.format(Locale.ROOT, "%.1f rows:%s", total, text);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
