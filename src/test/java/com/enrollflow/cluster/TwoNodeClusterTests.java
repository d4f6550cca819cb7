package com.enrollflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

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

    static final String SCHEMA = System.getProperty("enrollflow.clusterSchema", "enrollflow_cluster");
    static final Path JAR = Path.of(System.getProperty("enrollflow.clusterJar", "target/enrollflow-0.1.0-SNAPSHOT.jar"));
    /** The demo profile's gateway secret (application-demo.yaml): the test signs callbacks as the gateway does. */
    static final String GATEWAY_SECRET = "demo-gateway-secret-change-me";
    /** The bound: a crashed node's jobs are finished by the survivor within this. */
    static final Duration HEALING_LIMIT = Duration.ofSeconds(90);

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ClusterNode a;
    ClusterNode b;

    @BeforeAll
    void startTwoNodesAtOnce() throws Exception {
        assertThat(JAR).as("the packaged application (mvn package) at %s", JAR).isRegularFile();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + SCHEMA + " cascade");
            s.execute("create schema " + SCHEMA);
        }
        a = ClusterNode.start("node-a", 18131, JAR, TestDatabase.POSTGRES_URL, SCHEMA);
        b = ClusterNode.start("node-b", 18132, JAR, TestDatabase.POSTGRES_URL, SCHEMA);
        a.awaitHealthy(Duration.ofMinutes(4));
        b.awaitHealthy(Duration.ofMinutes(4));
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
    void shouldDeployEachProcessAndDecisionOnceThoughBothNodesStartedTogether() throws Exception {
        assertThat(rows("select key_ from act_re_procdef where version_ > 1 or key_ in "
                + "(select key_ from act_re_procdef group by key_, tenant_id_ having count(*) > 1)")).isEmpty();
        assertThat(rows("select key_ from act_re_decision_def where version_ > 1")).isEmpty();
        assertThat(single("select count(distinct key_) from act_re_procdef")).isGreaterThanOrEqualTo(10);
        assertThat(single("select count(*) from act_re_decision_def")).isGreaterThanOrEqualTo(5);
    }

    @Test
    @Order(2)
    void shouldRunJobsOnBothNodesEachUnderItsName() throws Exception {
        List<Long> opportunities = postLeads(40, i -> i % 2 == 0 ? a : b);

        awaitUntil(Duration.ofSeconds(60), () -> dueMessageJobs() == 0 && withTasks(opportunities) == 40);

        assertThat(logLines(a, "com.enrollflow.cluster.jobs", "done on node-a")).isPositive();
        assertThat(logLines(b, "com.enrollflow.cluster.jobs", "done on node-b")).isPositive();
        for (ClusterNode node : List.of(a, b)) {
            String scrape = get(node, "/actuator/prometheus", "admin", "admin").body();
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
        String body = json.writeValueAsString(Map.of("name", "双节点重试", "phone", phone, "channel", "WEB_FORM"));
        List<HttpResponse<String>> answers = race(8, i -> post(i % 2 == 0 ? a : b, "/api/leads", body, "zhangli",
                "demo", Map.of("Idempotency-Key", "cluster-" + phone)));

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201));
        assertThat(answers.stream().map(r -> json(r).get("customerId").asLong()).distinct()).hasSize(1);
        assertThat(single("select count(*) from enquiry e join customer c on c.id = e.customer_id where c.phone = '+86"
                + phone + "'")).isEqualTo(1);
    }

    /** Three times: whether the duplicates' wake-ups collide inside the engine depends on timing. */
    @RepeatedTest(3)
    @Order(4)
    void shouldRecordOnePaymentForTheSameCallbackArrivingAtBothNodesAtOnce() throws Exception {
        Journey j = toPaymentOrder();
        String txn = "WX-CLUSTER-" + j.opportunityId;
        String callback = json.writeValueAsString(Map.of("transactionId", txn, "orderNo", j.orderNo, "amount",
                j.amount, "status", "SUCCESS", "currency", "CNY"));
        String signature = sign(txn, j.orderNo, j.amount, "SUCCESS");

        List<HttpResponse<String>> answers = race(6, i -> post(i % 2 == 0 ? a : b, "/api/payments/gateway/callback",
                callback, null, null, Map.of("X-Gateway-Signature", signature)));

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
        assertThat(answers.stream().map(r -> json(r).get("result").asText()))
                .containsOnly("RECORDED", "DUPLICATE").filteredOn("RECORDED"::equals).hasSize(1);
        JsonNode order = awaitValue(() -> {
            JsonNode o = json(get(b, "/api/payment-orders/" + j.orderNo, "fengyu", "demo"));
            return "PAID".equals(o.get("status").asText()) ? o : null;
        });
        assertThat(order.get("payments")).hasSize(1);
        System.out.printf("cluster: callback race for %s: %d wake-ups lost to another so far%n", j.orderNo,
                logLines(a, "raced with another one") + logLines(b, "raced with another one"));
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
            toApprove.add(toApproval());
        }
        ConcurrentLinkedQueue<Long> answered = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> approved = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(5);
        // approvals through node-b: each leaves a contract to issue (生成合同, async) and a payment order to make
        clients.submit(() -> {
            for (long o : toApprove) {
                approve(b, o);
                approved.add(o);
            }
            return null;
        });
        for (int t = 0; t < 4; t++) {
            clients.submit(() -> {
                while (sent.incrementAndGet() <= 400 && b.alive()) {
                    try {
                        HttpResponse<String> r = post(b, "/api/leads", leadBody("宕机测试"), "zhangli", "demo", Map.of());
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
        Set<String> held = new TreeSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (held.isEmpty() || answered.size() < 10 || approved.size() < toApprove.size()) {
            assertThat(System.nanoTime()).as("node-b held no job after 10 leads and %d approvals", approved.size())
                    .isLessThan(deadline);
            held = heldBy("node-b");
            Thread.sleep(20);
        }
        b.kill();
        long killedAt = System.nanoTime();
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.SECONDS);
        held = heldBy("node-b");
        long contractJobsHeld = single("select count(*) from act_ru_job where lock_owner_ = 'node-b' "
                + "and process_def_key_ = 'contractAndPayment'");
        List<Long> leads = List.copyOf(answered);
        assertThat(held).as("jobs node-b held when it died").isNotEmpty();

        Set<String> heldAtDeath = held;
        awaitUntil(HEALING_LIMIT, () -> stillThere(heldAtDeath) == 0 && dueMessageJobs() == 0
                && withTasks(leads) == leads.size());
        long healedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
        awaitUntil(Duration.ofSeconds(15), () -> paymentOrders(toApprove) == toApprove.size());
        System.out.printf("cluster: node-b killed holding %d jobs (%d of contract and payment), %d leads answered 201, "
                + "%d approvals; node-a finished every job in %d s%n", heldAtDeath.size(), contractJobsHeld,
                leads.size(), toApprove.size(), healedSeconds);

        List<String> survivorLog = a.logLines();
        for (String job : heldAtDeath) {
            assertThat(survivorLog).as("node-a ran job %s", job)
                    .anyMatch(l -> l.contains("job " + job + " ") && l.contains(" done on node-a "));
        }
        assertThat(single("select count(*) from act_ru_incident")).isZero();
        assertThat(single("select count(*) from act_ru_job where lock_owner_ = 'node-b'")).isZero();
        // nothing lost or doubled: one contract and one payment order per approval, contract numbers without gaps,
        // every mail sent (logged) once
        assertThat(rows("select count(*) from contract where opportunity_id in (" + ids(toApprove)
                + ") group by opportunity_id")).hasSize(toApprove.size()).containsOnly("1");
        assertThat(paymentOrders(toApprove)).isEqualTo(toApprove.size());
        assertThat(rows("select campus_code || ' ' || contract_year from contract group by campus_code, "
                + "contract_year having max(seq) <> count(*) or count(distinct seq) <> count(*)")).isEmpty();
        assertThat(rows("select dedupe_key from notification where status = 'PENDING'")).isEmpty();
    }

    /**
     * Backup and restore as docs/operations.md describes them: pg_dump while node-a keeps taking leads,
     * pg_restore into a new database, a third node (node-c, port 18133) started on it.
     */
    @Test
    @Order(7)
    void shouldRestoreABackupTakenWhileANodeIsWorking() throws Exception {
        List<Long> before = postLeads(10, i -> a);
        awaitUntil(Duration.ofSeconds(60), () -> withTasks(before) == before.size());
        java.util.concurrent.atomic.AtomicBoolean dumping = new java.util.concurrent.atomic.AtomicBoolean(true);
        AtomicInteger during = new AtomicInteger();
        ExecutorService client = Executors.newSingleThreadExecutor();
        Future<?> busy = client.submit(() -> {
            while (dumping.get()) {
                if (post(a, "/api/leads", leadBody("备份期间"), "zhangli", "demo", Map.of()).statusCode() == 201) {
                    during.incrementAndGet();
                }
            }
            return null;
        });
        Path dump = Path.of("target", "cluster-backup.dump");
        URI server = URI.create(TestDatabase.POSTGRES_URL.substring("jdbc:".length()));
        String restored = SCHEMA + "_restored";
        try {
            run("pg_dump", "-h", server.getHost(), "-p", String.valueOf(server.getPort()), "-U",
                    TestDatabase.POSTGRES_USER, "-Fc", "-n", SCHEMA, "-f", dump.toString(),
                    server.getPath().substring(1));
        } finally {
            dumping.set(false);
            busy.get(60, TimeUnit.SECONDS);
            client.shutdown();
        }
        assertThat(during.get()).as("leads answered while pg_dump ran").isPositive();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + restored + " with (force)");
            st.execute("create database " + restored);
        }
        run("pg_restore", "-h", server.getHost(), "-p", String.valueOf(server.getPort()), "-U",
                TestDatabase.POSTGRES_USER, "--no-owner", "-d", restored, dump.toString());

        ClusterNode c = ClusterNode.start("node-c", 18133, JAR, databaseUrl(restored), SCHEMA);
        database = restored;
        try {
            c.awaitHealthy(Duration.ofMinutes(3));
            // everything answered before the backup is there with its task; nothing half: every opportunity has its
            // process (running or in history); the restored node deployed no new version and works
            assertThat(withTasks(before)).isEqualTo(before.size());
            assertThat(single("select count(*) from opportunity o where not exists (select 1 from act_ru_execution e "
                    + "where e.business_key_ = cast(o.id as varchar)) and not exists (select 1 from act_hi_procinst h "
                    + "where h.business_key_ = cast(o.id as varchar))")).isZero();
            assertThat(rows("select key_ from act_re_procdef where version_ > 1")).isEmpty();
            List<Long> after = postLeads(3, i -> c);
            awaitUntil(Duration.ofSeconds(60), () -> withTasks(after) == after.size());
            System.out.printf("cluster: backup taken while node-a answered %d leads; restored, node-c started on it "
                    + "and took new leads%n", during.get());
        } finally {
            database = null;
            c.stop();
            try (Connection conn = connect(); Statement st = conn.createStatement()) {
                st.execute("drop database if exists " + restored + " with (force)");
            }
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
    }

    private static long paymentOrders(List<Long> opportunities) {
        return single("select count(*) from payment_order where opportunity_id in (" + ids(opportunities) + ")");
    }

    private static String ids(List<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    // --- the journey to a payment order, every step through /engine-rest or /api, alternating the nodes ---

    record Journey(long opportunityId, String orderNo, String amount) {
    }

    /** Lead to the discount approval (waiting at Task_ApproveDiscount); the opportunity's id. */
    private long toApproval() throws Exception {
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("name", "集群付款");
        lead.put("phone", Leads.newPhone());
        lead.put("channel", "PHONE");
        lead.put("campus", "BJ-HD");
        lead.put("productLine", "ONE_ON_ONE");
        lead.put("grade", "J2");
        lead.put("subject", "MATH");
        JsonNode created = json(post(a, "/api/leads", json.writeValueAsString(lead), "zhangli", "demo", Map.of()));
        long customerId = created.get("customerId").asLong();
        long opportunityId = created.at("/opportunities/0/opportunityId").asLong();
        String key = String.valueOf(opportunityId);

        complete(b, "zhangli", key, Map.of("contactResult", "REACHED"));
        complete(a, "zhangli", key, Map.of("intentDecision", "YES", "grade", "J2", "subject", "MATH",
                "goal", "中考数学 110 分", "budget", "OVER_30K", "startPlan", "WITHIN_2_WEEKS", "campus", "BJ-HD",
                "productInterest", "ONE_ON_ONE"));
        complete(b, "zhangli", key, Map.of("intentLevel", "HIGH"));
        String owner = awaitValue(() -> json(get(a, "/api/customers/" + customerId, "sunqiang", "demo"))
                .at("/opportunities/0/ownerUser").asText(""));
        complete(a, owner, key, Map.of("firstContactOutcome", "CONTACTED", "contactNote", "家长很关注数学"));
        complete(b, owner, key, Map.of("followUpOutcome", "ADVANCED", "followUpNote", "周六上午到访"));
        String visitAt = OffsetDateTime.now().plusDays(3).truncatedTo(ChronoUnit.HOURS).withHour(10).toString();
        complete(a, owner, key, Map.of("bookingOutcome", "BOOKED", "visitAt", visitAt));
        complete(b, "zhaomin", key, Map.of("visitOutcome", "VISITED"));
        complete(a, "zhengkai", key, Map.of("testLevel", "INTERMEDIATE", "testScore", 92));
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("planOutcome", "PLAN");
        plan.put("lessonSubject", "MATH");
        plan.put("teacherLevel", "SENIOR");
        plan.put("lessons", 40);
        plan.put("packageCode", "PKG40");
        plan.put("extraDiscount", 1000);
        plan.put("discountReason", "兄弟俩同时报名");
        plan.put("installmentPlan", "FULL");
        plan.put("preferredTimes", "周五 19:00，周日 15:00");
        complete(b, owner, key, plan);
        return opportunityId;
    }

    /** 销售主管 approves the discount: the contract is issued, and the payment order made, by jobs. */
    private void approve(ClusterNode node, long opportunityId) throws Exception {
        complete(node, "sunqiang", String.valueOf(opportunityId), Map.of("discountDecision", "APPROVE",
                "approvalComment", "同意"));
    }

    private Journey toPaymentOrder() throws Exception {
        long opportunityId = toApproval();
        approve(a, opportunityId);
        JsonNode order = awaitValue(() -> {
            JsonNode orders = json(get(b, "/api/payment-orders?opportunityId=" + opportunityId, "zhaomin", "demo"));
            return orders.size() == 1 ? orders.get(0) : null;
        });
        return new Journey(opportunityId, order.get("orderNo").asText(), order.get("total").decimalValue()
                .setScale(2).toPlainString());
    }

    /** The user's one open task of this opportunity (waiting for the job executors), claimed and completed. */
    private void complete(ClusterNode node, String user, String key, Map<String, Object> values) throws Exception {
        JsonNode task = awaitValue(() -> {
            JsonNode tasks = json(get(node, "/engine-rest/task?processInstanceBusinessKey=" + key + "&maxResults=50",
                    user, "demo"));
            return tasks.size() == 1 ? tasks.get(0) : null;
        });
        String id = task.get("id").asText();
        if (task.get("assignee").isNull()) {
            assertThat(post(node, "/engine-rest/task/" + id + "/claim", json.writeValueAsString(Map.of("userId",
                    user)), user, "demo", Map.of()).statusCode()).isEqualTo(204);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value, "type",
                value instanceof Integer ? "Integer" : value instanceof Number ? "Double" : "String")));
        HttpResponse<String> done = post(node, "/engine-rest/task/" + id + "/complete",
                json.writeValueAsString(Map.of("variables", variables)), user, "demo", Map.of());
        assertThat(done.statusCode()).as("%s completes %s on %s: %s", user, task.get("taskDefinitionKey").asText(),
                node.name, done.body()).isEqualTo(204);
    }

    // --- helpers ---

    private List<Long> postLeads(int count, java.util.function.IntFunction<ClusterNode> node) throws Exception {
        List<HttpResponse<String>> answers = race(count, i -> post(node.apply(i), "/api/leads", leadBody("集群客户"),
                "zhangli", "demo", Map.of()));
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201));
        return answers.stream().map(r -> json(r).at("/opportunities/0/opportunityId").asLong()).toList();
    }

    private String leadBody(String name) throws Exception {
        return json.writeValueAsString(Map.of("name", name, "phone", Leads.newPhone(), "channel", "PHONE",
                "campus", "BJ-HD", "grade", "J2", "subject", "MATH"));
    }

    interface Call {
        HttpResponse<String> call(int i) throws Exception;
    }

    /** Sends {@code count} requests from 8 threads released at the same moment. */
    private List<HttpResponse<String>> race(int count, Call call) throws Exception {
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

    private HttpResponse<String> post(ClusterNode node, String path, String body, String user, String password,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(node.url(path))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (user != null) {
            r.header("Authorization", basic(user, password));
        }
        headers.forEach(r::header);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(ClusterNode node, String path, String user, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.url(path))).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(user, password)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode json(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    private static String sign(String transactionId, String orderNo, String amount, String status) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(GATEWAY_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(String.join("|", transactionId, orderNo, amount, status)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static long logLines(ClusterNode node, String... texts) throws Exception {
        return node.logLines().stream().filter(l -> java.util.Arrays.stream(texts).allMatch(l::contains)).count();
    }

    interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls (every 200 ms, at most 60 s) until the probe gives a value that is not null or empty. */
    private static <T> T awaitValue(Probe<T> probe) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            T value = probe.get();
            if (value != null && !"".equals(value)) {
                return value;
            }
            assertThat(System.nanoTime()).as("waited 60 s in vain").isLessThan(end);
            Thread.sleep(200);
        }
    }

    private static void awaitUntil(Duration limit, BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not reached within %s", limit).isLessThan(end);
            Thread.sleep(500);
        }
    }

    // --- the shared schema, read directly ---

    /** The database the restore test writes to; null: the live one. */
    private static String database;

    private static Connection connect() throws SQLException {
        String url = database == null ? TestDatabase.POSTGRES_URL : databaseUrl(database);
        return DriverManager.getConnection(url + "?currentSchema=" + SCHEMA, TestDatabase.POSTGRES_USER, "");
    }

    /** The test server's URL with another database name. */
    private static String databaseUrl(String name) {
        String url = TestDatabase.POSTGRES_URL;
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }

    private static List<String> rows(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (r.next()) {
                out.add(r.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static long single(String sql) {
        return Long.parseLong(rows(sql).get(0));
    }

    /** Message jobs (async continuations) due and not out of retries, of any process. */
    private static long dueMessageJobs() {
        return single("select count(*) from act_ru_job where type_ = 'message' and retries_ > 0 "
                + "and (duedate_ is null or duedate_ <= now())");
    }

    /** How many of these opportunities have an open user task in some process under their business key. */
    private static long withTasks(List<Long> opportunities) {
        if (opportunities.isEmpty()) {
            return 0;
        }
        StringBuilder keys = new StringBuilder();
        opportunities.forEach(o -> keys.append(keys.length() == 0 ? "" : ",").append('\'').append(o).append('\''));
        return single("select count(distinct e.business_key_) from act_ru_task t join act_ru_execution e "
                + "on e.id_ = t.proc_inst_id_ where e.business_key_ in (" + keys + ")");
    }

    private static Set<String> heldBy(String node) {
        return new TreeSet<>(rows("select id_ from act_ru_job where lock_owner_ = '" + node
                + "' and lock_exp_time_ > now()"));
    }

    private static long stillThere(Set<String> jobs) {
        StringBuilder ids = new StringBuilder();
        jobs.forEach(j -> ids.append(ids.length() == 0 ? "" : ",").append('\'').append(j).append('\''));
        return single("select count(*) from act_ru_job where id_ in (" + ids + ")");
    }
}
