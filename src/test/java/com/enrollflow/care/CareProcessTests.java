package com.enrollflow.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.teaching.Attendance;
import com.enrollflow.teaching.ClassFixtures;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/**
 * customer-care.bpmn and care-call.bpmn (客户关怀): the daily sweep gives customer service a call for two absences in
 * a row and for 30 days without a lesson while lessons remain, mails a greeting before the grade's exam, and asks
 * nothing twice for the same occurrence.
 */
@EnrollFlowTest
class CareProcessTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    ClassFixtures classes;
    @Autowired
    Attendance attendance;
    @Autowired
    CareTouches care;
    @Autowired
    com.enrollflow.suspension.Suspensions suspensions;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    com.enrollflow.teaching.HoursLedger ledger;
    @Autowired
    com.enrollflow.payment.PaymentService payments;
    @Autowired
    com.enrollflow.refund.Refunds refunds;

    /**
     * The sweep reads every contract in force; other tests' contracts are parked (CANCELLED) while this test's
     * sweep runs and given back afterwards, so each test sees only its own students.
     */
    private final List<Long> parked = new java.util.ArrayList<>();

    private void parkOtherContracts(long mine) {
        List<Long> others = jdbc.sql("select id from contract where status = 'ISSUED' and id <> ?").param(mine)
                .query(Long.class).list();
        others.forEach(id -> jdbc.sql("update contract set status = 'CANCELLED' where id = ?").param(id).update());
        parked.addAll(others);
    }

    @AfterEach
    void giveBackTheOtherContracts() {
        parked.forEach(id -> jdbc.sql("update contract set status = 'ISSUED' where id = ?").param(id).update());
        jdbc.sql("update contract set status = 'CANCELLED' where id in (select contract_id from care_touch)").update();
    }

    private static LocalDate today() {
        return LocalDate.now(BusinessTime.ZONE);
    }

    private List<Long> lessons(long opportunityId) {
        return jdbc.sql("select l.id from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.opportunity_id = ? order by l.seq").param(opportunityId).query(Long.class).list();
    }

    private void absent(long lessonId) {
        attendance.mark(lessonId, new Attendance.MarkRequest("ABSENT", null, null, null),
                new Attendance.Marker("zhengkai", false));
    }

    private ProcessInstance runTheDay(long contractId) {
        parkOtherContracts(contractId);
        Job timer = engine.getManagementService().createJobQuery().processDefinitionKey("customerCare").timers()
                .singleResult();
        engine.getManagementService().executeJob(timer.getId());
        ProcessInstance day = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("customerCare").orderByProcessInstanceId().desc().list().get(0);
        leads.runJobs(day.getId());
        return day;
    }

    @Test
    void shouldCallTheFamilyAfterTwoAbsencesInARowOnceAndRecordTheOutcome() {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(3, 1);
        List<Long> l = lessons(t.opportunityId());
        absent(l.get(1));
        absent(l.get(2));

        ProcessInstance day = runTheDay(t.contractId());
        ProcessInstance call = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(day.getId())
                .singleResult();
        assertThat(call.getBusinessKey()).isEqualTo(String.valueOf(t.opportunityId()));
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(call.getId()).singleResult();
        assertThat(task.getName()).isEqualTo("关怀回访");
        // called within two days, as the other call-backs: one left undone shows in 本组逾期任务
        assertThat(task.getDueDate()).isCloseTo(new java.util.Date(task.getCreateTime().getTime() + 48 * 3_600_000L),
                60_000);
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).taskCandidateGroup("customerService")
                .count()).isEqualTo(1);
        assertThat((String) engine.getTaskService().getVariableLocal(task.getId(), "careSummary"))
                .contains("连续 2 次以上缺勤");

        assertThatThrownBy(() -> leads.completeAs("chenxi", task, Map.of("careOutcome", " ")))
                .hasMessageContaining("必填");
        leads.completeAs("chenxi", task, Map.of("careOutcome", "孩子生病两周，下周恢复上课"));
        assertThat(call).hasPassed("EndEvent_CareCalled").isEnded();
        assertThat(day).hasPassed("EndEvent_CareDayDone").isEnded();
        assertThat(jdbc.sql("select outcome || '/' || done_by from care_touch where opportunity_id = ?")
                .param(t.opportunityId()).query(String.class).single()).isEqualTo("孩子生病两周，下周恢复上课/chenxi");

        // the next day: the same two absences ask nothing more
        assertThat(care.sweep(today().plusDays(1))).isEmpty();
    }

    /** The contract paid in full at the desk (what a refund gives back). */
    private void paidInFull(TeachingTestSupport.Taught t) {
        com.enrollflow.payment.PaymentOrder order = payments.openOrder(t.opportunityId(), t.quoteId(),
                t.contractId(), "BJ-HD", new java.math.BigDecimal("12000.00"),
                com.enrollflow.payment.InstallmentPlan.FULL, LocalDate.now());
        payments.record(order.id(), com.enrollflow.payment.PaymentMethod.CARD, new java.math.BigDecimal("12000.00"),
                "DESK:care-refund-" + t.contractId(), null, "zhaomin");
    }

    @Test
    void shouldTakeTheCallAwayWhenTheContractIsRefundedAndAskNoneWhileItsRefundIsUnderWay() {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(3, 1);
        paidInFull(t);
        List<Long> l = lessons(t.opportunityId());
        absent(l.get(1));
        absent(l.get(2));
        ProcessInstance day = runTheDay(t.contractId());
        ProcessInstance call = engine.getRuntimeService().createProcessInstanceQuery()
                .superProcessInstanceId(day.getId()).singleResult();
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(call.getId()).count()).isOne();

        // the family leaves before customer service calls: once the refund is paid, the call is not asked for
        com.enrollflow.refund.Refund r = refunds.request(new com.enrollflow.refund.Refunds.Request(t.contractId(),
                null, "RELOCATION", "全家搬到外地"), "chenxi");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(call.getId()).count())
                .as("still open while the refund is approved: it may be rejected").isOne();
        com.enrollflow.testsupport.RefundRuns.throughToTheEnd(engine, leads, r.refundNo());
        assertThat(call).hasPassed("EndEvent_NoLongerNeeded").isEnded();
        assertThat(engine.getTaskService().createTaskQuery().taskName("关怀回访").processInstanceBusinessKey(
                String.valueOf(t.opportunityId())).count()).isZero();
        assertThat(jdbc.sql("select outcome || '/' || done_by from care_touch where opportunity_id = ?")
                .param(t.opportunityId()).query(String.class).single())
                .isEqualTo("合同已退费（" + r.refundNo() + "），无需回访/system");

        // a contract whose whole refund is being approved: no call to arrange lessons, 30 days on or not
        TeachingTestSupport.Taught leaving = teaching.contractWithLessonsTaught(1, 1);
        paidInFull(leaving);
        refunds.request(new com.enrollflow.refund.Refunds.Request(leaving.contractId(), null, "RELOCATION",
                "全家搬到外地"), "chenxi");
        parkOtherContracts(leaving.contractId());
        assertThat(care.sweep(today().plusDays(40))).isEmpty();
        assertThat(jdbc.sql("select count(*) from care_touch where contract_id = ?").param(leaving.contractId())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void shouldCallAfterThirtyDaysWithoutALessonAndGreetBeforeTheExam() {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(1, 1);
        jdbc.sql("update opportunity set grade = 'S3' where id = ?").param(t.opportunityId()).update();
        parkOtherContracts(t.contractId());
        // 2027-06-03: four days before 高考 (exam-dates.dmn), and far more than 30 days after the only lesson
        List<CareTouches.Call> calls = care.sweep(LocalDate.of(2027, 6, 3));
        assertThat(calls).extracting(CareTouches.Call::reason).containsExactly(
                "30 天以上没有上课，仍有剩余课时，请致电了解情况并安排上课");
        assertThat(jdbc.sql("select count(*) from notification where dedupe_key like 'care:%' and subject like '%高考加油%' "
                + "and opportunity_id = ?").param(t.opportunityId()).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select care_trigger from care_touch where opportunity_id = ? order by id")
                .param(t.opportunityId()).query(String.class).list())
                .containsExactly("NO_LESSON_30_DAYS", "EXAM_AHEAD");
        assertThat(care.sweep(LocalDate.of(2027, 6, 4))).as("once per occurrence").isEmpty();
    }

    @Test
    void shouldNotAskAboutLessonsDuringASuspensionAndCountTheDaysFromTheResumption() {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(1, 1);
        parkOtherContracts(t.contractId());
        LocalDate from = today().plusDays(1);
        long suspension = suspensions.suspend(t.contractId(), new com.enrollflow.suspension.Suspensions.Request(
                from.toString(), from.plusDays(90).toString(), "出国交流"), "chenxi").id();

        assertThat(care.sweep(from.plusDays(45))).as("45 days into a suspension: nothing to ask").isEmpty();
        assertThat(care.sweep(from.plusDays(100))).as("past its end, waiting for 安排复课").isEmpty();
        LocalDate resumed = from.plusDays(92);
        jdbc.sql("update suspension set status = 'RESUMED', open_contract_id = null, resumed_on = ? where id = ?")
                .params(resumed, suspension).update();
        assertThat(care.sweep(resumed.plusDays(29))).isEmpty();
        assertThat(care.sweep(resumed.plusDays(31))).extracting(CareTouches.Call::reason).containsExactly(
                "30 天以上没有上课，仍有剩余课时，请致电了解情况并安排上课");
    }

    private int birthdayMails(long opportunityId) {
        return jdbc.sql("select count(*) from notification where dedupe_key like 'care:%' and subject like '%生日快乐%' "
                + "and opportunity_id = ?").param(opportunityId).query(Integer.class).single();
    }

    private void bornOn(long opportunityId, LocalDate birthDate) {
        String customer = " where id = (select customer_id from opportunity where id = ?)";
        if (birthDate == null) {
            jdbc.sql("update customer set birth_date = null" + customer).param(opportunityId).update();
        } else {
            jdbc.sql("update customer set birth_date = ?" + customer).params(birthDate, opportunityId).update();
        }
    }

    @Test
    void shouldMailABirthdayGreetingOnTheStudentsBirthdayThroughTheDailySweep() {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(2, 2);
        bornOn(t.opportunityId(), today().minusYears(12));

        ProcessInstance day = runTheDay(t.contractId());

        assertThat(day).hasPassed("ServiceTask_FindCareTouches", "EndEvent_CareDayDone").isEnded();
        assertThat(birthdayMails(t.opportunityId())).isEqualTo(1);
        assertThat(jdbc.sql("select body from notification where dedupe_key like 'care:%' and subject like '%生日快乐%' "
                + "and opportunity_id = ?").param(t.opportunityId()).query(String.class).single())
                .contains("生日").contains("全体老师");
        assertThat(jdbc.sql("select occurrence from care_touch where opportunity_id = ? and care_trigger = 'BIRTHDAY'")
                .param(t.opportunityId()).query(String.class).list()).containsExactly("birthday:" + today().getYear());
        assertThat(jdbc.sql("select count(*) from timeline_event where opportunity_id = ? and event_type = 'CARE_GREETING'")
                .param(t.opportunityId()).query(Integer.class).single()).isEqualTo(1);
        assertThat(care.sweep(today())).as("the same day again").isEmpty();
        assertThat(birthdayMails(t.opportunityId())).as("once a year").isEqualTo(1);
    }

    @Test
    void shouldGreetALeapDayChildOnTheTwentyEighthInOtherYearsAndOncePerYear() {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(2, 2);
        bornOn(t.opportunityId(), LocalDate.of(2016, 2, 29));
        parkOtherContracts(t.contractId());

        care.sweep(LocalDate.of(2027, 2, 27));
        assertThat(birthdayMails(t.opportunityId())).isZero();
        care.sweep(LocalDate.of(2027, 2, 28));
        assertThat(birthdayMails(t.opportunityId())).as("2027 has no 29 February").isEqualTo(1);
        care.sweep(LocalDate.of(2027, 3, 1));
        care.sweep(LocalDate.of(2028, 2, 28));
        assertThat(birthdayMails(t.opportunityId())).as("2028 has one: not on the 28th").isEqualTo(1);
        care.sweep(LocalDate.of(2028, 2, 29));
        care.sweep(LocalDate.of(2028, 2, 29));
        assertThat(birthdayMails(t.opportunityId())).as("the next year's birthday, once").isEqualTo(2);
    }

    @Test
    void shouldGreetAStudentWithTwoContractsInForceOnce() {
        TeachingTestSupport.Taught first = teaching.contractWithLessonsTaught(2, 2);
        TeachingTestSupport.Taught second = teaching.contractWithLessonsTaught(2, 2);
        // the second contract is the same student's (a class as well as 1:1, say)
        jdbc.sql("update opportunity set customer_id = (select customer_id from opportunity where id = ?) where id = ?")
                .params(first.opportunityId(), second.opportunityId()).update();
        jdbc.sql("update contract set customer_id = (select customer_id from opportunity where id = ?) where id = ?")
                .params(first.opportunityId(), second.contractId()).update();
        bornOn(first.opportunityId(), LocalDate.of(2014, 4, 1));
        parkOtherContracts(first.contractId());
        jdbc.sql("update contract set status = 'ISSUED' where id = ?").param(second.contractId()).update();
        parked.remove(Long.valueOf(second.contractId()));

        care.sweep(LocalDate.of(2027, 4, 1));

        assertThat(birthdayMails(first.opportunityId()) + birthdayMails(second.opportunityId())).isEqualTo(1);
    }

    @Test
    void shouldGreetAStudentWhoseOneOnOneLessonsAreUsedUpButAskNoCallAboutThem() {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(2, 0);
        lessons(t.opportunityId()).forEach(this::absent);
        teaching.leaveOnly(t.contractId(), 0);
        bornOn(t.opportunityId(), today().minusYears(13));
        parkOtherContracts(t.contractId());

        // two absences in a row, but nothing left to come to: a greeting, no call
        assertThat(care.sweep(today())).isEmpty();

        assertThat(birthdayMails(t.opportunityId())).isEqualTo(1);
        assertThat(jdbc.sql("select care_trigger from care_touch where opportunity_id = ?").param(t.opportunityId())
                .query(String.class).list()).containsExactly("BIRTHDAY");
    }

    @Test
    void shouldGreetAClassStudentOnTheBirthdayAndBeforeTheExam() {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(0, 0);
        // a class contract: its hours are class lessons, none of them 1:1 (the ledger opens at its first reading)
        assertThat(ledger.accounts(t.contractId())).isNotEmpty();
        String classCode = classes.newClass("BJ-HD", 16);
        jdbc.sql("update hours_ledger set kind = 'CLASS', class_code = ? where contract_id = ?")
                .params(classCode, t.contractId()).update();
        jdbc.sql("update opportunity set grade = 'S3' where id = ?").param(t.opportunityId()).update();
        parkOtherContracts(t.contractId());
        // 2027-06-03: four days before 高考 (exam-dates.dmn), the student's 18th birthday
        bornOn(t.opportunityId(), LocalDate.of(2009, 6, 3));

        // months without a 1:1 lesson are no reason to call a class student
        assertThat(care.sweep(LocalDate.of(2027, 6, 3))).isEmpty();

        assertThat(jdbc.sql("select care_trigger from care_touch where opportunity_id = ? order by care_trigger")
                .param(t.opportunityId()).query(String.class).list()).containsExactly("BIRTHDAY", "EXAM_AHEAD");
        assertThat(birthdayMails(t.opportunityId())).isEqualTo(1);
    }

    @Test
    void shouldLeaveAFormerStudentAloneAYearAfterTheLastLesson() {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(2, 2);
        teaching.leaveOnly(t.contractId(), 0);
        LocalDate lastLesson = jdbc.sql("select max(l.starts_at) from lesson l join schedule_proposal p "
                + "on p.id = l.proposal_id where p.opportunity_id = ?").param(t.opportunityId())
                .query(java.time.OffsetDateTime.class).single().atZoneSameInstant(BusinessTime.ZONE).toLocalDate();
        parkOtherContracts(t.contractId());

        LocalDate later = lastLesson.plusDays(400);
        bornOn(t.opportunityId(), later.minusYears(12));
        care.sweep(later);
        assertThat(birthdayMails(t.opportunityId())).as("400 days after the last lesson: a former student").isZero();

        bornOn(t.opportunityId(), lastLesson.plusDays(365).minusYears(12));
        care.sweep(lastLesson.plusDays(365));
        assertThat(birthdayMails(t.opportunityId())).as("a year after the last lesson: still ours").isEqualTo(1);
    }

    @Test
    void shouldNotGreetAStudentWithoutABirthDate() {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(2, 2);
        bornOn(t.opportunityId(), null);
        parkOtherContracts(t.contractId());
        care.sweep(today());
        assertThat(birthdayMails(t.opportunityId())).isZero();
    }

    @Test
    void shouldLeaveTaughtStudentsAlone() {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(2, 2);
        ProcessInstance day = runTheDay(t.contractId());
        assertThat(day).hasPassed("ServiceTask_FindCareTouches", "EndEvent_CareDayDone").isEnded();
    }
}
