package com.enrollflow.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.payment.FakeRefundGateway;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentMethod;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.teaching.Attendance;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.RefundRuns;
import com.enrollflow.testsupport.TestRefundGateway;
import com.enrollflow.testsupport.StartForms;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * refund.bpmn (退费): the policy table's levels approve in order as the right people of the contract's campus; a
 * rejection ends the request and tells the requester; an approval stops the teaching and finance pays back each
 * payment, newest first, with a voucher; the legal limit reminds the director; settling closes the contract.
 */
@EnrollFlowTest
class RefundProcessTests {

    @Autowired
    RefundAgreements agreements;
    @Autowired
    ProcessEngine engine;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    PaymentService payments;
    @Autowired
    Refunds refunds;
    @Autowired
    RefundPayouts payouts;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    Attendance attendance;
    @LocalServerPort
    int port;

    /** A BJ-HD contract of 60 lessons at ¥12,000 with {@code taught} lessons taught and 3 ahead, paid as given. */
    private TeachingTestSupport.Schedule paidContract(int taught, String... payments) {
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(taught, taught, 3);
        TeachingTestSupport.Taught t = s.contract();
        PaymentOrder order = this.payments.openOrder(t.opportunityId(), t.quoteId(), t.contractId(), "BJ-HD",
                new BigDecimal("12000.00"), InstallmentPlan.TWO, LocalDate.now());
        for (int i = 0; i < payments.length; i++) {
            String[] p = payments[i].split(":");
            // an online payment is the gateway's transaction ("GW:" + its id), a desk payment the desk's request
            String ref = (p[0].equals("ONLINE") ? "GW:TX-" : "DESK:refund-test-") + t.contractId() + "-" + i;
            this.payments.record(order.id(), PaymentMethod.valueOf(p[0]), new BigDecimal(p[1]), ref, null, "zhaomin");
            // newest first is by time received: keep them apart
            jdbc.sql("update payment set received_at = ? where external_ref = ?")
                    .params(OffsetDateTime.now().minusDays(payments.length - i), ref).update();
        }
        // the future lessons hold their student's slot, as booked lessons do (the fixtures' teacher and room are
        // shared by every fixture student at the same hours, so only the student's own slot can be held here)
        for (long lesson : s.lessons().subList(taught, s.lessons().size())) {
            jdbc.sql("insert into booking_slot (resource_type, resource_id, slot_start, lesson_id) select 'STUDENT', "
                    + "cast(customer_id as varchar(32)), starts_at, id from lesson where id = ?").param(lesson).update();
        }
        jdbc.sql("update customer set email = 'family@example.com' where id = (select customer_id from contract "
                + "where id = ?)").param(t.contractId()).update();
        return s;
    }

    private Refund request(long contractId, String reason, String by) {
        return refunds.request(new Refunds.Request(contractId, null, reason, "家长来电要求退费"), by);
    }

    private ProcessInstance process(Refund r) {
        return RefundRuns.process(engine, leads, r.refundNo());
    }

    private Task task(ProcessInstance pi) {
        return RefundRuns.task(engine, leads, pi);
    }

    private boolean candidate(Task task, String group) {
        return engine.getTaskService().createTaskQuery().taskId(task.getId()).taskCandidateGroup(group).count() == 1;
    }

    private static Map<String, Object> approve() {
        return Map.of("refundDecision", "APPROVE", "approvalComment", "同意");
    }

