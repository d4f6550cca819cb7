package com.enrollflow.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentMethod;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.refund.Refund;
import com.enrollflow.refund.RefundReason;
import com.enrollflow.refund.RefundStatus;
import com.enrollflow.refund.Refunds;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * transfer.bpmn (转课): the remaining lessons move to the new course at today's price; the new course is scheduled
 * while the difference is settled as the policy says: an installment to pay (chased by the installment reminder), a
 * refund through the approval gate, or balance kept; the transfer completes when both are done.
 *
 * <p>The fixture: a BJ-HD J2 contract of 60 senior math lessons for ¥12,000 (¥200 a lesson), 2 taught and 3 ahead.
 * The demo price list asks ¥200 (标准), ¥280 (高级) and ¥380 (特级) for a J2 lesson at BJ-HD.
 */
@EnrollFlowTest
class TransferProcessTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    PaymentService payments;
    @Autowired
    Transfers transfers;
    @Autowired
    Refunds refunds;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SchedulingService scheduling;
    @Autowired
    TestRestTemplate http;
    @Autowired
    com.enrollflow.teaching.RemainingLessonsFollowUps remainingLessons;

    /** The fixture's students all want Saturday 09:00 with the campus's one physics teacher: free him again. */
    private final List<Long> students = new ArrayList<>();

    @AfterEach
    void freeTheTeachers() {
        students.forEach(o -> scheduling.closeSchedule(o, "测试结束", "test"));
    }

    private record Paid(TeachingTestSupport.Schedule schedule, PaymentOrder order) {
        long contractId() {
            return schedule.contract().contractId();
        }

        long opportunityId() {
            return schedule.contract().opportunityId();
        }
    }

    /** The fixture contract with its order in two installments, of which {@code paid} is paid at the desk. */
    private Paid contract(String paid) {
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(2, 2, 3);
        TeachingTestSupport.Taught t = s.contract();
        PaymentOrder order = payments.openOrder(t.opportunityId(), t.quoteId(), t.contractId(), "BJ-HD",
                new BigDecimal("12000.00"), InstallmentPlan.TWO, LocalDate.now());
        for (String amount : paid.split(",")) {
            payments.record(order.id(), PaymentMethod.CASH, new BigDecimal(amount), "DESK:transfer-" + t.contractId()
                    + "-" + amount + "-" + System.nanoTime(), null, "zhaomin");
        }
        students.add(t.opportunityId());
        return new Paid(s, order);
    }

    private ProcessInstance instance(Transfer t) {
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("transfer")
                .variableValueEquals("transferId", t.id()).singleResult();
        leads.runJobs(pi.getId());
        return pi;
    }

    private long remainingLessonsTasks(long opportunityId) {
        return engine.getTaskService().createTaskQuery().processDefinitionKey("remainingLessonsFollowUp")
                .processInstanceBusinessKey(String.valueOf(opportunityId)).count();
    }

    /** The new course's proposal: its teacher and lessons; academic affairs confirms it. */
    private String confirmNewSchedule(ProcessInstance pi, int lessons) {
        ProcessInstance scheduling = engine.getRuntimeService().createProcessInstanceQuery()
                .superProcessInstanceId(pi.getId()).processDefinitionKey("oneOnOneScheduling").singleResult();
        leads.runJobs(scheduling.getId());
        Task confirm = engine.getTaskService().createTaskQuery().processInstanceId(scheduling.getId()).singleResult();
        assertThat(confirm.getTaskDefinitionKey()).isEqualTo("Task_ConfirmSchedule");
        List<String> teachers = jdbc.sql("select distinct l.teacher_id from lesson l join schedule_proposal p on "
                + "p.id = l.proposal_id where p.live_opportunity_id = ?").param(pi.getBusinessKey() == null ? 0
                        : Long.parseLong(pi.getBusinessKey())).query(String.class).list();
        assertThat(jdbc.sql("select count(*) from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.live_opportunity_id = ?").param(Long.parseLong(pi.getBusinessKey())).query(Integer.class)
                .single()).as("every lesson left, proposed again").isEqualTo(lessons);
        leads.completeAs("wuting", confirm, Map.of("scheduleDecision", "CONFIRM"));
        return teachers.get(0);
    }

    private static Transfers.Request to(String subject, String level, Boolean refund) {
        return new Transfers.Request(subject, level, "学生想换科目", refund);
    }

    @Test
    void shouldMoveTheLessonsToADearerCourseAddTheDifferenceAsAnInstallmentAndScheduleTheNewCourse() {
        Paid c = contract("6000.00,6000.00");
        Transfer t = transfers.request(c.contractId(), to("语文", "高级", null), "wuting");

        assertThat(t.transferNo()).startsWith("ZK");
        assertThat(t.lessons()).isEqualTo(58);
        assertThat(t.valueOut()).isEqualByComparingTo("11600.00"); // 12000 × 58 ÷ 60
        assertThat(t.unitPrice()).isEqualByComparingTo("280.00");
        assertThat(t.valueIn()).isEqualByComparingTo("16240.00");
        assertThat(t.difference()).isEqualByComparingTo("4640.00");
        assertThat(t.lessonsCancelled()).as("the 3 lessons ahead of the old course").isEqualTo(3);
        assertThat(t.computation()).contains("家长需补缴 ¥4,640.00");
        assertThat(jdbc.sql("select transferred_out from hours_ledger where contract_id = ? and line_no = 1")
                .param(c.contractId()).query(Integer.class).single()).isEqualTo(58);
        assertThat(jdbc.sql("select transferred_in || '/' || final_amount from hours_ledger where contract_id = ? "
                + "and line_no = ?").params(c.contractId(), t.toLineNo()).query(String.class).single())
                .isEqualTo("58/16240.00");
        assertThat(jdbc.sql("select count(*) from lesson where id in (?, ?, ?) and status = 'CANCELLED'")
                .params(c.schedule().lessons().get(2), c.schedule().lessons().get(3), c.schedule().lessons().get(4))
                .query(Integer.class).single()).isEqualTo(3);

        ProcessInstance pi = instance(t);
        assertThat(pi.getBusinessKey()).isEqualTo(String.valueOf(c.opportunityId()));
        assertThat(pi).hasPassed("BusinessRuleTask_DecideSettlement", "ServiceTask_SettleDifference")
                .isWaitingAt("CallActivity_ScheduleNewCourse", "CallActivity_CollectTopUp");
        Transfer settled = transfers.get(t.id());
        assertThat(settled.settlement()).isEqualTo(Transfer.Settlement.TOP_UP);
        assertThat(settled.installmentSeq()).isEqualTo(3);
        PaymentOrder order = payments.get(c.order().id());
        assertThat(order.status()).as("the paid order opens again").isEqualTo("OPEN");
        assertThat(order.total()).isEqualByComparingTo("16640.00");
        assertThat(order.installments().get(2).amount()).isEqualByComparingTo("4640.00");
        assertThat(order.installments().get(2).dueDate()).isEqualTo(LocalDate.now(
                com.enrollflow.reference.BusinessTime.ZONE).plusDays(7));

        assertThat(confirmNewSchedule(pi, 58)).as("杨帆 teaches senior Chinese at BJ-HD").isEqualTo("T-BJHD-05");
        assertThat(pi).isWaitingAt("CallActivity_CollectTopUp");
        assertThat(transfers.get(t.id()).status()).isEqualTo(Transfer.IN_PROGRESS);
        assertThat(transfers.get(t.id()).statusLabel()).isEqualTo("办理中（待确认新课表与差价）");

        // the family pays the difference at the desk the same day, days before it is due: the reminder checks the
        // payment as it arrives and ends, and the transfer completes then (not when the reminder's day comes)
        ProcessInstance reminder = engine.getRuntimeService().createProcessInstanceQuery()
                .superProcessInstanceId(pi.getId()).processDefinitionKey("installmentReminder").singleResult();
        HttpHeaders headers = new HttpHeaders();
        headers.set("Idempotency-Key", "topup-" + t.id());
        ResponseEntity<JsonNode> paid = http.withBasicAuth("zhaomin", "demo").postForEntity("/api/payment-orders/"
                + order.orderNo() + "/payments", new HttpEntity<>(Map.of("method", "CASH", "amount", 4640), headers),
                JsonNode.class);
        assertThat(paid.getStatusCode()).as(String.valueOf(paid.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(reminder).hasPassed("MessageEvent_PaymentBeforeReminder", "EndEvent_PaidBeforeReminder")
                .hasNotPassed("TimerEvent_ReminderDue").isEnded();
        leads.runJobs(pi.getId());
        assertThat(pi).hasPassed("Gateway_TransferJoin", "ServiceTask_CompleteTransfer").isEnded();
        assertThat(transfers.get(t.id()).status()).isEqualTo(Transfer.COMPLETED);
        assertThat(transfers.get(t.id()).statusLabel()).isEqualTo("已完成");
        assertThat(jdbc.sql("select subject || '|' || body from notification where dedupe_key = ?")
                .param("transfer:" + t.transferNo()).query(String.class).single())
                .as("the family's mail: the new course, its lessons and the difference paid")
                .startsWith("北京海淀校区：转课已办理（" + t.transferNo() + "）|")
                .contains("剩余的 58 课时已从数学 · 高级教师转为语文 · 高级教师一对一课程，上课安排：\n第1次 ")
                .contains("差价 ¥4,640.00 列为第3期缴费，已缴清，谢谢。");

        // a refund after it: everything paid less the two lessons taught = the 58 new lessons at ¥280
        Refund after = refunds.request(new Refunds.Request(c.contractId(), null, "PERSONAL", "搬家"), "chenxi");
        assertThat(after.paid()).isEqualByComparingTo("16640.00");
        assertThat(after.consumedValue()).isEqualByComparingTo("400.00");
        assertThat(after.amount()).isEqualByComparingTo("16240.00");
    }

    @Test
    void shouldEndWithoutMoneyWhenTheNewCourseCostsTheSame() {
        Paid c = contract("6000.00,6000.00");
        // academic affairs were asked to book hours of this family (剩余课时待排): the transfer schedules them instead
        remainingLessons.ask(c.opportunityId(), c.contractId(), "BJ-HD-TEST", 2);
        assertThat(remainingLessonsTasks(c.opportunityId())).isEqualTo(1);
        Transfer t = transfers.request(c.contractId(), to("PHYSICS", "STANDARD", true), "chenxi");
        assertThat(t.difference()).isEqualByComparingTo("0.00");
        ProcessInstance pi = instance(t);
        assertThat(remainingLessonsTasks(c.opportunityId())).as("withdrawn once the new course is being scheduled")
                .isZero();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("remainingLessonsFollowUp").processInstanceBusinessKey(
                        String.valueOf(c.opportunityId())).singleResult().getDeleteReason())
                .isEqualTo("剩余课时改由一对一排课重新安排");
        assertThat(transfers.get(t.id()).settlement()).isEqualTo(Transfer.Settlement.NONE);
        assertThat(pi).hasPassed("Gateway_DifferenceSettled").hasNotPassed("CallActivity_CollectTopUp").isWaitingAt("CallActivity_ScheduleNewCourse");
        assertThat(confirmNewSchedule(pi, 58)).as("陈刚 teaches J2 physics").isEqualTo("T-BJHD-04");
        leads.runJobs(pi.getId());
        assertThat(pi).isEnded();
        assertThat(payments.get(c.order().id()).total()).isEqualByComparingTo("12000.00");
    }

    /** A cheaper physics rate from today: ¥150 a lesson, so 58 lessons leave the family ¥2,900 in its favour. */
    private void cheaperPhysics() {
        jdbc.sql("delete from price_rate where campus_code = 'BJ-HD' and grade = 'J2' and subject = 'PHYSICS'").update();
        jdbc.sql("insert into price_rate (campus_code, grade, subject, teacher_level, lesson_price, valid_from) "
                + "values ('BJ-HD', 'J2', 'PHYSICS', 'STANDARD', 150.00, ?)").param(LocalDate.now().minusDays(1))
                .update();
    }

    @Test
    void shouldPayADifferenceInTheFamilysFavourBackThroughTheRefundGateWhenTheFamilyAsks() {
        cheaperPhysics();
        try {
            Paid c = contract("6000.00,6000.00");
            Transfer t = transfers.request(c.contractId(), to("物理", "标准教师", true), "zhaomin");
            assertThat(t.difference()).isEqualByComparingTo("-2900.00");
            assertThat(t.refundable()).isEqualByComparingTo("2900.00");
            ProcessInstance pi = instance(t);
            Transfer settled = transfers.get(t.id());
            assertThat(settled.settlement()).isEqualTo(Transfer.Settlement.REFUND);
            Refund refund = refunds.get(jdbc.sql("select id from refund where refund_no = ?")
                    .param(settled.refundNo()).query(Long.class).single());
            assertThat(refund.reason()).isEqualTo(RefundReason.TRANSFER);
            assertThat(refund.amount()).isEqualByComparingTo("2900.00");
            assertThat(refund.transferId()).isEqualTo(t.id());
            assertThat(refund.computation()).contains(t.transferNo()).contains("可退还 ¥2,900.00");

            // the same gate as any refund: supervisor, then the director (more than ¥2,000)
            ProcessInstance gate = engine.getRuntimeService().createProcessInstanceQuery()
                    .processDefinitionKey("refund").processInstanceBusinessKey(refund.refundNo()).singleResult();
            leads.runJobs(gate.getId());
            assertThat(refunds.get(refund.id()).requiredLevels()).containsExactly("salesSupervisor", "campusDirector");
            for (String approver : List.of("sunqiang", "zhouhua")) {
                Task approve = engine.getTaskService().createTaskQuery().processInstanceId(gate.getId())
                        .singleResult();
                leads.completeAs(approver, approve, Map.of("refundDecision", "APPROVE", "approvalComment", "同意"));
                leads.runJobs(gate.getId());
            }
            assertThat(refunds.get(refund.id()).status()).isEqualTo(RefundStatus.APPROVED);
            assertThat(jdbc.sql("select sum(refunded) from hours_ledger where contract_id = ?")
                    .param(c.contractId()).query(Integer.class).single())
                    .as("a difference refund takes no lesson off the ledger").isZero();
            assertThat(jdbc.sql("select status from contract where id = ?").param(c.contractId())
                    .query(String.class).single()).isEqualTo("ISSUED");

            jdbc.sql("update customer set email = 'transfer.family@example.com' where id = (select customer_id "
                    + "from contract where id = ?)").param(c.contractId()).update();
            assertThat(confirmNewSchedule(pi, 58)).isEqualTo("T-BJHD-04");
            leads.runJobs(pi.getId());
            assertThat(pi).hasPassed("Gateway_DifferenceSettled").hasNotPassed("CallActivity_CollectTopUp").isEnded();
            // the family's mail says where the refund stands now: approved while the new course was scheduled
            assertThat(jdbc.sql("select body from notification where dedupe_key = ?").param("transfer:"
                    + t.transferNo()).query(String.class).single())
                    .contains("您多付的 ¥2,900.00 的退费申请（" + refund.refundNo() + "）已批准，将按原付款方式退还")
                    .doesNotContain("审批后按原付款方式退还");
        } finally {
            jdbc.sql("delete from price_rate where campus_code = 'BJ-HD' and grade = 'J2' and subject = 'PHYSICS'")
                    .update();
        }
    }

    @Test
    void shouldKeepTheDifferenceAsBalanceWhenTheFamilyDoesNotAskOrHasNotPaidForIt() {
        cheaperPhysics();
        try {
            Paid asksNot = contract("6000.00,6000.00");
            Transfer kept = transfers.request(asksNot.contractId(), to("PHYSICS", "STANDARD", false), "wuting");
            instance(kept);
            assertThat(transfers.get(kept.id()).settlement()).isEqualTo(Transfer.Settlement.BALANCE);
            assertThat(transfers.get(kept.id()).refundNo()).isNull();

            // half paid: the family still owes ¥3,100 on its lessons, so nothing of the ¥2,900 is refundable
            Paid halfPaid = contract("6000.00");
            Transfer owed = transfers.request(halfPaid.contractId(), to("PHYSICS", "STANDARD", true), "wuting");
            assertThat(owed.refundable()).isEqualByComparingTo("0.00");
            assertThat(owed.computation()).contains("合同尚有未缴款");
            instance(owed);
            assertThat(transfers.get(owed.id()).settlement()).isEqualTo(Transfer.Settlement.BALANCE);
            assertThat(refunds.openOn(halfPaid.contractId())).isFalse();
            PaymentOrder order = payments.forContract(halfPaid.contractId()).orElseThrow();
            assertThat(order.installments().get(1).amount()).as("the ¥2,900 counts against the second installment")
                    .isEqualByComparingTo("3100.00");
            assertThat(order.outstanding()).as("what the desk and the reminder ask for")
                    .isEqualByComparingTo("3100.00");
            assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = "
                    + "'TRANSFERRED' order by id desc").param(halfPaid.opportunityId()).query(String.class).list()
                    .get(0)).endsWith("：差价 ¥2,900.00，抵减未缴分期款 ¥2,900.00");
            assertThat(payments.forContract(asksNot.contractId()).orElseThrow().total()).as("paid: kept as balance")
                    .isEqualByComparingTo("12000.00");
            assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = "
                    + "'TRANSFERRED' order by id desc").param(asksNot.opportunityId()).query(String.class).list()
                    .get(0)).as("a later refund counts it; nothing applies it to a renewal")
                    .endsWith("：差价 ¥2,900.00，¥2,900.00 留作账户余额，日后申请退费时计入可退金额");
        } finally {
            jdbc.sql("delete from price_rate where campus_code = 'BJ-HD' and grade = 'J2' and subject = 'PHYSICS'")
                    .update();
        }
    }

    @Test
    void shouldRefuseATransferWhileAPaymentAwaitsFinanceAndStoreNothing() {
        Paid c = contract("6000.00");
        // the second installment sent by bank transfer: finance has not confirmed it yet
        payments.record(c.order().id(), PaymentMethod.BANK_TRANSFER, new BigDecimal("6000.00"), "DESK:pending-"
                + System.nanoTime(), "工行 8812", "zhaomin");
        assertThat(payments.get(c.order().id()).pending()).isEqualByComparingTo("6000.00");
        assertThatThrownBy(() -> transfers.request(c.contractId(), to("物理", "标准", true), "wuting"))
                .hasMessageContaining("有 ¥6,000.00 待财务确认的款项（电话支付或银行转账），请财务确认到账或驳回后再转课");
        assertThat(jdbc.sql("select count(*) from transfer where contract_id = ?").param(c.contractId())
                .query(Integer.class).single()).isZero();
        assertThat(payments.get(c.order().id()).total()).as("no installment lowered").isEqualByComparingTo("12000.00");
        assertThat(jdbc.sql("select transferred_out from hours_ledger where contract_id = ? and line_no = 1")
                .param(c.contractId()).query(Integer.class).single()).isZero();
    }
}
