package com.enrollflow.refund;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.springframework.boot.test.web.server.LocalServerPort;
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
import com.enrollflow.teaching.HoursLedger;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.PdfText;
import com.enrollflow.testsupport.RefundRequests;
import com.enrollflow.testsupport.RefundRuns;
import com.enrollflow.testsupport.WebappSession;
import com.enrollflow.testsupport.StartForms;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 退部分课时 (decision 579): a family gives back some of its 1:1 lessons and keeps the rest. They come back through the
 * refund's approval gate and payout, from the Tasklist start form 申请退部分课时 or POST /api/refunds with
 * {@code lessons}, at the price the family paid; what it had not paid yet is taken off its installments instead; the
 * lessons booked beyond those left are cancelled, the latest first; the contract stays in force; bad or foreign
 * requests store nothing.
 */
@EnrollFlowTest
class LessonRefundTests {

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    ClassFixtures classes;
    @Autowired
    HoursLedger ledger;
    @Autowired
    PaymentService payments;
    @Autowired
    Refunds refunds;
    @Autowired
    RefundAgreements agreements;
    @Autowired
    Leads leads;
    @Autowired
    RefundQuotes quotes;
    @Autowired
    com.enrollflow.contract.ContractService contracts;

    /**
     * A BJ-HD contract of 60 1:1 lessons at ¥12,000.00 (¥200.00 each) in two installments of ¥6,000.00, of which
     * {@code paid} is paid at the desk; 2 lessons taught and 5 booked ahead, each holding its student's slot.
     */
    private TeachingTestSupport.Schedule student(String paid) {
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(2, 2, 5);
        TeachingTestSupport.Taught t = s.contract();
        PaymentOrder order = payments.openOrder(t.opportunityId(), t.quoteId(), t.contractId(), "BJ-HD",
                new BigDecimal("12000.00"), InstallmentPlan.TWO, LocalDate.now());
        payments.record(order.id(), PaymentMethod.CARD, new BigDecimal(paid), "DESK:lesson-refund-" + t.contractId(),
                null, "zhaomin");
        for (long lesson : s.lessons().subList(2, s.lessons().size())) {
            jdbc.sql("insert into booking_slot (resource_type, resource_id, slot_start, lesson_id) select 'STUDENT', "
                    + "cast(customer_id as varchar(32)), starts_at, id from lesson where id = ?").param(lesson).update();
        }
        jdbc.sql("update customer set email = 'family@example.com' where id = (select customer_id from contract "
                + "where id = ?)").param(t.contractId()).update();
        return s;
    }

    private String number(long contractId) {
        return jdbc.sql("select number from contract where id = ?").param(contractId).query(String.class).single();
    }

    private ResponseEntity<JsonNode> submitForm(String user, String contract, Object lessons, String reason) {
        Map<String, Object> form = new HashMap<>();
        form.put("contract", contract);
        form.put("lessons", lessons);
        form.put("reason", reason);
        form.put("note", "孩子周末要上竞赛课，一对一只上到寒假前");
        return StartForms.submit(http, user, "lessonRefundRequest", form);
    }

    private ResponseEntity<JsonNode> post(String user, Map<String, Object> body) {
        return RefundRequests.post(http, user, body);
    }

    private static Map<String, Object> body(long contractId, Object lessons, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("contractId", contractId);
        body.put("lessons", lessons);
        body.put("reason", reason);
        return body;
    }

    private ResponseEntity<JsonNode> preview(String user, long contractId, String lessons) {
        return http.withBasicAuth(user, "demo").getForEntity("/api/contracts/" + contractId
                + "/lesson-refund-preview?lessons=" + lessons + "&reason=个人原因", JsonNode.class);
    }

    private List<String> hours(long contractId) {
        return RefundRequests.hours(http, contractId);
    }

    private List<String> lessonStatuses(List<Long> lessons) {
        return lessons.stream().map(id -> jdbc.sql("select status from lesson where id = ?").param(id)
                .query(String.class).single()).toList();
    }

