package com.enrollflow.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
import com.enrollflow.contract.ContractService;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentMethod;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.PdfText;
import com.enrollflow.testsupport.RefundRuns;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A family that leaves (申请退费, the whole contract) before it has paid every installment (decision 580): what it had
 * not paid is no longer asked for, so the order charges what the family paid; money it paid online while the refund
 * was being approved shows as overpaid (多付) for 多付款退还 instead of being kept; the board's 营收 and 净收入 and the
 * sales credit (业绩) count only what the institution keeps.
 */
@EnrollFlowTest
class LeavingWithInstallmentsUnpaidTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    PaymentService payments;
    @Autowired
    Refunds refunds;
    @Autowired
    RefundSettlement settlement;
    @Autowired
    RefundQuotes quotes;
    @Autowired
    ContractService contracts;
    @Autowired
    Leads leads;
    @Autowired
    RefundAgreements agreements;
    @LocalServerPort
    int port;

    /**
     * A BJ-HD contract of 60 1:1 lessons at ¥12,000.00 (¥200.00 each) sold today by liwei, in two installments of
     * ¥6,000.00 of which the first is paid at the desk; 2 lessons taught.
     */
    private TeachingTestSupport.Taught halfPaid() {
        TeachingTestSupport.Taught t = teaching.contractWithSchedule(2, 2, 0).contract();
        PaymentOrder order = payments.openOrder(t.opportunityId(), t.quoteId(), t.contractId(), "BJ-HD",
                new BigDecimal("12000.00"), InstallmentPlan.TWO, LocalDate.now());
        payments.record(order.id(), PaymentMethod.CARD, new BigDecimal("6000.00"), "DESK:leaving-" + t.contractId(),
                null, "zhaomin");
        jdbc.sql("update opportunity set paid_at = ?, renewal_of_id = null where id = ?").params(OffsetDateTime.now(),
                t.opportunityId()).update();
        jdbc.sql("insert into sales_credit (opportunity_id, user_id, amount, policy, credited_at) values (?, 'liwei', "
                + "12000.00, 'LAST_OWNER', ?)").params(t.opportunityId(), OffsetDateTime.now()).update();
        return t;
    }

    /** Today's revenue at 北京海淀 as the campus director's funnel report shows it. */
    private JsonNode revenue() {
        String today = LocalDate.now(BusinessTime.ZONE).toString();
        ResponseEntity<JsonNode> r = http.withBasicAuth("zhouhua", "demo").getForEntity("/api/reports/funnel?from="
                + today + "&to=" + today + "&campus=BJ-HD", JsonNode.class);
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.OK);
        return r.getBody().get("revenue");
    }

    private static BigDecimal change(JsonNode before, JsonNode after, String figure) {
        return after.get(figure).decimalValue().subtract(before.get(figure).decimalValue());
    }

    private BigDecimal orderValue(long opportunityId) {
        return jdbc.sql("select order_value from opportunity where id = ?").param(opportunityId)
                .query(BigDecimal.class).single();
    }

    private String number(long contractId) {
        return jdbc.sql("select number from contract where id = ?").param(contractId).query(String.class).single();
    }

    private int orderLessons(long opportunityId) {
        return jdbc.sql("select order_lessons from opportunity where id = ?").param(opportunityId)
                .query(Integer.class).single();
    }

    private String approvedNote(long opportunityId) {
        return jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = "
                + "'REFUND_APPROVED'").param(opportunityId).query(String.class).single();
    }

    @Test
    void shouldAskNoMoreOfAFamilyThatLeavesAndCountOnlyWhatTheInstitutionKeeps() {
        JsonNode before = revenue();
        TeachingTestSupport.Taught t = halfPaid();
        assertThat(change(before, revenue(), "total")).as("the sale counts at its price while it runs")
                .isEqualByComparingTo("12000.00");

        JsonNode preview = http.withBasicAuth("chenxi", "demo").getForObject("/api/contracts/" + t.contractId()
                + "/refund-preview?reason=搬家", JsonNode.class);
        assertThat(preview.path("computation").path("amount").decimalValue()).as(String.valueOf(preview))
                .isEqualByComparingTo("5600.00");
        assertThat(preview.path("unpaidForgone").decimalValue()).as("what customer service can tell the family")
                .isEqualByComparingTo("6000.00");
        Refund r = refunds.request(new Refunds.Request(t.contractId(), null, "RELOCATION", "搬家"), "chenxi");
        assertThat(r.amount()).as("¥6,000.00 paid − 2 lessons × ¥200.00").isEqualByComparingTo("5600.00");
        assertThat(r.computation()).as("what approving it writes off, as every approver reads it")
                .endsWith("退费金额 = 已缴金额 － 已消课时价值 － 手续费 = ¥5,600.00\n未缴分期款 ¥6,000.00：批准后不再收取");
        approve(r);
        assertThat(refunds.get(r.id()).status()).isEqualTo(RefundStatus.APPROVED);
        // the approval's step run a second time (a job whose lock ran out) changes nothing, nor says anything twice
        settlement.stopTeaching(r.id(), "system");
        RefundRuns.throughToTheEnd(engine, leads, r.refundNo());

        Refund done = refunds.get(r.id());
        assertThat(done.status()).isEqualTo(RefundStatus.PAID);
        assertThat(done.owedLess()).as("the second installment, no longer asked for").isEqualByComparingTo("6000.00");
        PaymentOrder order = payments.forContract(t.contractId()).orElseThrow();
        assertThat(order.total()).isEqualByComparingTo("6000.00");
        assertThat(order.outstanding()).as("nothing chased any more").isEqualByComparingTo("0.00");
        assertThat(order.overpaid()).as("nothing to pay back twice").isEqualByComparingTo("0.00");
        assertThat(order.installments().get(1).amount()).isEqualByComparingTo("0.00");
        assertThat(approvedNote(t.opportunityId())).contains("未缴分期款 ¥6,000.00 不再收取");
        assertThat(done.unpaidForgone()).isEqualByComparingTo("6000.00");
        JsonNode shown = http.withBasicAuth("fengyu", "demo").getForObject("/api/refunds/" + r.refundNo(),
                JsonNode.class);
        assertThat(shown.path("unpaidForgone").decimalValue()).as(String.valueOf(shown))
                .isEqualByComparingTo("6000.00");
        assertThat(shown.path("owedLess").decimalValue()).isEqualByComparingTo("6000.00");
        assertThat(jdbc.sql("select body from notification where dedupe_key = ?").param("refund-paid:" + r.refundNo())
                .query(String.class).single()).as("the family's mail")
                .contains("您申请的退费已办理完成，尚未缴纳的分期款 ¥6,000.00 不再收取；退款金额 ¥5,600.00");
        assertThat(PdfText.of(agreements.document(r.refundNo()))).as("the 退费确认书")
                .contains("退费金额：¥5,600.00（人民币）未缴分期款：¥6,000.00（退费后不再收取）")
                .contains("4.合同" + number(t.contractId()) + "项下尚未缴纳的分期款¥6,000.00不再收取。5.本确认书一式两份");

        JsonNode after = revenue();
        assertThat(orderValue(t.opportunityId())).isEqualByComparingTo("6000.00");
        assertThat(orderLessons(t.opportunityId())).as("the lessons ¥6,000.00 pays for at ¥200.00").isEqualTo(30);
        assertThat(change(before, after, "total")).as("the contract's value is what the family paid")
                .isEqualByComparingTo("6000.00");
        assertThat(change(before, after, "refunded")).isEqualByComparingTo("5600.00");
        assertThat(change(before, after, "net")).as("the 2 lessons taught: what the institution keeps")
                .isEqualByComparingTo("400.00");
        assertThat(jdbc.sql("select r.amount from sales_credit_reversal r where r.refund_id = ?").param(r.id())
                .query(BigDecimal.class).single()).as("liwei keeps the credit of the ¥400.00 kept")
                .isEqualByComparingTo("11600.00");

    }

    @Test
    void shouldTellTheLastApproverOfARefundOfNothingThatNothingIsPaidAndTheRestIsNoLongerAskedFor() {
        TeachingTestSupport.Taught t = halfPaid();
        teaching.leaveOnly(t.contractId(), 20);
        Refund r = refunds.request(new Refunds.Request(t.contractId(), null, "RELOCATION", "搬家"), "chenxi");
        assertThat(r.amount()).as("40 lessons taught are worth more than the ¥6,000.00 paid").isZero();

        ProcessInstance pi = RefundRuns.process(engine, leads, r.refundNo());
        String lastApprover = null;
        Task last = null;
        for (Task task = RefundRuns.task(engine, leads, pi); task != null
                && task.getTaskDefinitionKey().equals("Task_ApproveRefund");
                task = RefundRuns.task(engine, leads, pi)) {
            String level = (String) engine.getTaskService().getVariable(task.getId(), "approvalLevel");
            lastApprover = level.equals("salesSupervisor") ? "sunqiang" : "zhouhua";
            leads.completeAs(lastApprover, task, Map.of("refundDecision", "APPROVE"));
            last = task;
        }
        assertThat(refunds.get(r.id()).status()).as("settled without a payout").isEqualTo(RefundStatus.PAID);
        String family = jdbc.sql("select name from customer where id = ?").param(r.customerId()).query(String.class)
                .single();
        // what Tasklist shows the approver after 完成: no payout promised, the family owes nothing more
        assertThat(WebappSession.login(port, lastApprover, "demo").taskResult(last.getId())).isEqualTo(family
                + " 的退费申请 " + r.refundNo() + " 已批准：无需退款；未缴分期款 ¥6,000.00 不再收取；退费随后结清。");
    }

    /** Every approval level approves; the refund then waits for finance's payout, if anything is to be paid. */
    private void approve(Refund r) {
        ProcessInstance pi = RefundRuns.process(engine, leads, r.refundNo());
        for (Task task = RefundRuns.task(engine, leads, pi); task != null
                && task.getTaskDefinitionKey().equals("Task_ApproveRefund"); task = RefundRuns.task(engine, leads, pi)) {
            String level = (String) engine.getTaskService().getVariable(task.getId(), "approvalLevel");
            leads.completeAs(level.equals("salesSupervisor") ? "sunqiang" : "zhouhua", task,
                    Map.of("refundDecision", "APPROVE"));
        }
    }

    @Test
    void shouldNeverKeepMoneyPaidOnlineWhileTheRefundOfEverythingIsApproved() {
        TeachingTestSupport.Taught t = halfPaid();
        Refund r = refunds.request(new Refunds.Request(t.contractId(), null, "RELOCATION", "搬家"), "chenxi");

        // the family pays the second installment online while the approvers decide (the desk takes nothing then)
        PaymentOrder order = payments.forContract(t.contractId()).orElseThrow();
        payments.record(order.id(), PaymentMethod.ONLINE, new BigDecimal("6000.00"), "GW:TX-leaving-" + t.contractId(),
                null, "gateway");
        RefundRuns.throughToTheEnd(engine, leads, r.refundNo());

        Refund done = refunds.get(r.id());
        assertThat(done.status()).isEqualTo(RefundStatus.PAID);
        assertThat(done.amount()).as("never above what was approved").isEqualByComparingTo("5600.00");
        PaymentOrder after = payments.forContract(t.contractId()).orElseThrow();
        assertThat(after.total()).as("the order charges what the refund was computed from").isEqualByComparingTo(
                "6000.00");
        assertThat(after.overpaid()).isEqualByComparingTo("6000.00");
        Contract contract = contracts.find(t.contractId()).orElseThrow();
        assertThat(quotes.surplus(contract).amount()).as("finance can pay it back as 多付款退还")
                .isEqualByComparingTo("6000.00");
        assertThat(approvedNote(t.opportunityId())).contains("审批期间缴纳的 ¥6,000.00 计为多付款，可申请多付款退还")
                .doesNotContain("不再收取");
        assertThat(done.unpaidForgone()).as("nothing was left unpaid").isEqualByComparingTo("0.00");
        assertThat(done.owedLess()).as("the money paid during the approval came off the order")
                .isEqualByComparingTo("6000.00");
        assertThat(PdfText.of(agreements.document(r.refundNo()))).doesNotContain("不再收取");
        assertThat(orderValue(t.opportunityId())).isEqualByComparingTo("6000.00");
    }

    @Test
    void shouldNeverMakeASaleWhoseFirstInstallmentIsUnpaidLookPaid() {
        TeachingTestSupport.Taught t = teaching.contractWithSchedule(0, 0, 0).contract();
        PaymentOrder order = payments.openOrder(t.opportunityId(), t.quoteId(), t.contractId(), "BJ-HD",
                new BigDecimal("12000.00"), InstallmentPlan.TWO, LocalDate.now());
        ResponseEntity<JsonNode> some = com.enrollflow.testsupport.RefundRequests.post(http, "chenxi",
                Map.of("contractId", t.contractId(), "lessons", 10, "reason", "个人原因"));
        assertThat(some.getStatusCode()).as("退部分课时 before the sale is paid").isEqualTo(HttpStatus.CONFLICT);
        assertThat(some.getBody().toString()).contains("首期款尚未缴清（首期 ¥6,000.00，已缴 ¥0.00）")
                .contains("不能退部分课时").contains("客户放弃报名，作废合同");
        assertThat(jdbc.sql("select count(*) from refund where contract_id = ?").param(t.contractId())
                .query(Integer.class).single()).isZero();
        Refund r = refunds.request(new Refunds.Request(t.contractId(), null, "RELOCATION", "搬家"), "chenxi");
        assertThat(r.amount()).isEqualByComparingTo("0.00");
        assertThat(r.computation()).as("nothing is written off while the sale waits").doesNotContain("未缴分期款");
        approve(r);

        PaymentOrder after = payments.get(order.id());
        assertThat(after.firstInstallmentPaid()).as("the sale's 核对缴费状态 must not read it as paid").isFalse();
        assertThat(after.status()).isEqualTo("OPEN");
        assertThat(after.total()).isEqualByComparingTo("12000.00");
        assertThat(refunds.get(r.id()).unpaidForgone()).isEqualByComparingTo("0.00");
    }

    @Test
    void shouldLeaveAFullyPaidContractsOrderAsItWas() {
        TeachingTestSupport.Taught t = halfPaid();
        PaymentOrder order = payments.forContract(t.contractId()).orElseThrow();
        payments.record(order.id(), PaymentMethod.CARD, new BigDecimal("6000.00"), "DESK:leaving-2-" + t.contractId(),
                null, "zhaomin");
        Refund r = refunds.request(new Refunds.Request(t.contractId(), null, "RELOCATION", "搬家"), "chenxi");
        assertThat(r.amount()).isEqualByComparingTo("11600.00");
        assertThat(http.withBasicAuth("chenxi", "demo").getForObject("/api/contracts/" + t.contractId()
                + "/refund-preview?reason=搬家", JsonNode.class).path("unpaidForgone").decimalValue())
                .isEqualByComparingTo("0.00");
        assertThat(r.computation()).doesNotContain("未缴分期款");
        RefundRuns.throughToTheEnd(engine, leads, r.refundNo());

        Refund done = refunds.get(r.id());
        assertThat(done.status()).isEqualTo(RefundStatus.PAID);
        assertThat(done.owedLess()).isEqualByComparingTo("0.00");
        assertThat(payments.forContract(t.contractId()).orElseThrow().total()).isEqualByComparingTo("12000.00");
        assertThat(orderValue(t.opportunityId())).isEqualByComparingTo("12000.00");
        assertThat(orderLessons(t.opportunityId())).isEqualTo(60);
        assertThat(approvedNote(t.opportunityId())).doesNotContain("不再收取").doesNotContain("多付款");
        assertThat(done.unpaidForgone()).isEqualByComparingTo("0.00");
        assertThat(PdfText.of(agreements.document(r.refundNo()))).doesNotContain("不再收取", "5.")
                .contains("4.本确认书一式两份");
    }
}
