package com.enrollflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.lead.LeadIntakeResult;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.pricing.Quote;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** POST/GET /api/customers/{id}/erasure: the customer's deletion request (删除请求) and its audit record. */
@EnrollFlowTest
class ErasureApiTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    Leads leads;
    @Autowired
    Sales sales;
    @Autowired
    PersonalDataTraces traces;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    com.enrollflow.teaching.TeachingTestSupport teaching;
    @Autowired
    com.enrollflow.refund.Refunds refunds;
    @Autowired
    com.enrollflow.suspension.Suspensions suspensions;

    record OpenLead(long customerId, long opportunityId, String name, String phone) {
    }

    /** A lead waiting at first contact, who enquired a second time (a second task with their notes). */
    private OpenLead openLeadWithARepeatEnquiry() {
        String name = PrivacyFixtures.uniqueName();
        String phone = Leads.newPhone();
        LeadIntakeResult first = leads.receive(Leads.lead(name, phone, "PHONE"));
        leads.receive(new com.enrollflow.lead.LeadRequest(name, phone, "ONLINE_CHAT", null, "BJ-HD", null, "J2", "MATH",
                null, null, null, name + "又来问价格"));
        long opportunityId = first.opportunities().get(0).opportunityId();
        assertThat(tasks(opportunityId)).as("first contact and the repeat enquiry").isEqualTo(2);
        return new OpenLead(first.customerId(), opportunityId, name, phone);
    }

    @Test
    void shouldEraseAnOpenLeadOnCustomerServicesRequestClosingItAndCancellingItsProcesses() throws Exception {
        OpenLead lead = openLeadWithARepeatEnquiry();

        ResponseEntity<String> answer = post("chenxi", lead.customerId(), Map.of("reason", "客户来电要求删除其个人信息"));

        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(answer.getHeaders().getLocation()).hasPath("/api/customers/" + lead.customerId() + "/erasure");
        JsonNode record = json.readTree(answer.getBody());
        assertThat(record.get("trigger").asText()).isEqualTo("REQUEST");
        assertThat(record.get("requestedBy").asText()).isEqualTo("chenxi");
        assertThat(record.get("reason").asText()).isEqualTo("客户来电要求删除其个人信息");
        assertThat(record.get("erasedCounts").get("openOpportunitiesClosed").asInt()).isEqualTo(1);
        assertThat(record.get("erasedCounts").get("processInstancesCancelled").asInt()).isEqualTo(1);
        assertThat(record.get("erasedCounts").get("historicProcessInstancesDeleted").asInt())
                .as("enrollment and leadIntent").isEqualTo(2);
        assertThat(record.get("erasedCounts").get("enquiry").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("select status from opportunity where id = ?").param(lead.opportunityId())
                .query(String.class).single()).isEqualTo("LOST");
        assertThat(tasks(lead.opportunityId())).isZero();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(String.valueOf(lead.opportunityId())).count()).isZero();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(String.valueOf(lead.opportunityId())).count()).isZero();
        assertThat(traces.find(lead.name(), lead.phone())).isEmpty();

        ResponseEntity<String> shown = http.withBasicAuth("chenxi", "demo")
                .getForEntity("/api/customers/" + lead.customerId() + "/erasure", String.class);
        assertThat(shown.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(shown.getBody())).isEqualTo(record);
        JsonNode customer = json.readTree(http.withBasicAuth("chenxi", "demo")
                .getForEntity("/api/customers/" + lead.customerId(), String.class).getBody());
        assertThat(customer.get("name").asText()).isEqualTo("已删除客户#" + lead.customerId());
        assertThat(customer.toString()).doesNotContain(lead.name()).doesNotContain(lead.phone().substring(3));
        ResponseEntity<String> byPhone = http.withBasicAuth("chenxi", "demo")
                .getForEntity("/api/customers?phone=" + lead.phone(), String.class);
        assertThat(byPhone.getStatusCode()).as("nobody has the old number any more").isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldAnswerARepeatedRequestWithTheFirstRecordAndEraseNothingMore() throws Exception {
        OpenLead lead = openLeadWithARepeatEnquiry();
        JsonNode first = json.readTree(post("chenxi", lead.customerId(), Map.of("reason", "第一次请求")).getBody());

        ResponseEntity<String> again = post("admin", lead.customerId(), Map.of("reason", "第二次请求"));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode second = json.readTree(again.getBody());
        assertThat(second).isEqualTo(first);
        assertThat(second.get("requestedBy").asText()).isEqualTo("chenxi");
        assertThat(second.get("reason").asText()).isEqualTo("第一次请求");
        assertThat(jdbc.sql("select count(*) from privacy_erasure where customer_id = ?").param(lead.customerId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldLetOnlyCustomerServiceAndAdminsRequestAnErasure() {
        OpenLead lead = openLeadWithARepeatEnquiry();
        for (String user : new String[] {"liwei", "zhengkai", "zhangli", "sunqiang"}) {
            ResponseEntity<String> answer = post(user, lead.customerId(), Map.of("reason", "试试"));
            assertThat(answer.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        // customer service of another campus (上海浦东): the 北京海淀 customer does not exist for them
        ResponseEntity<String> otherCampus = post("taoran", lead.customerId(), Map.of("reason", "试试"));
        assertThat(otherCampus.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(otherCampus.getBody()).doesNotContain(lead.name());
        assertThat(http.postForEntity("/api/customers/" + lead.customerId() + "/erasure", Map.of("reason", "x"),
                String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(jdbc.sql("select name from customer where id = ?").param(lead.customerId()).query(String.class)
                .single()).isEqualTo(lead.name());
        assertThat(tasks(lead.opportunityId())).isEqualTo(2);

        ResponseEntity<String> admin = post("admin", lead.customerId(), Map.of("reason", "管理员代客户提交"));
        assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(admin.getBody()).contains("\"requestedBy\":\"admin\"");
    }

    @Test
    void shouldRefuseBadInputNamingTheFieldAndAnUnknownCustomer() throws Exception {
        OpenLead lead = openLeadWithARepeatEnquiry();
        assertField(post("chenxi", lead.customerId(), Map.of("reason", "  ")), "reason");
        assertField(post("chenxi", lead.customerId(), Map.of("reason", "长".repeat(501))), "reason");
        assertField(post("chenxi", lead.customerId(), Map.of("reson", "拼错了")), "reson");
        assertField(http.withBasicAuth("chenxi", "demo").postForEntity("/api/customers/" + lead.customerId()
                + "/erasure", null, String.class), "reason");
        assertThat(jdbc.sql("select count(*) from privacy_erasure where customer_id = ?").param(lead.customerId())
                .query(Long.class).single()).isZero();
        assertThat(post("chenxi", lead.customerId(), Map.of("reason", "长".repeat(500))).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        assertThat(post("chenxi", 987_654_321L, Map.of("reason", "不存在")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.withBasicAuth("chenxi", "demo").getForEntity("/api/customers/987654321/erasure",
                String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldShowNoRecordForACustomerNotErased() {
        OpenLead lead = openLeadWithARepeatEnquiry();
        ResponseEntity<String> answer = http.withBasicAuth("chenxi", "demo")
                .getForEntity("/api/customers/" + lead.customerId() + "/erasure", String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getBody()).contains("未被删除");
    }

    @Test
    void shouldRefuseWhileAContractIsStillBeingPerformedAndStoreNothing() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.approvedQuote(o, InstallmentPlan.FULL);
        ProcessInstance pi = sales.start("contractAndPayment", o, Map.of("quoteId", q.id()));
        sales.runJobs(pi);
        String name = jdbc.sql("select name from customer where id = ?").param(o.customerId()).query(String.class)
                .single();

        ResponseEntity<String> answer = post("chenxi", o.customerId(), Map.of("reason", "不想学了，删除我的信息"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getBody()).contains("缴费单未结清");
        assertThat(jdbc.sql("select name from customer where id = ?").param(o.customerId()).query(String.class)
                .single()).isEqualTo(name);
        assertThat(jdbc.sql("select status from opportunity where id = ?").param(o.opportunityId())
                .query(String.class).single()).isEqualTo("OPEN");
        assertThat(jdbc.sql("select count(*) from privacy_erasure where customer_id = ?").param(o.customerId())
                .query(Long.class).single()).isZero();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).count())
                .isEqualTo(1);
        engine.getRuntimeService().deleteProcessInstance(pi.getId(), "test done");

        // paid lessons not taught and none booked (nothing scheduled yet, a suspension, a new teacher to confirm):
        // the contract is still owed to the family (decision 597)
        com.enrollflow.teaching.TeachingTestSupport.Taught owed = teaching.contractWithLessonsTaught(0, 0);
        long family = jdbc.sql("select customer_id from contract where id = ?").param(owed.contractId())
                .query(Long.class).single();
        String number = jdbc.sql("select number from contract where id = ?").param(owed.contractId())
                .query(String.class).single();
        ResponseEntity<String> stillOwed = post("chenxi", family, Map.of("reason", "不想学了，删除我的信息"));
        assertThat(stillOwed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(stillOwed.getBody()).contains("合同 " + number + " 还有未上的课时");
        assertThat(jdbc.sql("select count(*) from privacy_erasure where customer_id = ?").param(family)
                .query(Long.class).single()).isZero();
    }

    private void assertField(ResponseEntity<String> answer, String field) throws Exception {
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(answer.getBody()).get("errors").get(0).get("field").asText()).isEqualTo(field);
    }

    @Test
    void shouldEraseWhatTheFamilyAndStaffWroteAfterTheSaleAndTheProcessesKeyedByTheirOwnNumbers() throws Exception {
        com.enrollflow.teaching.TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(3, 3);
        jdbc.sql("update survey set teacher_rating = 2, course_rating = 3, service_rating = 3, answered_at = ?, "
                + "comment = '秘事一号：孩子怕数学' where contract_id = ?").params(java.time.OffsetDateTime.now(),
                        t.contractId()).update(); // answered on the public page
        jdbc.sql("update lesson_attendance set note = '秘事二号：家里有事' where contract_id = ?").param(t.contractId())
                .update();
        com.enrollflow.refund.Refund refund = refunds.request(new com.enrollflow.refund.Refunds.Request(
                t.contractId(), null, "搬家", "秘事三号：父母离异"), "chenxi");
        ProcessInstance refundProcess = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(refund.refundNo()).singleResult();
        leads.runJobs(refundProcess.getId());
        leads.completeAs("sunqiang", engine.getTaskService().createTaskQuery()
                .processInstanceId(refundProcess.getId()).singleResult(), Map.of("refundDecision", "REJECT",
                        "approvalComment", "秘事四号：家长情绪不稳"));
        suspensions.suspend(t.contractId(), new com.enrollflow.suspension.Suspensions.Request(
                java.time.LocalDate.now(com.enrollflow.reference.BusinessTime.ZONE).plusDays(1).toString(),
                java.time.LocalDate.now(com.enrollflow.reference.BusinessTime.ZONE).plusDays(30).toString(),
                "秘事五号：住院治疗"), "chenxi");
        assertThat(traces.find("秘事")).as("the search finds what is there").hasSizeGreaterThanOrEqualTo(6);
        teaching.leaveOnly(t.contractId(), 0); // every lesson taught: nothing is owed to the family any more
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(refund.refundNo()).count()).isOne();

        ResponseEntity<String> answer = post("chenxi", jdbc.sql("select customer_id from contract where id = ?")
                .param(t.contractId()).query(Long.class).single(), Map.of("reason", "客户来电要求删除其个人信息"));

        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(traces.find("秘事")).as("where what they wrote is still found").isEmpty();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(refund.refundNo()).count()).as("退费 TF…: keyed by its own number")
                .isZero();
        assertThat(jdbc.sql("select amount from refund where id = ?").param(refund.id())
                .query(java.math.BigDecimal.class).single()).as("the money stays")
                .isEqualByComparingTo(refund.amount());
    }

    @Test
    void shouldEraseTheTasklistFormsStaffFilledInAboutTheFamily() throws Exception {
        OpenLead lead = openLeadWithARepeatEnquiry();
        // customer service files the family's complaint through Tasklist's start form, by the parent's phone
        Map<String, Object> form = new java.util.HashMap<>();
        form.put("phone", lead.phone());
        form.put("category", "SERVICE");
        form.put("severity", "NORMAL");
        form.put("description", "秘事七号：家长说孩子在学校被同学欺负");
        // with a key of staff's own typed into the start dialog (业务键): the form is still filed under the complaint
        ResponseEntity<JsonNode> filed = com.enrollflow.testsupport.StartForms.submit(http, "chenxi",
                "complaintRegistration", form, "家长来电");
        assertThat(filed.getStatusCode()).as(String.valueOf(filed.getBody())).isEqualTo(HttpStatus.OK);
        String formInstance = filed.getBody().get("id").asText();
        assertThat(traces.find("秘事七号")).as("the form's own history holds what was typed").isNotEmpty();

        ResponseEntity<String> answer = post("chenxi", lead.customerId(), Map.of("reason", "客户来电要求删除其个人信息"));

        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(formInstance)
                .count()).as("the start form's instance, filed under the complaint's number").isZero();
        assertThat(traces.find("秘事七号")).isEmpty();
        assertThat(traces.find(lead.name(), lead.phone())).isEmpty();
    }

    @Test
    void shouldLeaveAnotherCampusesOpenLeadToThatCampus() {
        String phone = Leads.newPhone();
        String name = PrivacyFixtures.uniqueName();
        // an old enquiry at 北京海淀, closed; the family now enquires at 上海浦东, where the lead is open
        long customerId = leads.receive(new com.enrollflow.lead.LeadRequest(name, phone, "WALK_IN", null, "BJ-HD",
                null, "J2", "MATH", null, null, null, null)).customerId();
        jdbc.sql("update opportunity set status = 'LOST', open_slot = null, closed_at = ? where customer_id = ?")
                .params(java.time.OffsetDateTime.now(), customerId).update();
        leads.receive(new com.enrollflow.lead.LeadRequest(name, phone, "WALK_IN", null, "SH-PD", null, "J2", "MATH",
                null, null, null, null));

        ResponseEntity<String> haidian = post("chenxi", customerId, Map.of("reason", "客户来电要求删除其个人信息"));
        assertThat(haidian.getStatusCode()).as(haidian.getBody()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(haidian.getBody()).contains("客户在您不负责的校区（上海浦东校区）有进行中的商机，请由该校区的客服或总部办理删除");
        assertThat(jdbc.sql("select count(*) from opportunity where customer_id = ? and status = 'OPEN'")
                .param(customerId).query(Integer.class).single()).as("浦东's lead stays open").isOne();

        assertThat(post("taoran", customerId, Map.of("reason", "客户来电要求删除其个人信息")).getStatusCode())
                .as("浦东's own customer service").isEqualTo(HttpStatus.CREATED);
    }

    private ResponseEntity<String> post(String user, long customerId, Map<String, String> body) {
        return http.withBasicAuth(user, "admin".equals(user) ? "admin" : "demo")
                .postForEntity("/api/customers/" + customerId + "/erasure", body, String.class);
    }

    private long tasks(long opportunityId) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(String.valueOf(opportunityId))
                .count();
    }
}
