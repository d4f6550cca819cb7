package com.enrollflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.enrollflow.testsupport.Leads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One enrollment driven through the cluster as staff would drive it (as EnrollmentJourneyTests does on one node):
 * every step through /engine-rest or /api, the steps alternating between two nodes, each waiting for the job
 * executors (of either node) to bring the next task.
 */
final class ClusterJourney {

    /** Pairs of weekly times the demo teacher teaches at, one pair per journey of a run, none shared. */
    private static final List<String> TIMES = List.of("周一 16:00，周四 16:00", "周一 17:00，周四 17:00",
            "周一 18:00，周四 18:00", "周一 19:00，周四 19:00", "周二 16:00，周五 16:00", "周二 17:00，周五 17:00",
            "周二 18:00，周五 18:00", "周二 19:00，周五 19:00", "周三 16:00，周日 09:00", "周三 17:00，周日 10:00",
            "周三 18:00，周日 11:00", "周三 19:00，周日 14:00");
    private static final java.util.concurrent.atomic.AtomicInteger JOURNEYS =
            new java.util.concurrent.atomic.AtomicInteger();

    private static final ObjectMapper JSON = new ObjectMapper();

    record PaymentDue(long opportunityId, String orderNo, String amount) {
    }

    private final ClusterNode a;
    private final ClusterNode b;

    ClusterJourney(ClusterNode a, ClusterNode b) {
        this.a = a;
        this.b = b;
    }

    /** Lead to the discount approval (waiting at Task_ApproveDiscount); the opportunity's id. */
    long toApproval() throws Exception {
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("name", "集群付款");
        lead.put("phone", Leads.newPhone());
        lead.put("channel", "PHONE");
        lead.put("campus", "BJ-HD");
        lead.put("productLine", "ONE_ON_ONE");
        lead.put("grade", "J2");
        lead.put("subject", "MATH");
        JsonNode created = json(a.post("/api/leads", JSON.writeValueAsString(lead), "zhangli", "demo", Map.of()));
        long customerId = created.get("customerId").asLong();
        long opportunityId = created.at("/opportunities/0/opportunityId").asLong();
        String key = String.valueOf(opportunityId);

        complete(b, "zhangli", key, Map.of("contactResult", "REACHED"));
        complete(a, "zhangli", key, Map.of("intentDecision", "YES", "grade", "J2", "subject", "MATH",
                "goal", "中考数学 110 分", "budget", "OVER_30K", "startPlan", "WITHIN_2_WEEKS", "campus", "BJ-HD",
                "productInterest", "ONE_ON_ONE"));
        complete(b, "zhangli", key, Map.of("intentLevel", "HIGH"));
        String owner = awaitValue(() -> json(a.get("/api/customers/" + customerId, "sunqiang", "demo"))
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
        plan.put("extraDiscount", 1000);
        plan.put("discountReason", "兄弟俩同时报名");
        plan.put("installmentPlan", "FULL");
        // each journey its own two times: a plan whose times the demo teacher has already given away is refused
        // (decision 743), and the journeys of a run book that one teacher
        plan.put("preferredTimes", TIMES.get(JOURNEYS.getAndIncrement() % TIMES.size()));
        complete(b, owner, key, plan);
        return opportunityId;
    }

    /** 销售主管 approves the discount: the contract is issued, and the payment order made, by jobs. */
    void approve(ClusterNode node, long opportunityId) throws Exception {
        complete(node, "sunqiang", String.valueOf(opportunityId), Map.of("discountDecision", "APPROVE",
                "approvalComment", "同意"));
    }

    /** Lead to an open payment order, approved through node a. */
    PaymentDue toPaymentOrder() throws Exception {
        long opportunityId = toApproval();
        approve(a, opportunityId);
        JsonNode order = awaitValue(() -> {
            JsonNode orders = json(b.get("/api/payment-orders?opportunityId=" + opportunityId, "zhaomin", "demo"));
            return orders.size() == 1 ? orders.get(0) : null;
        });
        return new PaymentDue(opportunityId, order.get("orderNo").asText(), order.get("total").decimalValue()
                .setScale(2).toPlainString());
    }

    /** The user's one open task of this opportunity (waiting for the job executors), claimed and completed. */
    private void complete(ClusterNode node, String user, String key, Map<String, Object> values) throws Exception {
        JsonNode task = awaitValue(() -> {
            JsonNode tasks = json(node.get("/engine-rest/task?processInstanceBusinessKey=" + key + "&maxResults=50",
                    user, "demo"));
            return tasks.size() == 1 ? tasks.get(0) : null;
        });
        String id = task.get("id").asText();
        if (task.get("assignee").isNull()) {
            assertThat(node.post("/engine-rest/task/" + id + "/claim", JSON.writeValueAsString(Map.of("userId",
                    user)), user, "demo", Map.of()).statusCode()).isEqualTo(204);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value, "type",
                value instanceof Integer ? "Integer" : value instanceof Number ? "Double" : "String")));
        HttpResponse<String> done = node.post("/engine-rest/task/" + id + "/complete",
                JSON.writeValueAsString(Map.of("variables", variables)), user, "demo", Map.of());
        assertThat(done.statusCode()).as("%s completes %s on %s: %s", user, task.get("taskDefinitionKey").asText(),
                node.name, done.body()).isEqualTo(204);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls (every 200 ms, at most 60 s) until the probe gives a value that is not null or empty. */
    static <T> T awaitValue(Probe<T> probe) throws Exception {
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
}
