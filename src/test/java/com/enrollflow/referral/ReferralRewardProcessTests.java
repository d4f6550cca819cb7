package com.enrollflow.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.contract.Contract;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.pricing.Quote;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * referral-reward.bpmn (转介绍奖励): started by the referred family's payment in contract-and-payment.bpmn, decided by
 * referral-reward.dmn, approved by the sales supervisor of the referrer's campus above 500 yuan, granted once as
 * gifted lessons on the referrer's newest contract in force or as a voucher.
 */
@EnrollFlowTest
class ReferralRewardProcessTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    ReferralFixtures fx;
    @Autowired
    ReferralRewards rewards;
    @Autowired
    GiftLessons giftLessons;
    @Autowired
    com.enrollflow.teaching.ClassFixtures classFixtures;
    @Autowired
    Sales sales;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    com.enrollflow.pricing.PricingService pricing;
    @Autowired
    com.enrollflow.approval.ApprovalService approvals;
    @Autowired
    com.enrollflow.contract.ContractService contracts;
    @Autowired
    org.springframework.boot.test.web.client.TestRestTemplate http;
    @Autowired
    com.enrollflow.payment.PaymentService payments;

    private ProcessInstance instance(ReferralReward r) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("referralReward")
                .processInstanceBusinessKey(r.rewardNo()).singleResult();
    }

    private long instances(ReferralReward r) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("referralReward")
                .processInstanceBusinessKey(r.rewardNo()).count();
    }

    private ReferralReward paid(Contract c) {
        return rewards.referredFamilyPaid(c.opportunityId(), c.id()).orElseThrow();
    }

    private List<Map<String, Object>> giftLines(long contractId) {
        return jdbc.sql("select line_no, kind, purchased, gifted, final_amount from hours_ledger where contract_id = ? "
                + "and kind = 'GIFT'").param(contractId).query().listOfRows();
    }

    private List<String> timeline(long customerId) {
        return jdbc.sql("select event_type || ':' || detail from timeline_event where customer_id = ? order by id")
                .param(customerId).query(String.class).list();
    }

    private boolean candidate(Task task, String group) {
        return engine.getTaskService().createTaskQuery().taskId(task.getId()).taskCandidateGroup(group).count() == 1;
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** What Tasklist shows {@code user} after they completed {@code task}; null when nothing. */
    private String told(String user, Task task) {
        return com.enrollflow.testsupport.WebappSession.login(port, user, "demo").taskResult(task.getId());
    }

    @Test
    void shouldStartWhenTheReferredFamilyPaysAndGiftLessonsOnTheReferrersContract() {
        ReferralFixtures.Referrer referrer = fx.withContract();
        Sales.Owned referred = sales.owned("ONE_ON_ONE");
        fx.link(referrer, referred.customerId(), referred.opportunityId());
        Quote q = sales.approvedQuote(referred, InstallmentPlan.FULL);
        ProcessInstance payment = sales.start("contractAndPayment", referred, Map.of("quoteId", q.id()));
        sales.runJobs(payment);
        Map<String, Object> desk = new HashMap<>();
        desk.put("paymentMethod", "WECHAT");
        desk.put("paymentAmount", q.finalPrice().doubleValue());
        leads.completeAs("zhaomin", sales.task(payment), desk);
        sales.runJobs(payment);

        assertThat(payment).hasPassedInOrder("ServiceTask_CreditSale", "ServiceTask_StartReferralReward", "EndEvent_Paid")
                .isEnded();
        String rewardNo = (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(payment.getId()).variableName("referralRewardNo").singleResult().getValue();
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("referralReward").processInstanceBusinessKey(rewardNo).singleResult();
        assertThat(pi.getTenantId()).as("the referrer's campus").isEqualTo("BJHD");
        sales.runJobs(pi);

        // 40 senior lessons, between 5000 and 20000 yuan: 2 lessons, no approval
        assertThat(q.finalPrice()).isBetween(new BigDecimal("5000"), new BigDecimal("19999.99"));
        assertThat(pi).hasPassedInOrder("StartEvent_ReferredFamilyPaid", "BusinessRuleTask_DecideReferralReward",
                "ServiceTask_RecordReferralReward", "Gateway_ApprovalNeeded", "Gateway_ReadyToGrant",
                "ServiceTask_GrantReferralReward", "EndEvent_RewardGranted").hasNotPassed("Task_ApproveReferralReward")
                .isEnded();
        ReferralReward r = rewards.get(jdbc.sql("select w.id from referral_reward w join referral r on r.id = "
                + "w.referral_id where r.referred_customer_id = ?").param(referred.customerId()).query(Long.class)
                .single());
        assertThat(r.status()).isEqualTo("GRANTED");
        assertThat(r.grantedAs()).isEqualTo("GIFT_LESSONS");
        assertThat(r.grantedContractId()).isEqualTo(referrer.contractId());
        assertThat(giftLines(referrer.contractId())).singleElement().satisfies(line -> {
            assertThat(((Number) line.get("gifted")).intValue()).isEqualTo(2);
            assertThat(((Number) line.get("purchased")).intValue()).isZero();
            assertThat((BigDecimal) line.get("final_amount")).isEqualByComparingTo("0");
        });
        assertThat(timeline(referrer.customerId())).anySatisfy(e -> assertThat(e)
                .startsWith("REFERRAL_REWARD_GRANTED:" + rewardNo).contains("赠送 2 课时"));
        assertThat(jdbc.sql("select recipient from notification where dedupe_key = ?").param("referral-reward:"
                + rewardNo).query(String.class).list()).containsExactly(referrer.email());
    }

    /**
     * Gifted lessons are booked after the family's last lesson, with its teacher at its weekly time, as lessons of its
     * schedule; while 确认排课 has not confirmed the schedule the step waits a day (decision 719).
     */
    @Test
    void shouldBookGiftedLessonsAfterTheFamilysLastLessonWithItsTeacherAndWeeklyTime() {
        String weekly = sales.freePreferredTimes("T-BJHD-01").split(",")[0].trim();
        ReferralFixtures.Referrer referrer = fx.withWeeklyLessons(weekly);
        jdbc.sql("update schedule_proposal set status = 'PROPOSED' where live_opportunity_id = ?")
                .param(referrer.opportunityId()).update();
        ReferralReward r = paid(fx.referredContract(referrer, "12000.00"));
        ProcessInstance pi = instance(r);
        sales.runJobs(pi);

        assertThat(pi).as("the schedule waits in 确认排课: tried again the next day").hasPassed("EndEvent_RewardGranted")
                .isWaitingAt("TimerEvent_NextDay");
        assertThat(lessonStarts(referrer.opportunityId())).hasSize(2);
        jdbc.sql("update schedule_proposal set status = 'CONFIRMED' where live_opportunity_id = ?")
                .param(referrer.opportunityId()).update();
        // the next day the family has asked for its money back: the gift waits for the refund's end
        ResponseEntity<JsonNode> leaving = com.enrollflow.testsupport.RefundRequests.post(http, "chenxi",
                Map.of("contractId", referrer.contractId(), "reason", "个人原因"));
        assertThat(leaving.getStatusCode()).as(String.valueOf(leaving.getBody())).isEqualTo(HttpStatus.CREATED);
        var management = engine.getManagementService();
        management.executeJob(management.createJobQuery().processInstanceId(pi.getId()).timers().singleResult()
                .getId());
        sales.runJobs(pi);
        assertThat(pi).isWaitingAt("TimerEvent_NextDay");
        assertThat(lessonStarts(referrer.opportunityId())).hasSize(2);
        // the family stays: the refund is withdrawn, and the day after the gift is booked
        org.springframework.http.HttpHeaders json = new org.springframework.http.HttpHeaders();
        json.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        assertThat(http.withBasicAuth("chenxi", "demo").postForEntity("/api/refunds/"
                + leaving.getBody().get("id").asText() + "/cancellation",
                new org.springframework.http.HttpEntity<>(Map.of("reason", "家长决定继续上课"), json), JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        management.executeJob(management.createJobQuery().processInstanceId(pi.getId()).timers().singleResult()
                .getId());
        sales.runJobs(pi);

        assertThat(pi).hasPassedInOrder("TimerEvent_NextDay", "ServiceTask_BookGiftLessons",
                "EndEvent_GiftLessonsBooked").isEnded();
        List<java.time.OffsetDateTime> starts = lessonStarts(referrer.opportunityId());
        assertThat(starts).as("two lessons more, the next two weeks at the same time").hasSize(4);
        assertThat(starts.get(2)).isEqualTo(starts.get(1).plusWeeks(1));
        assertThat(starts.get(3)).isEqualTo(starts.get(1).plusWeeks(2));
        assertThat(jdbc.sql("select l.teacher_id from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.opportunity_id = ? and l.seq > 2 and l.status = 'CONFIRMED'").param(referrer.opportunityId())
                .query(String.class).list()).as("the family's teacher, as lessons 3 and 4 of its schedule")
                .containsExactly("T-BJHD-01", "T-BJHD-01");
        assertThat(jdbc.sql("select count(*) from booking_slot s join lesson l on l.id = s.lesson_id join "
                + "schedule_proposal p on p.id = l.proposal_id where p.opportunity_id = ? and l.seq > 2")
                .param(referrer.opportunityId()).query(Integer.class).single()).as("their slots are held").isPositive();
        assertThat(timeline(referrer.customerId())).anySatisfy(e -> assertThat(e).startsWith("REFERRAL_REWARD_GRANTED:"
                + r.rewardNo() + " 赠送的 2 课时已排课").contains("第3次 ").contains("第4次 "));
        assertThat(jdbc.sql("select recipient || ':' || body from notification where dedupe_key = ?")
                .param("referral-gift-lessons:" + r.rewardNo()).query(String.class).single())
                .startsWith(referrer.email() + ":").contains("第3次 ");
        assertThat((String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId()).variableName("giftLessonsText").singleResult().getValue())
                .as("what 电话告知介绍人 shows").startsWith("第3次 ").contains("\n第4次 ");
        assertThat(giftLessons.book(r.id(), "system").booking()).as("booked once")
                .isEqualTo(GiftLessons.Booking.NOTHING);
        assertThat(lessonStarts(referrer.opportunityId())).hasSize(4);
    }

    private List<java.time.OffsetDateTime> lessonStarts(long opportunityId) {
        return jdbc.sql("select l.starts_at from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.opportunity_id = ? and l.status <> 'CANCELLED' order by l.starts_at").param(opportunityId)
                .query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class)
                        .atZoneSameInstant(com.enrollflow.reference.BusinessTime.ZONE).toOffsetDateTime())
                .list();
    }

    /**
     * A referrer's family without an e-mail address gets no thank-you mail: customer service of the referrer's campus
     * phones them, reading what was given and the phone, and what the family said goes on the timeline (decision 718).
     */
    @Test
    void shouldHaveCustomerServicePhoneAReferrerWithoutAnEmail() {
        ReferralFixtures.Referrer referrer = fx.withContract();
        jdbc.sql("update customer set email = null where id = ?").param(referrer.customerId()).update();
        Contract referred = fx.referredContract(referrer, "26000.00");
        ReferralReward r = paid(referred);
        ProcessInstance pi = instance(r);
        sales.runJobs(pi);

        Task approve = sales.task(pi, "Task_ApproveReferralReward");
        leads.completeAs("sunqiang", approve, Map.of("rewardDecision", "APPROVE"));
        assertThat(told("sunqiang", approve)).as("no mail promised").endsWith("发放结果记入其客户动态；家长没有登记邮箱，"
                + "本校区客服将收到“电话告知介绍人”任务。");
        sales.runJobs(pi);

        Task phone = sales.task(pi, "Task_PhoneReferrer");
        assertThat(phone).as("no mail reaches the family: customer service phones").isNotNull();
        assertThat(pi).hasPassedInOrder("ServiceTask_GrantReferralReward", "Gateway_RewardGranted",
                "Gateway_ReferrerMailed").isWaitingAt("Task_PhoneReferrer");
        assertThat(candidate(phone, "customerService")).isTrue();
        assertThat(pi.getTenantId()).isEqualTo("BJHD");
        assertThat(phone.getDueDate()).isNotNull();
        String contractNumber = contracts.find(referrer.contractId()).orElseThrow().number();
        assertThat(engine.getTaskService().getVariable(phone.getId(), "rewardGrantedText"))
                .isEqualTo("合同 " + contractNumber + " 赠送 4 课时");
        assertThat(engine.getTaskService().getVariable(phone.getId(), "referredName")).isEqualTo("被介绍学员");
        assertThat(engine.getTaskService().getVariableLocal(phone.getId(), "phoneDisplay")).as("the number to call")
                .isNotNull();
        assertThat(jdbc.sql("select status from notification where dedupe_key = ?").param("referral-reward:"
                + r.rewardNo()).query(String.class).single()).isEqualTo("SKIPPED");

        assertThatThrownBy(() -> leads.completeAs("chenxi", phone, Map.of("phoneOutcome", " ")))
                .hasMessageContaining("通话结果：必填");
        leads.completeAs("chenxi", phone, Map.of("phoneOutcome", "家长很高兴，下次上课时用"));
        assertThat(told("chenxi", phone)).isEqualTo("通话结果已记入介绍人" + r.referrerName() + "的客户动态。");
        assertThat(pi).hasPassed("EndEvent_ReferrerPhoned").hasNotPassed("EndEvent_RewardGranted").isEnded();
        assertThat(timeline(referrer.customerId())).anySatisfy(e -> assertThat(e).isEqualTo(
                "REFERRAL_REWARD_TOLD:" + r.rewardNo() + "（介绍 被介绍学员）已电话告知：家长很高兴，下次上课时用"));
    }

    @Test
    void shouldAskTheSupervisorAboveFiveHundredYuanAndGiveAVoucherToAReferrerWithoutAContract() {
        ReferralFixtures.Referrer referrer = fx.withoutContract();
        Contract referred = fx.referredContract(referrer, "26000.00");
        // the family has paid the first of two installments
        com.enrollflow.payment.PaymentOrder order = payments.openOrder(referred.opportunityId(), referred.quoteId(),
                referred.id(), "BJ-HD", new BigDecimal("26000.00"), InstallmentPlan.TWO, java.time.LocalDate.now());
        payments.record(order.id(), com.enrollflow.payment.PaymentMethod.CARD, new BigDecimal("13000.00"),
                "DESK:referred-" + referred.id(), null, "zhaomin");
        ReferralReward r = paid(referred);
        ProcessInstance pi = instance(r);
        sales.runJobs(pi);

        Task approve = sales.task(pi, "Task_ApproveReferralReward");
        assertThat(approve).isNotNull();
        assertThat(candidate(approve, "salesSupervisor")).isTrue();
        assertThat(approve.getDueDate()).as("due in 48 hours: the gift's booking and the family's thanks wait on it")
                .isCloseTo(java.util.Date.from(java.time.Instant.now().plus(java.time.Duration.ofHours(48))), 60_000L);
        assertThat(pi.getTenantId()).isEqualTo("BJHD");
        assertThat((String) engine.getTaskService().getVariableLocal(approve.getId(), "rewardSummary"))
                .contains("赠送 4 课时").contains("800.00")
                .contains("合同 " + referred.number() + " 已缴 ¥13,000.00（合同金额 ¥26,000.00，其余分期未缴）");
        assertThat(rewards.get(r.id()).status()).isEqualTo("AWAITING_APPROVAL");
        assertThat(referrerPage("zhaomin", referrer.customerId()).at("/families/0/reward/statusLabel").asText())
                .isEqualTo("待销售主管审批");
        assertThatThrownBy(() -> leads.completeAs("sunqiang", approve, Map.of())).hasMessageContaining("审批意见");

        leads.completeAs("sunqiang", approve, Map.of("rewardDecision", "APPROVE"));
        // after 完成 the supervisor reads what will be granted, and to whom (decision 661); nobody else reads it
        assertThat(told("sunqiang", approve)).isEqualTo("已同意转介绍奖励 " + r.rewardNo() + "（介绍 被介绍学员）：赠送 4 课时"
                + "（无有效合同时改发代金券 ¥800.00），系统随即发放给介绍人" + r.referrerName()
                + "，发放结果记入其客户动态并邮件通知家庭。");
        assertThat(told("zhaomin", approve)).isNull();
        sales.runJobs(pi);

        assertThat(pi).hasPassedInOrder("Task_ApproveReferralReward", "Gateway_RewardApproved", "Gateway_ReadyToGrant",
                "ServiceTask_GrantReferralReward", "EndEvent_RewardGranted").isEnded();
        ReferralReward granted = rewards.get(r.id());
        assertThat(granted.approvedBy()).isEqualTo("sunqiang");
        assertThat(granted.grantedAs()).as("no contract in force: the voucher instead").isEqualTo("VOUCHER");
        var voucher = jdbc.sql("select code, customer_id, amount, valid_until from voucher where referral_reward_id = ?")
                .param(r.id()).query().singleRow();
        assertThat((String) voucher.get("code")).matches("DJQ\\d{6}");
        assertThat(((Number) voucher.get("customer_id")).longValue()).isEqualTo(referrer.customerId());
        assertThat((BigDecimal) voucher.get("amount")).isEqualByComparingTo("800.00");
        assertThat(voucher.get("valid_until").toString())
                .isEqualTo(BusinessTime.dateOf(java.time.OffsetDateTime.now()).plusDays(365).toString());
        assertThat(jdbc.sql("select body from notification where dedupe_key = ?").param("referral-reward:"
                + r.rewardNo()).query(String.class).single()).contains((String) voucher.get("code")).contains("800.00");

        // the referrer's page of the customer record, as the desk opens it
        JsonNode page = referrerPage("zhaomin", referrer.customerId());
        assertThat(page.get("referred").asInt()).isOne();
        assertThat(page.get("paid").asInt()).isOne();
        JsonNode family = page.get("families").get(0);
        assertThat(family.get("customerId").asLong()).isEqualTo(referred.customerId());
        assertThat(family.get("name").asText()).isEqualTo("被介绍学员");
        assertThat(family.at("/reward/rewardNo").asText()).isEqualTo(r.rewardNo());
        assertThat(family.at("/reward/statusLabel").asText()).isEqualTo("已发放");
        assertThat(family.at("/reward/described").asText()).contains("赠送 4 课时").contains("800.00");
        assertThat(family.at("/reward/grantedAsLabel").asText()).isEqualTo("代金券");
        JsonNode held = page.get("vouchers").get(0);
        assertThat(held.get("code").asText()).isEqualTo(voucher.get("code"));
        assertThat(held.get("amount").decimalValue()).isEqualByComparingTo("800.00");
        assertThat(held.get("expired").asBoolean()).isFalse();
        assertThat(held.get("rewardNo").asText()).isEqualTo(r.rewardNo());
        assertThat(held.get("stateLabel").asText()).isEqualTo("可用");

        // the referrer spends it on their own next plan: the page and the referral report say so
        String code = (String) voucher.get("code");
        var quote = pricing.createQuote(new com.enrollflow.pricing.QuoteRequest(referrer.opportunityId(), "BJ-HD",
                com.enrollflow.reference.ProductLine.ONE_ON_ONE, com.enrollflow.reference.Grade.J2,
                com.enrollflow.reference.Subject.MATH, com.enrollflow.reference.TeacherLevel.SENIOR, 40, "PKG40", null,
                java.util.List.of(), BigDecimal.ZERO, null, "liwei", null, referrer.customerId(), code));
        approvals.request(quote.id(), java.util.List.of(), "liwei");
        Contract spent = contracts.issue(quote.id(), "liwei");
        JsonNode after = referrerPage("zhaomin", referrer.customerId()).get("vouchers").get(0);
        assertThat(after.get("stateLabel").asText()).isEqualTo("已使用");
        assertThat(after.get("usedBy").asText()).isEqualTo(spent.number());
        JsonNode row = null;
        for (JsonNode x : http.withBasicAuth("sunqiang", "demo").getForObject("/api/reports/referrals?campus=海淀",
                JsonNode.class).get("rows")) {
            row = x.get("referrerCustomerId").asLong() == referrer.customerId() ? x : row;
        }
        assertThat(row.at("/figures/voucherAmount").decimalValue()).isEqualByComparingTo("800.00");
        assertThat(row.at("/figures/voucherRedeemed").decimalValue()).isEqualByComparingTo("800.00");
        assertThat(http.withBasicAuth("shenjia", "demo").getForEntity("/api/customers/" + referrer.customerId()
                + "/referrals", String.class).getStatusCode()).as("上海浦东's desk")
                .isEqualTo(org.springframework.http.HttpStatus.NOT_FOUND);
        assertThat(http.withBasicAuth("zhengkai", "demo").getForEntity("/api/customers/" + referrer.customerId()
                + "/referrals", String.class).getStatusCode()).as("a teacher reads no customer records")
                .isEqualTo(org.springframework.http.HttpStatus.FORBIDDEN);
    }

    private JsonNode referrerPage(String user, long customerId) {
        var answer = http.withBasicAuth(user, "demo").getForEntity("/api/customers/" + customerId + "/referrals",
                JsonNode.class);
        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody()))
                .isEqualTo(org.springframework.http.HttpStatus.OK);
        return answer.getBody();
    }

    @Test
    void shouldGiveAVoucherInsteadOfLessonsToAReferrerWhoseContractIsBeingRefunded() {
        ReferralFixtures.Referrer referrer = fx.withContract();
        // the referrer's family is leaving: its refund waits for approval when the family it referred pays
        ResponseEntity<JsonNode> leaving = com.enrollflow.testsupport.RefundRequests.post(http, "chenxi",
                Map.of("contractId", referrer.contractId(), "reason", "个人原因"));
        assertThat(leaving.getStatusCode()).as(String.valueOf(leaving.getBody())).isEqualTo(HttpStatus.CREATED);
        Contract referred = fx.referredContract(referrer, "12000.00");
        ReferralReward r = paid(referred);
        sales.runJobs(instance(r));

        ReferralReward granted = rewards.get(r.id());
        assertThat(granted.status()).isEqualTo("GRANTED");
        assertThat(granted.grantedAs()).as("gifted lessons would go with the contract refunded").isEqualTo("VOUCHER");
        assertThat(giftLines(referrer.contractId())).isEmpty();
        assertThat(jdbc.sql("select customer_id from voucher where referral_reward_id = ?").param(r.id())
                .query(Long.class).single()).isEqualTo(referrer.customerId());
        assertThat(timeline(referrer.customerId())).anySatisfy(e -> assertThat(e)
                .startsWith("REFERRAL_REWARD_GRANTED:" + r.rewardNo()).contains("代金券"));
    }

    /** A class student has no 1:1 lessons to be given gifted ones with: the voucher instead (decision 719). */
    @Test
    void shouldGiveAVoucherToAReferrerWhoseContractHasClassesOnly() {
        Contract classes = classFixtures.student("BJ-HD", classFixtures.newClass("BJ-HD", 16), "班课介绍人");
        ReferralFixtures.Referrer referrer = new ReferralFixtures.Referrer(classes.customerId(),
                classes.opportunityId(), classes.id(), null);
        ReferralReward r = paid(fx.referredContract(referrer, "12000.00"));
        ProcessInstance pi = instance(r);
        sales.runJobs(pi);

        assertThat(rewards.get(r.id()).grantedAs()).isEqualTo("VOUCHER");
        assertThat(giftLines(classes.id())).isEmpty();
        assertThat(pi).hasPassed("EndEvent_NoGiftLessons").isWaitingAt("Task_PhoneReferrer");
    }

    @Test
    void shouldGrantNothingWhenTheSupervisorRejectsWithAComment() {
        ReferralFixtures.Referrer referrer = fx.withContract();
        Contract referred = fx.referredContract(referrer, "26000.00");
        ReferralReward r = paid(referred);
        ProcessInstance pi = instance(r);
        sales.runJobs(pi);
        Task approve = sales.task(pi, "Task_ApproveReferralReward");

        assertThatThrownBy(() -> leads.completeAs("sunqiang", approve, Map.of("rewardDecision", "REJECT")))
                .hasMessageContaining("意见说明：必填");
        assertThat(rewards.get(r.id()).status()).as("nothing stored").isEqualTo("AWAITING_APPROVAL");
        leads.completeAs("sunqiang", approve, Map.of("rewardDecision", "REJECT", "approvalComment", "介绍人是本校员工家属"));
        assertThat(told("sunqiang", approve)).isEqualTo("已驳回转介绍奖励 " + r.rewardNo() + "：不发放；驳回意见已记入介绍人"
                + r.referrerName() + "的客户动态。");

        assertThat(pi).hasPassed("Gateway_RewardApproved", "EndEvent_RewardRejected")
                .hasNotPassed("ServiceTask_GrantReferralReward").isEnded();
        assertThat(rewards.get(r.id()).status()).isEqualTo("REJECTED");
        assertThat(giftLines(referrer.contractId())).isEmpty();
        assertThat(jdbc.sql("select count(*) from voucher where referral_reward_id = ?").param(r.id())
                .query(Integer.class).single()).isZero();
        assertThat(timeline(referrer.customerId())).anySatisfy(e -> assertThat(e)
                .startsWith("REFERRAL_REWARD_REJECTED:" + r.rewardNo()).contains("介绍人是本校员工家属"));
    }

    @Test
    void shouldNeitherApproveNorGrantARewardForAFamilyWhoseContractWasRefundedMeanwhile() {
        ReferralFixtures.Referrer referrer = fx.withContract();
        Contract approved = fx.referredContract(referrer, "26000.00");
        ProcessInstance awaiting = instance(paid(approved));
        sales.runJobs(awaiting);
        Task approve = sales.task(awaiting, "Task_ApproveReferralReward");
        jdbc.sql("update contract set status = 'REFUNDED' where id = ?").param(approved.id()).update();
        assertThatThrownBy(() -> leads.completeAs("sunqiang", approve, Map.of("rewardDecision", "APPROVE")))
                .hasMessageContaining("被介绍家庭的合同 " + approved.number() + " 的状态是已退费，不能发放奖励，请驳回");
        assertThat(awaiting).isWaitingAt("Task_ApproveReferralReward");

        // below 500 yuan nobody approves: the grant itself finds the refund
        Contract unapproved = fx.referredContract(fx.withContract(), "8000.00");
        ReferralReward r = paid(unapproved);
        jdbc.sql("update contract set status = 'PARTIALLY_REFUNDED' where id = ?").param(unapproved.id()).update();
        ProcessInstance pi = instance(r);
        sales.runJobs(pi);
        assertThat(pi).hasPassed("ServiceTask_GrantReferralReward", "Gateway_RewardGranted", "EndEvent_RewardVoided")
                .hasNotPassed("EndEvent_RewardGranted").isEnded();
        ReferralReward voided = rewards.get(r.id());
        assertThat(voided.status()).isEqualTo("REJECTED");
        assertThat(voided.grantedAs()).isNull();
        assertThat(jdbc.sql("select count(*) from hours_ledger where kind = 'GIFT' and contract_id = (select "
                + "granted_contract_id from referral_reward where id = ?)").param(r.id()).query(Integer.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from voucher where referral_reward_id = ?").param(r.id())
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from notification where dedupe_key = ?")
                .param("referral-reward:" + r.rewardNo()).query(Integer.class).single()).as("no thank-you mail")
                .isZero();
        assertThat(timeline(voided.referrerCustomerId())).anySatisfy(e -> assertThat(e)
                .startsWith("REFERRAL_REWARD_REJECTED:" + r.rewardNo())
                .contains("不发放：被介绍家庭的合同 " + unapproved.number() + " 的状态是部分退费"));
    }

    @Test
    void shouldRewardEachReferredFamilyOnceWhateverRerunsAndLaterContracts() {
        ReferralFixtures.Referrer referrer = fx.withContract();
        Contract referred = fx.referredContract(referrer, "8000.00");
        ReferralReward first = paid(referred);
        // the payment's task rerun (a job retry), and the family's next contract: the same reward, no second process
        assertThat(paid(referred).id()).isEqualTo(first.id());
        assertThat(instances(first)).isOne();
        ProcessInstance pi = instance(first);
        sales.runJobs(pi);
        assertThat(pi).isEnded();
        assertThat(rewards.grant(first.id(), "system").reward().grantedLineNo())
                .as("a second grant gives what the first gave")
                .isEqualTo(rewards.get(first.id()).grantedLineNo());
        assertThat(giftLines(referrer.contractId())).hasSize(1);
        assertThat(jdbc.sql("select count(*) from notification where dedupe_key = ?")
                .param("referral-reward:" + first.rewardNo()).query(Integer.class).single()).isOne();

        // a family nobody referred: nothing
        Contract unreferred = fx.contract("8000.00");
        assertThat(rewards.referredFamilyPaid(unreferred.opportunityId(), unreferred.id())).isEmpty();
    }

    @Test
    void shouldDecideFromTheTableOnceAndFailOnATableWithoutAValue() {
        ReferralFixtures.Referrer referrer = fx.withContract();
        ReferralReward r = paid(fx.referredContract(referrer, "8000.00"));
        ReferralReward decided = rewards.decided(r.id(), "GIFT_LESSONS", 2, 400.0, false);
        assertThat(rewards.decided(r.id(), "VOUCHER", 0, 999.0, true).rewardKind()).as("decided once")
                .isEqualTo(decided.rewardKind());
        assertThatThrownBy(() -> rewards.decided(r.id(), "VOUCHER", 0, 0, false))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> rewards.decided(r.id(), "积分", 0, 100, false))
                .isInstanceOf(IllegalStateException.class);
    }
}
