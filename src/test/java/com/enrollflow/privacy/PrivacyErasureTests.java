package com.enrollflow.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.assignment.AssignmentService;
import com.enrollflow.contract.ContractService;
import com.enrollflow.invoice.Invoices;
import com.enrollflow.lead.LeadIntakeResult;
import com.enrollflow.lead.LeadIntakeService;
import com.enrollflow.lead.LeadRequest;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.PdfText;
import com.enrollflow.testsupport.Sales;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * After the retention run, nothing of the person is left in any table nor in the engine's history, while the
 * funnel, the activity counts and the money add up as before and the archived contract stays as issued.
 */
@EnrollFlowTest
class PrivacyErasureTests {

    @Autowired
    PrivacyFixtures fixtures;
    @Autowired
    PersonalDataTraces traces;
    @Autowired
    LeadIntakeService intake;
    @Autowired
    Leads leads;
    @Autowired
    Sales sales;
    @Autowired
    AssignmentService assignment;
    @Autowired
    PaymentService payments;
    @Autowired
    ContractService contracts;
    @Autowired
    NotificationService notifications;
    @Autowired
    PrivacyService privacy;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    Invoices invoices;

    /** Who the test person is, in every spelling our tables and the engine may hold. */
    record Person(long customerId, long opportunityId, String name, String phone, String phoneDisplay,
            String email) {

        String[] needles() {
            return new String[] {name, phone, phoneDisplay, email};
        }
    }

    /**
     * A phone lead that went through intake (with an idempotency key), first contact and closed as a wrong number,
     * with notes, goal and a referrer, mails about it to staff and to the family: then two years and a day passed.
     */
    private Person closedLeadThroughTheProcesses() {
        String name = PrivacyFixtures.uniqueName();
        String phone = Leads.newPhone();
        String display = phone.substring(0, 3) + " " + phone.substring(3, 7) + " " + phone.substring(7);
        String email = "family." + phone + "@example.com";
        LeadRequest request = new LeadRequest(name, display, "PHONE", email, "BJ-HD", "ONE_ON_ONE", "J2", "MATH",
                name + "想提高数学", null, name + "的同学", name + "妈妈说下午再打 " + phone, null, "2012-05-20");
        LeadIntakeResult result = intake.receive(request, "zhangli", "POST /api/leads zhangli", "key-" + phone)
                .result();
        long opportunityId = result.opportunities().get(0).opportunityId();
        assertThat(jdbc.sql("select birth_date from customer where id = ?").param(result.customerId())
                .query(java.time.LocalDate.class).single()).isEqualTo(java.time.LocalDate.of(2012, 5, 20));
        leads.runJobs(result.opportunities().get(0).processInstanceId());
        var task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(String.valueOf(opportunityId))
                .singleResult();
        leads.completeAs("zhangli", task, Map.of("contactResult", "WRONG_NUMBER", "contactNote",
                "接电话的不是" + name + "，号码 " + display + " 有误"));
        assertThat(leads.opportunity(opportunityId).status()).isEqualTo("INVALID");
        notifications.enqueue(opportunityId, "test:staff:" + phone, "RECYCLE_WARNING", "liwei@example.com",
                "【回收预警】" + name + " 的商机即将被收回", name + " " + display);
        notifications.enqueue("test:legacy-staff:" + phone, "APPROVAL_REQUEST", "sunqiang@example.com",
                "【待审批】" + name + " 的报价优惠", "（通知表还不知道商机编号时登记的邮件）");
        notifications.enqueue("test:legacy-family:" + phone, "VISIT_REMINDER", email, "【北京海淀校区】到访提醒",
                "您好：提醒您明天到校");
        jdbc.sql("update opportunity set closed_at = ? where id = ?")
                .params(PrivacyFixtures.ago(Period.ofYears(2), -1), opportunityId).update();
        return new Person(result.customerId(), opportunityId, name, "+86" + phone, display, email);
    }

