package com.enrollflow.teaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * daily-attendance.bpmn (每日出勤登记) and lesson-attendance.bpmn (登记今日课堂): one task per teacher and campus each
 * morning, in the campus's data scope; the teacher marks the day's lessons in one form, submitted as Tasklist submits
 * a dynamic list (JSON); every refusal names the row and stores nothing.
 */
@EnrollFlowTest
class LessonAttendanceProcessTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    TeachingFixtures fx;
    @Autowired
    HoursLedger ledger;
    @Autowired
    Attendance attendance;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();

    private static OffsetDateTime at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(BusinessTime.ZONE).toOffsetDateTime();
    }

    private static LocalDate today() {
        return LocalDate.now(BusinessTime.ZONE);
    }

    /** A teacher's day started as 每日出勤登记 starts it. */
    private ProcessInstance teacherDay(String teacherId, String login, LocalDate day) {
        Map<String, Object> v = new HashMap<>();
        v.put("campus", "BJ-HD");
        v.put("teacherId", teacherId);
        v.put("teacherLogin", login);
        v.put("teacherName", "郑凯");
        v.put("day", day.toString());
        v.put("dayText", day.toString());
        v.put("dueAt", day.atTime(23, 59).atZone(BusinessTime.ZONE).toOffsetDateTime().toString());
        return engine.getRuntimeService().startProcessInstanceByKey("lessonAttendance",
                "BJ-HD:" + teacherId + ":" + day, v);
    }

    private Task task(ProcessInstance pi) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> rows(Task task) throws Exception {
        Object value = engine.getTaskService().getVariable(task.getId(), "todayLessons");
        return json.readValue(value.toString(), List.class);
    }

    /** What Tasklist sends back for the dynamic list: the rows, as a JSON variable. */
    private Map<String, Object> submitted(List<Map<String, Object>> rows) throws Exception {
        return Map.of("todayLessons", SpinValues.jsonValue(json.writeValueAsString(rows)).create());
    }

    @Test
    void shouldOpenOneTaskPerTeacherOfTheDayInTheirCampusScope() throws Exception {
        TeachingFixtures.Student s = fx.studentAt(TeachingFixtures.ZHENGKAI,
                List.of(at(today(), 0), at(today().plusDays(1), 10)));
        var management = engine.getManagementService();
        var runtime = engine.getRuntimeService();
        List<String> before = runtime.createProcessInstanceQuery().processDefinitionKey("dailyAttendance").list()
                .stream().map(ProcessInstance::getId).toList();
        // 07:00: the timer starts a run; here an admin runs the timer's job by hand, as in Cockpit
        engine.getIdentityService().setAuthentication("admin", List.of("camunda-admin"), List.of());
        try {
            management.executeJob(management.createJobQuery().processDefinitionKey("dailyAttendance").timers()
                    .singleResult().getId());
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        ProcessInstance day = runtime.createProcessInstanceQuery().processDefinitionKey("dailyAttendance").list()
                .stream().filter(p -> !before.contains(p.getId())).findFirst().orElseThrow();
        assertThat(day.getTenantId()).as("a run of all campuses belongs to none").isNull();
        management.executeJob(management.createJobQuery().processInstanceId(day.getId()).singleResult().getId());
        assertThat(day).isWaitingAt("CallActivity_MarkTodayLessons");

        ProcessInstance mine = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("lessonAttendance")
                .processInstanceBusinessKey("BJ-HD:" + TeachingFixtures.ZHENGKAI + ":" + today()).singleResult();
        assertThat(mine).isNotNull();
        assertThat(mine.getTenantId()).as("the campus's data scope").isEqualTo("BJHD");
        Task task = task(mine);
        assertThat(task.getName()).isEqualTo("登记今日课堂");
        assertThat(task.getAssignee()).isEqualTo("zhengkai");
        assertThat(task.getDueDate()).isNotNull();
        assertThat(rows(task)).extracting(r -> ((Number) r.get("lessonId")).longValue())
                .as("today's lesson, not tomorrow's").contains(s.lessons().get(0)).doesNotContain(s.lessons().get(1));
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).taskCandidateGroup("academicAffairs")
                .includeAssignedTasks().count()).isEqualTo(1);

        // campus scope: SH-PD's teacher and academic affairs do not see BJ-HD's task
        for (String outsider : List.of("hubin", "dingning")) {
            var identity = engine.getIdentityService();
            identity.setAuthentication(outsider, List.of("teacher", "academicAffairs"), List.of("SHPD"));
            try {
                assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).as(outsider).isZero();
            } finally {
                identity.clearAuthentication();
            }
        }
    }

    @Test
    void shouldMarkEveryLessonOfTheDayInOneFormAndEnd() throws Exception {
        LocalDate yesterday = today().minusDays(2); // a day of its own: no other test's lessons
        TeachingFixtures.Student s = fx.studentAt(TeachingFixtures.ZHENGKAI, List.of(at(yesterday, 10), at(yesterday, 11)));
        ProcessInstance pi = teacherDay(TeachingFixtures.ZHENGKAI, "zhengkai", yesterday);
        Task task = task(pi);
        List<Map<String, Object>> rows = rows(task);
        assertThat(rows).hasSize(2);
        assertThat((String) rows.get(0).get("label")).startsWith("10:00–11:00 课消学员 第1次");
        rows.get(0).put("status", "ATTENDED");
        rows.get(1).put("status", "请假");
        rows.get(1).put("leaveRequestedAt", at(yesterday, 11).minusHours(30).toString());
        leads.completeAs("zhengkai", task, submitted(rows));

        assertThat(pi).hasPassed("EndEvent_LessonsMarked").isEnded();
        HoursLedger.Line line = ledger.accounts(s.contract().id()).get(0);
        assertThat(line.consumed()).isEqualTo(1);
        assertThat(line.rebooked()).isEqualTo(1);
        assertThat(jdbc.sql("select attendance from lesson where id = ?").param(s.lessons().get(1)).query(String.class)
                .single()).isEqualTo("LEAVE");
        assertThat(jdbc.sql("select marked_by from lesson_attendance where current_lesson_id = ?")
                .param(s.lessons().get(0)).query(String.class).single()).isEqualTo("zhengkai");
    }

    @Test
    void shouldRefuseTheFormByItsRowAndStoreNothing() throws Exception {
        LocalDate yesterday = today().minusDays(3); // a day of its own: no other test's lessons
        TeachingFixtures.Student s = fx.studentAt(TeachingFixtures.ZHENGKAI, List.of(at(yesterday, 14), at(yesterday, 15)));
        TeachingFixtures.Student other = fx.studentAt(TeachingFixtures.WANGLEI, List.of(at(yesterday, 14)));
        ProcessInstance pi = teacherDay(TeachingFixtures.ZHENGKAI, "zhengkai", yesterday);
        Task task = task(pi);

        List<Map<String, Object>> missing = rows(task);
        missing.get(0).put("status", "ATTENDED");
        assertThatThrownBy(() -> leads.completeAs("zhengkai", task, submitted(missing)))
                .isInstanceOf(ProcessEngineException.class).hasMessageStartingWith("提交内容有误：今日课堂：15:00–16:00")
                .hasMessageContaining("请选择出勤情况");

        List<Map<String, Object>> foreign = rows(task);
        foreign.forEach(r -> r.put("status", "ATTENDED"));
        Map<String, Object> injected = new LinkedHashMap<>(foreign.get(0));
        injected.put("lessonId", other.lessons().get(0));
        foreign.add(injected);
        assertThatThrownBy(() -> leads.completeAs("zhengkai", task, submitted(foreign)))
                .hasMessageContaining("课时 " + other.lessons().get(0) + " 不是本任务的课");

        List<Map<String, Object>> unknown = rows(task);
        unknown.forEach(r -> r.put("status", "迟到"));
        assertThatThrownBy(() -> leads.completeAs("zhengkai", task, submitted(unknown)))
                .hasMessageContaining("请选择出勤情况（出勤");

        assertThat(pi).isWaitingAt("Task_MarkTodayLessons");
        assertThat(jdbc.sql("select count(*) from lesson_attendance where lesson_id in (?, ?, ?)")
                .params(s.lessons().get(0), s.lessons().get(1), other.lessons().get(0)).query(Integer.class).single())
                .isZero();
        assertThat(ledger.accounts(s.contract().id()).get(0).consumed()).isZero();
    }

    @Test
    void shouldKeepAMarkMadeEarlierAndCorrectItOnlyWithAReason() throws Exception {
        LocalDate yesterday = today().minusDays(4); // a day of its own: no other test's lessons
        TeachingFixtures.Student s = fx.studentAt(TeachingFixtures.ZHENGKAI, List.of(at(yesterday, 16)));
        ProcessInstance pi = teacherDay(TeachingFixtures.ZHENGKAI, "zhengkai", yesterday);
        Task task = task(pi);
        // meanwhile academic affairs marked it through the API
        attendance.mark(s.lessons().get(0), new Attendance.MarkRequest("ABSENT", null, null, null),
                new Attendance.Marker("wuting", true));
        assertThat(ledger.accounts(s.contract().id()).get(0).consumed()).isEqualTo(1);

        List<Map<String, Object>> changed = rows(task);
        changed.get(0).put("status", "TEACHER_ABSENT");
        assertThatThrownBy(() -> leads.completeAs("zhengkai", task, submitted(changed)))
                .hasMessageContaining("已登记为“缺勤”，更改须填写更正原因");
        changed.get(0).put("correctionReason", "郑老师当天请病假");
        leads.completeAs("wuting", task, submitted(changed));
        assertThat(pi).isEnded();
        HoursLedger.Line line = ledger.accounts(s.contract().id()).get(0);
        assertThat(line.consumed()).as("the correction gives the lesson back").isZero();
        assertThat(line.rebooked()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from lesson_attendance where lesson_id = ?").param(s.lessons().get(0))
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void shouldLeaveALessonMarkedTheSameWayAlone() throws Exception {
        LocalDate yesterday = today().minusDays(5); // a day of its own: no other test's lessons
        TeachingFixtures.Student s = fx.studentAt(TeachingFixtures.ZHENGKAI, List.of(at(yesterday, 17)));
        ProcessInstance pi = teacherDay(TeachingFixtures.ZHENGKAI, "zhengkai", yesterday);
        Task task = task(pi);
        attendance.mark(s.lessons().get(0), new Attendance.MarkRequest("出勤", null, null, null),
                new Attendance.Marker("zhengkai", false));
        List<Map<String, Object>> same = rows(task);
        same.get(0).put("status", "ATTENDED");
        leads.completeAs("zhengkai", task, submitted(same));
        assertThat(pi).isEnded();
        assertThat(ledger.accounts(s.contract().id()).get(0).consumed()).as("consumed once, not twice").isEqualTo(1);
    }

    @Test
    void shouldRefuseALessonThatHasNotBegun() throws Exception {
        LocalDate tomorrow = today().plusDays(2);
        fx.studentAt(TeachingFixtures.ZHENGKAI, List.of(at(tomorrow, 20)));
        ProcessInstance pi = teacherDay(TeachingFixtures.ZHENGKAI, "zhengkai", tomorrow);
        Task task = task(pi);
        List<Map<String, Object>> rows = new ArrayList<>(rows(task));
        rows.forEach(r -> r.put("status", "ATTENDED"));
        assertThatThrownBy(() -> leads.completeAs("zhengkai", task, submitted(rows)))
                .hasMessageContaining("这节课还没开始，开始后才能登记");
    }
}
