package com.enrollflow.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.common.Money;
import com.enrollflow.pricing.Quote;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;

/** installment-reminder.bpmn (分期缴费提醒): reminder, overdue chase, payment at any time, escalation. */
@EnrollFlowTest
class InstallmentReminderProcessTests {

    @Autowired
    Sales sales;
    @Autowired
    Leads leads;
    @Autowired
    ProcessEngine engine;
    @Autowired
    PaymentService payments;
    @Autowired
    PaymentSignal signal;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.boot.test.web.client.TestRestTemplate http;
    @Autowired
    com.enrollflow.refund.Refunds refunds;
    @Autowired
    com.enrollflow.testsupport.Assignments assignments;

    record Paid(Sales.Owned owned, PaymentOrder order, ProcessInstance reminder, ProcessInstance enrollment) {
    }

    /** Two installments; the first paid at the desk: a reminder instance waits for the second. */
    private Paid firstInstallmentPaid() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.approvedQuote(o, InstallmentPlan.TWO);
        ProcessInstance pi = sales.start("contractAndPayment", o, Map.of("quoteId", q.id()));
        sales.runJobs(pi);
        PaymentOrder order = payments.forOpportunity(o.opportunityId()).get(0);
        leads.completeAs("zhaomin", sales.task(pi), Map.of("paymentMethod", "CASH",
                "paymentAmount", order.installments().get(0).amount().doubleValue()));
        sales.runJobs(pi);
        assertThat(pi).hasPassed("EndEvent_Paid").isEnded();
        // enrollment.bpmn, paid: 列出待缴分期 and the multi-instance 分期缴费提醒, one instance per unpaid installment
        ProcessInstance enrollment = sales.startBefore("enrollment", "ServiceTask_ListInstallments", o,
                Map.of("orderId", order.id()));
        sales.runJobs(enrollment);
        assertThat(enrollment).isWaitingAt("CallActivity_InstallmentReminders");
        ProcessInstance reminder = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("installmentReminder").processInstanceBusinessKey(String.valueOf(o.opportunityId()))
                .singleResult();
        assertThat(reminder).isNotNull();
        assertThat(reminder).variables().containsEntry("installmentSeq", 2).containsEntry("orderId", order.id())
                .containsEntry("installmentSummary", "第2期 " + Money.yuan(order.installments().get(1).amount())
                        + "，应于 " + order.installments().get(1).dueDate() + " 前缴纳（缴费单 " + order.orderNo() + "）");
        return new Paid(o, order, reminder, enrollment);
    }

    private void fire(ProcessInstance pi, String timer) {
        var management = engine.getManagementService();
        management.executeJob(management.createJobQuery().processInstanceId(pi.getId()).activityId(timer)
                .singleResult().getId());
    }

    private void paySecond(Paid p) {
        payments.record(p.order().id(), PaymentMethod.WECHAT, p.order().installments().get(1).amount(),
                "DESK:" + Leads.newPhone(), null, "zhaomin");
        signal.paymentArrived(p.owned().opportunityId());
    }

    @Test
    void shouldRemindTheFamilyThreeDaysBeforeTheDueDateAndEndWhenPaidInTime() {
        Paid p = firstInstallmentPaid();
        assertThat(p.reminder()).as("the reminder day or a payment, whichever comes first")
                .isWaitingAt("Gateway_WaitReminder");
        var timer = engine.getManagementService().createJobQuery().processInstanceId(p.reminder().getId())
                .singleResult();
        assertThat(timer.getDuedate().toInstant()).isBefore(p.order().installments().get(1).dueDate()
                .atStartOfDay(com.enrollflow.reference.BusinessTime.ZONE).toInstant());

        fire(p.reminder(), "TimerEvent_ReminderDue");
        assertThat(p.reminder()).hasPassed("ServiceTask_SendPaymentReminder").isWaitingAt("Gateway_WaitDue");
        assertThat(jdbc.sql("select subject from notification where dedupe_key = ?")
                .param("payment-reminder:" + p.reminder().getId()).query(String.class).single()).contains("分期缴费提醒");

        // part of it paid: checked at once, still owed, waiting for the due date again
        payments.record(p.order().id(), PaymentMethod.CASH, new BigDecimal("100.00"), "DESK:" + Leads.newPhone(),
                null, "zhaomin");
        signal.paymentArrived(p.owned().opportunityId());
        assertThat(p.reminder()).hasPassed("ServiceTask_CheckPaymentBeforeDue").isWaitingAt("Gateway_WaitDue");
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(p.reminder().getId())
                .activityId("TimerEvent_InstallmentDue").count()).isOne();

        // the rest paid before the due date: the installment is settled then, not when the due date comes
        payments.record(p.order().id(), PaymentMethod.WECHAT, p.order().installments().get(1).amount()
                .subtract(new BigDecimal("100.00")), "DESK:" + Leads.newPhone(), null, "zhaomin");
        signal.paymentArrived(p.owned().opportunityId());
        assertThat(p.reminder()).hasPassed("MessageEvent_PaymentBeforeDue", "EndEvent_PaidBeforeDue")
                .hasNotPassed("TimerEvent_InstallmentDue", "ServiceTask_MarkOverdue").isEnded();
        assertThat(payments.get(p.order().id()).status()).isEqualTo("PAID");
        // the last installment settled: the multi-instance call completes and 报名签约 ends
        assertThat(p.enrollment()).hasPassed("EndEvent_InstallmentsSettled").isEnded();
    }

    /** A rerun of 列出待缴分期 (or an instance an earlier version's loop started) never starts a second reminder. */
    @Test
    void shouldNotRemindTheSameInstallmentTwice() {
        Paid p = firstInstallmentPaid();
        ProcessInstance again = sales.startBefore("enrollment", "ServiceTask_ListInstallments", p.owned(),
                Map.of("orderId", p.order().id()));
        sales.runJobs(again);
        assertThat(again).hasPassed("EndEvent_InstallmentsSettled").isEnded();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("installmentReminder")
                .processInstanceBusinessKey(String.valueOf(p.owned().opportunityId())).count()).isEqualTo(1);
    }

    @Test
    void shouldEndWithoutAReminderWhenTheFamilyPaysEarlyInParts() {
        Paid p = firstInstallmentPaid();
        // part of it first: still owed, the reminder day still ahead
        payments.record(p.order().id(), PaymentMethod.CASH, new BigDecimal("100.00"), "DESK:" + Leads.newPhone(),
                null, "zhaomin");
        signal.paymentArrived(p.owned().opportunityId());
        assertThat(p.reminder()).hasPassed("ServiceTask_CheckPaymentBeforeReminder")
                .isWaitingAt("Gateway_WaitReminder");
        payments.record(p.order().id(), PaymentMethod.WECHAT, p.order().installments().get(1).amount()
                .subtract(new BigDecimal("100.00")), "DESK:" + Leads.newPhone(), null, "zhaomin");
        signal.paymentArrived(p.owned().opportunityId());
        assertThat(p.reminder()).as("ended by the payment, days before the reminder would have come")
                .hasPassed("MessageEvent_PaymentBeforeReminder", "EndEvent_PaidBeforeReminder")
                .hasNotPassed("TimerEvent_ReminderDue", "ServiceTask_SendPaymentReminder").isEnded();
        assertThat(p.enrollment()).hasPassed("EndEvent_InstallmentsSettled").isEnded();
    }

    @Test
    void shouldChaseAnOverdueInstallmentUntilThePaymentArrives() {
        Paid p = firstInstallmentPaid();
        fire(p.reminder(), "TimerEvent_ReminderDue");
        fire(p.reminder(), "TimerEvent_InstallmentDue");
        var chase = sales.task(p.reminder());
        assertThat(chase).hasDefinitionKey("Task_ChaseOverdueInstallment").isAssignedTo("liwei");
        assertThat(engine.getTaskService().getVariable(chase.getId(), "installmentSummary").toString())
                .contains("第2期");

        assertThatThrownBy(() -> leads.completeAs("liwei", chase, Map.of("chaseOutcome", "NEW_DATE",
                "chaseNote", "家长说下周", "newDueDate", "2020-01-01"))).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("新的缴费日期：须为今天之后 60 天内的日期");
        leads.completeAs("liwei", chase, Map.of("chaseOutcome", "NEW_DATE", "chaseNote", "家长说下周发工资后缴",
                "newDueDate", LocalDate.now().plusDays(7).toString()));
        assertThat(p.reminder()).isWaitingAt("Gateway_WaitDue");

        fire(p.reminder(), "TimerEvent_InstallmentDue");
        assertThat(sales.task(p.reminder())).hasDefinitionKey("Task_ChaseOverdueInstallment");
        paySecond(p);
        assertThat(p.reminder()).hasPassed("BoundaryEvent_InstallmentPaid", "EndEvent_InstallmentPaid").isEnded();
    }

    @Test
    void shouldEndTheChaseWhenFinanceConfirmsTheBankTransferTheDeskRecorded() {
        Paid p = firstInstallmentPaid();
        fire(p.reminder(), "TimerEvent_ReminderDue");
        fire(p.reminder(), "TimerEvent_InstallmentDue");
        assertThat(sales.task(p.reminder())).hasDefinitionKey("Task_ChaseOverdueInstallment");

        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.set("Idempotency-Key", "bank-" + Leads.newPhone());
        long paymentId = http.withBasicAuth("zhaomin", "demo").postForObject("/api/payment-orders/"
                + p.order().orderNo() + "/payments", new org.springframework.http.HttpEntity<>(Map.of("method",
                        "BANK_TRANSFER", "amount", p.order().installments().get(1).amount(), "reference", "招行 8812"),
                        headers), com.fasterxml.jackson.databind.JsonNode.class).get("paymentId").asLong();
        assertThat(sales.task(p.reminder())).as("not confirmed yet: still to chase")
                .hasDefinitionKey("Task_ChaseOverdueInstallment");

        assertThat(http.withBasicAuth("fengyu", "demo").postForObject("/api/payments/" + paymentId + "/confirmation",
                Map.of("received", true), com.fasterxml.jackson.databind.JsonNode.class).get("status").asText())
                .isEqualTo("CONFIRMED");
        assertThat(p.reminder()).as("催缴 ends when the money is confirmed, not only when it is taken")
                .hasPassed("BoundaryEvent_InstallmentPaid", "EndEvent_InstallmentPaid").isEnded();
        assertThat(payments.get(p.order().id()).status()).isEqualTo("PAID");
    }

    /** The desk's payment of the second installment through the API: the answer as the desk reads it. */
    private org.springframework.http.ResponseEntity<com.fasterxml.jackson.databind.JsonNode> deskPays(Paid p,
            String method) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.set("Idempotency-Key", "desk-" + Leads.newPhone());
        return http.withBasicAuth("zhaomin", "demo").postForEntity("/api/payment-orders/" + p.order().orderNo()
                + "/payments", new org.springframework.http.HttpEntity<>(Map.of("method", method, "amount",
                        p.order().installments().get(1).amount(), "reference", "招行 8812"), headers),
                com.fasterxml.jackson.databind.JsonNode.class);
    }

    @Test
    void shouldStopTakingAndChasingTheNextInstallmentOnceTheFamilyAsksForItsMoneyBack() {
        Paid p = firstInstallmentPaid();
        fire(p.reminder(), "TimerEvent_ReminderDue");
        fire(p.reminder(), "TimerEvent_InstallmentDue");
        assertThat(sales.task(p.reminder())).hasDefinitionKey("Task_ChaseOverdueInstallment");
        com.enrollflow.refund.Refunds.Request asked = new com.enrollflow.refund.Refunds.Request(
                p.order().contractId(), null, "搬家", "家长要求退费");

        // a bank transfer finance has not confirmed yet would be missing from the refund's computation
        long pending = deskPays(p, "BANK_TRANSFER").getBody().get("paymentId").asLong();
        assertThatThrownBy(() -> refunds.request(asked, "chenxi")).hasMessageContaining("有 "
                + Money.yuan(p.order().installments().get(1).amount()) + " 待财务确认的款项");
        payments.confirm(pending, false, "fengyu"); // 未到账
        com.enrollflow.refund.Refund refund = refunds.request(asked, "chenxi");

        var refused = deskPays(p, "CASH");
        assertThat(refused.getStatusCode()).isEqualTo(org.springframework.http.HttpStatus.CONFLICT);
        assertThat(refused.getBody().get("detail").asText()).isEqualTo("合同 " + jdbc.sql("select number from "
                + "contract where id = ?").param(p.order().contractId()).query(String.class).single()
                + " 已申请退费（" + refund.refundNo() + "），不能再收款");
        assertThat(sales.task(p.reminder())).as("asked, not decided: a rejected refund collects again")
                .hasDefinitionKey("Task_ChaseOverdueInstallment");

        ProcessInstance approval = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("refund").processInstanceBusinessKey(refund.refundNo()).singleResult();
        Map<String, String> approvers = Map.of("salesSupervisor", "sunqiang", "campusDirector", "zhouhua",
                "financeManager", "heyun");
        sales.runJobs(approval);
        for (org.camunda.bpm.engine.task.Task t = sales.task(approval, "Task_ApproveRefund"); t != null;
                t = sales.task(approval, "Task_ApproveRefund")) {
            String group = engine.getTaskService().getIdentityLinksForTask(t.getId()).stream()
                    .filter(l -> l.getGroupId() != null).findFirst().orElseThrow().getGroupId();
            leads.completeAs(approvers.get(group), t, Map.of("refundDecision", "APPROVE", "approvalComment", "同意"));
            sales.runJobs(approval);
        }
        assertThat(approval).hasPassed("ServiceTask_StopTeaching");
        assertThat(p.reminder()).as("the chase ends when the teaching stops")
                .hasPassed("BoundaryEvent_InstallmentPaid", "EndEvent_InstallmentPaid").isEnded();
        assertThat(deskPays(p, "CASH").getBody().get("detail").asText()).endsWith("，不能再收款");
    }

    /**
     * 离职转交 (decision 538): the leaving consultant's chase and the reminder whose due day is still to come pass to
     * the team's other active member, so the chase is created for them; a team with nobody else refuses the whole
     * hand-over by name and moves nothing.
     */
    @Test
    void shouldHandTheLeavingConsultantsChasesToAColleagueOrRefuseTheHandOverWhenNobodyIsLeft() {
        Paid chasing = firstInstallmentPaid();
        fire(chasing.reminder(), "TimerEvent_ReminderDue");
        fire(chasing.reminder(), "TimerEvent_InstallmentDue");
        Paid waiting = firstInstallmentPaid();
        var alone = assignments.team(com.enrollflow.assignment.AssignmentStrategy.FEWEST_OPEN, "liwei");

        var refused = handOver(alone);
        assertThat(refused.getStatusCode()).isEqualTo(org.springframework.http.HttpStatus.CONFLICT);
        assertThat(refused.getBody().get("detail").asText()).startsWith("团队中没有其他在职成员可以接手")
                .endsWith("，请指定接收人（to）");
        assertThat(sales.task(chasing.reminder())).isAssignedTo("liwei");
        assertThat(http.withBasicAuth("sunqiang", "demo").getForObject("/api/teams/" + alone,
                com.fasterxml.jackson.databind.JsonNode.class).get("members").findValuesAsText("status"))
                .as("all or nothing").containsExactly("ACTIVE");

        var answer = handOver(assignments.team(com.enrollflow.assignment.AssignmentStrategy.FEWEST_OPEN, "liwei",
                "sunli"));
        assertThat(answer.getStatusCode()).isEqualTo(org.springframework.http.HttpStatus.OK);
        assertThat(answer.getBody().findValuesAsText("work")).contains("催缴分期款 第 2 期");
        assertThat(sales.task(chasing.reminder())).hasDefinitionKey("Task_ChaseOverdueInstallment")
                .isAssignedTo("sunli");
        fire(waiting.reminder(), "TimerEvent_ReminderDue");
        fire(waiting.reminder(), "TimerEvent_InstallmentDue");
        assertThat(sales.task(waiting.reminder())).as("created after the hand-over").isAssignedTo("sunli");
        leads.completeAs("sunli", sales.task(chasing.reminder()), Map.of("chaseOutcome", "ESCALATE",
                "chaseNote", "家长拒绝继续缴费"));
        assertThat(chasing.reminder()).hasPassed("EndEvent_Escalated").isEnded();
    }

    private org.springframework.http.ResponseEntity<com.fasterxml.jackson.databind.JsonNode> handOver(String team) {
        return http.withBasicAuth("sunqiang", "demo").postForEntity("/api/teams/" + team + "/members/liwei/hand-over",
                Map.of("status", "ON_LEAVE"), com.fasterxml.jackson.databind.JsonNode.class);
    }

    @Test
    void shouldReportAnUnpaidInstallmentToTheCampusDirector() {
        Paid p = firstInstallmentPaid();
        fire(p.reminder(), "TimerEvent_ReminderDue");
        fire(p.reminder(), "TimerEvent_InstallmentDue");
        leads.completeAs("liwei", sales.task(p.reminder()), Map.of("chaseOutcome", "ESCALATE",
                "chaseNote", "家长拒绝继续缴费"));
        assertThat(p.reminder()).hasPassed("ServiceTask_EscalateOverdue", "EndEvent_Escalated").isEnded();
        assertThat(jdbc.sql("select count(*) from notification where dedupe_key like ?")
                .param("escalated:" + p.reminder().getId() + ":%").query(Integer.class).single()).isPositive();
        assertThat(payments.get(p.order().id()).outstanding()).isEqualByComparingTo(
                p.order().installments().get(1).amount());
    }
}
