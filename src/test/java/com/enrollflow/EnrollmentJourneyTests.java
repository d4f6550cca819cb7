package com.enrollflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.enrollflow.payment.GatewaySignature;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One lead from POST /api/leads to a paid, scheduled 1:1 student, through the real HTTP stack: every step is done
 * by that role's demo user through /engine-rest (as Tasklist does) or /api; the payment gateway calls back with a
 * signed (and a repeated) callback. Only the job executor's part (async continuations) is run by the test.
 */
@EnrollFlowTest
class EnrollmentJourneyTests {

    /** The engine REST API's time format: 2026-12-11T22:15:00.000+0000. */
    private static final DateTimeFormatter CAMUNDA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;
    @Autowired
    GatewaySignature gateway;
    @Autowired
    com.enrollflow.testsupport.Sales sales;

    /** The opportunity id (business key) whose processes the test drives. */
    private String journey;

    @Test
    void shouldTakeALeadToAPaidScheduledStudentWithEachRoleDoingItsPart() throws Exception {
        // 呼叫中心 records the enquiry
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("name", "赵一鸣");
        String phone = Leads.newPhone();
        lead.put("phone", "139 " + phone.substring(3, 7) + " " + phone.substring(7)); // as staff type it
        lead.put("channel", "PHONE");
        lead.put("email", "zhaoyiming.parent@example.com");
        lead.put("campus", "BJ-HD");
        lead.put("productLine", "ONE_ON_ONE");
        lead.put("grade", "J2");
        lead.put("subject", "MATH");
        ResponseEntity<JsonNode> created = http.withBasicAuth("zhangli", "demo").postForEntity("/api/leads", lead,
                JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long customerId = created.getBody().get("customerId").asLong();
        long opportunityId = created.getBody().at("/opportunities/0/opportunityId").asLong();
        String key = String.valueOf(opportunityId);
        journey = key;
        runJobs(key);

        complete("zhangli", task("zhangli", key), Map.of("contactResult", "REACHED"));
        complete("zhangli", task("zhangli", key), Map.of("intentDecision", "YES", "grade", "J2", "subject", "MATH",
                "goal", "中考数学 110 分", "budget", "OVER_30K", "startPlan", "WITHIN_2_WEEKS", "campus", "BJ-HD",
                "productInterest", "ONE_ON_ONE"));
        complete("zhangli", task("zhangli", key), Map.of("intentLevel", "HIGH"));

        // 课程顾问: the team's strategy chose the owner
        String owner = http.withBasicAuth("sunqiang", "demo").getForObject("/api/customers/" + customerId,
                JsonNode.class).at("/opportunities/0/ownerUser").asText();
        assertThat(owner).isIn("liwei", "chenjing", "liuyang");
        // before calling, the consultant reads what the call centre learnt (客户意向 on 首次联系客户 and 跟进商机)
        String learnt = "初二 · 数学 · 预算 3万元以上 · 开课时间 两周内\n学习目标：中考数学 110 分";
        JsonNode firstContact = task(owner, key);
        assertThat(intentShown(owner, firstContact)).isEqualTo(learnt);
        complete(owner, firstContact, Map.of("firstContactOutcome", "CONTACTED", "contactNote", "家长很关注数学"));
        JsonNode followUp = task(owner, key);
        assertThat(intentShown(owner, followUp)).isEqualTo(learnt);
        complete(owner, followUp, Map.of("followUpOutcome", "ADVANCED", "followUpNote", "周六上午到访"));
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().variableName("intentSummary")
                .taskIdIn(firstContact.get("id").asText(), followUp.get("id").asText()).count())
                .as("a copy of the opportunity, kept out of the engine's history like 客户 and 电话").isZero();
        String visitAt = OffsetDateTime.now().plusDays(3).truncatedTo(ChronoUnit.HOURS).withHour(10).toString();
        JsonNode booking = task(owner, key);
        // the next stage is due within the team's progress limit (recycle-limits.dmn, 一对一 P7D), as 跟进商机 was:
        // Tasklist shows when the board starts counting the lead as 超时无进展
        assertThat(OffsetDateTime.parse(booking.get("due").asText(), CAMUNDA_TIME))
                .isCloseTo(OffsetDateTime.now().plusDays(7), within(5, ChronoUnit.MINUTES));
        complete(owner, booking, Map.of("bookingOutcome", "BOOKED", "visitAt", visitAt));

        // 前台 records the visit, 教师 the placement test
        complete("zhaomin", task("zhaomin", key), Map.of("visitOutcome", "VISITED"));
        complete("zhengkai", task("zhengkai", key), Map.of("testLevel", "INTERMEDIATE", "testScore", 92));

        // 课程顾问 makes the plan: 40 senior lessons, PKG40 (¥10,640.00), ¥1,000.00 extra discount (9.4 %)
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("planOutcome", "PLAN");
        plan.put("lessonSubject", "MATH");
        plan.put("teacherLevel", "SENIOR");
        plan.put("lessons", 40);
        plan.put("extraDiscount", 1000);
        plan.put("discountReason", "兄弟俩同时报名");
        plan.put("installmentPlan", "FULL");
        // times the demo teacher has free: a plan whose times cannot take its lessons is refused (decision 743)
        plan.put("preferredTimes", sales.freePreferredTimes("T-BJHD-01"));
        complete(owner, task(owner, key), plan);

        // 销售主管 approves; the consultant cannot
        JsonNode approval = task("sunqiang", key);
        assertThat(approval.get("taskDefinitionKey").asText()).isEqualTo("Task_ApproveDiscount");
        assertThat(http.withBasicAuth(owner, "demo").getForObject("/engine-rest/task?processInstanceBusinessKey="
                + key + "&taskDefinitionKey=Task_ApproveDiscount&maxResults=50", JsonNode.class)).isEmpty();
        complete("sunqiang", approval, Map.of("discountDecision", "APPROVE", "approvalComment", "同意"));
        runJobs(key);

        // the contract exists and the consultant can download it
        JsonNode contractList = http.withBasicAuth(owner, "demo").getForObject("/api/contracts?opportunityId="
                + opportunityId, JsonNode.class);
        long contractId = contractList.get(0).get("id").asLong();
        ResponseEntity<byte[]> pdf = http.withBasicAuth(owner, "demo").getForEntity("/api/contracts/" + contractId
                + "/pdf", byte[].class);
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pdf.getHeaders().getFirst("X-Checksum-SHA256")).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(pdf.getBody())));

        // the family pays online: the gateway calls back, twice
        JsonNode order = http.withBasicAuth("zhaomin", "demo").getForObject("/api/payment-orders?opportunityId="
                + opportunityId, JsonNode.class).get(0);
        assertThat(order.get("total").decimalValue()).isEqualByComparingTo("9640.00");
        Map<String, String> callback = Map.of("transactionId", "WX" + opportunityId, "orderNo",
                order.get("orderNo").asText(), "amount", "9640.00", "status", "SUCCESS", "currency", "CNY");
        HttpHeaders signed = new HttpHeaders();
        signed.setContentType(MediaType.APPLICATION_JSON);
        signed.set("X-Gateway-Signature", gateway.sign("WX" + opportunityId, order.get("orderNo").asText(),
                "9640.00", "SUCCESS"));
        HttpHeaders forged = new HttpHeaders();
        forged.setContentType(MediaType.APPLICATION_JSON);
        forged.set("X-Gateway-Signature", "deadbeef");
        assertThat(http.postForEntity("/api/payments/gateway/callback", new HttpEntity<>(callback, forged),
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.postForObject("/api/payments/gateway/callback", new HttpEntity<>(callback, signed),
                JsonNode.class).get("result").asText()).isEqualTo("RECORDED");
        assertThat(http.postForObject("/api/payments/gateway/callback", new HttpEntity<>(callback, signed),
                JsonNode.class).get("result").asText()).isEqualTo("DUPLICATE");
        runJobs(key);

        // 教务 confirms the proposed lessons at once
        JsonNode confirm = task("wuting", key);
        assertThat(confirm.get("taskDefinitionKey").asText()).isEqualTo("Task_ConfirmSchedule");
        long proposalId = http.withBasicAuth("wuting", "demo").getForObject("/engine-rest/task/"
                + confirm.get("id").asText() + "/variables/proposalId", JsonNode.class).get("value").asLong();
        complete("wuting", confirm, Map.of("scheduleDecision", "CONFIRM"));

        JsonNode schedule = http.withBasicAuth("wuting", "demo").getForObject("/api/schedules/" + proposalId,
                JsonNode.class);
        assertThat(schedule.get("lessons")).hasSize(40);
        assertThat(schedule.get("lessons").findValuesAsText("status")).containsOnly("CONFIRMED");

        JsonNode paidOrder = http.withBasicAuth("fengyu", "demo").getForObject("/api/payment-orders/"
                + order.get("orderNo").asText(), JsonNode.class);
        assertThat(paidOrder.get("status").asText()).isEqualTo("PAID");
        assertThat(paidOrder.get("payments")).hasSize(1);
        assertThat(paidOrder.at("/payments/0/receiptNo").asText()).startsWith("SJ-BJ-HD-");

        JsonNode opportunity = http.withBasicAuth("zhangli", "demo").getForObject("/api/customers/" + customerId,
                JsonNode.class).at("/opportunities/0");
        assertThat(opportunity.get("status").asText()).isEqualTo("WON");
        assertThat(opportunity.get("stage").asText()).isEqualTo("ENROLLED");
        for (String stage : new String[] {"receivedAt", "validAt", "intentAt", "assignedAt", "agreedAt", "visitedAt",
                "plannedAt", "paidAt", "enrolledAt"}) {
            assertThat(opportunity.get(stage).isNull()).as(stage).isFalse();
        }
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key)
                .processDefinitionKey("enrollment").count()).isZero();
    }

    /** The user's one open task of this opportunity, as their Tasklist shows it. */
    /** 客户意向 as the task's form reads it. */
    private String intentShown(String user, JsonNode task) {
        return http.withBasicAuth(user, "demo").getForObject("/engine-rest/task/" + task.get("id").asText()
                + "/form-variables?variableNames=intentSummary", JsonNode.class).at("/intentSummary/value").asText();
    }

    private JsonNode task(String user, String businessKey) {
        JsonNode tasks = http.withBasicAuth(user, "demo").getForObject("/engine-rest/task?processInstanceBusinessKey="
                + businessKey + "&maxResults=50", JsonNode.class);
        assertThat(tasks).as("open tasks of %s for %s", user, businessKey).hasSize(1);
        return tasks.get(0);
    }

    /** Claims (unless assigned) and completes the task with typed variables, as Tasklist submits a form. */
    private void complete(String user, JsonNode task, Map<String, Object> values) {
        String id = task.get("id").asText();
        if (task.get("assignee").isNull()) {
            assertThat(http.withBasicAuth(user, "demo").postForEntity("/engine-rest/task/" + id + "/claim",
                    Map.of("userId", user), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value, "type",
                value instanceof Integer ? "Integer" : value instanceof Number ? "Double" : "String")));
        ResponseEntity<String> done = http.withBasicAuth(user, "demo").postForEntity("/engine-rest/task/" + id
                + "/complete", Map.of("variables", variables), String.class);
        assertThat(done.getStatusCode()).as("%s completes %s: %s", user, task.get("taskDefinitionKey").asText(),
                done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        runJobs(journey);
    }

    /** What the job executor does in the background: the due async continuations of every process of the lead. */
    private void runJobs(String businessKey) {
        var management = engine.getManagementService();
        for (int round = 0; round < 20; round++) {
            var due = management.createJobQuery().messages().executable().list().stream()
                    .filter(j -> businessKey.equals(engine.getRuntimeService()
                            .createProcessInstanceQuery().processInstanceId(j.getProcessInstanceId()).singleResult()
                            .getBusinessKey()))
                    .toList();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(j -> management.executeJob(j.getId()));
        }
    }
}
