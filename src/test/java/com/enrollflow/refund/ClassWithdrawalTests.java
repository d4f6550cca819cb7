package com.enrollflow.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.contract.Contract;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentMethod;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.teaching.ClassFixtures;
import com.enrollflow.teaching.ClassRollCalls;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.PdfText;
import com.enrollflow.testsupport.RefundRequests;
import com.enrollflow.testsupport.RefundRuns;
import com.enrollflow.testsupport.StartForms;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 退班 (decision 574): a student leaves one class of a contract that goes on with its 1:1 lessons. The class's lessons
 * left come back through the refund's approval gate and payout, from the Tasklist start form 申请退班 or POST
 * /api/refunds with {@code leaveClass}; what the family had not paid yet is taken off its installments instead; the
 * student leaves the class's roster and the contract stays in force; bad or foreign requests store nothing.
 */
@EnrollFlowTest
class ClassWithdrawalTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ClassFixtures classes;
    @Autowired
    ClassRollCalls rollCalls;
    @Autowired
    PaymentService payments;
    @Autowired
    Refunds refunds;
    @Autowired
    RefundAgreements agreements;
    @Autowired
    Leads leads;

    /**
     * 20 1:1 maths lessons with a standard teacher (¥200.00 each, ¥4,000.00) and a 16-lesson class for ¥1,600.00: an
     * order of ¥5,600.00 in two installments of ¥2,800.00, of which {@code paid} is paid at the desk.
     */
    private Contract student(String classCode, String name, String paid) {
        Contract c = classes.studentWithLessons("BJ-HD", 20, name, classCode);
        PaymentOrder order = payments.openOrder(c.opportunityId(), c.quoteId(), c.id(), "BJ-HD",
                new BigDecimal("5600.00"), InstallmentPlan.TWO, LocalDate.now());
        payments.record(order.id(), PaymentMethod.CARD, new BigDecimal(paid), "DESK:class-withdrawal-" + c.id(), null,
                "zhaomin");
        jdbc.sql("update customer set email = 'family@example.com' where id = ?").param(c.customerId()).update();
        return c;
    }

    private ResponseEntity<JsonNode> rollCall(String classCode, LocalDate day) {
        Map<String, Object> form = new HashMap<>();
        form.put("classOffering", classCode);
        form.put("heldOn", day.toString());
        return StartForms.submit(http, "wuting", "classRollCall", form);
    }

    private ResponseEntity<JsonNode> submitForm(String user, String contract, String leaveClass, String reason) {
        Map<String, Object> form = new HashMap<>();
        form.put("contract", contract);
        form.put("leaveClass", leaveClass);
        form.put("reason", reason);
        form.put("note", "周六上午要参加比赛训练，不再上这个班");
        return StartForms.submit(http, user, "classWithdrawalRequest", form);
    }

    private ResponseEntity<JsonNode> post(String user, Map<String, Object> body) {
        return RefundRequests.post(http, user, body);
    }

    private static Map<String, Object> body(long contractId, String leaveClass, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("contractId", contractId);
        body.put("leaveClass", leaveClass);
        body.put("reason", reason);
        return body;
    }

    private List<String> hours(long contractId) {
        return RefundRequests.hours(http, contractId);
    }

    private List<String> roster(String classCode) {
        return rollCalls.roster(classCode, ClassFixtures.today()).stream().map(s -> s.name()).toList();
    }

    private String status(long contractId) {
        return jdbc.sql("select status from contract where id = ?").param(contractId).query(String.class).single();
    }

    private int refundsOf(long contractId) {
        return jdbc.sql("select count(*) from refund where contract_id = ?").param(contractId).query(Integer.class)
                .single();
    }

    @Test
    void shouldWaitForTheRollCallOfADayTheStudentSatBeforeTheClassIsLeftOrTheContractRefunded() {
        String code = classes.newClass("BJ-HD", 16);
        Contract c = student(code, "王待点名退班", "5600.00");
        LocalDate yesterday = ClassFixtures.today().minusDays(1);
        // the 班课点名 task the morning job left for that day, still open
        classes.openClassDay(code, yesterday);
        String waiting = ClassFixtures.className(code) + "（" + code + "）" + yesterday
                + " 的课还没有点名：请任课教师或教务先完成“班课点名”，再";

        ResponseEntity<JsonNode> leaving = post("chenxi", body(c.id(), code, "SCHEDULE"));
        assertThat(leaving.getStatusCode()).as(String.valueOf(leaving.getBody())).isEqualTo(HttpStatus.CONFLICT);
        assertThat(leaving.getBody().toString()).contains(waiting + "退班");
        Map<String, Object> whole = new HashMap<>();
        whole.put("contractId", c.id());
        whole.put("reason", "RELOCATION");
        ResponseEntity<JsonNode> refund = post("chenxi", whole);
        assertThat(refund.getStatusCode()).as(String.valueOf(refund.getBody())).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refund.getBody().toString()).contains(waiting + "申请退费");
        assertThat(refundsOf(c.id())).isZero();

        assertThat(rollCall(code, yesterday).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(post("chenxi", body(c.id(), code, "SCHEDULE")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Refund asked = refunds.forContract(c.id()).get(0);
        assertThat(asked.amount()).as("15 lessons left after that day's").isEqualByComparingTo("1500.00");

        // a day the class met during the approval and nobody marked yet holds the last approval up
        LocalDate earlier = yesterday.minusDays(1);
        classes.openClassDay(code, earlier);
        ProcessInstance pi = RefundRuns.process(engine, leads, asked.refundNo());
        assertThatThrownBy(() -> RefundRuns.throughToTheEnd(engine, leads, asked.refundNo()))
                .hasMessageContaining(ClassFixtures.className(code) + "（" + code + "）" + earlier
                        + " 的课还没有点名：请任课教师或教务先完成“班课点名”，再批准退费");
        assertThat(rollCall(code, earlier).getStatusCode()).isEqualTo(HttpStatus.OK);
        // approved, the class is stopped by a job; a day met meanwhile and not marked makes it wait (and retry)
        for (Task t = RefundRuns.task(engine, leads, pi); t != null;
                t = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult()) {
            RefundRuns.approve(engine, leads, t);
        }
        assertThat(refunds.get(asked.id()).status()).isEqualTo(RefundStatus.APPROVED);
        LocalDate earliest = earlier.minusDays(1);
        classes.openClassDay(code, earliest);
        assertThatThrownBy(() -> leads.runJobs(pi.getId())).hasStackTraceContaining(ClassFixtures.className(code)
                + "（" + code + "）" + earliest + " 的课还没有点名：请任课教师或教务先完成“班课点名”，再停课退费");
        assertThat(roster(code)).as("still in the class until it is stopped").contains("王待点名退班");
        assertThat(rollCall(code, earliest).getStatusCode()).isEqualTo(HttpStatus.OK);
        // the job's retry, due later, run now
        var stop = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(stop.getRetries()).as("waiting, not an incident").isPositive();
        engine.getManagementService().executeJob(stop.getId());
        RefundRuns.throughToTheEnd(engine, leads, asked.refundNo());
        Refund paid = refunds.get(asked.id());
        assertThat(paid.status()).isEqualTo(RefundStatus.PAID);
        assertThat(paid.amount()).as("13 lessons left after the three days marked").isEqualByComparingTo("1300.00");
    }

    @Test
    void shouldPayTheClassBackFromTheTasklistFormAfterApprovalAndKeepTheOneToOneLessonsGoing() {
        String code = classes.newClass("BJ-HD", 16);
        Contract c = student(code, "王退班", "5600.00");
        assertThat(rollCall(code, ClassFixtures.today().minusDays(1)).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> submitted = submitForm("chenxi", c.number(), ClassFixtures.className(code),
                "SCHEDULE");

        assertThat(submitted.getStatusCode()).as(String.valueOf(submitted.getBody())).isEqualTo(HttpStatus.OK);
        Refund r = refunds.forContract(c.id()).get(0);
        assertThat(r.classCode()).isEqualTo(code);
        assertThat(r.amount()).as("15 lessons left of ¥1,600.00 for 16").isEqualByComparingTo("1500.00");
        assertThat(r.computation()).contains("退班：" + ClassFixtures.className(code) + "（" + code + "），合同其他课程照常上课")
                .contains("购买 16 课时，已上 1 课时，剩余 15 课时").contains("剩余课时按成交价折算：¥1,500.00")
                .contains("合同账户：已缴 ¥5,600.00，余额 ¥0.00").contains("退费金额 = 可退金额 － 手续费 = ¥1,500.00");

        // the approver reads what is asked; a roll call during the approval counts, so the amount follows it down
        ProcessInstance pi = RefundRuns.process(engine, leads, r.refundNo());
        Task approval = RefundRuns.task(engine, leads, pi);
        assertThat(approval.getName()).isEqualTo("审批退费");
        assertThat((String) engine.getTaskService().getVariableLocal(approval.getId(), "refundSummary"))
                .contains("退班：" + ClassFixtures.className(code));
        assertThat(rollCall(code, ClassFixtures.today()).getStatusCode()).isEqualTo(HttpStatus.OK);
        RefundRuns.throughToTheEnd(engine, leads, r.refundNo());

        assertThat(pi).hasPassed("ServiceTask_StopTeaching", "ServiceTask_SettleRefund").isEnded();
        Refund paid = refunds.get(r.id());
        assertThat(paid.status()).isEqualTo(RefundStatus.PAID);
        assertThat(paid.amount()).as("14 lessons left after today's roll call").isEqualByComparingTo("1400.00");
        assertThat(paid.computation()).contains("退费金额由 ¥1,500.00 调整为 ¥1,400.00");
        assertThat(refunds.payouts(r.id())).extracting(Refund.Payout::amount)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("1400.00"));
        assertThat(status(c.id())).as("the 1:1 lessons go on").isEqualTo("ISSUED");
        assertThat(hours(c.id())).containsExactly("一对一课时 0/0/20", "班课 2/14/0");
        assertThat(roster(code)).doesNotContain("王退班");
        assertThat(jdbc.sql("select amount from sales_credit_reversal where refund_id = ?").param(r.id())
                .query(BigDecimal.class).list()).allSatisfy(a -> assertThat(a).isPositive());
        assertThat(jdbc.sql("select body from notification where dedupe_key = ?").param("refund-paid:" + r.refundNo())
                .query(String.class).single()).contains("您申请的退班已办理完成，孩子的其他课程照常进行")
                .contains("¥1,400.00");
        assertThat(PdfText.of(agreements.document(r.refundNo()))).contains("退班：" + ClassFixtures.className(code))
                .contains("退费金额：¥1,400.00").contains("剩余课时作废，其余课时和课程安排不变").doesNotContain("不涉及课时");

        // a refund of the rest later pays back what is left of the 1:1 lessons, never the class a second time
        Refund rest = refunds.request(new Refunds.Request(c.id(), null, "RELOCATION", "搬家"), "chenxi");
        assertThat(rest.amount()).as("¥5,600.00 − ¥1,400.00 back − 2 class lessons taught").isEqualByComparingTo(
                "4000.00");
    }

    @Test
    void shouldTakeWhatTheFamilyHasNotPaidOffItsInstallmentsInsteadOfPayingItBack() {
        String code = classes.newClass("BJ-HD", 16);
        Contract c = student(code, "李分期", "2800.00");

        JsonNode preview = http.withBasicAuth("chenxi", "demo").getForEntity("/api/contracts/" + c.id()
                + "/class-withdrawal-preview?leaveClass=" + code + "&reason=个人原因", JsonNode.class).getBody();
        assertThat(preview.path("back").decimalValue()).as(String.valueOf(preview)).isEqualByComparingTo("0.00");
        assertThat(preview.path("owedLess").decimalValue()).isEqualByComparingTo("1600.00");
        assertThat(http.withBasicAuth("liwei", "demo").getForEntity("/api/contracts/" + c.id()
                + "/class-withdrawal-preview?leaveClass=" + code + "&reason=个人原因", JsonNode.class).getStatusCode())
                .as("a consultant").isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<JsonNode> created = post("zhaomin", body(c.id(), code, "个人原因"));

        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
        JsonNode r = created.getBody();
        assertThat(r.get("classCode").asText()).isEqualTo(code);
        assertThat(r.get("amount").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(r.get("computation").asText()).contains("合同账户：已缴 ¥2,800.00，尚有未缴款 ¥2,800.00")
                .contains("可退金额：¥0.00（其余 ¥1,600.00 抵减未缴分期款）");
        ProcessInstance pi = RefundRuns.throughToTheEnd(engine, leads, r.get("id").asText());

        assertThat(pi).hasPassed("Task_ApproveRefund", "ServiceTask_StopTeaching").isEnded();
        Refund done = refunds.get(jdbc.sql("select id from refund where refund_no = ?").param(r.get("id").asText())
                .query(Long.class).single());
        assertThat(done.status()).isEqualTo(RefundStatus.PAID);
        assertThat(done.owedLess()).isEqualByComparingTo("1600.00");
        PaymentOrder order = payments.forContract(c.id()).orElseThrow();
        assertThat(order.total()).isEqualByComparingTo("4000.00");
        assertThat(order.outstanding()).as("the second installment lowered to ¥1,200.00")
                .isEqualByComparingTo("1200.00");
        assertThat(hours(c.id())).containsExactly("一对一课时 0/0/20", "班课 0/16/0");
        assertThat(status(c.id())).isEqualTo("ISSUED");
    }

    @Test
    void shouldRefuseBadForeignAndDoubleRequestsByFieldAndStoreNothing() {
        String code = classes.newClass("BJ-HD", 16);
        String other = classes.newClass("BJ-HD", 16);
        Contract c = student(code, "赵拒绝", "5600.00");
        Contract classOnly = classes.student("BJ-HD", other, "钱只上班课");

        ResponseEntity<JsonNode> unknown = post("chenxi", body(c.id(), other, "个人原因"));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().toString()).contains("leaveClass").contains("合同中没有还有课时的班级“" + other + "”")
                .contains("（有：" + code + "）");
        ResponseEntity<JsonNode> previewed = http.withBasicAuth("chenxi", "demo").getForEntity("/api/contracts/"
                + c.id() + "/class-withdrawal-preview?leaveClass=" + other + "&reason=个人原因", JsonNode.class);
        assertThat(previewed.getStatusCode()).as("the preview refuses as the request does")
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(previewed.getBody().toString()).contains("合同中没有还有课时的班级“" + other + "”");
        assertThat(post("chenxi", body(classOnly.id(), other, "个人原因")).getBody().toString())
                .as("the class is all that is left: a refund of the whole contract").contains("leaveClass")
                .contains("请用“申请退费”办理整份合同的退费");
        Map<String, Object> withdrawal = body(c.id(), code, "个人原因");
        withdrawal.put("withdrawal", true);
        assertThat(post("chenxi", withdrawal).getBody().toString()).contains("withdrawal").contains("不能同时退学");
        assertThat(post("chenxi", body(c.id(), code, "OVERPAYMENT")).getBody().toString()).contains("leaveClass")
                .contains("退还多付款不退课时");
        assertThat(post("liwei", body(c.id(), code, "个人原因")).getStatusCode()).as("a consultant")
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("taoran", body(c.id(), code, "个人原因")).getStatusCode()).as("customer service of 上海")
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<JsonNode> noClass = submitForm("chenxi", c.number(), null, "SCHEDULE");
        assertThat(noClass.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noClass.getBody().path("message").asText()).as("the form names its own field")
                .isEqualTo("提交内容有误：退出班级：必填");
        assertThat(refundsOf(c.id()) + refundsOf(classOnly.id())).isZero();

        assertThat(post("chenxi", body(c.id(), code, "个人原因")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<JsonNode> again = submitForm("zhaomin", c.number(), code, "SCHEDULE");
        assertThat(again.getBody().path("message").asText()).contains("已有进行中的退费申请");
        assertThat(refundsOf(c.id())).isEqualTo(1);
        assertThat(roster(code)).as("on the roster until the approval").contains("赵拒绝");
    }
}
