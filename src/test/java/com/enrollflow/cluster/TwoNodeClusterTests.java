package com.enrollflow.cluster;

import static com.enrollflow.cluster.ClusterJourney.awaitValue;
import static com.enrollflow.cluster.ClusterJourney.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.PostgresAvailability;
import com.enrollflow.testsupport.TestDatabase;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two nodes of the packaged jar (JVMs of their own, ports 18131 and 18132, names node-a and node-b) on one
 * PostgreSQL schema, launched at the same moment (the start-up lock then lets one start after the other), job
 * executors on. Surefire execution {@code cluster} (integration-test phase: {@code mvn verify} has packaged the jar
 * just before); PostgreSQL only. A test kills node-b with SIGKILL while it holds jobs and times how long node-a
 * takes to finish them; the last one restores a backup taken meanwhile and starts node-c on it. About three minutes.
 */
@Tag("cluster")
@ExtendWith(PostgresAvailability.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterTests {

    static final Path JAR = Path.of(System.getProperty("enrollflow.clusterJar", "target/enrollflow-0.1.0-SNAPSHOT.jar"));
    /** The demo profile's gateway secret (application-demo.yaml): the test signs callbacks as the gateway does. */
    static final String GATEWAY_SECRET = "demo-gateway-secret-change-me";
    /** The bound: a crashed node's jobs are finished by the survivor within this. */
    static final Duration HEALING_LIMIT = Duration.ofSeconds(90);

    final SharedSchema db = new SharedSchema(System.getProperty("enrollflow.clusterSchema", "enrollflow_cluster"));
    final ObjectMapper mapper = new ObjectMapper();
    ClusterNode a;
    ClusterNode b;
    ClusterJourney journey;

    @BeforeAll
    void startTwoNodesAtOnce() throws Exception {
        assertThat(JAR).as("the packaged application (mvn package) at %s", JAR).isRegularFile();
        db.recreate();
        a = ClusterNode.start("node-a", 18131, JAR, db);
        b = ClusterNode.start("node-b", 18132, JAR, db);
        a.awaitHealthy(Duration.ofMinutes(4));
        b.awaitHealthy(Duration.ofMinutes(4));
        journey = new ClusterJourney(a, b);
    }

    @AfterAll
    void stopNodes() throws Exception {
        if (a != null) {
            a.stop();
        }
        if (b != null) {
            b.stop();
        }
    }

    @Test
    @Order(1)
    void shouldDeployEachProcessAndDecisionOnceThoughBothNodesStartedTogether() {
        assertThat(db.rows("select key_ from act_re_procdef where version_ > 1 or key_ in "
                + "(select key_ from act_re_procdef group by key_, tenant_id_ having count(*) > 1)")).isEmpty();
        assertThat(db.rows("select key_ from act_re_decision_def where version_ > 1")).isEmpty();
        assertThat(db.single("select count(distinct key_) from act_re_procdef")).isGreaterThanOrEqualTo(10);
        assertThat(db.single("select count(*) from act_re_decision_def")).isGreaterThanOrEqualTo(5);
    }

    @Test
    @Order(2)
    void shouldRunJobsOnBothNodesEachUnderItsName() throws Exception {
        List<Long> opportunities = postLeads(40, i -> i % 2 == 0 ? a : b);

        awaitUntil(Duration.ofSeconds(60), () -> db.dueMessageJobs() == 0 && db.withTasks(opportunities) == 40);

        assertThat(a.logLines("com.enrollflow.cluster.jobs", "done on node-a")).isPositive();
        assertThat(b.logLines("com.enrollflow.cluster.jobs", "done on node-b")).isPositive();
        for (ClusterNode node : List.of(a, b)) {
            String scrape = node.get("/actuator/prometheus", "admin", "admin").body();
            assertThat(scrape).containsPattern("enrollflow_jobs_executed_total\\{[^}]*node=\"" + node.name
                    + "\"[^}]*outcome=\"done\"[^}]*\\} [1-9]")
                    .contains("enrollflow_jobs_due{node=\"" + node.name + "\"}")
                    .contains("enrollflow_tasks_overdue{node=\"" + node.name + "\"}");
        }
    }

    @Test
    @Order(3)
    void shouldMakeOneLeadOfTheSameIdempotencyKeySentToBothNodesAtOnce() throws Exception {
        String phone = Leads.newPhone();
        String body = mapper.writeValueAsString(Map.of("name", "双节点重试", "phone", phone, "channel", "WEB_FORM"));
        List<HttpResponse<String>> answers = race(8, i -> (i % 2 == 0 ? a : b).post("/api/leads", body, "zhangli",
                "demo", Map.of("Idempotency-Key", "cluster-" + phone)));

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201));
        assertThat(answers.stream().map(r -> json(r).get("customerId").asLong()).distinct()).hasSize(1);
        assertThat(db.single("select count(*) from enquiry e join customer c on c.id = e.customer_id "
                + "where c.phone = '+86" + phone + "'")).isEqualTo(1);
    }

    /** Three times: whether the duplicates' wake-ups collide inside the engine depends on timing. */
    @RepeatedTest(3)
    @Order(4)
    void shouldRecordOnePaymentForTheSameCallbackArrivingAtBothNodesAtOnce() throws Exception {
        ClusterJourney.PaymentDue due = journey.toPaymentOrder();
        String txn = "WX-CLUSTER-" + due.opportunityId();
        String callback = mapper.writeValueAsString(Map.of("transactionId", txn, "orderNo", due.orderNo(),
                "amount", due.amount(), "status", "SUCCESS", "currency", "CNY"));
        String signature = sign(txn, due.orderNo(), due.amount(), "SUCCESS");

        List<HttpResponse<String>> answers = race(6, i -> (i % 2 == 0 ? a : b).post("/api/payments/gateway/callback",
                callback, null, null, Map.of("X-Gateway-Signature", signature)));

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
        assertThat(answers.stream().map(r -> json(r).get("result").asText()))
                .containsOnly("RECORDED", "DUPLICATE").filteredOn("RECORDED"::equals).hasSize(1);
        JsonNode order = awaitValue(() -> {
            JsonNode o = json(b.get("/api/payment-orders/" + due.orderNo(), "fengyu", "demo"));
            return "PAID".equals(o.get("status").asText()) ? o : null;
        });
        assertThat(order.get("payments")).hasSize(1);
        System.out.printf("cluster: callback race for %s: %d wake-ups lost to another so far%n", due.orderNo(),
                a.logLines("raced with another one") + b.logLines("raced with another one"));
    }

    /**
     * Why the docs ask for sticky sessions: a Tasklist login lives in the HTTP session of the node that took it.
     * The same browser, sent to the other node, is not logged in there.
     */
    @Test
    @Order(5)
    void shouldKeepATasklistLoginOnTheNodeThatTookIt() {
        WebappSession onA = WebappSession.login(a.port, "zhangli", "demo");
        assertThat(onA.get(WebappSession.ENGINE + "/task/count").statusCode()).isEqualTo(200);

        WebappSession onB = onA.sameBrowserAt(b.port);

        assertThat(onB.get(WebappSession.ENGINE + "/task/count").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(6)
    void shouldFinishEveryJobOfAKilledNodeOnTheSurvivorWithinNinetySeconds() throws Exception {
        List<Long> toApprove = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            toApprove.add(journey.toApproval());
        }
        ConcurrentLinkedQueue<Long> answered = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> approved = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(5);
        // approvals through node-b: each leaves a contract to issue (生成合同, async) and a payment order to make
        clients.submit(() -> {
            for (long o : toApprove) {
                journey.approve(b, o);
                approved.add(o);
            }
            return null;
        });
        for (int t = 0; t < 4; t++) {
            clients.submit(() -> {
                while (sent.incrementAndGet() <= 400 && b.alive()) {
                    try {
                        HttpResponse<String> r = b.post("/api/leads", leadBody("宕机测试"), "zhangli", "demo", Map.of());
                        if (r.statusCode() == 201) {
                            answered.add(json(r).at("/opportunities/0/opportunityId").asLong());
                        }
                    } catch (Exception nodeGone) {
                        return null;
                    }
                }
                return null;
            });
        }
        // kill -9 node-b as soon as it holds jobs (locked by it, lock not expired) and has answered some leads
        Set<String> held = Set.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (held.isEmpty() || answered.size() < 10 || approved.size() < toApprove.size()) {
            assertThat(System.nanoTime()).as("node-b held no job after 10 leads and %d approvals", approved.size())
                    .isLessThan(deadline);
            held = db.heldBy("node-b");
            Thread.sleep(20);
        }
        b.kill();
        long killedAt = System.nanoTime();
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.SECONDS);
        Set<String> heldAtDeath = db.heldBy("node-b");
        long contractJobsHeld = db.single("select count(*) from act_ru_job where lock_owner_ = 'node-b' "
                + "and process_def_key_ = 'contractAndPayment'");
        List<Long> leads = List.copyOf(answered);
        assertThat(heldAtDeath).as("jobs node-b held when it died").isNotEmpty();

        awaitUntil(HEALING_LIMIT, () -> db.stillThere(heldAtDeath) == 0 && db.dueMessageJobs() == 0
                && db.withTasks(leads) == leads.size());
        long healedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
        awaitUntil(Duration.ofSeconds(15), () -> db.paymentOrders(toApprove) == toApprove.size());
        System.out.printf("cluster: node-b killed holding %d jobs (%d of contract and payment), %d leads answered 201, "
                + "%d approvals; node-a finished every job in %d s%n", heldAtDeath.size(), contractJobsHeld,
                leads.size(), toApprove.size(), healedSeconds);

        List<String> survivorLog = a.logLines();
        for (String job : heldAtDeath) {
            assertThat(survivorLog).as("node-a ran job %s", job)
                    .anyMatch(l -> l.contains("job " + job + " ") && l.contains(" done on node-a "));
        }
        assertThat(db.single("select count(*) from act_ru_incident")).isZero();
        assertThat(db.single("select count(*) from act_ru_job where lock_owner_ = 'node-b'")).isZero();
        // nothing lost or doubled: one contract and one payment order per approval, contract numbers without gaps,
        // every mail sent (logged) once
        assertThat(db.rows("select count(*) from contract where opportunity_id in (" + SharedSchema.numbers(toApprove)
                + ") group by opportunity_id")).hasSize(toApprove.size()).containsOnly("1");
        assertThat(db.paymentOrders(toApprove)).isEqualTo(toApprove.size());
        assertThat(db.rows("select campus_code || ' ' || contract_year from contract group by campus_code, "
                + "contract_year having max(seq) <> count(*) or count(distinct seq) <> count(*)")).isEmpty();
        assertThat(db.rows("select dedupe_key from notification where status = 'PENDING'")).isEmpty();
    }

    /**
     * Backup and restore as docs/operations.md describes them: pg_dump while node-a keeps taking leads,
     * pg_restore into a new database, a third node (node-c, port 18133) started on it.
     */
    @Test
    @Order(7)
    void shouldRestoreABackupTakenWhileANodeIsWorking() throws Exception {
        List<Long> before = postLeads(10, i -> a);
        awaitUntil(Duration.ofSeconds(60), () -> db.withTasks(before) == before.size());
        AtomicBoolean dumping = new AtomicBoolean(true);
        AtomicInteger during = new AtomicInteger();
        ExecutorService client = Executors.newSingleThreadExecutor();
        Future<?> busy = client.submit(() -> {
            while (dumping.get()) {
                if (a.post("/api/leads", leadBody("备份期间"), "zhangli", "demo", Map.of()).statusCode() == 201) {
                    during.incrementAndGet();
                }
            }
            return null;
        });
        Path dump = Path.of("target", "cluster-backup.dump");
        URI server = SharedSchema.server();
        String host = server.getHost();
        String port = String.valueOf(server.getPort());
        try {
            run("pg_dump", "-h", host, "-p", port, "-U", TestDatabase.POSTGRES_USER, "-Fc", "-n", db.schema,
                    "-f", dump.toString(), server.getPath().substring(1));
        } finally {
            dumping.set(false);
            busy.get(60, TimeUnit.SECONDS);
            client.shutdown();
        }
        assertThat(during.get()).as("leads answered while pg_dump ran").isPositive();
        String restoredName = db.schema + "_restored";
        db.execute("drop database if exists " + restoredName + " with (force)", "create database " + restoredName);
        run("pg_restore", "-h", host, "-p", port, "-U", TestDatabase.POSTGRES_USER, "--no-owner", "-d", restoredName,
                dump.toString());

        SharedSchema restored = db.in(restoredName);
        ClusterNode c = ClusterNode.start("node-c", 18133, JAR, restored);
        try {
            c.awaitHealthy(Duration.ofMinutes(3));
            // everything answered before the backup is there with its task; nothing half: every opportunity has its
            // process (running or in history); the restored node deployed no new version and works
            assertThat(restored.withTasks(before)).isEqualTo(before.size());
            assertThat(restored.single("select count(*) from opportunity o where not exists (select 1 from "
                    + "act_ru_execution e where e.business_key_ = cast(o.id as varchar)) and not exists (select 1 "
                    + "from act_hi_procinst h where h.business_key_ = cast(o.id as varchar))")).isZero();
            assertThat(restored.rows("select key_ from act_re_procdef where version_ > 1")).isEmpty();
            List<Long> after = postLeads(3, i -> c);
            awaitUntil(Duration.ofSeconds(60), () -> restored.withTasks(after) == after.size());
            System.out.printf("cluster: backup taken while node-a answered %d leads; restored, node-c started on it "
                    + "and took new leads%n", during.get());
        } finally {
            c.stop();
            db.execute("drop database if exists " + restoredName + " with (force)");
        }
    }

    // --- helpers ---

    private List<Long> postLeads(int count, IntFunction<ClusterNode> node) throws Exception {
        List<HttpResponse<String>> answers = race(count, i -> node.apply(i).post("/api/leads", leadBody("集群客户"),
                "zhangli", "demo", Map.of()));
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201));
        return answers.stream().map(r -> json(r).at("/opportunities/0/opportunityId").asLong()).toList();
    }

    private String leadBody(String name) throws Exception {
        return mapper.writeValueAsString(Map.of("name", name, "phone", Leads.newPhone(), "channel", "PHONE",
                "campus", "BJ-HD", "grade", "J2", "subject", "MATH"));
    }

    interface Call {
        HttpResponse<String> call(int i) throws Exception;
    }

    /** Sends {@code count} requests from (at most) 8 threads released at the same moment. */
    private static List<HttpResponse<String>> race(int count, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 8));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                start.await();
                return call.call(n);
            }));
        }
        start.countDown();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> f : futures) {
            answers.add(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return answers;
    }

    private static String sign(String transactionId, String orderNo, String amount, String status) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(GATEWAY_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(String.join("|", transactionId, orderNo, amount, status)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static void awaitUntil(Duration limit, BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not reached within %s", limit).isLessThan(end);
            Thread.sleep(500);
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
    }
}