    private int slotsHeld(List<Long> lessons) {
        return lessons.stream().mapToInt(id -> jdbc.sql("select count(*) from booking_slot where lesson_id = ?")
                .param(id).query(Integer.class).single()).sum();
    }

    private String status(long contractId) {
        return jdbc.sql("select status from contract where id = ?").param(contractId).query(String.class).single();
    }

    private int refundsOf(long contractId) {
        return jdbc.sql("select count(*) from refund where contract_id = ?").param(contractId).query(Integer.class)
                .single();
    }

    @Test
    void shouldPaySomeLessonsBackFromTheTasklistFormAndKeepTheRestBooked() {
        TeachingTestSupport.Schedule s = student("12000.00");
        long contractId = s.contract().contractId();

        ResponseEntity<JsonNode> submitted = submitForm("chenxi", number(contractId), 55L, "SCHEDULE");

        assertThat(submitted.getStatusCode()).as(String.valueOf(submitted.getBody())).isEqualTo(HttpStatus.OK);
        Refund r = refunds.forContract(contractId).get(0);
        assertThat(r.lessonsBack()).isEqualTo(55);
        assertThat(r.classCode()).isNull();
        assertThat(r.amount()).as("55 lessons at ¥200.00").isEqualByComparingTo("11000.00");
        assertThat(r.computation()).contains("退部分课时：退回一对一课时 55 课时，其余 3 课时照常上课")
                .contains("一对一课时：购买 60 课时，已上 2 课时，剩余 58 课时").contains("退回课时按成交价折算：¥11,000.00")
                .contains("合同账户：已缴 ¥12,000.00，余额 ¥0.00").contains("退费金额 = 可退金额 － 手续费 = ¥11,000.00");

        // the approver reads what is asked; ¥11,000.00 goes up the whole ladder as any refund of that size
        ProcessInstance pi = RefundRuns.process(engine, leads, r.refundNo());
        Task approval = RefundRuns.task(engine, leads, pi);
        assertThat(approval.getName()).isEqualTo("审批退费");
        assertThat((String) engine.getTaskService().getVariableLocal(approval.getId(), "refundSummary"))
                .contains("退部分课时：退回一对一课时 55 课时");
        assertThat(hours(contractId)).as("nothing changes before the approval").containsExactly("一对一课时 2/0/58");
        RefundRuns.throughToTheEnd(engine, leads, r.refundNo());

        assertThat(pi).hasPassed("ServiceTask_StopTeaching", "ServiceTask_SettleRefund").isEnded();
        Refund paid = refunds.get(r.id());
        assertThat(paid.status()).isEqualTo(RefundStatus.PAID);
        assertThat(refunds.payouts(r.id())).extracting(Refund.Payout::amount)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("11000.00"));
        assertThat(status(contractId)).as("the other 3 lessons go on").isEqualTo("ISSUED");
        assertThat(hours(contractId)).containsExactly("一对一课时 2/55/3");
        List<Long> ahead = s.lessons().subList(2, 7);
        assertThat(lessonStatuses(ahead)).as("3 lessons left: the latest 2 of the 5 booked are cancelled")
                .containsExactly("CONFIRMED", "CONFIRMED", "CONFIRMED", "CANCELLED", "CANCELLED");
        assertThat(slotsHeld(ahead.subList(3, 5))).as("their slots freed").isZero();
        assertThat(slotsHeld(ahead.subList(0, 3))).isEqualTo(3);
        assertThat(jdbc.sql("select amount from sales_credit_reversal where refund_id = ?").param(r.id())
                .query(BigDecimal.class).list()).allSatisfy(a -> assertThat(a).isPositive());
        assertThat(jdbc.sql("select body from notification where dedupe_key = ?").param("refund-paid:" + r.refundNo())
                .query(String.class).single()).contains("您申请的退部分课时已办理完成（退回一对一课时 55 课时），其余课时照常上课")
                .contains("¥11,000.00");
        assertThat(PdfText.of(agreements.document(r.refundNo()))).contains("退部分课时：退回一对一课时55课时")
                .contains("退费金额：¥11,000.00").contains("项下退回的一对一课时55课时作废，其余课时和课程安排不变")
                .doesNotContain("不涉及课时");
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = "
                + "'REFUND_APPROVED'").param(s.contract().opportunityId()).query(String.class).single())
                .contains("退部分课时，退回一对一课时 55 课时，剩余 3 课时照常上课，取消多排的 2 节课");

        // a refund of the rest later pays back the 3 lessons left, never the 55 a second time
        Refund rest = refunds.request(new Refunds.Request(contractId, null, "RELOCATION", "搬家"), "chenxi");
        assertThat(rest.amount()).as("¥12,000.00 − ¥11,000.00 back − 2 lessons taught").isEqualByComparingTo("600.00");
    }

    @Test
    void shouldTakeWhatTheFamilyHasNotPaidOffItsInstallmentsAsThePreviewSaid() {
        TeachingTestSupport.Schedule s = student("6000.00");
        long contractId = s.contract().contractId();

        JsonNode shown = preview("chenxi", contractId, "20").getBody();
        assertThat(shown.path("lessons").asInt()).as(String.valueOf(shown)).isEqualTo(20);
        assertThat(shown.path("leaving").decimalValue()).isEqualByComparingTo("4000.00");
        assertThat(shown.path("back").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(shown.path("owedLess").decimalValue()).isEqualByComparingTo("4000.00");
        assertThat(preview("liwei", contractId, "20").getStatusCode()).as("a consultant")
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(preview("taoran", contractId, "20").getStatusCode()).as("customer service of 上海")
                .isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<JsonNode> created = post("zhaomin", body(contractId, 20, "个人原因"));

        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
        JsonNode r = created.getBody();
        assertThat(r.get("lessonsBack").asInt()).isEqualTo(20);
        assertThat(r.get("amount").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(r.get("computation").asText()).contains("合同账户：已缴 ¥6,000.00，尚有未缴款 ¥6,000.00")
                .contains("可退金额：¥0.00（其余 ¥4,000.00 抵减未缴分期款）");
        ProcessInstance pi = RefundRuns.process(engine, leads, r.get("id").asText());
        Task approval = RefundRuns.task(engine, leads, pi);
        String approver = RefundRuns.approve(engine, leads, approval);
        assertThat(RefundRuns.task(engine, leads, pi)).as("one level, nothing to pay out").isNull();
        // what Tasklist shows the approver after 完成: nothing paid, the lessons' value off what the family owes
        String family = jdbc.sql("select c.name from customer c join contract k on k.customer_id = c.id where k.id = ?")
                .param(contractId).query(String.class).single();
        assertThat(WebappSession.login(port, approver, "demo").taskResult(approval.getId())).isEqualTo(family
                + " 的退费申请 " + r.get("id").asText() + " 已批准：无需退款；退回课时的其余价值 ¥4,000.00 抵减未缴分期款；"
                + "退费随后结清。");

        assertThat(pi).hasPassed("Task_ApproveRefund", "ServiceTask_StopTeaching").isEnded();
        Refund done = refunds.visible(r.get("id").asText());
        assertThat(done.status()).isEqualTo(RefundStatus.PAID);
        assertThat(done.owedLess()).isEqualByComparingTo("4000.00");
        PaymentOrder order = payments.forContract(contractId).orElseThrow();
        assertThat(order.total()).isEqualByComparingTo("8000.00");
        assertThat(order.outstanding()).as("the second installment lowered to ¥2,000.00")
                .isEqualByComparingTo("2000.00");
        assertThat(hours(contractId)).containsExactly("一对一课时 2/20/38");
        assertThat(lessonStatuses(s.lessons().subList(2, 7))).as("38 lessons left: all 5 booked stay")
                .containsOnly("CONFIRMED");
        assertThat(status(contractId)).isEqualTo("ISSUED");
    }

    @Test
    void shouldNeverKeepMoneyPaidOnlineDuringTheApprovalForLessonsGivenBack() {
        TeachingTestSupport.Schedule s = student("6000.00");
        long contractId = s.contract().contractId();
        Refund r = refunds.requestSomeLessons(new Refunds.Request(contractId, null, "SCHEDULE", null, false, null, 20),
                "chenxi");
        assertThat(r.amount()).as("nothing paid back: ¥4,000.00 would come off the unpaid installment")
                .isEqualByComparingTo("0.00");

        // the family pays the second installment online while the approvers decide (the desk takes nothing then)
        PaymentOrder order = payments.forContract(contractId).orElseThrow();
        payments.record(order.id(), PaymentMethod.ONLINE, new BigDecimal("6000.00"), "GW:TX-lesson-refund-" + contractId,
                null, "gateway");
        RefundRuns.throughToTheEnd(engine, leads, r.refundNo());

        Refund done = refunds.get(r.id());
        assertThat(done.status()).isEqualTo(RefundStatus.PAID);
        assertThat(done.amount()).as("never above what was approved").isEqualByComparingTo("0.00");
        assertThat(done.owedLess()).isEqualByComparingTo("4000.00");
        PaymentOrder after = payments.forContract(contractId).orElseThrow();
        assertThat(after.total()).as("the 20 lessons given back come off the order").isEqualByComparingTo("8000.00");
        assertThat(after.overpaid()).isEqualByComparingTo("4000.00");
        Contract contract = contracts.find(contractId).orElseThrow();
        assertThat(quotes.surplus(contract).amount()).as("finance can pay it back as 多付款退还")
                .isEqualByComparingTo("4000.00");
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = "
                + "'REFUND_APPROVED'").param(s.contract().opportunityId()).query(String.class).single())
                .contains("审批期间缴纳的 ¥4,000.00 计为多付款，可申请多付款退还");
    }

    @Test
    void shouldGiveBackOnlyWhatIsLeftWhenLessonsAreTaughtDuringTheApproval() {
        String code = classes.newClass("BJ-HD", 16);
        Contract c = classes.studentWithLessons("BJ-HD", 20, "孙减课", code);
        PaymentOrder order = payments.openOrder(c.opportunityId(), c.quoteId(), c.id(), "BJ-HD",
                new BigDecimal("5600.00"), InstallmentPlan.TWO, LocalDate.now());
        payments.record(order.id(), PaymentMethod.CARD, new BigDecimal("5600.00"), "DESK:lesson-refund-c" + c.id(),
                null, "zhaomin");

        // every 1:1 lesson back is allowed here: the class goes on
        Refund r = refunds.requestSomeLessons(new Refunds.Request(c.id(), null, "SCHEDULE", null, false, null, 20),
                "chenxi");
        assertThat(r.amount()).isEqualByComparingTo("4000.00");
        ledger.consumeOne(c.id(), null, "zhengkai");
        RefundRuns.throughToTheEnd(engine, leads, r.refundNo());

        Refund paid = refunds.get(r.id());
        assertThat(paid.status()).isEqualTo(RefundStatus.PAID);
        assertThat(paid.lessonsBack()).as("one was taught meanwhile").isEqualTo(19);
        assertThat(paid.amount()).isEqualByComparingTo("3800.00");
        assertThat(paid.computation()).contains("退回课时由 20 课时调整为 19 课时，退费金额由 ¥4,000.00 调整为 ¥3,800.00");
        assertThat(hours(c.id())).containsExactly("一对一课时 1/19/0", "班课 0/0/16");
        assertThat(status(c.id())).isEqualTo("ISSUED");
    }

    @Test
    void shouldNeverPayGiftedLessonsBack() {
        TeachingTestSupport.Schedule s = student("12000.00");
        long contractId = s.contract().contractId();
        // 4 gifted on the line itself, 54 of the 60 bought taught: 6 bought and 4 gifted left
        jdbc.sql("update hours_ledger set gifted = 4, consumed = 54 where contract_id = ?").param(contractId).update();

        assertThat(post("chenxi", body(contractId, 7, "个人原因")).getBody().toString()).contains("lessons")
                .contains("一对一课时只剩 6 课时可退（赠送课时不退款），不能退回 7 课时");

        jdbc.sql("update hours_ledger set consumed = 61 where contract_id = ?").param(contractId).update();
        ResponseEntity<JsonNode> onlyGifts = post("chenxi", body(contractId, 1, "个人原因"));
        assertThat(onlyGifts.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(onlyGifts.getBody().toString()).contains("剩余的一对一课时都是赠送课时，不退款");
        assertThat(refundsOf(contractId)).isZero();
    }

    @Test
    void shouldRefuseBadForeignAndDoubleRequestsByFieldAndStoreNothing() {
        TeachingTestSupport.Schedule s = student("12000.00");
        long contractId = s.contract().contractId();

        assertThat(post("chenxi", body(contractId, 0, "个人原因")).getBody().toString()).contains("lessons")
                .contains("至少退回 1 课时");
        ResponseEntity<JsonNode> fraction = post("chenxi", body(contractId, 2.5, "个人原因"));
        assertThat(fraction.getStatusCode()).as("never read as 2").isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fraction.getBody().toString()).contains("lessons").contains("类型不正确，应为整数");
        assertThat(preview("chenxi", contractId, "2.5").getBody().toString()).contains("lessons").contains("应为整数");
        assertThat(post("chenxi", body(contractId, 59, "个人原因")).getBody().toString()).contains("lessons")
                .contains("一对一课时只剩 58 课时可退，不能退回 59 课时");
        assertThat(post("chenxi", body(contractId, 58, "个人原因")).getBody().toString())
                .as("every lesson left: a refund of the whole contract").contains("lessons")
                .contains("请用“申请退费”办理整份合同的退费");
        assertThat(preview("chenxi", contractId, "58").getStatusCode()).as("the preview refuses as the request does")
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(preview("chenxi", contractId, "很多").getBody().toString()).contains("lessons");
        Map<String, Object> withdrawal = body(contractId, 10, "个人原因");
        withdrawal.put("withdrawal", true);
        assertThat(post("chenxi", withdrawal).getBody().toString()).contains("withdrawal").contains("不能同时退学");
        Map<String, Object> withClass = body(contractId, 10, "个人原因");
        withClass.put("leaveClass", "BJHD-J2-MATH-W");
        assertThat(post("chenxi", withClass).getBody().toString()).contains("lessons").contains("退班与退部分课时请分别申请");
        assertThat(post("chenxi", body(contractId, 10, "OVERPAYMENT")).getBody().toString()).contains("lessons")
                .contains("退还多付款不退课时");
        assertThat(post("liwei", body(contractId, 10, "个人原因")).getStatusCode()).as("a consultant")
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("taoran", body(contractId, 10, "个人原因")).getStatusCode()).as("customer service of 上海")
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<JsonNode> half = submitForm("chenxi", number(contractId), 2.5, "SCHEDULE");
        assertThat(half.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(half.getBody().path("message").asText()).as("the form names its own field")
                .contains("退回一对一课时数").contains("应为整数");
        ResponseEntity<JsonNode> none = submitForm("chenxi", number(contractId), null, "SCHEDULE");
        assertThat(none.getBody().path("message").asText()).contains("退回一对一课时数").contains("必填");
        assertThat(refundsOf(contractId)).isZero();

        assertThat(post("chenxi", body(contractId, 10, "个人原因")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<JsonNode> again = submitForm("zhaomin", number(contractId), 5L, "SCHEDULE");
        assertThat(again.getBody().path("message").asText()).contains("已有进行中的退费申请");
        assertThat(refundsOf(contractId)).isEqualTo(1);
        assertThat(hours(contractId)).as("nothing taken off until the approval").containsExactly("一对一课时 2/0/58");
    }
}
