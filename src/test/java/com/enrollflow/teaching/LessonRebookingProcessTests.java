package com.enrollflow.teaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/**
 * lesson-rebooking.bpmn (安排补课): a lesson the consumption table sends back (teacher absent, a leave in time) becomes
 * a task for academic affairs of its campus, who book the replacement into the schedule (its slots held like every
 * lesson) or say why there is none; a correction that makes the lesson count withdraws the task.
 */
@EnrollFlowTest
class LessonRebookingProcessTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    TeachingFixtures fx;
    @Autowired
    Attendance attendance;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;

    private static OffsetDateTime inDays(int days, int hour) {
        return LocalDate.now(BusinessTime.ZONE).plusDays(days).atTime(hour, 0).atZone(BusinessTime.ZONE)
                .toOffsetDateTime();
    }

    /**
     * The first day from {@code days} on when 郑凯 has nothing from {@code hour} for two hours: other tests of the same
     * database book him too (CI once found him taken on the ninth day at 16:00, and the test failed on that).
     */
    private OffsetDateTime freeTwoHours(int days, int hour) {
        for (int d = days; d < days + 60; d++) {
            OffsetDateTime at = inDays(d, hour);
            long busy = jdbc.sql("select count(*) from booking_slot where resource_type = 'TEACHER' "
                    + "and resource_id = ? and slot_start >= ? and slot_start < ?")
                    .params(TeachingFixtures.ZHENGKAI, at, at.plusHours(2)).query(Long.class).single()
                    + jdbc.sql("select count(*) from lesson where teacher_id = ? and starts_at < ? and ends_at > ?")
                            .params(TeachingFixtures.ZHENGKAI, at.plusHours(2), at).query(Long.class).single();
            if (busy == 0) {
                return at;
            }
        }
        throw new IllegalStateException("郑凯 is booked at " + hour + ":00 on each of 60 days");
    }

    private ProcessInstance rebooking(long lessonId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("lessonRebooking")
                .variableValueEquals("lessonId", lessonId).singleResult();
    }

    private Task task(ProcessInstance pi) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    private void teacherAbsent(long lessonId) {
        attendance.mark(lessonId, new Attendance.MarkRequest("TEACHER_ABSENT", "郑老师病假", null, null),
                new Attendance.Marker("zhengkai", false));
    }

    private static Map<String, Object> book(OffsetDateTime at) {
        Map<String, Object> v = new HashMap<>();
        v.put("rebookOutcome", "BOOK");
        v.put("rebookAt", at.toString());
        return v;
    }

    @Test
    void shouldGiveAcademicAffairsATaskAndBookTheReplacementIntoTheSchedule() {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, 1, 0);
        long lesson = s.lessons().get(0);
        teacherAbsent(lesson);
        ProcessInstance pi = rebooking(lesson);
        assertThat(pi).isNotNull();
        assertThat(pi.getBusinessKey()).isEqualTo(String.valueOf(s.contract().opportunityId()));
        assertThat(pi.getTenantId()).isEqualTo("BJHD");
        Task task = task(pi);
        assertThat(task.getName()).isEqualTo("安排补课");
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).taskCandidateGroup("academicAffairs")
                .count()).isEqualTo(1);
        assertThat((String) engine.getTaskService().getVariableLocal(task.getId(), "lessonText")).contains("第1次 郑凯");
        assertThat(engine.getTaskService().getVariable(task.getId(), "rebookTeacherId"))
                .as("the lesson's own teacher to begin with").isEqualTo(TeachingFixtures.ZHENGKAI);

        OffsetDateTime at = freeTwoHours(8, 10);
        leads.completeAs("wuting", task, book(at));
        assertThat(pi).hasPassed("EndEvent_RebookingDone").isEnded();
        assertThat(jdbc.sql("select status from lesson where replaces_lesson_id = ?").param(lesson)
                .query(String.class).single()).isEqualTo("CONFIRMED");
        assertThat(jdbc.sql("select starts_at from lesson where replaces_lesson_id = ?").param(lesson)
                .query(OffsetDateTime.class).single().toInstant()).isEqualTo(at.toInstant());
        assertThat(jdbc.sql("select seq from lesson where replaces_lesson_id = ?").param(lesson).query(Integer.class)
                .single()).as("the next number of the schedule").isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from booking_slot where lesson_id = (select id from lesson where "
                + "replaces_lesson_id = ?)").param(lesson).query(Integer.class).single())
                .as("teacher, room and student, two half hours each").isEqualTo(6);
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = "
                + "'LESSON_REBOOKED'").param(s.contract().opportunityId()).query(String.class).single())
                .contains("补课").contains("郑凯");
    }

    @Test
    void shouldRefuseATakenSlotByNameAndStoreNothing() {
        TeachingFixtures.Student first = fx.student(TeachingFixtures.ZHENGKAI, 1, 0);
        TeachingFixtures.Student second = fx.student(TeachingFixtures.ZHENGKAI, 1, 0);
        teacherAbsent(first.lessons().get(0));
        teacherAbsent(second.lessons().get(0));
        OffsetDateTime at = freeTwoHours(9, 16);
        leads.completeAs("wuting", task(rebooking(first.lessons().get(0))), book(at));

        Task taken = task(rebooking(second.lessons().get(0)));
        assertThatThrownBy(() -> leads.completeAs("wuting", taken, book(at)))
                .hasMessageStartingWith("提交内容有误：补课时间：教师“郑凯”在 ").hasMessageContaining("补课未安排");
        assertThat(jdbc.sql("select count(*) from lesson where replaces_lesson_id = ?").param(second.lessons().get(0))
                .query(Integer.class).single()).isZero();
        assertThatThrownBy(() -> leads.completeAs("wuting", taken, book(at.plusMinutes(15))))
                .hasMessageContaining("课时须在整点或半点开始");
        leads.completeAs("wuting", taken, book(at.plusHours(1)));
        assertThat(rebooking(second.lessons().get(0))).isNull();
    }

    @Test
    void shouldSayWhyThereIsNoReplacement() {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, 1, 0);
        long lesson = s.lessons().get(0);
        teacherAbsent(lesson);
        Task task = task(rebooking(lesson));
        assertThatThrownBy(() -> leads.completeAs("wuting", task, Map.of("rebookOutcome", "NONE")))
                .hasMessageContaining("说明：必填");
        leads.completeAs("wuting", task, Map.of("rebookOutcome", "NONE", "rebookNote", "家长决定不补课，课时保留"));
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = "
                + "'LESSON_NOT_REBOOKED'").param(s.contract().opportunityId()).query(String.class).single())
                .contains("家长决定不补课");
        assertThat(jdbc.sql("select count(*) from lesson where replaces_lesson_id = ?").param(lesson)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void shouldAskOnceAndWithdrawTheTaskWhenACorrectionMakesTheLessonCount() {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, 1, 0);
        long lesson = s.lessons().get(0);
        attendance.mark(lesson, new Attendance.MarkRequest("LEAVE", null, OffsetDateTime.now().minusDays(3).toString(),
                null), new Attendance.Marker("zhengkai", false));
        assertThat(rebooking(lesson)).as("a leave in time is rebooked").isNotNull();
        attendance.mark(lesson, new Attendance.MarkRequest("TEACHER_ABSENT", null, null, "其实是郑老师请假"),
                new Attendance.Marker("wuting", true));
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("lessonRebooking")
                .variableValueEquals("lessonId", lesson).count()).as("asked once").isEqualTo(1);
        attendance.mark(lesson, new Attendance.MarkRequest("ATTENDED", null, null, "学员实际到课"),
                new Attendance.Marker("wuting", true));
        assertThat(rebooking(lesson)).as("withdrawn: the lesson counts after all").isNull();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("lessonRebooking")
                .variableValueEquals("lessonId", lesson).singleResult().getDeleteReason()).contains("学员实际到课");
    }

    @Test
    void shouldNotBookASecondMakeUpAndCancelTheBookedOneWhenACorrectionMakesTheLessonCount() {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, 1, 0);
        long lesson = s.lessons().get(0);
        attendance.mark(lesson, new Attendance.MarkRequest("LEAVE", null, OffsetDateTime.now().minusDays(3).toString(),
                null), new Attendance.Marker("zhengkai", false));
        leads.completeAs("wuting", task(rebooking(lesson)), book(freeTwoHours(10, 14)));
        long makeUp = jdbc.sql("select id from lesson where replaces_lesson_id = ?").param(lesson).query(Long.class)
                .single();

        attendance.mark(lesson, new Attendance.MarkRequest("TEACHER_ABSENT", null, null, "其实是郑老师请假"),
                new Attendance.Marker("wuting", true));
        assertThat(rebooking(lesson)).as("its make-up is booked already: no second 安排补课").isNull();

        attendance.mark(lesson, new Attendance.MarkRequest("ATTENDED", null, null, "学员实际到课"),
                new Attendance.Marker("wuting", true));
        assertThat(jdbc.sql("select status from lesson where id = ?").param(makeUp).query(String.class).single())
                .as("the lesson counts: its make-up would be one lesson more than the hours left")
                .isEqualTo("CANCELLED");
        assertThat(jdbc.sql("select count(*) from booking_slot where lesson_id = ?").param(makeUp).query(Integer.class)
                .single()).isZero();
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = "
                + "'LESSON_NOT_REBOOKED'").param(s.contract().opportunityId()).query(String.class).single())
                .startsWith("取消 ").contains("的补课：").contains("学员实际到课");
    }
}
