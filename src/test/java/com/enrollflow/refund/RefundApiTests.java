package com.enrollflow.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.PdfText;
import com.enrollflow.testsupport.StartForms;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A refund through the real HTTP stack, each step by the right demo user: customer service asks (POST /api/refunds),
 * the supervisor, the director and the head-office finance manager approve in Tasklist's API (/engine-rest), finance
 * pays back; the amount, the ledger, the freed lessons, the reversed credit and the agreement are checked as users
 * see them. Bad requests are refused by field and store nothing.
 */
@EnrollFlowTest
class RefundApiTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;

    private TeachingTestSupport.Schedule paid(int taught) {
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(taught, taught, 2);
        teaching.paidInFull(s.contract());
        return s;
    }

    private ResponseEntity<JsonNode> post(String user, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").postForEntity("/api/refunds", new HttpEntity<>(body, headers),
                JsonNode.class);
    }

    private JsonNode get(String user, String refundNo) {
        ResponseEntity<JsonNode> r = http.withBasicAuth(user, "demo").getForEntity("/api/refunds/" + refundNo,
                JsonNode.class);
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    /** The user's open task of the refund, as their Tasklist lists it. */
    private JsonNode task(String user, String refundNo) {
        runJobs();
        JsonNode tasks = http.withBasicAuth(user, "demo").getForObject("/engine-rest/task?processInstanceBusinessKey="
                + refundNo + "&maxResults=10", JsonNode.class);
        assertThat(tasks).as("open tasks of %s for %s", user, refundNo).hasSize(1);
        return tasks.get(0);
    }

    private ResponseEntity<String> complete(String user, JsonNode task, Map<String, Object> values) {
        String id = task.get("id").asText();
        if (task.get("assignee").isNull()) {
            http.withBasicAuth(user, "demo").postForEntity("/engine-rest/task/" + id + "/claim", Map.of("userId", user),
                    String.class);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value, "type", "String")));
        ResponseEntity<String> done = http.withBasicAuth(user, "demo").postForEntity("/engine-rest/task/" + id
                + "/complete", Map.of("variables", variables), String.class);
        runJobs();
        return done;
    }

    /** What the job executor does in the background: the due continuations of the running refunds. */
    private void runJobs() {
        engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("refund").active().list()
                .forEach(pi -> leads.runJobs(pi.getId()));
    }

    /** Today's revenue at 北京海淀 as the campus director's funnel report shows it. */
    private JsonNode revenue() {
        String today = LocalDate.now(com.enrollflow.reference.BusinessTime.ZONE).toString();
        ResponseEntity<JsonNode> r = http.withBasicAuth("zhouhua", "demo").getForEntity("/api/reports/funnel?from="
                + today + "&to=" + today + "&campus=BJ-HD", JsonNode.class);
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.OK);
        return r.getBody().get("revenue");
    }

    @Test
    void shouldRefundThroughTheApiApprovedAtEachLevelByTheRightPeopleAndPaidBack() {
        TeachingTestSupport.Schedule s = paid(3);
        long contractId = s.contract().contractId();
        jdbc.sql("insert into sales_credit (opportunity_id, user_id, amount, policy, credited_at) values (?, 'liwei', "
                + "12000.00, 'LAST_OWNER', ?)").params(s.contract().opportunityId(), OffsetDateTime.now()).update();

        // the sale counts in today's revenue; its refund is subtracted for the net
        jdbc.sql("update opportunity set paid_at = ? where id = ?").params(OffsetDateTime.now(),
                s.contract().opportunityId()).update();
        JsonNode revenueBefore = revenue();

        ResponseEntity<JsonNode> created = post("chenxi", Map.of("contractId", contractId, "reason", "教学不满意",
                "note", "家长要求更换老师未果"));
        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
        String refundNo = created.getBody().get("id").asText();
        assertThat(refundNo).matches("TF\\d{6}");
        assertThat(refundNo).isNotEqualTo(String.valueOf(s.contract().opportunityId()));
        JsonNode asked = get("zhouhua", refundNo);
        assertThat(asked.get("amount").decimalValue()).as("12000 − 12000 × 3 ÷ 60").isEqualByComparingTo("11400.00");
        assertThat(asked.get("paid").decimalValue()).isEqualByComparingTo("12000.00");
        assertThat(asked.get("consumedLessons").asInt()).isEqualTo(3);
        assertThat(asked.get("unitPrice").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(asked.get("fees").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(asked.get("reasonLabel").asText()).isEqualTo("教学不满意");

        ResponseEntity<JsonNode> again = post("chenxi", Map.of("contractId", contractId, "reason", "个人原因"));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().toString()).contains(refundNo);

        // 11400: supervisor, director (over 2000, and 教学不满意 once), finance manager (over 10000)
        runJobs();
        JsonNode levels = get("chenxi", refundNo).get("approvalLevels");
        assertThat(levels.findValuesAsText("label")).containsExactly("销售主管", "校区校长", "财务经理");
        assertThat(complete("chenxi", task("sunqiang", refundNo), Map.of("refundDecision", "APPROVE"))
                .getStatusCode()).as("the requester is no approver").isNotEqualTo(HttpStatus.NO_CONTENT);
        assertThat(complete("sunqiang", task("sunqiang", refundNo), Map.of("refundDecision", "APPROVE"))
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        JsonNode director = task("zhouhua", refundNo);
        assertThat(http.withBasicAuth("caiwen", "demo").getForObject("/engine-rest/task?processInstanceBusinessKey="
                + refundNo + "&maxResults=10", JsonNode.class)).as("another campus's director sees nothing").isEmpty();
        assertThat(complete("zhouhua", director, Map.of("refundDecision", "APPROVE", "approvalComment", "同意，已沟通"))
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(complete("heyun", task("heyun", refundNo), Map.of("refundDecision", "APPROVE")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        JsonNode approved = get("fengyu", refundNo);
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.get("approvals").findValuesAsText("decidedBy")).containsExactly("sunqiang", "zhouhua",
                "heyun");
        assertThat(approved.get("toPayBack").get(0).get("channelLabel").asText()).isEqualTo("支付平台/终端后台退款");
        JsonNode lessons = http.withBasicAuth("wuting", "demo").getForObject("/api/lessons?contractId=" + contractId,
                JsonNode.class);
        assertThat(lessons.findValuesAsText("status")).containsExactly("CONFIRMED", "CONFIRMED", "CONFIRMED",
                "CANCELLED", "CANCELLED");

        JsonNode payout = task("fengyu", refundNo);
        assertThat(complete("fengyu", payout, Map.of("payoutVoucher", "POS-RF-" + contractId)).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(complete("fengyu", payout, Map.of("payoutVoucher", "POS-RF-" + contractId)).getStatusCode())
                .as("a double click").isNotEqualTo(HttpStatus.NO_CONTENT);
        runJobs();

        JsonNode done = get("chenxi", refundNo);
        assertThat(done.get("status").asText()).isEqualTo("PAID");
        assertThat(done.get("payouts")).hasSize(1);
        assertThat(done.get("payouts").get(0).get("amount").decimalValue()).isEqualByComparingTo("11400.00");
        JsonNode revenueAfter = revenue();
        assertThat(revenueAfter.get("total").decimalValue()).isEqualByComparingTo(revenueBefore.get("total")
                .decimalValue());
        assertThat(revenueAfter.get("refunded").decimalValue().subtract(revenueBefore.get("refunded").decimalValue()))
                .as("the refund paid back").isEqualByComparingTo("11400.00");
        assertThat(revenueAfter.get("net").decimalValue()).isEqualByComparingTo(revenueAfter.get("total")
                .decimalValue().subtract(revenueAfter.get("refunded").decimalValue()));
        JsonNode contract = http.withBasicAuth("fengyu", "demo").getForObject("/api/contracts/" + contractId,
                JsonNode.class);
        assertThat(contract.get("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
        JsonNode line = contract.get("hours").get(0);
        assertThat(line.get("consumed").asInt()).isEqualTo(3);
        assertThat(line.get("refunded").asInt()).isEqualTo(57);
        assertThat(line.get("remaining").asInt()).isZero();
        assertThat(jdbc.sql("select r.amount from sales_credit_reversal r join refund f on f.id = r.refund_id "
                + "where f.refund_no = ?").param(refundNo).query(BigDecimal.class).single())
                .isEqualByComparingTo("11400.00");
        ResponseEntity<byte[]> pdf = http.withBasicAuth("zhouhua", "demo").getForEntity("/api/refunds/" + refundNo
                + "/agreement", byte[].class);
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(PdfText.of(pdf.getBody())).contains("退费确认书").contains(done.get("agreementNo").asText())
                .contains("¥11,400.00");

        // the family withdrew and asks that their personal data be deleted: the contract and the agreement stay as
        // issued, with the family's name, for the accounts only (个人信息保护法第四十七条)
        long customerId = contract.get("customerId").asLong();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.withBasicAuth("chenxi", "demo").postForEntity("/api/customers/" + customerId + "/erasure",
                new HttpEntity<>(Map.of("reason", "家长来电要求删除个人信息"), headers), String.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String agreement = "/api/refunds/" + refundNo + "/agreement";
        String archived = "/api/contracts/" + contractId + "/pdf";
        // every other role that reads refunds, or contracts, at the campus and at head office
        Map<String, List<String>> readers = Map.of(agreement, List.of("zhouhua", "sunqiang", "zhaomin", "chenxi",
                "songtao", "gaofeng"), archived, List.of("zhouhua", "sunqiang", "liwei", "zhaomin", "gaofeng"));
        readers.forEach((document, users) -> users.forEach(user -> {
            ResponseEntity<String> refused = http.withBasicAuth(user, "demo").getForEntity(document, String.class);
            assertThat(refused.getStatusCode()).as(user + " " + document).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.getBody()).as(user + " " + document).contains("仅作法定保存").contains("只有财务可以调阅");
        }));
        assertThat(http.withBasicAuth("zhouhua", "demo").getForEntity(archived, String.class).getBody())
                .contains("合同 " + contract.get("number").asText() + " 的原件");
        assertThat(http.withBasicAuth("zhouhua", "demo").getForEntity(agreement, String.class).getBody())
                .contains("退费确认书 " + done.get("agreementNo").asText());
        for (String user : List.of("fengyu", "qinlan", "heyun", "admin")) {
            ResponseEntity<byte[]> kept = http.withBasicAuth(user, user.equals("admin") ? "admin" : "demo")
                    .getForEntity(agreement, byte[].class);
            assertThat(kept.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
            assertThat(PdfText.of(kept.getBody())).as("kept as issued").contains(done.get("agreementNo").asText());
            assertThat(http.withBasicAuth(user, user.equals("admin") ? "admin" : "demo").getForEntity(archived,
                    byte[].class).getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
        }
    }

    @Test
    void shouldRefuseBadRequestsByFieldAndKeepToTheCallersCampus() {
        TeachingTestSupport.Schedule s = paid(0);
        long contractId = s.contract().contractId();
        ResponseEntity<JsonNode> noReason = post("chenxi", Map.of("contractId", contractId));
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getBody().toString()).contains("reason").contains("个人原因");
        ResponseEntity<JsonNode> notANumber = post("chenxi", Map.of("contractId", "十二", "reason", "个人原因"));
        assertThat(notANumber.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notANumber.getBody().toString()).contains("contractId");
        ResponseEntity<JsonNode> typedAmount = post("chenxi", Map.of("contractId", contractId, "reason", "个人原因",
                "amount", -5));
        assertThat(typedAmount.getStatusCode()).as("the amount is computed, never typed")
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post("taoran", Map.of("contractId", contractId, "reason", "个人原因")).getStatusCode())
                .as("customer service of another campus").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("liwei", Map.of("contractId", contractId, "reason", "个人原因")).getStatusCode())
                .as("a consultant takes no refund requests").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("sunqiang", Map.of("contractId", contractId, "reason", "个人原因")).getStatusCode())
                .as("an approver takes none either").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(jdbc.sql("select count(*) from refund where contract_id = ?").param(contractId).query(Integer.class)
                .single()).as("nothing stored").isZero();
        ResponseEntity<JsonNode> byFrontDesk = post("zhaomin", Map.of("contractId", contractId, "reason", "PERSONAL"));
        assertThat(byFrontDesk.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String refundNo = byFrontDesk.getBody().get("id").asText();
        assertThat(http.withBasicAuth("taoran", "demo").getForEntity("/api/refunds/" + refundNo, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.withBasicAuth("heyun", "demo").getForEntity("/api/refunds/" + refundNo, String.class)
                .getStatusCode()).as("head office sees every campus").isEqualTo(HttpStatus.OK);
        assertThat(http.withBasicAuth("zhengkai", "demo").getForEntity("/api/refunds/" + refundNo, String.class)
                .getStatusCode()).as("a teacher").isEqualTo(HttpStatus.FORBIDDEN);

        // 撤销: by customer service of the campus, with a reason; once
        String cancel = "/api/refunds/" + refundNo + "/cancellation";
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> noWhy = http.withBasicAuth("chenxi", "demo").postForEntity(cancel,
                new HttpEntity<>(Map.of(), json), JsonNode.class);
        assertThat(noWhy.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noWhy.getBody().toString()).contains("reason");
        assertThat(http.withBasicAuth("taoran", "demo").postForEntity(cancel, new HttpEntity<>(Map.of("reason", "撤"),
                json), JsonNode.class).getStatusCode()).as("another campus").isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<JsonNode> cancelled = http.withBasicAuth("chenxi", "demo").postForEntity(cancel,
                new HttpEntity<>(Map.of("reason", "家长决定继续上课"), json), JsonNode.class);
        assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(cancelled.getBody().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.getBody().get("cancelReason").asText()).isEqualTo("家长决定继续上课");
        assertThat(http.withBasicAuth("chenxi", "demo").postForEntity(cancel, new HttpEntity<>(Map.of("reason", "再次"),
                json), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    /** 撤销退费申请 submitted as Tasklist sends it (decision 679). */
    private ResponseEntity<JsonNode> cancelInTasklist(String user, String refund, String reason) {
        Map<String, Object> form = new HashMap<>();
        form.put("refund", refund);
        form.put("reason", reason);
        return StartForms.submit(http, user, "refundCancellation", form);
    }

    @Test
    void shouldLetTheDeskWithdrawARefundRequestInTasklistByItsNumber() {
        TeachingTestSupport.Schedule s = paid(0);
        ResponseEntity<JsonNode> asked = post("zhaomin", Map.of("contractId", s.contract().contractId(),
                "reason", "PERSONAL"));
        String refundNo = asked.getBody().get("id").asText();
        String amount = asked.getBody().get("amount").asText();
        long submissions = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("refundCancellation").count();

        assertThat(StartForms.refusal(cancelInTasklist("zhaomin", "退费12", "家长决定继续上课")))
                .isEqualTo("提交内容有误：退费申请编号：应为退费申请编号，如 TF000012：“退费12”");
        assertThat(StartForms.refusal(cancelInTasklist("zhaomin", refundNo, " "))).startsWith("提交内容有误：撤销原因：");
        assertThat(StartForms.refusal(cancelInTasklist("shenjia", refundNo, "家长决定继续上课")))
                .as("上海浦东's desk does not find it").isEqualTo("提交内容有误：退费申请编号：您负责的校区中没有退费申请 "
                        + refundNo);
        assertThat(cancelInTasklist("sunqiang", refundNo, "家长决定继续上课").getStatusCode())
                .as("an approver does not withdraw").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("refundCancellation").count()).as("no refused submission stays")
                .isEqualTo(submissions);
        assertThat(get("zhaomin", refundNo).get("status").asText()).isIn("REQUESTED", "APPROVING");

        ResponseEntity<JsonNode> done = cancelInTasklist("chenxi", " " + refundNo.toLowerCase(), "家长决定继续上课");
        assertThat(done.getStatusCode()).as(String.valueOf(done.getBody())).isEqualTo(HttpStatus.OK);
        String instance = done.getBody().get("id").asText();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
                .variableName("startResult").singleResult().getValue()).isEqualTo("退费申请 " + refundNo + "（应退 ¥"
                        + new java.text.DecimalFormat("#,##0.00").format(new java.math.BigDecimal(amount))
                        + "）已撤销：审批已停止，合同可以再次申请退费。");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
                .singleResult().getTenantId()).as("in the contract's campus").isEqualTo("BJHD");
        JsonNode cancelled = get("zhaomin", refundNo);
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("cancelReason").asText()).isEqualTo("家长决定继续上课");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(refundNo).count())
                .as("the approval task is gone").isZero();
        assertThat(StartForms.refusal(cancelInTasklist("chenxi", refundNo, "再次"))).contains("已撤销，不能撤销");
    }
}