    @Test
    void shouldApproveLevelByLevelStopTheTeachingPayBackNewestFirstAndCloseTheContract() {
        TeachingTestSupport.Schedule s = paidContract(2, "CASH:5000.00", "WECHAT:7000.00");
        long contractId = s.contract().contractId();
        jdbc.sql("insert into sales_credit (opportunity_id, user_id, amount, policy, credited_at) values (?, 'liwei', "
                + "12000.00, 'LAST_OWNER', ?)").params(s.contract().opportunityId(), OffsetDateTime.now()).update();

        Refund r = request(contractId, "搬家", "chenxi");
        assertThat(r.refundNo()).matches("TF\\d{6}");
        assertThat(r.amount()).as("12000 paid − 12000 × 2 ÷ 60 taught").isEqualByComparingTo("11600.00");
        assertThat(r.unitPrice()).isEqualByComparingTo("200.00");
        ProcessInstance pi = process(r);
        assertThat(pi.getTenantId()).isEqualTo("BJHD");

        // 11600 > 10000 and 96.7 % of the contract: supervisor → director → finance manager, in that order
        Task supervisor = task(pi);
        assertThat(supervisor.getName()).isEqualTo("审批退费");
        assertThat(candidate(supervisor, "salesSupervisor")).isTrue();
        // the family waits for its money: each level has two days
        assertThat(supervisor.getDueDate()).isCloseTo(new java.util.Date(supervisor.getCreateTime().getTime()
                + 48 * 3_600_000L), 60_000);
        assertThat((String) engine.getTaskService().getVariableLocal(supervisor.getId(), "refundSummary"))
                .contains("已缴金额：¥12,000.00").contains("已消 2 课时").contains("¥400.00")
                .contains("退费金额 = 已缴金额 － 已消课时价值 － 手续费 = ¥11,600.00");
        assertThatThrownBy(() -> leads.completeAs("panlei", supervisor, approve()))
                .as("the supervisor of another campus").isNotNull();
        leads.completeAs("sunqiang", supervisor, approve());
        Task director = task(pi);
        assertThat(candidate(director, "campusDirector")).isTrue();
        assertThat((String) engine.getTaskService().getVariableLocal(director.getId(), "approvalHistory"))
                .contains("1. 销售主管 孙强（sunqiang）：同意");
        leads.completeAs("zhouhua", director, approve());
        Task financeManager = task(pi);
        assertThat(candidate(financeManager, "financeManager")).isTrue();
        // every level's approvers are mailed, head office's finance manager too (a member of no campus of its own)
        assertThat(jdbc.sql("select dedupe_key from notification where kind = 'REFUND_APPROVAL_REQUEST' and "
                + "dedupe_key like ? order by id").param("refund-approval:" + r.refundNo() + ":%")
                .query(String.class).list()).containsExactly("refund-approval:" + r.refundNo()
                        + ":salesSupervisor:sunqiang", "refund-approval:" + r.refundNo() + ":campusDirector:zhouhua",
                        "refund-approval:" + r.refundNo() + ":financeManager:heyun");
        // each greeted by the whole name, family name first (decision 693)
        assertThat(jdbc.sql("select body from notification where dedupe_key = ?").param("refund-approval:"
                + r.refundNo() + ":campusDirector:zhouhua").query(String.class).single()).startsWith("周华，您好");
        leads.completeAs("heyun", financeManager, approve());

        // approved: the lessons ahead are cancelled and their slots freed, the hours left refunded
        Task newest = task(pi);
        assertThat(pi).hasPassed("ServiceTask_StopTeaching", "ServiceTask_PlanPayouts");
        assertThat(jdbc.sql("select count(*) from lesson where id in (?, ?, ?) and status = 'CANCELLED'")
                .params(s.lessons().get(2), s.lessons().get(3), s.lessons().get(4)).query(Integer.class).single())
                .isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from booking_slot where lesson_id in (?, ?, ?)")
                .params(s.lessons().get(2), s.lessons().get(3), s.lessons().get(4)).query(Integer.class).single())
                .isZero();
        assertThat(jdbc.sql("select refunded from hours_ledger where contract_id = ? and kind = 'LESSONS'")
                .param(contractId).query(Integer.class).single()).isEqualTo(58);

        // the WeChat payment (newest) first, all of it; then 4600 of the cash
        assertThat(newest.getName()).isEqualTo("办理退款");
        assertThat(candidate(newest, "finance")).isTrue();
        assertThat(newest.getDueDate()).as("15 days: lessons were taught").isAfter(
                java.util.Date.from(OffsetDateTime.now().plusDays(14).toInstant()));
        assertThat((String) engine.getTaskService().getVariable(newest.getId(), "payoutSummary"))
                .contains("微信扫码 ¥7,000.00").contains("支付平台/终端后台退款");
        assertThatThrownBy(() -> leads.completeAs("fengyu", newest, Map.of("payoutVoucher", "退")))
                .hasMessageContaining("凭证号");
        leads.completeAs("fengyu", newest, Map.of("payoutVoucher", "WX-RF-0001"));
        Task cash = task(pi);
        assertThat((String) engine.getTaskService().getVariable(cash.getId(), "payoutSummary"))
                .as("the payment as its receipt says it, and the share of it that goes back")
                .contains("原付款：现金 ¥5,000.00（收据 ").contains("本笔退款金额：¥4,600.00");
        leads.completeAs("fengyu", cash, Map.of("payoutVoucher", "XJ-0001"));
        assertThat(payouts.record(r.id(), refunds.payouts(r.id()).get(1).paymentId(), "XJ-0001", null, "fengyu")
                .duplicate()).as("a double click pays nothing twice").isTrue();

