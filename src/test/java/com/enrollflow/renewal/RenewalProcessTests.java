package com.enrollflow.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.assignment.AssignmentStrategy;
import com.enrollflow.payment.PaymentMethod;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Grade;
import com.enrollflow.refund.Refunds;
import com.enrollflow.scheduling.PreferredTimes;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.teaching.Attendance;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.Assignments;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.RefundRuns;
import com.enrollflow.testsupport.PdfText;
import com.enrollflow.testsupport.Sales;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * renewal.bpmn (续费): a contract whose lessons run low starts its renewal once, for the family's consultant; the
 * conversation ends in a renewal (plan, approval, contract, payment and a schedule that follows on with the same
 * teacher), a later follow-up, or a refusal; the prepaid-fee regulation refuses an early collection with its reason.
 *
 * <p>The fixture: a BJ-HD J2 contract of 60 senior math lessons for ¥12,000, taught by 郑凯 (T-BJHD-01), with two
 * lessons ahead from tomorrow on.
 */
@EnrollFlowTest
class RenewalProcessTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    Attendance attendance;
    @Autowired
    Renewals renewals;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    com.enrollflow.customer.Vouchers vouchers;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;
    @Autowired
    PaymentService payments;
    @Autowired
    Refunds refunds;
    @Autowired
    SchedulingService scheduling;
    @Autowired
    com.enrollflow.contract.ContractService contracts;

    @Autowired
    Assignments assignments;
    @Autowired
    Sales sales;
    @Autowired
    TestRestTemplate http;

    private final List<Long> students = new ArrayList<>();

    @AfterEach
    void freeTheTeachers() {
        students.forEach(o -> scheduling.closeSchedule(o, "测试结束", "test"));
    }

    /**
     * The fixture with {@code left} lessons on its line, sold by liwei; the first of its three begun lessons is marked.
     */
    private TeachingTestSupport.Schedule contractWith(int left) {
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(3, 1, 2);
        teaching.leaveOnly(s.contract().contractId(), left);
        // sold by liwei (the fixture's opportunity has no owner)
        jdbc.sql("update opportunity set owner_user = 'liwei' where id = ?").param(s.contract().opportunityId())
                .update();
        students.add(s.contract().opportunityId());
        return s;
    }

    private void markAttended(long lessonId) {
        attendance.mark(lessonId, new Attendance.MarkRequest("ATTENDED", null, null, null),
                new Attendance.Marker("zhengkai", false));
        leads.runLessonFollowUpsOfLesson(lessonId);
    }

    private List<Renewal> renewalsOf(long contractId) {
        return jdbc.sql("select id from renewal where contract_id = ? order by id").param(contractId)
                .query(Long.class).list().stream().map(renewals::get).toList();
    }

    private ProcessInstance instance(Renewal r) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("renewal")
                .processInstanceBusinessKey(String.valueOf(r.opportunityId())).singleResult();
    }

    /** Runs every due job of the renewal and the processes it called, as the job executor would. */
    private String contract(long id) {
        return jdbc.sql("select number from contract where id = ?").param(id).query(String.class).single();
    }

    private void drain(Renewal r) {
        for (int round = 0; round < 10; round++) {
            List<Job> due = engine.getManagementService().createJobQuery().messages().executable().list().stream()
                    .filter(j -> engine.getRuntimeService().createProcessInstanceQuery()
                            .processInstanceId(j.getProcessInstanceId())
                            .processInstanceBusinessKey(String.valueOf(r.opportunityId())).count() > 0)
                    .toList();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(j -> engine.getManagementService().executeJob(j.getId()));
        }
    }

    private Task task(Renewal r, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(String.valueOf(r.opportunityId()))
                .taskDefinitionKey(key).singleResult();
    }

    private static LocalDate today() {
        return LocalDate.now(BusinessTime.ZONE);
    }

    @Test
    void shouldStartOnceWhenLessonsRunLowAndRenewThroughPlanContractPaymentAndAScheduleThatFollowsOn() {
        TeachingTestSupport.Schedule s = contractWith(6);
        long contractId = s.contract().contractId();
        assertThat(renewalsOf(contractId)).as("6 left: above the line of 5").isEmpty();

        markAttended(s.lessons().get(1));

        List<Renewal> started = renewalsOf(contractId);
        assertThat(started).hasSize(1);
        Renewal r = started.get(0);
        assertThat(r.renewalNo()).startsWith("XF");
        assertThat(r.trigger()).isEqualTo(RenewalTrigger.HOURS_LOW);
        assertThat(r.remainingAtStart()).isEqualTo(5);
        assertThat(r.ownerUser()).as("the family's consultant").isEqualTo("liwei");
        assertThat(r.teacherId()).isEqualTo("T-BJHD-01");
        assertThat(r.previousOpportunityId()).isEqualTo(s.contract().opportunityId());
        assertThat(r.newLessonsFrom()).as("the day after the last lesson booked").isAfter(today().plusDays(1));
        students.add(r.opportunityId());
        assertThat(jdbc.sql("select renewal_of_id from opportunity where id = ?").param(r.opportunityId())
                .query(Long.class).single()).isEqualTo(s.contract().opportunityId());
        // both timelines name who follows it up by name, not by login
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id in (?, ?) and event_type = ?")
                .params(r.opportunityId(), s.contract().opportunityId(), "RENEWAL_STARTED").query(String.class).list())
                .hasSize(2).allSatisfy(d -> assertThat(d).endsWith("由课程顾问 李伟（liwei） 跟进"));

        // another lesson consumed: still one renewal
        markAttended(s.lessons().get(2));
        assertThat(renewalsOf(contractId)).hasSize(1);

        ProcessInstance pi = instance(r);
        Task talk = task(r, "Task_TalkRenewal");
        assertThat(talk.getAssignee()).isEqualTo("liwei");
        assertThat(engine.getTaskService().getVariable(talk.getId(), "lessonSubject")).as("the plan starts from today's course")
                .isEqualTo("MATH");
        String recorded = jdbc.sql("select grade from opportunity where id = ?").param(r.opportunityId())
                .query(String.class).single();
        assertThat(engine.getTaskService().getVariable(talk.getId(), "grade"))
                .as("学员现在的年级 comes filled in with the grade on record").isEqualTo(recorded);
        // a grade below the one the contract was sold at: refused (it would price the renewal lower, unapproved)
        Grade sold = Grade.valueOf(jdbc.sql("select q.grade from contract c join quote q on q.id = c.quote_id "
                + "where c.id = ?").param(contractId).query(String.class).single());
        Grade lower = Grade.values()[sold.ordinal() - 1];
        assertThatThrownBy(() -> leads.completeAs("liwei", talk, Map.of("renewalOutcome", "RENEW", "newLessonsFrom",
                r.newLessonsFrom().toString(), "grade", lower.name())))
                .hasMessageContaining("学员现在的年级：不能低于合同").hasMessageContaining("签约时的年级（" + sold.label() + "）");
        assertThat(jdbc.sql("select grade from opportunity where id = ?").param(r.opportunityId())
                .query(String.class).single()).as("nothing stored").isEqualTo(recorded);
        Grade now = Grade.values()[Grade.valueOf(recorded).ordinal() + 1];
        leads.completeAs("liwei", talk, Map.of("renewalOutcome", "RENEW", "newLessonsFrom",
                r.newLessonsFrom().toString(), "grade", now.name(), "renewalNote", "家长满意，继续学数学"));
        assertThat(jdbc.sql("select grade from opportunity where id = ?").param(r.opportunityId())
                .query(String.class).single()).as("the student moved up a grade since the first enquiry")
                .isEqualTo(now.name());

        Task plan = task(r, "Task_MakeRenewalPlan");
        assertThat(plan.getAssignee()).isEqualTo("liwei");
        // what the plan is made from is the renewal, not the first enquiry's intent and placement test
        assertThat(engine.getTaskService().getVariableLocal(plan.getId(), "planBasis")).isEqualTo(String.join("\n",
                "续费 " + r.renewalNo() + "：原合同 " + r.contractNo() + "，还剩 4 课时",
                "新课 " + PreferredTimes.shown(r.newLessonsFrom()) + "起，优先原来的老师 "
                        + jdbc.sql("select name from teacher where id = 'T-BJHD-01'").query(String.class).single(),
                "学员：" + now.label() + " · 数学", "学习目标：中考数学提分",
                "沟通记录：家长满意，继续学数学"));
        leads.completeAs("liwei", plan, Map.of("planOutcome", "PLAN", "lessonSubject", "MATH", "teacherLevel",
                "SENIOR", "lessons", 20, "installmentPlan", "FULL", "preferredTimes",
                sales.freePreferredTimes("T-BJHD-01")));
        drain(r);
        assertThat(jdbc.sql("select grade from quote where opportunity_id = ?").param(r.opportunityId())
                .query(String.class).single()).as("the renewal is priced at the grade the student is in now")
                .isEqualTo(now.name());
        Task collect = task(r, "Task_CollectPayment");
        assertThat(collect).as("the contract is issued and waits for its payment at the desk").isNotNull();
        assertThat(engine.getTaskService().getVariable(collect.getId(), "renewalNo"))
                .as("收取学费 words its withdrawal for a renewal (家长放弃续费，作废续费合同)").isEqualTo(r.renewalNo());
        leads.completeAs("zhaomin", collect, Map.of("paymentMethod", "CASH"));
        drain(r);
        // paid: renewed from now on (the renewal report counts it), while academic affairs confirm the new lessons;
        // the family hears once the lessons are set
        assertThat(pi).hasPassed("ServiceTask_RecordRenewed");
        assertThat(renewals.get(r.id()).status()).isEqualTo(RenewalStatus.RENEWED);
        assertThat(renewals.get(r.id()).renewedContractId()).isNotNull().isNotEqualTo(contractId);
        // the family's new contract says which contract it renews
        assertThat(PdfText.of(contracts.document(renewals.get(r.id()).renewedContractId()).pdf()))
                .contains("本合同为合同" + r.contractNo() + "的续费合同");
        assertThat(jdbc.sql("select status from opportunity where id = ?").param(r.opportunityId())
                .query(String.class).single()).isEqualTo("WON");
        assertThat(jdbc.sql("select count(*) from notification where dedupe_key = ?").param("renewed:" + r.id())
                .query(Integer.class).single()).as("no confirmation before the lessons are set").isZero();

        Task confirm = task(r, "Task_ConfirmSchedule");
        assertThat(confirm).as("the new lessons are proposed to academic affairs (open instead: %s)", engine
                .getTaskService().createTaskQuery().processInstanceBusinessKey(String.valueOf(r.opportunityId())).list()
                .stream().map(t -> t.getTaskDefinitionKey() + " " + engine.getTaskService().getVariable(t.getId(),
                        "scheduleProblem")).toList()).isNotNull();
        assertThat(engine.getTaskService().getVariable(confirm.getId(), "oldContractNo"))
                .as("确认排课 says it is a renewal of that contract").isEqualTo(r.contractNo());
        List<Map<String, Object>> lessons = jdbc.sql("select l.teacher_id, l.starts_at from lesson l join "
                + "schedule_proposal p on p.id = l.proposal_id where p.live_opportunity_id = ? order by l.starts_at")
                .param(r.opportunityId()).query().listOfRows();
        assertThat(lessons).hasSize(20);
        assertThat(lessons).allSatisfy(l -> assertThat(l.get("teacher_id")).isEqualTo("T-BJHD-01"));
        leads.completeAs("wuting", confirm, Map.of("scheduleDecision", "CONFIRM"));
        drain(r);

        assertThat(pi).isEnded().hasPassed("ServiceTask_ConfirmRenewal");
        Renewal done = renewals.get(r.id());
        assertThat(done.status()).isEqualTo(RenewalStatus.RENEWED);
        assertThat(done.renewedContractId()).isNotNull().isNotEqualTo(contractId);
        assertThat(jdbc.sql("select status from opportunity where id = ?").param(r.opportunityId())
                .query(String.class).single()).isEqualTo("WON");
        assertThat(jdbc.sql("select count(*) from notification where dedupe_key = ? and subject like '%续费成功%'")
                .param("renewed:" + r.id()).query(Integer.class).single()).isEqualTo(1);
        // the family reads its new lessons, as a first sale's confirmation lists them
        String mail = jdbc.sql("select body from notification where dedupe_key = ?").param("renewed:" + r.id())
                .query(String.class).single();
        assertThat(mail).contains("续费合同 " + contract(done.renewedContractId()) + " 已生效")
                .contains("新课程的上课安排：\n第1次 ")
                .contains("第20次 ").contains("我们已尽量安排原来的老师继续授课");
        assertThat(jdbc.sql("select count(*) from timeline_event where opportunity_id = ? and event_type = 'RENEWED'")
                .param(s.contract().opportunityId()).query(Integer.class).single())
                .as("the family's first opportunity says it renewed").isEqualTo(1);
    }

    @Test
    void shouldRefuseARenewalFeeWhileMoreThanTwentyLessonsRemainAndComeBackOnTheAgreedDay() {
        TeachingTestSupport.Schedule s = contractWith(30);
        Renewal r = renewals.request(s.contract().contractId(), "家长主动问续费", "chenxi");
        students.add(r.opportunityId());
        assertThat(r.trigger()).isEqualTo(RenewalTrigger.REQUESTED);
        Task talk = task(r, "Task_TalkRenewal");

        Map<String, Object> renew = Map.of("renewalOutcome", "RENEW", "newLessonsFrom",
                r.newLessonsFrom().toString());
        assertThatThrownBy(() -> leads.completeAs("liwei", talk, renew))
                .hasMessageContaining("剩余课时多于 20 课时时不得收取续费").hasMessageContaining("还剩 30 课时");
        Map<String, Object> noGrade = new java.util.HashMap<>(renew);
        noGrade.put("grade", "");
        assertThatThrownBy(() -> leads.completeAs("liwei", task(r, "Task_TalkRenewal"), noGrade))
                .as("the grade the renewal is priced at is confirmed with the family")
                .hasMessageContaining("学员现在的年级：必填");
        // 剩余课时 is shown (disabled, never sent by Tasklist): a hand-made request that sends another count is refused
        Map<String, Object> fewer = new java.util.HashMap<>(renew);
        fewer.put("remainingLessons", 5);
        assertThatThrownBy(() -> leads.completeAs("liwei", task(r, "Task_TalkRenewal"), fewer))
                .hasMessageContaining("只读字段不能修改").hasMessageContaining("剩余课时");
        assertThat(task(r, "Task_TalkRenewal")).as("nothing stored: the task is still there").isNotNull();
        assertThat(renewals.get(r.id()).status()).isEqualTo(RenewalStatus.OPEN);

        LocalDate followUp = today().plusDays(20);
        leads.completeAs("liwei", task(r, "Task_TalkRenewal"), Map.of("renewalOutcome", "LATER", "followUpOn",
                followUp.toString()));
        Renewal later = renewals.get(r.id());
        assertThat(later.status()).isEqualTo(RenewalStatus.POSTPONED);
        assertThat(later.followUpOn()).isEqualTo(followUp);
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance(r).getId()).timers()
                .singleResult();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(followUp.atTime(9, 0).atZone(BusinessTime.ZONE)
                .toInstant());
        engine.getManagementService().executeJob(timer.getId());
        assertThat(task(r, "Task_TalkRenewal")).as("back to the consultant on the agreed day").isNotNull();
    }

    @Test
    void shouldRefuseCollectingMoreThanAMonthBeforeTheNewLessonsNamingTheEarliestDay() {
        TeachingTestSupport.Schedule s = contractWith(10);
        Renewal r = renewals.request(s.contract().contractId(), null, "liwei");
        students.add(r.opportunityId());
        LocalDate start = today().plusDays(50);

        assertThatThrownBy(() -> leads.completeAs("liwei", task(r, "Task_TalkRenewal"), Map.of("renewalOutcome",
                "RENEW", "newLessonsFrom", start.toString())))
                .hasMessageContaining("新课开始日期").hasMessageContaining("最多在新课开始前 1 个月收费")
                .hasMessageContaining("最早可于 " + start.minusMonths(1) + " 收费");
        assertThat(renewals.get(r.id()).newLessonsFrom()).isNotEqualTo(start);
    }

    @Test
    void shouldRefuseARefundOnceTheFamilyAgreedToRenewAndARenewalOfARefundedContract() {
        TeachingTestSupport.Schedule s = contractWith(10);
        for (long begun : s.lessons().subList(1, 3)) {
            markAttended(begun);
        }
        TeachingTestSupport.Taught t = s.contract();
        teaching.paidInFull(t);
        Renewal r = renewals.request(t.contractId(), null, "liwei");
        students.add(r.opportunityId());
        leads.completeAs("liwei", task(r, "Task_TalkRenewal"), Map.of("renewalOutcome", "RENEW", "newLessonsFrom",
                today().plusDays(7).toString()));

        assertThatThrownBy(() -> refunds.request(new Refunds.Request(t.contractId(), null, "RELOCATION", "家长说要搬家"),
                "zhaomin")).hasMessage("合同 " + r.contractNo() + " 的家长已同意续费（" + r.renewalNo()
                        + "），请先由顾问在续费流程中放弃续费方案，再申请退费");

        // a second renewal: postponed, and meanwhile the contract was refunded
        TeachingTestSupport.Schedule other = contractWith(10);
        Renewal postponed = renewals.request(other.contract().contractId(), null, "liwei");
        students.add(postponed.opportunityId());
        leads.completeAs("liwei", task(postponed, "Task_TalkRenewal"), Map.of("renewalOutcome", "LATER",
                "followUpOn", today().plusDays(3).toString()));
        jdbc.sql("update contract set status = 'REFUNDED' where id = ?").param(other.contract().contractId()).update();
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
                .processInstanceId(instance(postponed).getId()).timers().singleResult().getId()); // the follow-up day
        assertThatThrownBy(() -> leads.completeAs("liwei", task(postponed, "Task_TalkRenewal"), Map.of(
                "renewalOutcome", "RENEW", "newLessonsFrom", today().plusDays(7).toString())))
                .hasMessageContaining("合同 " + postponed.contractNo() + " 的状态是已退费，不能续费；请选择不续费");
    }

    @Test
    void shouldNotPreferTheTeacherTheFamilyChangedAwayFromWhenTheRenewalIsScheduled() {
        TeachingTestSupport.Schedule s = contractWith(10);
        Renewal r = renewals.request(s.contract().contractId(), null, "liwei");
        students.add(r.opportunityId());
        String zhengkai = renewals.get(r.id()).teacherId();
        assertThat(zhengkai).as("the teacher of the lessons ahead").isNotNull();
        assertThat(renewals.preferredTeacher(r.id())).as("nothing changed meanwhile").isEqualTo(zhengkai);

        // while the family thought it over, a complaint led to 更换教师 away from him
        jdbc.sql("insert into teacher_change (teacher_change_no, contract_id, opportunity_id, campus_code, "
                + "from_teacher_id, subject, teacher_level, lessons_to_schedule, status, reason, requested_by, "
                + "requested_at) values (?, ?, ?, 'BJ-HD', ?, 'MATH', 'SENIOR', 10, 'COMPLETED', '家长投诉', 'wuting', ?)")
                .params("HJ-TEST-" + r.id(), s.contract().contractId(), s.contract().opportunityId(), zhengkai,
                        java.time.OffsetDateTime.now()).update();
        assertThat(renewals.preferredTeacher(r.id())).as("续费排课 never prefers him again").isNull();
        assertThat(renewals.get(r.id()).teacherId()).isNull();
    }

    @Test
    void shouldNeverStartASecondRenewalOfAContractAlreadyRenewed() {
        TeachingTestSupport.Schedule s = contractWith(12);
        Renewal asked = renewals.request(s.contract().contractId(), "家长主动要求续费", "liwei");
        students.add(asked.opportunityId());
        // its plan, contract and payment went through (renewed() needs the new contract): as the process ends it
        jdbc.sql("update renewal set status = 'RENEWED', open_contract_id = null where id = ?").param(asked.id())
                .update();

        teaching.leaveOnly(s.contract().contractId(), 3);
        assertThat(renewals.remindIfDue(s.contract().contractId())).as("low hours, but renewed already").isEmpty();
        assertThatThrownBy(() -> renewals.request(s.contract().contractId(), null, "liwei"))
                .hasMessageStartingWith("合同 " + asked.contractNo() + " 已续费（" + asked.renewalNo());
        assertThat(renewalsOf(s.contract().contractId())).hasSize(1);
    }

    @Test
    void shouldRefuseToRenewAContractWhoseRefundWasAskedForDuringTheTalk() {
        Renewal r = paidContractBeingRenewed(10);
        String refund = refunds.request(new Refunds.Request(r.contractId(), null, "RELOCATION", "家长说要搬家"),
                "zhaomin").refundNo();

        assertThatThrownBy(() -> leads.completeAs("liwei", task(r, "Task_TalkRenewal"), Map.of("renewalOutcome",
                "RENEW", "newLessonsFrom", today().plusDays(7).toString())))
                .hasMessageContaining("沟通结果：合同 " + r.contractNo() + " 有进行中的退费申请 " + refund)
                .hasMessageContaining("，不能续费；可选暂不续费或不续费");
        assertThat(task(r, "Task_TalkRenewal")).as("nothing stored: the task is still there").isNotNull();
        assertThat(renewals.get(r.id()).newLessonsFrom()).isNotEqualTo(today().plusDays(7));

        leads.completeAs("liwei", task(r, "Task_TalkRenewal"), Map.of("renewalOutcome", "DECLINE",
                "declineReason", "家长申请退费"));
        assertThat(renewals.get(r.id()).status()).isEqualTo(RenewalStatus.DECLINED);
    }

    /** A contract with {@code left} lessons, paid ¥12,000 by card, its begun lessons marked, its renewal started. */
    private Renewal paidContractBeingRenewed(int left) {
        TeachingTestSupport.Schedule s = contractWith(left);
        TeachingTestSupport.Taught t = s.contract();
        teaching.paidInFull(t);
        for (long begun : s.lessons().subList(1, 3)) { // a refund waits for the marks of the lessons begun
            attendance.mark(begun, new Attendance.MarkRequest("LEAVE", null, null, null),
                    new Attendance.Marker("zhengkai", false));
        }
        Renewal r = renewals.request(t.contractId(), null, "liwei");
        students.add(r.opportunityId());
        return r;
    }

    /** The refund's process run to its end by its people, through 结束续费沟通. */
    private void refundedThrough(String refundNo) {
        assertThat(RefundRuns.throughToTheEnd(engine, leads, refundNo))
                .hasPassed("ServiceTask_SettleRefund", "ServiceTask_EndRenewal").isEnded();
    }

    /**
     * A family takes its money back while its renewal is still being talked about (续费沟通) or postponed to a
     * follow-up day: once the refund is settled, the renewal ends as 不续费 with the refund's number, its opportunity
     * is lost and nobody is asked to talk about it again.
     */
    @Test
    void shouldEndARenewalStillBeingTalkedAboutOnceItsContractIsRefunded() {
        Renewal talking = paidContractBeingRenewed(10);
        Renewal postponed = paidContractBeingRenewed(10);
        leads.completeAs("liwei", task(postponed, "Task_TalkRenewal"), Map.of("renewalOutcome", "LATER",
                "followUpOn", today().plusDays(3).toString()));

        for (Renewal r : List.of(talking, postponed)) {
            String refundNo = refunds.request(new Refunds.Request(r.contractId(), null, "RELOCATION", "全家搬去外地"),
                    "zhaomin").refundNo();
            refundedThrough(refundNo);

            Renewal ended = renewals.get(r.id());
            assertThat(ended.status()).isEqualTo(RenewalStatus.DECLINED);
            assertThat(ended.declineReason()).isEqualTo("原合同已退费（" + refundNo + "）");
            assertThat(instance(r)).as("the renewal's process").isNull();
            String process = engine.getHistoryService().createHistoricProcessInstanceQuery()
                    .processDefinitionKey("renewal").processInstanceBusinessKey(String.valueOf(r.opportunityId()))
                    .singleResult().getId();
            assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(process)
                    .activityId("EndEvent_ContractEnded").count()).isOne();
            assertThat(engine.getManagementService().createJobQuery().processInstanceId(process).count())
                    .as("no follow-up day left").isZero();
            assertThat(jdbc.sql("select status from opportunity where id = ?").param(r.opportunityId())
                    .query(String.class).single()).isEqualTo("LOST");
        }
    }

    /**
     * A renewal that started on a version of 续费 from before 原合同退费时 (a running instance at the upgrade) cannot
     * receive the message: it is ended all the same, with the reason Cockpit shows, and recorded as 不续费.
     */
    @Test
    void shouldEndARenewalOfAVersionWithoutTheEventSubprocessToo() throws java.io.IOException {
        String model = java.nio.file.Files.readString(java.nio.file.Path.of("bpmn/renewal.bpmn"));
        String before = model.replaceAll("(?s)<bpmn:subProcess id=\"SubProcess_ContractEnded\".*?</bpmn:subProcess>",
                "").replaceAll("(?s)<bpmndi:BPMNShape id=\"(SubProcess|StartEvent|EndEvent)_ContractEnded_di\".*?"
                        + "</bpmndi:BPMNShape>", "").replaceAll("(?s)<bpmndi:BPMNEdge id=\"SequenceFlow_ToContract"
                                + "EndedEnd_di\".*?</bpmndi:BPMNEdge>", "");
        assertThat(before).doesNotContain("SubProcess_ContractEnded", "StartEvent_ContractEnded");
        String deployment = engine.getRepositoryService().createDeployment().name("续费（事件子流程之前的版本）")
                .addString("renewal.bpmn", before)
                .addString("talk-renewal.form", java.nio.file.Files.readString(java.nio.file.Path.of(
                        "forms/talk-renewal.form")))
                .addString("make-plan.form", java.nio.file.Files.readString(java.nio.file.Path.of(
                        "forms/make-plan.form"))).deploy().getId();
        try {
            Renewal r = paidContractBeingRenewed(10);
            assertThat(repositoryModelOf(r)).as("running the version before")
                    .doesNotContain("SubProcess_ContractEnded");
            String refundNo = refunds.request(new Refunds.Request(r.contractId(), null, "RELOCATION", "全家搬去外地"),
                    "zhaomin").refundNo();
            refundedThrough(refundNo);

            assertThat(renewals.get(r.id()).status()).isEqualTo(RenewalStatus.DECLINED);
            assertThat(instance(r)).isNull();
            assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("renewal")
                    .processInstanceBusinessKey(String.valueOf(r.opportunityId())).singleResult().getDeleteReason())
                    .isEqualTo("原合同已退费，续费终止");
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment, true);
        }
    }

    private String repositoryModelOf(Renewal r) {
        var definition = instance(r).getProcessDefinitionId();
        return org.camunda.bpm.model.bpmn.Bpmn.convertToString(engine.getRepositoryService()
                .getBpmnModelInstance(definition));
    }

    /** Money paid back without ending the contract (多付款退还) ends no renewal: the talk goes on. */
    @Test
    void shouldLeaveTheRenewalToItsTalkWhenARefundKeepsTheContractInForce() {
        Renewal r = paidContractBeingRenewed(10);
        PaymentOrder order = payments.forContract(r.contractId()).orElseThrow();
        payments.record(order.id(), PaymentMethod.ONLINE, new BigDecimal("300.00"), "GW:TX-renewal-over-"
                + r.contractId(), null, "gateway");

        refundedThrough(refunds.request(new Refunds.Request(r.contractId(), null, "OVERPAYMENT", null), "zhaomin")
                .refundNo());

        assertThat(renewals.get(r.id()).status()).isEqualTo(RenewalStatus.OPEN);
        assertThat(task(r, "Task_TalkRenewal")).as("still to be talked about").isNotNull();
    }

    @Test
    void shouldCloseADeclinedRenewalWithItsReasonAndNeverRemindTheContractAgain() {
        TeachingTestSupport.Schedule s = contractWith(5);
        Renewal r = renewals.remindIfDue(s.contract().contractId()).orElseThrow();
        students.add(r.opportunityId());
        ProcessInstance pi = instance(r);

        assertThatThrownBy(() -> leads.completeAs("liwei", task(r, "Task_TalkRenewal"),
                Map.of("renewalOutcome", "DECLINE"))).hasMessageContaining("不续费原因");
        leads.completeAs("liwei", task(r, "Task_TalkRenewal"), Map.of("renewalOutcome", "不续费", "declineReason",
                "孩子成绩已达标"));

        assertThat(pi).isEnded().hasPassed("EndEvent_Declined");
        Renewal declined = renewals.get(r.id());
        assertThat(declined.status()).isEqualTo(RenewalStatus.DECLINED);
        assertThat(declined.declineReason()).isEqualTo("孩子成绩已达标");
        assertThat(jdbc.sql("select status from opportunity where id = ?").param(r.opportunityId())
                .query(String.class).single()).isEqualTo("LOST");
        assertThat(renewals.remindIfDue(s.contract().contractId())).as("reminded once per contract").isEmpty();
    }

    /** A discount above the consultant's authority goes to the approvers, who read that the plan is a renewal. */
    @Test
    void shouldTellTheApproversThatTheDiscountIsForARenewal() {
        TeachingTestSupport.Schedule s = contractWith(4);
        Renewal r = renewals.remindIfDue(s.contract().contractId()).orElseThrow();
        students.add(r.opportunityId());
        leads.completeAs("liwei", task(r, "Task_TalkRenewal"), Map.of("renewalOutcome", "RENEW", "newLessonsFrom",
                r.newLessonsFrom().toString()));
        leads.completeAs("liwei", task(r, "Task_MakeRenewalPlan"), Map.of("planOutcome", "PLAN", "lessonSubject",
                "MATH", "teacherLevel", "SENIOR", "lessons", 20, "extraDiscount", 1000, "discountReason", "老学员续费",
                "installmentPlan", "FULL", "preferredTimes", sales.freePreferredTimes("T-BJHD-01")));
        drain(r);

        Task approve = engine.getTaskService().createTaskQuery().processDefinitionKey("discountApproval")
                .processInstanceBusinessKey(String.valueOf(r.opportunityId())).singleResult();
        assertThat(approve).as("1000 of 20 senior lessons is above the consultant's 5 %").isNotNull();
        assertThat((String) engine.getTaskService().getVariableLocal(approve.getId(), "quoteSummary"))
                .startsWith("续费 " + r.renewalNo() + "（续接合同 " + r.contractNo() + "）\n一对一 ");
        leads.completeAs("sunqiang", approve, Map.of("discountDecision", "REJECT", "approvalComment", "按标准价续费"));
    }

    @Test
    void shouldTakeTheFamilysVoucherOffTheRenewal() {
        TeachingTestSupport.Schedule s = contractWith(4);
        Renewal r = renewals.remindIfDue(s.contract().contractId()).orElseThrow();
        students.add(r.opportunityId());
        long customer = jdbc.sql("select customer_id from opportunity where id = ?").param(r.opportunityId())
                .query(Long.class).single();
        // a referral reward the family was given: spent where referrers mostly spend it, on renewing
        com.enrollflow.customer.Vouchers.Voucher voucher = transactions.execute(t -> vouchers.issue(customer,
                new java.math.BigDecimal("800.00"), today().plusDays(30), null, java.time.OffsetDateTime.now()));
        leads.completeAs("liwei", task(r, "Task_TalkRenewal"), Map.of("renewalOutcome", "RENEW", "newLessonsFrom",
                r.newLessonsFrom().toString()));

        Task plan = task(r, "Task_MakeRenewalPlan");
        assertThat(engine.getTaskService().getVariable(plan.getId(), "voucherOptions").toString())
                .contains(voucher.code());
        leads.completeAs("liwei", plan, Map.of("planOutcome", "PLAN", "lessonSubject", "MATH", "teacherLevel",
                "SENIOR", "lessons", 20, "installmentPlan", "FULL", "preferredTimes",
                sales.freePreferredTimes("T-BJHD-01"),
                "voucherCode", voucher.code()));
        drain(r);

        Map<String, Object> quote = jdbc.sql("select q.voucher_amount, q.list_price - q.standard_discount "
                + "- q.final_price as off from quote q where q.opportunity_id = ?").param(r.opportunityId()).query()
                .singleRow();
        assertThat((java.math.BigDecimal) quote.get("voucher_amount")).isEqualByComparingTo("800.00");
        assertThat((java.math.BigDecimal) quote.get("off")).isEqualByComparingTo("800.00");
        String contract = jdbc.sql("select number from contract where opportunity_id = ?").param(r.opportunityId())
                .query(String.class).single();
        assertThat(vouchers.of(customer, today())).singleElement().satisfies(v -> {
            assertThat(v.state()).isEqualTo(com.enrollflow.customer.Vouchers.State.USED);
            assertThat(v.usedBy()).isEqualTo(contract);
        });
    }

    @Test
    void shouldEndARenewalGivenUpWhilePlanning() {
        TeachingTestSupport.Schedule s = contractWith(4);
        Renewal r = renewals.remindIfDue(s.contract().contractId()).orElseThrow();
        students.add(r.opportunityId());
        ProcessInstance pi = instance(r);
        leads.completeAs("liwei", task(r, "Task_TalkRenewal"), Map.of("renewalOutcome", "RENEW", "newLessonsFrom",
                r.newLessonsFrom().toString()));
        Map<String, Object> lost = new HashMap<>();
        lost.put("planOutcome", "LOST");
        lost.put("lostReason", "家长觉得价格太高");
        leads.completeAs("liwei", task(r, "Task_MakeRenewalPlan"), lost);

        assertThat(pi).isEnded().hasPassed("ServiceTask_RecordGivenUp");
        assertThat(renewals.get(r.id()).status()).isEqualTo(RenewalStatus.DECLINED);
        assertThat(renewals.get(r.id()).declineReason()).isEqualTo("家长觉得价格太高");
    }

    @Test
    void shouldGiveTheRenewalToCustomerServiceWhenTheConsultantHasLeft() {
        TeachingTestSupport.Schedule s = contractWith(5);
        jdbc.sql("update opportunity set owner_user = 'leftlastyear' where id = ?")
                .param(s.contract().opportunityId()).update();
        Renewal r = renewals.remindIfDue(s.contract().contractId()).orElseThrow();
        students.add(r.opportunityId());

        assertThat(r.ownerUser()).isNull();
        assertThat(r.consultantId()).isEqualTo("leftlastyear");
        Task talk = task(r, "Task_TalkRenewal");
        assertThat(talk.getAssignee()).isNull();
        assertThat(engine.getTaskService().getIdentityLinksForTask(talk.getId()))
                .anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo("customerService"));
        leads.completeAs("chenxi", talk, Map.of("renewalOutcome", "RENEW", "newLessonsFrom",
                r.newLessonsFrom().toString()));
        assertThat(renewals.get(r.id()).ownerUser()).as("who agreed it owns the sale").isEqualTo("chenxi");
        assertThat(task(r, "Task_MakeRenewalPlan").getAssignee()).isEqualTo("chenxi");
    }

    /**
     * 离职转交 (decision 538): the consultant's renewal being talked about and the one postponed to a follow-up day
     * pass to the colleague the supervisor names, with their tasks, the follow-up's talk still to come and the plan
     * after it; the timeline says who handed what to whom.
     */
    @Test
    void shouldHandTheLeavingConsultantsRenewalsToTheColleagueNamedWithEveryTaskStillToCome() {
        Renewal talking = renewals.request(contractWith(8).contract().contractId(), null, "chenxi");
        Renewal later = renewals.request(contractWith(30).contract().contractId(), null, "chenxi");
        students.add(talking.opportunityId());
        students.add(later.opportunityId());
        assertThat(talking.ownerUser()).isEqualTo("liwei");
        leads.completeAs("liwei", task(later, "Task_TalkRenewal"), Map.of("renewalOutcome", "LATER", "followUpOn",
                today().plusDays(20).toString()));
        String team = assignments.team(AssignmentStrategy.SUPERVISOR_DESIGNATES, "liwei", "chenjing");

        ResponseEntity<JsonNode> answer = http.withBasicAuth("sunqiang", "demo").postForEntity("/api/teams/" + team
                + "/members/liwei/hand-over", Map.of("to", List.of("chenjing"), "status", "ON_LEAVE"), JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody().findValuesAsText("work")).contains("续费 " + talking.renewalNo(),
                "续费 " + later.renewalNo());
        for (Renewal r : List.of(talking, later)) {
            assertThat(renewals.get(r.id()).ownerUser()).isEqualTo("chenjing");
            assertThat(jdbc.sql("select owner_user from opportunity where id = ?").param(r.opportunityId())
                    .query(String.class).single()).isEqualTo("chenjing");
            assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? "
                    + "and event_type = 'HANDED_OVER'").param(r.previousOpportunityId()).query(String.class).list())
                    .containsExactly("离职转交：续费 " + r.renewalNo() + " 由 李伟（liwei） 转交给 陈静（chenjing）");
        }
        assertThat(task(talking, "Task_TalkRenewal").getAssignee()).isEqualTo("chenjing");
        leads.completeAs("chenjing", task(talking, "Task_TalkRenewal"), Map.of("renewalOutcome", "RENEW",
                "newLessonsFrom", talking.newLessonsFrom().toString()));
        assertThat(task(talking, "Task_MakeRenewalPlan").getAssignee()).as("the plan after the talk")
                .isEqualTo("chenjing");

        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
                .processInstanceId(instance(later).getId()).timers().singleResult().getId());
        assertThat(task(later, "Task_TalkRenewal").getAssignee()).as("the follow-up day's talk")
                .isEqualTo("chenjing");
    }

    /**
     * A family whose consultant has left every team of the campus (decision 539): while they work there, a renewal
     * goes to them and a hand-over takes it to the colleague named; once they have left, the next family's renewal
     * goes to the campus's customer service, as for a consultant no longer on the staff.
     */
    @Test
    void shouldGiveTheNextRenewalToCustomerServiceOnceTheConsultantHasLeftEveryTeamOfTheCampus() {
        String leaver = assignments.newConsultant("BJ-HD");
        String team = assignments.team(AssignmentStrategy.SUPERVISOR_DESIGNATES, leaver, "chenjing");
        Renewal before = renewals.remindIfDue(contractSoldBy(leaver)).orElseThrow();
        students.add(before.opportunityId());
        assertThat(before.ownerUser()).as("a consultant still working at the campus").isEqualTo(leaver);

        ResponseEntity<JsonNode> answer = http.withBasicAuth("sunqiang", "demo").postForEntity("/api/teams/" + team
                + "/members/" + leaver + "/hand-over", Map.of("to", List.of("chenjing")), JsonNode.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody().findValuesAsText("work")).containsExactly("续费 " + before.renewalNo());
        assertThat(task(before, "Task_TalkRenewal").getAssignee()).isEqualTo("chenjing");

        Renewal after = renewals.remindIfDue(contractSoldBy(leaver)).orElseThrow();
        students.add(after.opportunityId());
        assertThat(after.ownerUser()).isNull();
        assertThat(after.consultantId()).isEqualTo(leaver);
        Task talk = task(after, "Task_TalkRenewal");
        assertThat(talk.getAssignee()).isNull();
        assertThat(engine.getTaskService().getIdentityLinksForTask(talk.getId()))
                .anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo("customerService"));
    }

    /** A contract with 5 lessons left, whose opportunity {@code consultant} sold. */
    private long contractSoldBy(String consultant) {
        TeachingTestSupport.Schedule s = contractWith(5);
        jdbc.sql("update opportunity set owner_user = ? where id = ?").params(consultant, s.contract().opportunityId())
                .update();
        return s.contract().contractId();
    }

    /**
     * 续费沟通 not done in its three days (decision 542): the campus's sales supervisor gets one mail naming the family,
     * the renewal and who holds the talk; the talk stays with the consultant, and a talk done in time sends nothing.
     */
    @Test
    void shouldMailTheCampusSupervisorWhenTheTalkIsOverdueAndLeaveTheTalkWithItsConsultant() {
        Renewal r = renewals.request(contractWith(8).contract().contractId(), null, "chenxi");
        students.add(r.opportunityId());
        var management = engine.getManagementService();
        Job overdue = management.createJobQuery().processInstanceId(instance(r).getId())
                .activityId("BoundaryEvent_TalkOverdue").singleResult();
        assertThat(overdue.getDuedate()).isBetween(java.util.Date.from(java.time.Instant.now().plus(
                java.time.Duration.ofDays(3).minusMinutes(5))), java.util.Date.from(java.time.Instant.now().plus(
                        java.time.Duration.ofDays(3))));
        Task talk = task(r, "Task_TalkRenewal");

        management.executeJob(overdue.getId());
        drain(r);

        assertThat(instance(r)).hasPassed("ServiceTask_RemindOverdueTalk", "EndEvent_OverdueReminded");
        assertThat(task(r, "Task_TalkRenewal").getId()).as("the talk goes on").isEqualTo(talk.getId());
        List<Map<String, Object>> mails = jdbc.sql("select recipient, subject, body from notification "
                + "where dedupe_key like ?").param("renewal-overdue:" + talk.getId() + ":%").query().listOfRows();
        assertThat(mails).as("北京海淀's supervisor only").singleElement().satisfies(m -> {
            assertThat(m.get("subject").toString()).startsWith("【续费逾期】").endsWith(" 的续费沟通已超过 3 天未完成");
            assertThat(m.get("body").toString()).contains(r.renewalNo(), r.contractNo(), "由 李伟（liwei） 负责");
        });

        Renewal onTime = renewals.request(contractWith(8).contract().contractId(), null, "chenxi");
        students.add(onTime.opportunityId());
        assertThat(management.createJobQuery().processInstanceId(instance(onTime).getId())
                .activityId("BoundaryEvent_TalkOverdue").count()).isEqualTo(1);
        leads.completeAs("liwei", task(onTime, "Task_TalkRenewal"), Map.of("renewalOutcome", "RENEW",
                "newLessonsFrom", onTime.newLessonsFrom().toString()));
        assertThat(task(onTime, "Task_MakeRenewalPlan")).as("the renewal goes on").isNotNull();
        assertThat(management.createJobQuery().processInstanceId(instance(onTime).getId())
                .activityId("BoundaryEvent_TalkOverdue").count()).as("talked in time: no reminder to come").isZero();
    }

    @Test
    void shouldEndTheRenewalWhenItsContractIsCancelledAtPayment() {
        TeachingTestSupport.Schedule s = contractWith(3);
        Renewal r = renewals.remindIfDue(s.contract().contractId()).orElseThrow();
        students.add(r.opportunityId());
        ProcessInstance pi = instance(r);
        leads.completeAs("liwei", task(r, "Task_TalkRenewal"), Map.of("renewalOutcome", "RENEW", "newLessonsFrom",
                r.newLessonsFrom().toString()));
        leads.completeAs("liwei", task(r, "Task_MakeRenewalPlan"), Map.of("planOutcome", "PLAN", "lessonSubject",
                "MATH", "teacherLevel", "SENIOR", "lessons", 20, "installmentPlan", "FULL", "preferredTimes",
                sales.freePreferredTimes("T-BJHD-01")));
        drain(r);
        leads.completeAs("zhaomin", task(r, "Task_CollectPayment"), Map.of("collectOutcome", "WITHDRAWN",
                "cancelReason", "家长改变主意"));
        drain(r);

        assertThat(pi).isEnded().hasPassed("ServiceTask_RecordCancelled");
        assertThat(renewals.get(r.id()).status()).isEqualTo(RenewalStatus.CANCELLED);
        assertThat(renewals.openOn(s.contract().contractId())).as("a new renewal may be asked").isEmpty();
        assertThat(jdbc.sql("select count(*) from contract where opportunity_id = ? and status = 'CANCELLED'")
                .param(r.opportunityId()).query(Integer.class).single()).isEqualTo(1);
    }
}
