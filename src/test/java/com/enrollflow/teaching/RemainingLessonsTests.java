package com.enrollflow.teaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

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
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.testsupport.Concurrently;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/**
 * 安排剩余课时 (remaining-lessons.bpmn, Tasklist's start form book-remaining-lessons): the 1:1 hours a contract still
 * has and no lesson holds — here the hour of a 补课 declined with 不安排补课 — are booked by academic affairs at the end
 * of the family's schedule, with its teacher and weekly time, as the family's call gives them; the timeline and the
 * family's mail list them. An hour still waiting in 安排补课 is not free, nor is one booked already; what is typed
 * wrong is refused by field, and nothing is booked then.
 */
@EnrollFlowTest
class RemainingLessonsTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    TeachingFixtures fx;
    @Autowired
    HoursLedger ledger;
    @Autowired
    Attendance attendance;
    @Autowired
    SchedulingService scheduling;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    com.enrollflow.payment.PaymentService payments;
    @Autowired
    com.enrollflow.refund.Refunds refunds;

    private final List<Long> students = new ArrayList<>();

    @AfterEach
    void freeTheSlots() {
        students.forEach(o -> scheduling.closeSchedule(o, "测试结束", "test"));
    }

    /**
     * A student of 郑凯 with 4 hours left: one lesson an hour ago, then three at 19:00 on a Tuesday a week apart, weeks
     * ahead and on days of their own (郑凯 teaches weekdays 16:00–21:00), so that the hour left goes to the Tuesday
     * after, at 19:00, unless that is a closed day.
     */
    private TeachingFixtures.Student student(String email) {
        return student(email, 60, 200);
    }

    /** The same, the first Tuesday {@code from} days ahead or later, within {@code range} more. */
    private TeachingFixtures.Student student(String email, int from, int range) {
        LocalDate tuesday = LocalDate.now(BusinessTime.ZONE).plusDays(from + ThreadLocalRandom.current().nextInt(range))
                .with(TemporalAdjusters.next(DayOfWeek.TUESDAY));
        List<OffsetDateTime> starts = new ArrayList<>();
        starts.add(OffsetDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minusHours(1));
        for (int week = 0; week < 3; week++) {
            starts.add(tuesday.plusWeeks(week).atTime(19, 0).atZone(BusinessTime.ZONE).toOffsetDateTime());
        }
        TeachingFixtures.Student s = fx.studentAt(TeachingFixtures.ZHENGKAI, starts);
        students.add(s.contract().opportunityId());
        fx.leave(s.contract(), ledger, 4);
        jdbc.sql("update customer set email = ? where id = ?").params(email, s.contract().customerId()).update();
        return s;
    }

    private static Map<String, Object> form(String contract, Object count, String startOn, String note) {
        Map<String, Object> form = new HashMap<>();
        form.put("contract", contract);
        form.put("lessonCount", count);
        form.put("startOn", startOn);
        form.put("note", note);
        return form;
    }

    private ProcessInstance submit(String user, Map<String, Object> form) {
        String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("remainingLessonsBooking").latestVersion().singleResult().getId();
        engine.getIdentityService().setAuthentication(user, List.of("academicAffairs"));
        try {
            return engine.getFormService().submitStartForm(definition, form);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private String told(ProcessInstance pi) {
        return (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId()).variableName("startResult").singleResult().getValue();
    }

    private Task rebookingTask(long lessonId) {
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("lessonRebooking").variableValueEquals("lessonId", lessonId).singleResult();
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    private List<OffsetDateTime> lessons(long opportunityId) {
        return jdbc.sql("select l.starts_at from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.opportunity_id = ? and l.status <> 'CANCELLED' order by l.starts_at").param(opportunityId)
                .query(OffsetDateTime.class).list();
    }

    @Test
    void shouldBookTheHourADeclinedMakeUpLeftAfterTheLastLessonOnlyOnce() {
        TeachingFixtures.Student s = student("family@example.com");
        String number = s.contract().number();
        long opportunity = s.contract().opportunityId();
        attendance.mark(s.lessons().get(0), new Attendance.MarkRequest("TEACHER_ABSENT", "郑老师病假", null, null),
                new Attendance.Marker("zhengkai", false));

        // the hour waits for its 补课: booking it here as well would leave one lesson more than hours
        assertThatThrownBy(() -> submit("wuting", form(number, null, null, null)))
                .hasMessage("提交内容有误：合同 " + number + " 剩余 4 课时都已排课（其中 1 课时在“安排补课”中等待补课），无需安排");

        leads.completeAs("wuting", rebookingTask(s.lessons().get(0)),
                Map.of("rebookOutcome", "NONE", "rebookNote", "家长这周出差，课时以后再排"));
        assertThatThrownBy(() -> submit("wuting", form(number, 2L, null, null)))
                .hasMessage("提交内容有误：排课课时数：最多 1 课时：剩余 4 课时，其中 3 课时已排课");
        assertThat(lessons(opportunity)).hasSize(4);

        List<OffsetDateTime> before = lessons(opportunity);
        OffsetDateTime last = before.get(before.size() - 1);
        ProcessInstance pi = submit("wuting", form("  " + number + " ", null, null, "家长约定继续每周二晚上上课"));

        List<OffsetDateTime> after = lessons(opportunity);
        assertThat(after).hasSize(5);
        ZonedDateTime added = after.get(4).atZoneSameInstant(BusinessTime.ZONE);
        assertThat(added.toOffsetDateTime()).isAfter(last);
        assertThat(added.getDayOfWeek()).as("the family's weekly day").isEqualTo(DayOfWeek.TUESDAY);
        assertThat(added.toLocalTime()).as("and time").isEqualTo(LocalTime.of(19, 0));
        long addedId = jdbc.sql("select l.id from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.opportunity_id = ? and l.starts_at = ?").params(opportunity, after.get(4))
                .query(Long.class).single();
        assertThat(jdbc.sql("select teacher_id from lesson where id = ?").param(addedId).query(String.class).single())
                .as("the family's teacher").isEqualTo(TeachingFixtures.ZHENGKAI);
        assertThat(jdbc.sql("select count(*) from booking_slot where lesson_id = ?").param(addedId)
                .query(Integer.class).single()).as("teacher, room and student, two half hours each").isEqualTo(6);

        String when = BusinessTime.dateOf(after.get(4)).toString();
        assertThat(told(pi)).startsWith("课消学员 的 1 课时已排课（合同 " + number + "）：第5次 ")
                .contains(when).endsWith("；已发邮件通知家长。");
        assertThat(pi.getBusinessKey()).isEqualTo(String.valueOf(opportunity));
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = 'SCHEDULED'")
                .param(opportunity).query(String.class).single()).startsWith("安排剩余课时（合同 " + number + "）：1 课时，")
                .contains(when).endsWith("说明：家长约定继续每周二晚上上课");
        assertThat(jdbc.sql("select recipient || ' ' || subject || ' ' || body from notification where "
                + "opportunity_id = ? and kind = 'REMAINING_LESSONS_BOOKED'").param(opportunity).query(String.class)
                .single()).startsWith("family@example.com 北京海淀校区：一对一课程排课通知").contains("剩余的 1 课时已排课")
                .contains(when);

        // every hour has its lesson now
        assertThatThrownBy(() -> submit("wuting", form(number, null, null, null)))
                .hasMessage("提交内容有误：合同 " + number + " 剩余 4 课时都已排课，无需安排");
        assertThat(lessons(opportunity)).hasSize(5);
    }

    @Test
    void shouldRefuseEveryWrongFieldAtOnceAndBookNothing() {
        TeachingFixtures.Student s = student("");
        long opportunity = s.contract().opportunityId();
        LocalDate today = LocalDate.now(BusinessTime.ZONE);

        assertThatThrownBy(() -> submit("wuting", form("BJ-HD-2099-99999", 0L, today.toString(), "x".repeat(501))))
                .hasMessageStartingWith("提交内容有误：合同编号或家长手机号：").hasMessageContaining("排课课时数：至少 1 课时")
                .hasMessageContaining("最早上课日期：须是明天或以后（今天是 " + today + "）")
                .hasMessageContaining("说明：");
        assertThatThrownBy(() -> submit("wuting", form(s.contract().number(), "2.5", today.plusDays(91).toString(),
                null))).hasMessage("提交内容有误：排课课时数：应为整数：“2.5”；最早上课日期：不能晚于 90 天以后（"
                        + today.plusDays(91 - 1) + "）");
        // another campus's academic affairs do not find the contract
        assertThatThrownBy(() -> submit("dingning", form(s.contract().number(), null, null, null)))
                .hasMessageStartingWith("提交内容有误：合同编号或家长手机号：");
        assertThat(lessons(opportunity)).hasSize(4);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("remainingLessonsBooking").processInstanceBusinessKey(String.valueOf(opportunity))
                .count()).isZero();
    }

    @Test
    void shouldBookFromTheDayAskedAndTellToPhoneAFamilyWithoutAnAddress() {
        TeachingFixtures.Student s = student(null, 20, 20);
        long opportunity = s.contract().opportunityId();
        fx.leave(s.contract(), ledger, 6); // three booked ahead, the one begun unmarked: two hours free
        List<OffsetDateTime> before = lessons(opportunity);
        LocalDate startOn = BusinessTime.dateOf(before.get(before.size() - 1)).plusWeeks(3);

        ProcessInstance pi = submit("wuting", form(s.contract().number(), 1L, startOn.toString(), null));
        List<OffsetDateTime> after = lessons(opportunity);
        assertThat(after).hasSize(5);
        assertThat(BusinessTime.dateOf(after.get(4))).isAfterOrEqualTo(startOn);
        assertThat(told(pi)).contains("；还有 1 课时未排课；").endsWith("家长没有登记邮箱，请电话告知家长上课时间。");
    }

    @Test
    void shouldWaitForASuspensionAndBookTheSameHoursOnceWhenAskedTwiceAtOnce() throws Exception {
        TeachingFixtures.Student s = student("family@example.com");
        fx.leave(s.contract(), ledger, 5);
        String number = s.contract().number();
        List<Callable<String>> twice = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            twice.add(() -> {
                try {
                    submit("wuting", form(number, null, null, null));
                    return "booked";
                } catch (RuntimeException e) {
                    return e.getMessage();
                }
            });
        }
        assertThat(Concurrently.run(twice)).containsExactlyInAnyOrder("booked",
                "提交内容有误：合同 " + number + " 剩余 5 课时都已排课，无需安排");
        assertThat(lessons(s.contract().opportunityId())).hasSize(5);

        TeachingFixtures.Student suspended = student("other@example.com");
        fx.leave(suspended.contract(), ledger, 5);
        LocalDate from = LocalDate.now(BusinessTime.ZONE).plusDays(30);
        String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("suspensionRequest").latestVersion().singleResult().getId();
        engine.getIdentityService().setAuthentication("wuting", List.of("academicAffairs"));
        try {
            engine.getFormService().submitStartForm(definition, Map.of("contract", suspended.contract().number(),
                    "from", from.toString(), "until", from.plusDays(20).toString(), "reason", "出国交流"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        assertThatThrownBy(() -> submit("wuting", form(suspended.contract().number(), null, null, null)))
                .hasMessageStartingWith("提交内容有误：合同 " + suspended.contract().number() + " 已登记停课（")
                .hasMessageEndingWith("安排剩余课时");
    }

    /** A student of 郑凯 whose one lesson was at 19:00 on the last weekday before today, with {@code left} hours left. */
    private TeachingFixtures.Student usedUp(int left) {
        TeachingFixtures.Student s = fx.studentAt(TeachingFixtures.ZHENGKAI,
                List.of(TeachingFixtures.lastWeekdayEvening()));
        students.add(s.contract().opportunityId());
        fx.leave(s.contract(), ledger, left);
        return s;
    }

    /** The student's contract paid in full at the desk (¥12,000.00 by card), so that a refund has money to pay back. */
    private void paidInFull(TeachingFixtures.Student s) {
        com.enrollflow.payment.PaymentOrder order = payments.openOrder(s.contract().opportunityId(),
                s.contract().quoteId(), s.contract().id(), "BJ-HD", new java.math.BigDecimal("12000.00"),
                com.enrollflow.payment.InstallmentPlan.FULL, LocalDate.now());
        payments.record(order.id(), com.enrollflow.payment.PaymentMethod.CARD, new java.math.BigDecimal("12000.00"),
                "DESK:remaining-paid-" + s.contract().id(), null, "zhaomin");
    }

    private Task followUp(long opportunityId) {
        return engine.getTaskService().createTaskQuery().processDefinitionKey("remainingLessonsFollowUp")
                .processInstanceBusinessKey(String.valueOf(opportunityId)).singleResult();
    }

    private void attended(long lessonId) {
        attendance.mark(lessonId, new Attendance.MarkRequest("ATTENDED", null, null, null),
                new Attendance.Marker("zhengkai", false));
        leads.runLessonFollowUpsOfLesson(lessonId);
    }

    /**
     * The last lesson on the schedule taught with hours left that no lesson holds: academic affairs of the campus get
     * 安排剩余课时 (due in 48 hours) reading the hours and the last lesson; 暂不排课 needs its reason and keeps the
     * hours; 排课 books them at the family's weekly time.
     */
    @Test
    void shouldAskAcademicAffairsWhenTheScheduleIsUsedUpWithHoursLeft() {
        TeachingFixtures.Student s = usedUp(3);
        long opportunity = s.contract().opportunityId();
        attended(s.lessons().get(0));

        Task task = followUp(opportunity);
        assertThat(task).as("asked once the last lesson is taught").isNotNull();
        assertThat(task.getName()).isEqualTo("安排剩余课时");
        assertThat(task.getTenantId()).isEqualTo("BJHD");
        assertThat(task.getDueDate()).isAfter(new java.util.Date(System.currentTimeMillis() + 47 * 3_600_000L));
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).taskCandidateGroup("academicAffairs")
                .count()).isEqualTo(1);
        assertThat((String) engine.getTaskService().getVariableLocal(task.getId(), "remainingText"))
                .startsWith("合同 " + s.contract().number() + "\n剩余 2 课时，其中 2 课时未排课\n最后一次课：第1次 ")
                .contains("19:00–20:00 郑凯");

        assertThatThrownBy(() -> leads.completeAs("wuting", task, Map.of("remainingOutcome", "LATER")))
                .hasMessageContaining("说明：必填");
        leads.completeAs("wuting", task, Map.of("remainingOutcome", "LATER", "note", "家长说寒假后再联系"));
        assertThat(followUp(opportunity)).isNull();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().taskIdIn(task.getId())
                .variableName("taskResult").singleResult().getValue())
                .isEqualTo("课消学员 的 2 课时暂不排课，已记入客户动态；课时仍在合同上。");
        assertThat(lessons(opportunity)).hasSize(1);
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = 'SCHEDULED'")
                .param(opportunity).query(String.class).single())
                .isEqualTo("剩余 2 课时暂不排课（合同 " + s.contract().number() + "）：家长说寒假后再联系");

        TeachingFixtures.Student booked = usedUp(3);
        long other = booked.contract().opportunityId();
        attended(booked.lessons().get(0));
        Task toBook = followUp(other);
        assertThatThrownBy(() -> leads.completeAs("wuting", toBook, Map.of("remainingOutcome", "BOOK",
                "lessonCount", 5L))).hasMessageContaining("排课课时数：最多 2 课时：剩余 2 课时，其中 0 课时已排课");
        leads.completeAs("wuting", toBook, Map.of("remainingOutcome", "BOOK", "lessonCount", 1L));
        assertThat((String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .taskIdIn(toBook.getId()).variableName("taskResult").singleResult().getValue())
                .as("what wuting reads after 完成").startsWith("课消学员 的 1 课时已排课（合同 " + booked.contract().number()
                        + "）：第2次 ").contains("；还有 1 课时未排课；");
        List<OffsetDateTime> after = lessons(other);
        assertThat(after).hasSize(2);
        ZonedDateTime added = after.get(1).atZoneSameInstant(BusinessTime.ZONE);
        assertThat(added.toOffsetDateTime()).isAfter(OffsetDateTime.now());
        assertThat(added.getDayOfWeek()).isEqualTo(after.get(0).atZoneSameInstant(BusinessTime.ZONE).getDayOfWeek());
        assertThat(added.toLocalTime()).isEqualTo(LocalTime.of(19, 0));
        assertThat(followUp(other)).isNull();
    }

    /**
     * Nothing is asked while lessons wait on the schedule, nor when every hour is used; hours booked in the start
     * form take the open task away.
     */
    @Test
    void shouldAskOnlyWhenNothingIsBookedAndWithdrawWhenTheStartFormBooksTheHours() {
        TeachingFixtures.Student ahead = student("family@example.com");
        fx.leave(ahead.contract(), ledger, 6);
        attended(ahead.lessons().get(0));
        assertThat(followUp(ahead.contract().opportunityId())).as("three lessons still ahead").isNull();

        TeachingFixtures.Student done = usedUp(1);
        attended(done.lessons().get(0));
        assertThat(followUp(done.contract().opportunityId())).as("no hour left").isNull();

        TeachingFixtures.Student s = usedUp(3);
        attended(s.lessons().get(0));
        assertThat(followUp(s.contract().opportunityId())).isNotNull();
        submit("wuting", form(s.contract().number(), 1L, null, null));
        assertThat(followUp(s.contract().opportunityId())).as("one hour still unbooked").isNotNull();
        submit("wuting", form(s.contract().number(), null, null, null));
        assertThat(followUp(s.contract().opportunityId())).as("every hour booked").isNull();
        assertThat(lessons(s.contract().opportunityId())).hasSize(3);
    }

    /** A family that leaves: once its refund is paid, academic affairs are not asked to book its lessons. */
    @Test
    void shouldTakeTheTaskAwayOnceTheContractIsRefunded() {
        TeachingFixtures.Student s = usedUp(3);
        long opportunity = s.contract().opportunityId();
        paidInFull(s);
        attended(s.lessons().get(0));
        Task task = followUp(opportunity);
        assertThat(task).isNotNull();

        com.enrollflow.refund.Refund r = refunds.request(new com.enrollflow.refund.Refunds.Request(
                s.contract().id(), null, "RELOCATION", "全家搬到外地"), "chenxi");
        assertThatThrownBy(() -> leads.completeAs("wuting", task, Map.of("remainingOutcome", "BOOK")))
                .as("nothing is booked while the refund is asked for")
                .hasMessageContaining("有进行中的退费申请 " + r.refundNo());
        com.enrollflow.testsupport.RefundRuns.throughToTheEnd(engine, leads, r.refundNo());
        assertThat(followUp(opportunity)).isNull();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("remainingLessonsFollowUp").processInstanceBusinessKey(String.valueOf(opportunity))
                .singleResult().getDeleteReason()).isEqualTo("合同已退费（" + r.refundNo() + "），无需排课");
        assertThat(lessons(opportunity)).hasSize(1);
    }

    /**
     * 退部分课时 of every hour still free while the task is open (one hour was booked in the start form meanwhile):
     * nothing is left to book, so the task goes away; a refund that leaves an hour free leaves the task.
     */
    @Test
    void shouldTakeTheTaskAwayOnceAPartialRefundLeavesNoHourToBook() {
        TeachingFixtures.Student s = usedUp(4);
        long opportunity = s.contract().opportunityId();
        paidInFull(s);
        attended(s.lessons().get(0));
        assertThat(followUp(opportunity)).as("3 hours free").isNotNull();
        submit("wuting", form(s.contract().number(), 1L, null, null));
        assertThat(followUp(opportunity)).as("2 hours still free").isNotNull();

        com.enrollflow.refund.Refund some = refunds.requestSomeLessons(new com.enrollflow.refund.Refunds.Request(
                s.contract().id(), null, "RELOCATION", "少上一节", null, null, 1), "chenxi");
        com.enrollflow.testsupport.RefundRuns.throughToTheEnd(engine, leads, some.refundNo());
        assertThat(followUp(opportunity)).as("1 hour still free: the task stays").isNotNull();

        com.enrollflow.refund.Refund rest = refunds.requestSomeLessons(new com.enrollflow.refund.Refunds.Request(
                s.contract().id(), null, "RELOCATION", "再少上一节", null, null, 1), "chenxi");
        com.enrollflow.testsupport.RefundRuns.throughToTheEnd(engine, leads, rest.refundNo());
        assertThat(followUp(opportunity)).as("no hour left to book, the booked one stays").isNull();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("remainingLessonsFollowUp")
                .processInstanceBusinessKey(String.valueOf(opportunity)).singleResult().getDeleteReason())
                .isEqualTo("退费（" + rest.refundNo() + "）后没有待排的课时");
        assertThat(lessons(opportunity)).hasSize(2);
    }

    @Test
    void shouldLetOnlyAcademicAffairsStartIt() {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        Map<String, Object> variables = Map.of("contract", Map.of("value", "BJ-HD-2026-00001"));
        for (String user : List.of("zhengkai", "zhaomin", "chenxi", "liwei")) {
            assertThat(http.withBasicAuth(user, "demo").postForEntity(
                    "/engine-rest/process-definition/key/remainingLessonsBooking/submit-form",
                    new HttpEntity<>(Map.of("variables", variables), headers), String.class).getStatusCode())
                    .as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
    }
}