    /**
     * A 1:1 student who signed, paid in full at the desk and was enrolled (won): then three years and a day
     * passed since the last payment, closing and due date.
     */
    private Person paidCustomerThreeYearsAgo() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        String name = PrivacyFixtures.uniqueName();
        String phone = Leads.newPhone();
        String email = "parent." + phone + "@example.com";
        jdbc.sql("update customer set name = ?, phone = ?, email = ? where id = ?")
                .params(name, "+86" + phone, email, o.customerId()).update();
        String display = phone.substring(0, 3) + " " + phone.substring(3, 7) + " " + phone.substring(7);
        Quote q = sales.approvedQuote(o, InstallmentPlan.FULL);
        ProcessInstance pi = sales.start("contractAndPayment", o,
                Map.of("quoteId", q.id(), "customerName", name, "phoneDisplay", display));
        sales.runJobs(pi);
        PaymentOrder order = payments.forOpportunity(o.opportunityId()).get(0);
        leads.completeAs("zhaomin", sales.task(pi), Map.of("paymentMethod", "CASH",
                "paymentAmount", order.total().doubleValue()));
        sales.runJobs(pi);
        assertThat(pi).hasPassed("EndEvent_Paid").isEnded();
        // the family asked for an invoice in its own name, sent to its own address (开具发票, decision 576)
        invoices.request(new Invoices.Request(contracts.forOpportunity(o.opportunityId()).get(0).id(), null,
                "PERSONAL", name, null, null, null, "请开给" + name), "zhaomin");
        assignment.won(o.opportunityId(), "system");
        var then = PrivacyFixtures.ago(Period.ofYears(3), -1);
        jdbc.sql("update opportunity set closed_at = ?, paid_at = ? where id = ?").params(then, then,
                o.opportunityId()).update();
        jdbc.sql("update payment set received_at = ? where order_id = ?").params(then, order.id()).update();
        jdbc.sql("update installment set due_date = ? where order_id = ?").params(then.toLocalDate(), order.id())
                .update();
        return new Person(o.customerId(), o.opportunityId(), name, "+86" + phone, display, email);
    }

    @Test
    void shouldLeaveNoTraceOfThePersonInAnyTableNorInTheEngineWhileReportsAndMoneyStayTheSame() throws Exception {
        Person lead = closedLeadThroughTheProcesses();
        Person student = paidCustomerThreeYearsAgo();
        List<String> leadInstances = instances(lead);
        List<String> studentInstances = instances(student);
        assertThat(leadInstances).as("enrollment and leadIntent").hasSizeGreaterThanOrEqualTo(2);
        assertThat(traces.find(lead.needles())).as("the search finds what is there")
                .anyMatch(t -> t.startsWith("ACT_HI_VARINST") || t.startsWith("act_hi_varinst"))
                .anyMatch(t -> t.toLowerCase().startsWith("enquiry"))
                .anyMatch(t -> t.toLowerCase().startsWith("notification"))
                .anyMatch(t -> t.toLowerCase().startsWith("timeline_event"));
        assertThat(traces.find(student.needles())).isNotEmpty();
        JsonNode funnelBefore = report("/api/reports/funnel");
        JsonNode activityBefore = report("/api/reports/assignment-activity");
        var contractBefore = contracts.forOpportunity(student.opportunityId()).get(0);
        PaymentOrder orderBefore = payments.forOpportunity(student.opportunityId()).get(0);

        ProcessInstance run = fixtures.runNightly();

        assertThat(run).hasPassed("EndEvent_RetentionDone").isEnded();
        assertThat(traces.find(lead.needles())).as("where the lead's personal data is still found").isEmpty();
        assertThat(traces.find(student.needles())).as("where the student's personal data is still found").isEmpty();
        for (String table : List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_VARINST",
                "ACT_HI_DETAIL", "ACT_HI_IDENTITYLINK", "ACT_HI_JOB_LOG", "ACT_HI_INCIDENT", "ACT_HI_DECINST",
                "ACT_HI_COMMENT", "ACT_GE_BYTEARRAY", "ACT_RU_EXECUTION", "ACT_RU_VARIABLE", "ACT_RU_TASK")) {
            String column = table.startsWith("ACT_RU_") ? "proc_inst_id_" : "root_proc_inst_id_";
            for (List<String> ids : List.of(leadInstances, studentInstances)) {
                assertThat(jdbc.sql("select count(*) from " + table + " where " + column + " in (:ids)")
                        .param("ids", ids).query(Long.class).single()).as(table).isZero();
            }
        }
        assertThat(report("/api/reports/funnel")).as("funnel").isEqualTo(funnelBefore);
        assertThat(report("/api/reports/assignment-activity")).as("activity counts").isEqualTo(activityBefore);
        var contractAfter = contracts.forOpportunity(student.opportunityId()).get(0);
        assertThat(contractAfter).as("contract number, price, checksum: accounting records").isEqualTo(contractBefore);
        assertThat(payments.forOpportunity(student.opportunityId()).get(0)).isEqualTo(orderBefore);
        assertThat(PdfText.of(contracts.document(contractAfter.id()).pdf()))
                .as("the archived contract is kept as issued (会计档案)").contains(student.name());

        JsonNode record = customer(lead.customerId());
        assertThat(record.get("name").asText()).isEqualTo("已删除客户#" + lead.customerId());
        assertThat(record.get("phone").asText()).isEqualTo("ERASED-" + lead.customerId());
        assertThat(record.get("phoneDisplay").asText()).isEqualTo("ERASED-" + lead.customerId());
        assertThat(record.get("email").isNull()).isTrue();
        assertThat(record.get("studentBirthDate").isNull()).as("the student's birth date (V22)").isTrue();
        assertThat(record.get("enquiries").get(0).get("notes").isNull()).isTrue();
        assertThat(record.get("opportunities").get(0).get("status").asText()).isEqualTo("INVALID");
        assertThat(record.get("timeline")).allMatch(e -> e.get("detail").isNull());

        Erasure erasure = privacy.find(lead.customerId()).orElseThrow();
        assertThat(erasure.erasedCounts()).containsEntry("customer", 1).containsEntry("enquiry", 1)
                .containsEntry("notification", 3).containsEntry("idempotentRequest", 1)
                .containsEntry("historicProcessInstancesDeleted", leadInstances.size());

        LeadIntakeResult again = leads.receive(Leads.lead("回头客", lead.phoneDisplay(), "PHONE"));
        assertThat(again.customerId()).as("the old number no longer finds the erased customer")
                .isNotEqualTo(lead.customerId());
        assertThat(again.duplicate()).isFalse();
    }

    private List<String> instances(Person p) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(String.valueOf(p.opportunityId())).list().stream().map(h -> h.getId())
                .toList();
    }

    private JsonNode report(String path) throws Exception {
        // the activity report covers at most 366 days; the funnel reaches back to the backdated sale
        LocalDate to = LocalDate.now().plusDays(1);
        LocalDate from = path.endsWith("funnel") ? LocalDate.of(2000, 1, 1) : to.minusDays(365);
        ResponseEntity<String> answer = http.withBasicAuth("sunqiang", "demo")
                .getForEntity(path + "?from=" + from + "&to=" + to, String.class);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(answer.getBody());
    }

    private JsonNode customer(long id) throws Exception {
        ResponseEntity<String> answer = http.withBasicAuth("chenxi", "demo").getForEntity("/api/customers/" + id,
                String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return json.readTree(answer.getBody());
    }

}