        leads.runJobs(pi.getId());
        assertThat(pi).hasPassed("ServiceTask_SettleRefund").isEnded();
        Refund paid = refunds.get(r.id());
        assertThat(paid.status()).isEqualTo(RefundStatus.PAID);
        assertThat(refunds.payouts(r.id())).extracting(Refund.Payout::amount)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("7000.00"), new BigDecimal("4600.00"));
        assertThat(jdbc.sql("select status from contract where id = ?").param(contractId).query(String.class).single())
                .isEqualTo("PARTIALLY_REFUNDED");
        assertThat(jdbc.sql("select amount from sales_credit_reversal where refund_id = ?").param(r.id())
                .query(BigDecimal.class).single()).isEqualByComparingTo("11600.00");
        assertThat(jdbc.sql("select count(*) from notification where kind = 'REFUND_PAID' and recipient = "
                + "'family@example.com' and dedupe_key = ?").param("refund-paid:" + r.refundNo()).query(Integer.class)
                .single()).isEqualTo(1);
        assertThatThrownBy(() -> request(contractId, "个人原因", "chenxi")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("部分退费");
        // the family's refund agreement names the approvers, not their logins
        String agreement = com.enrollflow.testsupport.PdfText.of(agreements.document(r.refundNo()));
        assertThat(agreement).contains("孙强", "周华", "何云").doesNotContain("sunqiang", "zhouhua", "heyun");
    }

    /** The name of the family whose refund {@code r} is. */
    private String family(Refund r) {
        return jdbc.sql("select name from customer where id = ?").param(r.customerId()).query(String.class).single();
    }

    /** What Tasklist shows {@code user} after they completed {@code task}; null when nothing. */
    private String told(String user, Task task) {
        return WebappSession.login(port, user, "demo").taskResult(task.getId());
    }

    @Test
    void shouldTellEachApproverWhereTheRequestStandsAndFinanceWhatIsLeftToPayAfterCompleteAndNobodyElse() {
        TeachingTestSupport.Schedule s = paidContract(2, "CASH:5000.00", "WECHAT:7000.00");
        Refund r = request(s.contract().contractId(), "搬家", "chenxi");
        String no = family(r) + " 的退费申请 " + r.refundNo();
        ProcessInstance pi = process(r);

        Task supervisor = task(pi);
        leads.completeAs("sunqiang", supervisor, approve());
        assertThat(told("sunqiang", supervisor)).isEqualTo(no + "：您已同意第 1 级，待校区校长审批（共 3 级）。");
        // the next approver, the requester, another campus's supervisor: nothing, as for an unknown task
        assertThat(told("zhouhua", supervisor)).isNull();
        assertThat(told("chenxi", supervisor)).isNull();
        assertThat(told("panlei", supervisor)).isNull();

        Task director = task(pi);
        leads.completeAs("zhouhua", director, approve());
        assertThat(told("zhouhua", director)).isEqualTo(no + "：您已同意第 2 级，待财务经理审批（共 3 级）。");
        Task financeManager = task(pi);
        leads.completeAs("heyun", financeManager, approve());
        // lessons were taught: 15 days from the approval to pay it all back, the 办理退款 task's due time
        String due = BusinessTime.shown(refunds.get(r.id()).concludedAt().plusDays(15));
        assertThat(told("heyun", financeManager)).isEqualTo(no + " 已批准：应退 ¥11,600.00，按原付款渠道退回，须在 " + due
                + " 前退清。");

        Task newest = task(pi);
        assertThatThrownBy(() -> leads.completeAs("fengyu", newest, Map.of("payoutVoucher", "退")))
                .hasMessageContaining("凭证号");
        assertThat(told("fengyu", newest)).as("a refused form tells nothing").isNull();
        leads.completeAs("fengyu", newest, Map.of("payoutVoucher", "WX-" + r.refundNo()));
        assertThat(told("fengyu", newest)).isEqualTo(no + "：已登记退款 ¥7,000.00（支付平台/终端后台退款，退款单号 "
                + "WX-" + r.refundNo() + "）；还有 1 笔待退，合计 ¥4,600.00。");
        assertThat(told("yuanli", newest)).as("a colleague of finance").isNull();
        Task cash = task(pi);
        leads.completeAs("fengyu", cash, Map.of("payoutVoucher", "XJ-" + r.refundNo()));
        assertThat(told("fengyu", cash)).isEqualTo(no + "：已登记退款 ¥4,600.00（前台现金退款，现金退款凭证号 XJ-" + r.refundNo() + "）；"
                + "本退费已全部退清。");
        assertThat(WebappSession.anonymous(port).get(WebappSession.TASK_RESULT + cash.getId()).statusCode())
                .isIn(401, 403);
        assertThat(WebappSession.login(port, "fengyu", "demo").taskResult("no-such-task")).isNull();
    }

    @Test
    void shouldTellTheApproverWhoRejectsThatTheRequesterHearsOfIt() {
        TeachingTestSupport.Schedule s = paidContract(2, "CASH:12000.00");
        Refund r = request(s.contract().contractId(), "搬家", "chenxi");
        Task supervisor = task(process(r));
        leads.completeAs("sunqiang", supervisor, Map.of("refundDecision", "REJECT", "approvalComment", "请先沟通"));
        assertThat(told("sunqiang", supervisor)).isEqualTo(family(r) + " 的退费申请 " + r.refundNo()
                + " 已驳回；申请人 陈曦（chenxi）将收到您的意见。");
    }

    /** The lesson begins now, as if the clock had reached it. */
    private void begins(long lessonId) {
        jdbc.sql("update lesson set starts_at = ?, ends_at = ? where id = ?").params(OffsetDateTime.now()
                .minusMinutes(30), OffsetDateTime.now().plusMinutes(30), lessonId).update();
    }

    private void attended(long lessonId) {
        attendance.mark(lessonId, new Attendance.MarkRequest("ATTENDED", null, null, null),
                new Attendance.Marker("zhengkai", false));
    }

    @Test
    void shouldWaitForTheMarkOfALessonBegunBeforeTakingOrApprovingARefundSoATaughtLessonIsNeverPaidBack() {
        TeachingTestSupport.Schedule s = paidContract(2, "CASH:12000.00");
        long contractId = s.contract().contractId();
        begins(s.lessons().get(2));

        assertThatThrownBy(() -> request(contractId, "搬家", "chenxi")).isInstanceOf(ConflictException.class)
                .hasMessage("还有 1 节已开始的课未登记出勤，请先登记出勤再申请退费");
        assertThat(jdbc.sql("select count(*) from refund where contract_id = ?").param(contractId)
                .query(Integer.class).single()).isZero();
        attended(s.lessons().get(2));
        Refund r = request(contractId, "搬家", "chenxi");
        assertThat(r.amount()).as("12000 − 3 taught × 200").isEqualByComparingTo("11400.00");

        ProcessInstance pi = process(r);
        leads.completeAs("sunqiang", task(pi), approve());
        leads.completeAs("zhouhua", task(pi), approve());
        begins(s.lessons().get(3)); // taught while the finance manager had not decided yet
        Task last = task(pi);
        assertThatThrownBy(() -> leads.completeAs("heyun", last, approve()))
                .hasMessageContaining("还有 1 节已开始的课未登记出勤，请先登记出勤再批准退费");
        assertThat(refunds.get(r.id()).status()).isEqualTo(RefundStatus.APPROVING);

        attended(s.lessons().get(3));
        leads.completeAs("heyun", last, approve());
        leads.runJobs(pi.getId());
        assertThat(pi).hasPassed("ServiceTask_StopTeaching");
        assertThat(refunds.get(r.id()).amount()).as("the lesson taught during the approval is not paid back")
                .isEqualByComparingTo("11200.00");
        assertThat(jdbc.sql("select consumed, refunded from hours_ledger where contract_id = ? and kind = 'LESSONS'")
                .param(contractId).query((rs, n) -> rs.getInt(1) + "/" + rs.getInt(2)).single()).isEqualTo("4/56");
    }

    @Test
    void shouldPayAnOnlinePaymentBackThroughTheGatewayOnceAndTheRestByFinance() {
        TeachingTestSupport.Schedule s = paidContract(0, "CASH:1000.00", "ONLINE:3000.00");
        Refund r = request(s.contract().contractId(), "个人原因", "chenxi");
        ProcessInstance pi = process(r);
        leads.completeAs("sunqiang", task(pi), approve());
        leads.completeAs("zhouhua", task(pi), approve());
        FakeRefundGateway gateway = TestRefundGateway.get();
        int before = gateway.refunds();

        Task cash = task(pi); // runs the gateway's job first: the online payment is the newest
        assertThat(pi).hasPassed("ServiceTask_RefundThroughGateway");
        assertThat(gateway.refunds()).isEqualTo(before + 1);
        Refund.Payout online = refunds.payouts(r.id()).get(0);
        assertThat(online.channel()).isEqualTo(PayoutChannel.GATEWAY);
        assertThat(online.amount()).isEqualByComparingTo("3000.00");
        FakeRefundGateway.Refund sent = gateway.refund(r.refundNo() + "-P" + online.paymentId()).orElseThrow();
        assertThat(online.voucher()).as("the gateway's refund number").isEqualTo(sent.refundNo());
        assertThat(sent.transactionId()).as("without our GW: prefix").startsWith("TX-");
        assertThat(payouts.payThroughGateway(r.id(), online.paymentId()).duplicate())
                .as("a retried job pays nothing twice").isTrue();
        assertThat(gateway.refunds()).isEqualTo(before + 1);

        assertThat(cash.getName()).isEqualTo("办理退款");
        leads.completeAs("fengyu", cash, Map.of("payoutVoucher", "XJ-GW-0001"));
        leads.runJobs(pi.getId());
        assertThat(pi).isEnded();
        Refund paid = refunds.get(r.id());
        assertThat(paid.agreementNo()).matches("BJ-HD-TF-\\d{4}-\\d{5}");
        assertThat(paid.agreementSha256()).hasSize(64);
    }

    @Test
    void shouldEndARejectedRequestTellTheRequesterAndLetANewOneFollow() {
        TeachingTestSupport.Schedule s = paidContract(0, "CASH:6000.00");
        long contractId = s.contract().contractId();
        Refund r = request(contractId, "TEACHING", "chenxi");
        assertThat(r.amount()).as("before the first lesson everything paid").isEqualByComparingTo("6000.00");
        assertThatThrownBy(() -> request(contractId, "个人原因", "chenxi")).isInstanceOf(ConflictException.class)
                .hasMessageContaining(r.refundNo()).hasMessageContaining("不能重复申请");
        ProcessInstance pi = process(r);
        leads.completeAs("sunqiang", task(pi), approve());
        Task director = task(pi);
        assertThatThrownBy(() -> leads.completeAs("zhouhua", director, Map.of("refundDecision", "REJECT")))
                .hasMessageContaining("意见说明：必填");
        leads.completeAs("zhouhua", director, Map.of("refundDecision", "REJECT", "approvalComment", "先安排换老师试听"));
        leads.runJobs(pi.getId());
        assertThat(pi).hasPassed("ServiceTask_NotifyRefundRejected", "EndEvent_RefundRejected").isEnded();
        Refund rejected = refunds.get(r.id());
        assertThat(rejected.status()).isEqualTo(RefundStatus.REJECTED);
        assertThat(rejected.rejectionComment()).isEqualTo("先安排换老师试听");
        assertThat(jdbc.sql("select body from notification where dedupe_key = ?").param("refund-rejected:"
                + r.refundNo()).query(String.class).single()).contains("校区校长 周华（zhouhua） 驳回：先安排换老师试听");
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = ?")
                .params(rejected.opportunityId(), "REFUND_REJECTED").query(String.class).single())
                .endsWith("校区校长 周华（zhouhua） 驳回：先安排换老师试听");
        assertThat(jdbc.sql("select count(*) from lesson where proposal_id = (select proposal_id from lesson where "
                + "id = ?) and status = 'CONFIRMED'").param(s.lessons().get(0)).query(Integer.class).single())
                .as("nothing cancelled").isEqualTo(3);
        assertThat(request(contractId, "个人原因", "chenxi").status()).isEqualTo(RefundStatus.REQUESTED);
    }

    @Test
    void shouldNeverLetTheRequesterApproveTheirOwnRefundAndRefuseBadRequestsByField() {
        TeachingTestSupport.Schedule s = paidContract(1, "CASH:1000.00");
        long contractId = s.contract().contractId();
        assertThatThrownBy(() -> request(contractId, "不想学了", "chenxi")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> refunds.request(new Refunds.Request(null, "BJ-HD-2099-99999", "个人原因", null), "chenxi"))
                .hasMessageContaining("没有合同 BJ-HD-2099-99999");
        assertThatThrownBy(() -> refunds.request(new Refunds.Request(null, "不是编号", "个人原因", null), "chenxi"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("contract");
        assertThat(jdbc.sql("select count(*) from refund where contract_id = ?").param(contractId).query(Integer.class)
                .single()).as("nothing stored").isZero();

        Refund own = request(contractId, "个人原因", "sunqiang");
        ProcessInstance pi = process(own);
        Task supervisor = task(pi);
        assertThatThrownBy(() -> leads.completeAs("sunqiang", supervisor, approve()))
                .hasMessageContaining("不能审批自己提交的退费申请");
        assertThat(task(pi).getId()).isEqualTo(supervisor.getId());
    }

    @Test
    void shouldRemindTheDirectorBeforeTheLegalLimitAndSettleARefundOfNothingWithoutPayout() {
        TeachingTestSupport.Schedule s = paidContract(0, "BANK_TRANSFER:3000.00");
        jdbc.sql("update payment set status = 'CONFIRMED' where external_ref like ?")
                .param("DESK:refund-test-" + s.contract().contractId() + "-%").update();
        Refund r = request(s.contract().contractId(), "时间冲突", "zhaomin");
        ProcessInstance pi = process(r);
        leads.completeAs("sunqiang", task(pi), approve());
        leads.completeAs("zhouhua", task(pi), approve());
        Task transfer = task(pi);
        assertThat(transfer.getDueDate()).as("5 days: no lesson was taught").isBefore(
                java.util.Date.from(OffsetDateTime.now().plusDays(6).toInstant()));
        assertThat(engine.getTaskService().getVariable(transfer.getId(), "payoutChannel")).isEqualTo("BANK_TRANSFER");

        Job timer = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
        engine.getManagementService().executeJob(timer.getId());
        Task urge = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey("Task_UrgePayout").singleResult();
        assertThat(candidate(urge, "campusDirector")).isTrue();
        assertThat((String) engine.getTaskService().getVariableLocal(urge.getId(), "urgeSummary"))
                .contains("应退 ¥3,000.00").contains("已退 ¥0.00");
        leads.completeAs("zhouhua", urge, Map.of("urgeNote", "已电话催财务今日办理"));
        assertThat(pi).hasPassed("EndEvent_PayoutUrged");

        assertThatThrownBy(() -> leads.completeAs("fengyu", transfer, Map.of("payoutVoucher", "BK20261130001")))
                .hasMessageContaining("收款银行账号");
        leads.completeAs("fengyu", transfer, Map.of("payoutVoucher", "BK20261130001", "bankAccount",
                "6222 0202 0001 2345 678"));
        leads.runJobs(pi.getId());
        assertThat(pi).isEnded();
        assertThat(jdbc.sql("select status from contract where id = ?").param(s.contract().contractId())
                .query(String.class).single()).as("everything paid came back").isEqualTo("REFUNDED");

        // nothing paid: nothing to pay back, the request still closes the contract
        TeachingTestSupport.Schedule unpaid = paidContract(0);
        Refund nothing = request(unpaid.contract().contractId(), "其他", "chenxi");
        assertThat(nothing.amount()).isEqualByComparingTo("0.00");
        ProcessInstance none = process(nothing);
        leads.completeAs("sunqiang", task(none), approve());
        leads.runJobs(none.getId());
        assertThat(none).hasPassed("Gateway_PayoutNeeded", "Gateway_RefundPaid", "ServiceTask_SettleRefund").hasNotPassed("SubProcess_PayOut").isEnded();
        assertThat(refunds.get(nothing.id()).status()).isEqualTo(RefundStatus.PAID);
    }

    @Test
    void shouldEndTheDirectorsReminderWhenEverythingIsPaidBack() {
        TeachingTestSupport.Schedule s = paidContract(0, "BANK_TRANSFER:3000.00");
        jdbc.sql("update payment set status = 'CONFIRMED' where external_ref like ?")
                .param("DESK:refund-test-" + s.contract().contractId() + "-%").update();
        ProcessInstance pi = process(request(s.contract().contractId(), "时间冲突", "zhaomin"));
        leads.completeAs("sunqiang", task(pi), approve());
        leads.completeAs("zhouhua", task(pi), approve());
        Task transfer = task(pi);
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
        engine.getManagementService().executeJob(timer.getId());
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey("Task_UrgePayout").count()).isOne();

        // finance pays back before the director gets to 督办退款: nothing is left to urge, the task goes with it
        leads.completeAs("fengyu", transfer, Map.of("payoutVoucher", "BK20261130002", "bankAccount",
                "6222 0202 0001 2345 678"));
        leads.runJobs(pi.getId());
        assertThat(pi).hasPassed("EndEvent_RefundPaid").isEnded();
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void shouldEndAWithdrawnRequestAtItsApprovalAndLeaveTheContractAsItWas() {
        TeachingTestSupport.Schedule s = paidContract(1, "CASH:3000.00");
        Refund r = request(s.contract().contractId(), "个人原因", "chenxi");
        ProcessInstance pi = process(r);
        leads.completeAs("sunqiang", task(pi), approve());
        assertThatThrownBy(() -> refunds.cancel(r.refundNo(), new Refunds.Cancellation(" "), "chenxi"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("reason");
        Refund cancelled = refunds.cancel(r.refundNo(), new Refunds.Cancellation("家长改变主意，继续上课"), "chenxi");
        assertThat(cancelled.status()).isEqualTo(RefundStatus.CANCELLED);
        assertThat(pi).hasPassed("BoundaryEvent_RefundCancelled", "EndEvent_RefundCancelled").isEnded();
        assertThat(jdbc.sql("select count(*) from lesson where id = ? and status = 'CONFIRMED'")
                .param(s.lessons().get(1)).query(Integer.class).single()).as("the lessons ahead stay").isEqualTo(1);
        assertThatThrownBy(() -> refunds.cancel(r.refundNo(), new Refunds.Cancellation("再撤一次"), "chenxi"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("已撤销");
        // the contract is free for a new request; one withdrawn before its levels were decided ends at once
        Refund early = request(s.contract().contractId(), "个人原因", "chenxi");
        refunds.cancel(early.refundNo(), new Refunds.Cancellation("登记错了合同"), "chenxi");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(early.refundNo())
                .count()).isZero();
    }

    @Test
    void shouldCloseTheStudentsScheduleWhenTheRefundIsAWithdrawal() {
        TeachingTestSupport.Schedule s = paidContract(2, "CASH:12000.00");
        Refund r = refunds.request(new Refunds.Request(s.contract().contractId(), null, "RELOCATION", "全家搬到外地",
                true), "chenxi");
        assertThat(r.withdrawal()).isTrue();
        ProcessInstance pi = process(r);
        leads.completeAs("sunqiang", task(pi), approve());
        leads.completeAs("zhouhua", task(pi), approve());
        leads.completeAs("heyun", task(pi), approve());
        leads.completeAs("fengyu", task(pi), Map.of("payoutVoucher", "XJ-TX-" + r.id()));
        leads.runJobs(pi.getId());
        assertThat(pi).isEnded();
        assertThat(jdbc.sql("select status from schedule_proposal where id = (select proposal_id from lesson where "
                + "id = ?)").param(s.lessons().get(0)).query(String.class).single()).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("select status from lesson where id = ?").param(s.lessons().get(0)).query(String.class)
                .single()).as("a lesson taught stays the record of it").isEqualTo("CONFIRMED");
        assertThat(jdbc.sql("select count(*) from timeline_event where opportunity_id = ? and event_type = "
                + "'WITHDRAWN'").param(s.contract().opportunityId()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void shouldTakeARequestFromTheTasklistStartFormByTheFamilysPhone() {
        TeachingTestSupport.Schedule s = paidContract(0, "CASH:2000.00");
        String phone = jdbc.sql("select c.phone from customer c join contract k on k.customer_id = c.id where k.id = ?")
                .param(s.contract().contractId()).query(String.class).single();
        var identity = engine.getIdentityService();
        identity.setAuthentication("chenxi", List.of("customerService"), List.of("BJHD"));
        try {
            assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey("refundRequest",
                    Map.of("contract", phone, "reason", "想退")))
                    .hasMessageContaining("退费原因");
            engine.getRuntimeService().startProcessInstanceByKey("refundRequest",
                    Map.of("contract", phone, "reason", "PERSONAL", "note", "孩子转学"));
        } finally {
            identity.clearAuthentication();
        }
        List<Refund> made = refunds.forContract(s.contract().contractId());
        assertThat(made).hasSize(1);
        assertThat(made.get(0).requestedBy()).isEqualTo("chenxi");
        assertThat(made.get(0).note()).isEqualTo("孩子转学");
        assertThat(made.get(0).withdrawal()).as("the checkbox 退学 left empty").isFalse();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("refund")
                .processInstanceBusinessKey(made.get(0).refundNo()).count()).isEqualTo(1);
    }

    @Test
    void shouldStoreAWithdrawalTickedOnTheTasklistStartForm() {
        TeachingTestSupport.Schedule s = paidContract(2, "CASH:12000.00");
        String number = jdbc.sql("select number from contract where id = ?").param(s.contract().contractId())
                .query(String.class).single();
        String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("refundRequest").latestVersion().singleResult().getId();
        var identity = engine.getIdentityService();
        identity.setAuthentication("zhaomin", List.of("frontDesk"));
        ProcessInstance request;
        try {
            assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition, Map.of("contract", number,
                    "reason", "RELOCATION", "withdrawal", "也许")))
                    .hasMessage("提交内容有误：退学（学员不再上课，结束排课）：应为 true（是）或 false（否）");
            request = engine.getFormService().submitStartForm(definition, Map.of("contract", number,
                    "reason", "RELOCATION", "withdrawal", true, "note", "全家搬到外地，孩子不再上课"));
        } finally {
            identity.clearAuthentication();
        }
        assertThat(request).hasPassed("ServiceTask_SubmitRefund", "EndEvent_RefundSubmitted").isEnded();
        List<Refund> made = refunds.forContract(s.contract().contractId());
        assertThat(made).hasSize(1);
        assertThat(made.get(0).withdrawal()).isTrue();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(request.getId())
                .variableName("startResult").singleResult().getValue()).as("what Tasklist shows the desk after 启动")
                .isEqualTo(jdbc.sql("select c.name from customer c join opportunity o on o.customer_id = c.id"
                        + " where o.id = ?").param(s.contract().opportunityId()).query(String.class).single()
                        + "（合同 " + jdbc.sql("select number from contract where id = ?")
                        .param(s.contract().contractId()).query(String.class).single() + "）：退费申请 "
                        + made.get(0).refundNo() + " 已提交：应退 ¥"
                        + "%,.2f".formatted(made.get(0).amount()) + "，等待审批；审批通过后由财务退款。");
        assertThat(made.get(0).amount()).isPositive();
        assertThat(made.get(0).requestedBy()).isEqualTo("zhaomin");
        assertThat(jdbc.sql("select withdrawal from refund where id = ?").param(made.get(0).id()).query(Boolean.class)
                .single()).isTrue();
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = "
                + "'REFUND_REQUESTED'").param(s.contract().opportunityId()).query(String.class).single())
                .contains("退学");
    }

    /** Submits 申请退费 through the engine REST API Tasklist calls. */
    private ResponseEntity<JsonNode> submitOverRest(String user, String contract, String reason) {
        Map<String, Object> form = new java.util.HashMap<>();
        form.put("contract", contract);
        form.put("reason", reason);
        return StartForms.submit(http, user, "refundRequest", form);
    }

    @Test
    void shouldNameTheContractFieldWhenTheStartFormsContractIsUnknownOrMissing() {
        TeachingTestSupport.Schedule s = paidContract(0, "CASH:2000.00");
        String number = jdbc.sql("select number from contract where id = ?").param(s.contract().contractId())
                .query(String.class).single();

        ResponseEntity<JsonNode> unknown = submitOverRest("chenxi", "BJ-HD-2026-99999", "PERSONAL");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().path("message").asText())
                .isEqualTo("提交内容有误：合同编号或家长手机号：您负责的校区中没有合同 BJ-HD-2026-99999");
        assertThat(submitOverRest("taoran", number, "PERSONAL").getBody().path("message").asText())
                .as("customer service of another campus")
                .isEqualTo("提交内容有误：合同编号或家长手机号：您负责的校区中没有合同 " + number);
        assertThat(submitOverRest("chenxi", null, "想退").getBody().path("message").asText())
                .as("the API's contractId is the form's contract field, reported with the reason")
                .startsWith("提交内容有误：退费原因：").contains("；合同编号或家长手机号：必填")
                .doesNotContain("contractId：");

        assertThat(refunds.forContract(s.contract().contractId())).isEmpty();
    }
}
