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
 * takes to finish them; one restores a backup taken meanwhile and starts node-c on it; the last one upgrades the nodes
 * one after the other to a next release. About seven minutes.
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
        // on one machine, with one network card, each node makes the engine's ids with a node field of its own
        // (cluster.NodeIds): here, the enrollment instance each node started for the leads it answered
        Map<Boolean, Set<Long>> fields = new java.util.HashMap<>();
        for (int i = 0; i < opportunities.size(); i++) {
            String instance = db.rows("select id_ from act_hi_procinst where business_key_ = '" + opportunities.get(i)
                    + "' order by start_time_ limit 1").get(0);
            fields.computeIfAbsent(i % 2 == 0, onA -> new java.util.HashSet<>())
                    .add(java.util.UUID.fromString(instance).node());
        }
        assertThat(fields.get(true)).as("node-a's").hasSize(1).doesNotContainAnyElementsOf(fields.get(false));
        assertThat(fields.get(false)).as("node-b's").hasSize(1);
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

    /**
     * A recycle storm (回收风暴) on both nodes: {@value #STORM} opportunities of four teams on three campuses wait at 首次联系客户, and
     * their first-contact limit passes at once (their timers made due, as after a weekend without job executor).
     * Both nodes' job executors recycle them: each exactly once, no member over her capacity, no incident.
     */
    @Test
    @Order(6)
    void shouldRecycleAStormOverSeveralTeamsExactlyOnceOnBothNodes() throws Exception {
        // four teams on three campuses, each of consultants of its campus (a team takes only its campus's staff)
        Map<String, List<String>> members = new java.util.LinkedHashMap<>();
        members.put("STORMA BJ-HD", List.of("liwei", "chenjing"));
        members.put("STORMB BJ-HD", List.of("liuyang", "zhaolei", "sunli"));
        members.put("STORMC BJ-CY", List.of("zhoujie", "wuyan"));
        members.put("STORMD SH-PD", List.of("xuming", "jiangtao"));
        List<String> teams = new ArrayList<>();
        List<String> campuses = new ArrayList<>();
        members.forEach((teamAndCampus, staff) -> {
            String team = teamAndCampus.split(" ")[0];
            String campus = teamAndCampus.split(" ")[1];
            teams.add(team);
            campuses.add(campus);
            db.execute("insert into sales_team (id, name, campus_code, product_line, strategy, member_group, "
                    + "claim_hold_cap, active) values ('" + team + "', '回收风暴" + team + "', '" + campus + "', "
                    + "'ONE_ON_ONE', 'FEWEST_OPEN', 'consultant', 5, true)");
            for (String member : staff) {
                db.execute("insert into team_member (team_id, user_id, status, capacity, joined_at) values ('"
                        + team + "', '" + member + "', 'ACTIVE', " + STORM_CAPACITY + ", now())");
            }
        });
        db.execute("insert into customer (name, phone, created_at, updated_at) select '风暴客户' || g, '+861990000' "
                + "|| lpad(cast(g as varchar), 4, '0'), now(), now() from generate_series(1, " + STORM + ") g",
                "insert into opportunity (customer_id, status, stage, open_slot, channel, campus_code, product_line, "
                + "intent_level, owner_group, received_at, valid_at, intent_at) select id, 'OPEN', 'INTENT', "
                + "cast(id as varchar(20)) || ':ONE_ON_ONE', 'PHONE', case mod(id, 4) when 0 then '"
                + campuses.get(0) + "' when 1 then '" + campuses.get(1) + "' when 2 then '" + campuses.get(2)
                + "' else '" + campuses.get(3) + "' end, 'ONE_ON_ONE', 'HIGH', 'callCenter', now(), now(), now() "
                + "from customer where name like '风暴客户%'");
        List<Long> storm = db.rows("select o.id from opportunity o join customer c on c.id = o.customer_id where "
                + "c.name like '风暴客户%' order by o.id").stream().map(Long::valueOf).toList();
        assertThat(storm).hasSize(STORM);

        // each starts its distribution right after team routing, on either node, as intent would
        AtomicInteger next = new AtomicInteger();
        List<HttpResponse<String>> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService starters = Executors.newFixedThreadPool(8);
        List<Future<?>> started = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            started.add(starters.submit(() -> {
                for (int i = next.getAndIncrement(); i < storm.size(); i = next.getAndIncrement()) {
                    long id = storm.get(i);
                    int team = (int) (id % 4);
                    HttpResponse<String> r = (i % 2 == 0 ? a : b).post(
                            "/engine-rest/process-definition/key/opportunityAssignment/start",
                            stormStart(id, teams.get(team), campuses.get(team)), "admin", "admin", Map.of());
                    if (r.statusCode() != 200) {
                        refused.add(r);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : started) {
            f.get(5, TimeUnit.MINUTES);
        }
        starters.shutdown();
        assertThat(refused).as("starts refused").isEmpty();
        String inStorm = "select e.proc_inst_id_ from act_ru_execution e where e.business_key_ in (" + quoted(storm)
                + ") and e.parent_id_ is null";
        assertThat(db.single("select count(*) from act_ru_job where handler_cfg_ like '%FirstContactOverdue%' and "
                + "process_instance_id_ in (" + inStorm + ")")).isEqualTo(STORM);

        long began = System.nanoTime();
        // the limits pass over 20 seconds, ten a second, as a weekend's leads' would, not at one instant: a node
        // whose job executor had just found nothing waits up to max-wait (10 s) before it looks again, and 200
        // recycles due at once were drained by the other node alone in 6 s (a failed CI run of this stop)
        db.execute("update act_ru_job j set duedate_ = now() - interval '1 second' "
                + "+ mod(d.k, 20) * interval '1 second' from (select id_, row_number() over (order by id_) as k "
                + "from act_ru_job where handler_cfg_ like '%FirstContactOverdue%' and process_instance_id_ in ("
                + inStorm + ")) d where j.id_ = d.id_");
        String recycled = "select count(*) from assignment_event where kind = 'RECYCLED_UNHANDLED' and opportunity_id in ("
                + SharedSchema.numbers(storm) + ")";
        awaitUntil(Duration.ofMinutes(5), () -> db.single(recycled) >= STORM
                && db.single("select count(*) from act_ru_job where handler_cfg_ like '%FirstContactOverdue%' and "
                        + "duedate_ <= now() and process_instance_id_ in (" + inStorm + ")") == 0);
        double seconds = (System.nanoTime() - began) / 1e9;

        assertThat(db.rows("select opportunity_id from assignment_event where kind = 'RECYCLED_UNHANDLED' and "
                + "opportunity_id in (" + SharedSchema.numbers(storm) + ") group by opportunity_id having count(*) <> 1"))
                .as("opportunities recycled more than once").isEmpty();
        assertThat(db.single(recycled)).isEqualTo(STORM);
        assertThat(db.single("select count(*) from opportunity where recycle_count <> 1 and id in ("
                + SharedSchema.numbers(storm) + ")")).isZero();
        assertThat(db.rows("select m.user_id || ' ' || count(o.id) from team_member m join opportunity o on "
                + "o.team_id = m.team_id and o.owner_user = m.user_id and o.status = 'OPEN' where m.team_id like 'STORM%' "
                + "group by m.user_id, m.capacity having count(o.id) > m.capacity")).as("members over capacity")
                .isEmpty();
        assertThat(db.single("select count(*) from act_ru_incident")).isZero();
        long onA = a.logLines("BoundaryEvent_FirstContactOverdue", "done on node-a");
        long onB = b.logLines("BoundaryEvent_FirstContactOverdue", "done on node-b");
        assertThat(onA).as("recycles run by node-a").isPositive();
        assertThat(onB).as("recycles run by node-b").isPositive();
        System.out.printf("cluster: recycle storm of %d opportunities in %d teams: %.1f s, %.1f recycles/s, node-a "
                + "%d, node-b %d; each exactly once%n", STORM, teams.size(), seconds, STORM / seconds, onA, onB);
    }

    /**
     * 200 (2 000 until decision 657, 1 000 until decision 726, 300 until decision 727: each time the suite came
     * within a minute of its 20 on a slower machine, the storm's starts and recycles alone taking minutes beside the
     * browser tests; two hundred recycles over eight job threads on two nodes contend on the same team and member
     * rows just the same).
     */
    static final int STORM = 200;
    /** Each member's capacity in a storm team: the storm gives each at most 25, and a recycle moves it to another. */
    static final int STORM_CAPACITY = 300;

    private String stormStart(long opportunityId, String team, String campus) throws Exception {
        Map<String, Object> variables = Map.of(
                "opportunityId", Map.of("value", opportunityId, "type", "Long"),
                "teamId", Map.of("value", team), "productLine", Map.of("value", "ONE_ON_ONE"),
                "campus", Map.of("value", campus), "intentLevel", Map.of("value", "HIGH"),
                "customerName", Map.of("value", "风暴客户"), "phoneDisplay", Map.of("value", "199 0000 0000"));
        return mapper.writeValueAsString(Map.of("businessKey", String.valueOf(opportunityId), "variables", variables,
                "startInstructions", List.of(Map.of("type", "startBeforeActivity",
                        "activityId", "BusinessRuleTask_DecideRecycleLimits"))));
    }

    @Test
    @Order(7)
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

        // a job's log line follows its commit: wait for the lines, not only for the rows to be gone
        awaitUntil(Duration.ofSeconds(15), () -> ranAll(a, heldAtDeath, "node-a"));
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
    @Order(8)
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

    /**
     * A rolling upgrade (滚动升级), as docs/operations.md describes it, with node-b (killed above) coming back on the
     * next release: a copy of the jar whose version is 0.2.0, one process changed and one migration added (a
     * column, which the old release ignores). While both releases run, every new instance runs the new version and
     * the old node runs none of its jobs; the new node runs the old version's jobs; the old node, restarted on the
     * old release by mistake, deploys nothing back and still serves, the new node running the new instances' jobs.
     * (Upgrading node-a too would repeat node-b's start on 0.2.0, without a deployment: not started again here,
     * to keep the suite within its time on 2 cores; ReleaseTests shows a release deploying nothing when its files
     * are live.)
     */
    @Test
    @Order(9)
    void shouldUpgradeOneNodeAfterTheOtherWhileTheServiceRuns() throws Exception {
        Path next = nextRelease();
        String oldDeployment = db.rows("select id_ from act_re_deployment where name_ = 'enrollflow-processes'").get(0);
        long deploymentsBefore = db.single("select count(*) from act_re_deployment");

        ClusterNode upgraded = ClusterNode.start("node-b", 18132, next, db, "cluster-node-b-0.2.0.log");
        try {
            upgraded.awaitHealthy(Duration.ofMinutes(3));
            assertThat(db.rows("select source_ from act_re_deployment where name_ = 'enrollflow-processes' order by "
                    + "deploy_time_")).containsExactly("EnrollFlow 0.1.0-SNAPSHOT", "EnrollFlow 0.2.0");
            String newDeployment = db.rows("select id_ from act_re_deployment where source_ = 'EnrollFlow 0.2.0'")
                    .get(0);
            assertThat(db.single("select count(*) from act_re_deployment")).isEqualTo(deploymentsBefore + 1);
            assertThat(db.single("select count(*) from flyway_schema_history where version = '1000' and success"))
                    .as("the new release's migration").isOne();

            // both releases answer: every new instance is of the new version, and only the new node runs its jobs
            List<Long> during = postLeads(12, i -> i % 2 == 0 ? a : upgraded);
            awaitUntil(Duration.ofSeconds(60), () -> db.withTasks(during) == during.size());
            List<String> instances = db.rows("select h.id_ from act_hi_procinst h join act_re_procdef d on d.id_ = "
                    + "h.proc_def_id_ where d.deployment_id_ = '" + newDeployment + "' and h.business_key_ in ("
                    + quoted(during) + ")");
            assertThat(db.single("select count(*) from act_hi_procinst h join act_re_procdef d on d.id_ = "
                    + "h.proc_def_id_ where d.deployment_id_ <> '" + newDeployment + "' and h.business_key_ in ("
                    + quoted(during) + ")")).as("instances started on the old version").isZero();
            List<String> jobsOnA = a.logLines().stream().filter(l -> l.contains(" done on node-a ")
                    && instances.stream().anyMatch(id -> l.contains("instance " + id + " "))).toList();
            assertThat(jobsOnA).as("jobs of the new version run by the old node").isEmpty();
            assertThat(upgraded.logLines().stream().filter(l -> l.contains(" done on node-b ")
                    && instances.stream().anyMatch(id -> l.contains("instance " + id + " "))).count()).isPositive();
            awaitUntil(Duration.ofSeconds(20), () -> {
                try {
                    return a.logLines("release 0.1.0-SNAPSHOT runs the jobs of", "belong to a newer release") > 0;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

            // node-a stops; the old version's timers that fall due meanwhile run on the new node
            a.stop();
            List<String> oldTimers = db.rows("select id_ from act_ru_job where type_ = 'timer' and deployment_id_ = '"
                    + oldDeployment + "' and retries_ > 0 order by (handler_cfg_ like '%Warn%') desc, duedate_ "
                    + "limit 3");
            assertThat(oldTimers).as("timers of instances of the old version").isNotEmpty();
            db.execute("update act_ru_job set duedate_ = now() - interval '1 second' where id_ in ("
                    + quoted(oldTimers) + ")");
            awaitUntil(Duration.ofSeconds(60), () -> db.stillThere(oldTimers) == 0);
            awaitUntil(Duration.ofSeconds(15), () -> ranAll(upgraded, oldTimers, "node-b"));
            for (String job : oldTimers) {
                assertThat(upgraded.logLines()).as("node-b (0.2.0) ran job %s of 0.1.0", job)
                        .anyMatch(l -> l.contains("job " + job + " ") && l.contains(" done on node-b "));
            }

            // node-a restarts on the old release by mistake: it deploys nothing back, and says why
            a = ClusterNode.start("node-a", 18131, JAR, db, "cluster-node-a-restarted.log");
            a.awaitHealthy(Duration.ofMinutes(3));
            assertThat(db.single("select count(*) from act_re_deployment")).isEqualTo(deploymentsBefore + 1);
            assertThat(a.logLines("release 0.1.0-SNAPSHOT is older than release 0.2.0")).isPositive();
            assertThat(db.rows("select key_ from act_re_procdef p where version_ = (select max(version_) from "
                    + "act_re_procdef q where q.key_ = p.key_) and deployment_id_ <> '" + newDeployment + "'"))
                    .as("processes whose latest version is not the new release's").isEmpty();

            // the old node, restarted, still answers: its leads start the new version, whose jobs node-b runs
            List<Long> after = postLeads(4, i -> a);
            awaitUntil(Duration.ofSeconds(60), () -> db.withTasks(after) == after.size());
            assertThat(db.single("select count(*) from act_ru_incident")).isZero();
            System.out.printf("cluster: rolling upgrade to 0.2.0: %d leads while both releases ran (%d new-version "
                    + "instances, none of their jobs on the old node), %d old-version timers run by the new node, "
                    + "the old node restarted without deploying and served%n", during.size(), instances.size(),
                    oldTimers.size());
        } finally {
            upgraded.stop();
        }
    }

    /**
     * The next release as a build would make it: the packaged jar with version 0.2.0 in its build-info, one BPMN
     * changed and one Flyway migration added (a nullable column: backward compatible, the old release ignores it).
     */
    private static Path nextRelease() throws Exception {
        Path next = Path.of("target", "enrollflow-0.2.0-upgrade.jar");
        java.nio.file.Files.copy(JAR, next, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(next)) {
            Path info = jar.getPath("META-INF/build-info.properties");
            java.nio.file.Files.writeString(info, java.nio.file.Files.readString(info)
                    .replaceAll("build.version=.*", "build.version=0.2.0"));
            Path bpmn = jar.getPath("BOOT-INF/classes/bpmn/lead-registration.bpmn");
            java.nio.file.Files.writeString(bpmn, java.nio.file.Files.readString(bpmn) + "<!-- release 0.2.0 -->\n");
            java.nio.file.Files.writeString(jar.getPath("BOOT-INF/classes/db/migration/V1000__upgrade_probe.sql"),
                    "alter table opportunity add column upgrade_note varchar(40);\n");
        }
        return next;
    }

    private static String quoted(List<?> values) {
        return String.join(",", values.stream().map(v -> "'" + v + "'").toList());
    }

    // --- helpers ---

    private static final java.util.regex.Pattern CORRELATION_ID =
            java.util.regex.Pattern.compile("\"correlationId\":\"([^\"]+)\"");

    private List<Long> postLeads(int count, IntFunction<ClusterNode> node) throws Exception {
        List<HttpResponse<String>> answers = race(count, i -> node.apply(i).post("/api/leads", leadBody("集群客户"),
                "zhangli", "demo", Map.of()));
        for (int i = 0; i < count; i++) {
            HttpResponse<String> r = answers.get(i);
            ClusterNode to = node.apply(i);
            // a 500 names a correlation id: the node's log under it says what failed
            java.util.regex.Matcher id = CORRELATION_ID.matcher(r.body());
            assertThat(r.statusCode()).as(() -> to.name + ": " + r.body() + "\n"
                    + (id.find() ? to.logFrom(id.group(1), 60) : "")).isEqualTo(201);
        }
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

    /** Whether the node's log says it ran every one of the jobs. */
    private static boolean ranAll(ClusterNode node, java.util.Collection<String> jobs, String name) {
        List<String> log;
        try {
            log = node.logLines();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return jobs.stream().allMatch(job -> log.stream().anyMatch(l -> l.contains("job " + job + " ")
                && l.contains(" done on " + name + " ")));
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
