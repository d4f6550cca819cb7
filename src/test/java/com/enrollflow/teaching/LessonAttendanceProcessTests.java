package com.enrollflow.teaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
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
    @Autowired
    org.springframework.boot.test.web.client.TestRestTemplate http;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** What Tasklist shows {@code user} after 完成 of {@code task} (null: nothing for them). */
    private String told(String user, Task task) {
        return com.enrollflow.testsupport.WebappSession.login(port, user, "demo").taskResult(task.getId());
    }

    private final ObjectMapper json = new ObjectMapper();

    private static OffsetDateTime at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(BusinessTime.ZONE).toOffsetDateTime();
    }

    private static LocalDate today() {
        return LocalDate.now(BusinessTime.ZONE);
    }

    /** A teacher's day, started by 每日出勤登记's multi-instance call as on that day's morning. */
    private ProcessInstance teacherDay(String teacherId, String login, LocalDate day) {
        Map<String, Object> v = new HashMap<>();
        v.put("campus", "BJ-HD");
        v.put("teacherId", teacherId);
        v.put("teacherLogin", login);
        v.put("teacherName", "郑凯");
        v.put("day", day.toString());
        v.put("dayText", day.toString());
        v.put("dueAt", day.atTime(23, 59).atZone(BusinessTime.ZONE).toOffsetDateTime().toString());
        ProcessInstance run = engine.getRuntimeService().createProcessInstanceByKey("dailyAttendance")
                .startBeforeActivity("CallActivity_MarkTodayLessons#multiInstanceBody")
                .setVariable("teacherDays", new java.util.ArrayList<>(List.of(v))).execute();
        runs.put(day, run);
        return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(run.getId())
                .singleResult();
    }

    private final Map<LocalDate, ProcessInstance> runs = new HashMap<>();

    private Task task(ProcessInstance pi) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    /** The lessons the form offers, as {label, value}. */
    @SuppressWarnings("unchecked")
    private List<Map<String, String>> options(Task task) throws Exception {
        Object value = engine.getTaskService().getVariableLocal(task.getId(), "lessonOptions");
        return json.readValue(value.toString(), List.class);
    }

    @SuppressWarnings("unchecked")
    private List<String> ticked(Task task, String list) throws Exception {
        return json.readValue(engine.getTaskService().getVariable(task.getId(), list).toString(), List.class);
    }

    /** What Tasklist sends for the four checklists: JSON arrays of lesson ids (as text), and the other fields. */
    private Map<String, Object> submitted(List<Long> attended, List<Long> leave, List<Long> absent,
            List<Long> teacherAbsent, Map<String, Object> more) throws Exception {
        Map<String, Object> v = new HashMap<>(more);
        v.put("attendedLessons", list(attended));
        v.put("leaveLessons", list(leave));
        v.put("absentLessons", list(absent));
        v.put("teacherAbsentLessons", list(teacherAbsent));
        return v;
    }

    private Object list(List<Long> ids) throws Exception {
        return SpinValues.jsonValue(json.writeValueAsString(ids.stream().map(String::valueOf).toList())).create();
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
        assertThat(options(task)).extracting(o -> Long.valueOf(o.get("value")))
                .as("today's lesson, not tomorrow's").contains(s.lessons().get(0)).doesNotContain(s.lessons().get(1));
        assertThat(ticked(task, "attendedLessons")).as("ticked as attended to begin with")
                .contains(String.valueOf(s.lessons().get(0)));
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
    void shouldEndTheDailyRunAtOnceOnADayWithoutLessons() {
        ProcessInstance day = engine.getRuntimeService().createProcessInstanceByKey("dailyAttendance")
                .startBeforeActivity("CallActivity_MarkTodayLessons#multiInstanceBody")
                .setVariable("teacherDays", new java.util.ArrayList<>()).execute();
        assertThat(day).hasPassed("EndEvent_DayDone").isEnded();
    }

    @Test
    void shouldMarkEveryLessonOfTheDayInOneFormAndEnd() throws Exception {
        LocalDate day = today().minusDays(2); // a day of its own: no other test's lessons
        TeachingFixtures.Student s = fx.studentAt(TeachingFixtures.ZHENGKAI, List.of(at(day, 10), at(day, 11)));
        ProcessInstance pi = teacherDay(TeachingFixtures.ZHENGKAI, "zhengkai", day);
        Task task = task(pi);
        assertThat(options(task)).extracting(o -> o.get("label"))
                .containsExactly("10:00–11:00 课消学员 第1次 一对一教室1", "11:00–12:00 课消学员 第2次 一对一教室1");
        long first = s.lessons().get(0);
        long second = s.lessons().get(1);
        leads.completeAs("zhengkai", task, submitted(List.of(first), List.of(second), List.of(), List.of(),
                Map.of("leaveRequestedAt", at(day, 11).minusHours(30).toString(), "attendanceNote", "第二节家长提前请假")));

        assertThat(pi).hasPassed("EndEvent_LessonsMarked").isEnded();
        assertThat(runs.get(day)).as("the day's run ends once every teacher has marked")
                .hasPassed("CallActivity_MarkTodayLessons", "EndEvent_DayDone").isEnded();
        HoursLedger.Line line = ledger.accounts(s.contract().id()).get(0);
        assertThat(line.consumed()).isEqualTo(1);
        assertThat(line.rebooked()).as("a leave 30 h ahead is rebooked").isEqualTo(1);
        // after 完成 the teacher reads what each lesson did to the family's hours, to pass on (decision 655)
        assertThat(told("zhengkai", task)).isEqualTo(day + " 已登记 2 节：10:00–11:00 课消学员 第1次 一对一教室1：出勤，扣 1 课时，"
                + "剩余 " + line.remaining() + " 课时；11:00–12:00 课消学员 第2次 一对一教室1：请假，不扣课时，由教务安排补课。");
        assertThat(told("wuting", task)).as("academic affairs did not complete it").isNull();
        assertThat(jdbc.sql("select attendance from lesson where id = ?").param(second).query(String.class).single())
                .isEqualTo("LEAVE");
        assertThat(jdbc.sql("select marked_by from lesson_attendance where current_lesson_id = ?").param(first)
                .query(String.class).single()).isEqualTo("zhengkai");
    }

    @Test
    void shouldRefuseTheFormByTheLessonAndStoreNothing() throws Exception {
        LocalDate day = today().minusDays(3); // a day of its own: no other test's lessons
        TeachingFixtures.Student s = fx.studentAt(TeachingFixtures.ZHENGKAI, List.of(at(day, 14), at(day, 15)));
        TeachingFixtures.Student other = fx.studentAt(TeachingFixtures.WANGLEI, List.of(at(day, 14)));
        ProcessInstance pi = teacherDay(TeachingFixtures.ZHENGKAI, "zhengkai", day);
        Task task = task(pi);
        long first = s.lessons().get(0);
        long second = s.lessons().get(1);

        assertThatThrownBy(() -> leads.completeAs("zhengkai", task, submitted(List.of(first), List.of(), List.of(),
                List.of(), Map.of()))).isInstanceOf(ProcessEngineException.class)
                .hasMessage("提交内容有误：出勤：15:00–16:00 课消学员 第2次 一对一教室1：请选择出勤情况");
        assertThatThrownBy(() -> leads.completeAs("zhengkai", task, submitted(List.of(first, second),
                List.of(other.lessons().get(0)), List.of(), List.of(), Map.of())))
                .hasMessageContaining("请假：“" + other.lessons().get(0) + "”不是本任务的课");
        assertThatThrownBy(() -> leads.completeAs("zhengkai", task, submitted(List.of(first, second), List.of(),
                List.of(second), List.of(), Map.of())))
                .hasMessageContaining("缺勤（未请假）：15:00–16:00 课消学员 第2次 一对一教室1：只能选一种出勤情况（已在“出勤”中）");
        assertThatThrownBy(() -> leads.completeAs("zhengkai", task, submitted(List.of(first), List.of(second),
                List.of(), List.of(), Map.of("leaveRequestedAt", "昨天"))))
                .hasMessageContaining("请假提出时间：15:00–16:00 课消学员 第2次 一对一教室1：须为带时区的时间");

        assertThat(pi).isWaitingAt("Task_MarkTodayLessons");
        assertThat(jdbc.sql("select count(*) from lesson_attendance where lesson_id in (?, ?, ?)")
                .params(first, second, other.lessons().get(0)).query(Integer.class).single()).isZero();
        assertThat(ledger.accounts(s.contract().id()).get(0).consumed()).isZero();
    }

    @Test
    void shouldKeepAMarkMadeEarlierAndCorrectItOnlyWithAReason() throws Exception {
        LocalDate day = today().minusDays(4); // a day of its own: no other test's lessons
        TeachingFixtures.Student s = fx.studentAt(TeachingFixtures.ZHENGKAI, List.of(at(day, 16)));
        long lesson = s.lessons().get(0);
        // academic affairs marked it through the API before the task was created
        attendance.mark(lesson, new Attendance.MarkRequest("ABSENT", null, null, null),
                new Attendance.Marker("wuting", true));
        ProcessInstance pi = teacherDay(TeachingFixtures.ZHENGKAI, "zhengkai", day);
        Task task = task(pi);
        assertThat(ticked(task, "absentLessons")).as("shown as marked").containsExactly(String.valueOf(lesson));
        assertThat(ticked(task, "attendedLessons")).isEmpty();

        assertThatThrownBy(() -> leads.completeAs("zhengkai", task, submitted(List.of(), List.of(), List.of(),
                List.of(lesson), Map.of())))
                .hasMessageContaining("更正原因（修改已登记的出勤时填写）：16:00–17:00 课消学员 第1次 一对一教室1：已登记为“缺勤”，更改须填写更正原因");
        leads.completeAs("wuting", task, submitted(List.of(), List.of(), List.of(), List.of(lesson),
                Map.of("correctionReason", "郑老师当天请病假")));
        assertThat(pi).isEnded();
        HoursLedger.Line line = ledger.accounts(s.contract().id()).get(0);
        assertThat(line.consumed()).as("the correction gives the lesson back").isZero();
        assertThat(line.rebooked()).isEqualTo(1);
        assertThat(told("wuting", task)).isEqualTo(day + " 已登记 1 节：16:00–17:00 课消学员 第1次 一对一教室1：教师缺课，不扣课时，"
                + "由教务安排补课。");
        assertThat(told("zhengkai", task)).as("the teacher did not complete it").isNull();
        assertThat(jdbc.sql("select count(*) from lesson_attendance where lesson_id = ?").param(lesson)
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void shouldLeaveALessonMarkedTheSameWayAlone() throws Exception {
        LocalDate day = today().minusDays(5); // a day of its own: no other test's lessons
        TeachingFixtures.Student s = fx.studentAt(TeachingFixtures.ZHENGKAI, List.of(at(day, 17)));
        ProcessInstance pi = teacherDay(TeachingFixtures.ZHENGKAI, "zhengkai", day);
        Task task = task(pi);
        long lesson = s.lessons().get(0);
        attendance.mark(lesson, new Attendance.MarkRequest("出勤", null, null, null),
                new Attendance.Marker("zhengkai", false));
        leads.completeAs("zhengkai", task, submitted(List.of(lesson), List.of(), List.of(), List.of(), Map.of()));
        assertThat(pi).isEnded();
        assertThat(ledger.accounts(s.contract().id()).get(0).consumed()).as("consumed once, not twice").isEqualTo(1);
        assertThat(told("zhengkai", task)).isEqualTo(day + " 的 1 节课此前均已登记，未作更改。");
    }

    @Test
    void shouldRefuseALessonThatHasNotBegun() throws Exception {
        LocalDate tomorrow = today().plusDays(2);
        TeachingFixtures.Student s = fx.studentAt(TeachingFixtures.ZHENGKAI, List.of(at(tomorrow, 20)));
        ProcessInstance pi = teacherDay(TeachingFixtures.ZHENGKAI, "zhengkai", tomorrow);
        assertThatThrownBy(() -> leads.completeAs("zhengkai", task(pi), submitted(s.lessons(), List.of(), List.of(),
                List.of(), Map.of()))).hasMessageContaining("这节课还没开始，开始后才能登记");
    }
    private int post(String user, String path, Object body) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").exchange(path, org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(body, headers), String.class).getStatusCode().value();
    }

    @Test
    void shouldLetAcademicAffairsTakeOverATeachersDayAndGiveBackOneTheyClaimedFromThePool() {
        LocalDate day = today().minusDays(6); // a day of its own: no other test's lessons
        fx.studentAt(TeachingFixtures.ZHENGKAI, List.of(at(day, 16)));
        fx.studentAt(TeachingFixtures.WANGLEI, List.of(at(day, 14)));

        // 郑凯 is ill: 教务, his backup, clears him from his day in Tasklist (×) and claims it
        Task routed = task(teacherDay(TeachingFixtures.ZHENGKAI, "zhengkai", day));
        assertThat(routed.getAssignee()).isEqualTo("zhengkai");
        assertThat(post("wuting", "/engine-rest/task/" + routed.getId() + "/assignee",
                java.util.Collections.singletonMap("userId", null))).isEqualTo(204);
        assertThat(post("wuting", "/engine-rest/task/" + routed.getId() + "/claim", Map.of("userId", "wuting")))
                .isEqualTo(204);
        assertThat(task(routed).getAssignee()).isEqualTo("wuting");

        // 王磊 has no login: his day is 教务's pool; who claims it may give it back, and a colleague may not take it
        Task pool = task(teacherDay(TeachingFixtures.WANGLEI, null, day));
        assertThat(pool.getAssignee()).isNull();
        assertThat(engine.getTaskService().getVariableLocal(pool.getId(), "poolTask")).isEqualTo(true);
        assertThat(post("wuting", "/engine-rest/task/" + pool.getId() + "/claim", Map.of("userId", "wuting")))
                .isEqualTo(204);
        assertThat(post("zhengkai", "/engine-rest/task/" + pool.getId() + "/unclaim", Map.of()))
                .as("a teacher is no candidate of 王磊's day").isNotEqualTo(204);
        // a second 教务 of the campus may not complete what wuting claimed, though the process named an assignee
        String colleague = "aa" + System.nanoTime() % 1_000_000;
        var identity = engine.getIdentityService();
        var user = identity.newUser(colleague);
        user.setFirstName("教务同事");
        user.setPassword("demo");
        // a colleague with the demo staff's public password, made as DemoData makes them: past the password policy
        ((org.camunda.bpm.engine.impl.IdentityServiceImpl) identity).saveUser(user, true);
        identity.createMembership(colleague, com.enrollflow.reference.StaffRole.ACADEMIC_AFFAIRS.groupId());
        identity.createTenantUserMembership("BJHD", colleague);
        try {
            assertThat(post(colleague, "/engine-rest/task/" + pool.getId() + "/submit-form",
                    Map.of("variables", Map.of()))).isEqualTo(403);
        } finally {
            // not left among the campus's 教务 for other tests (their mails, their routing)
            identity.deleteUser(colleague);
        }
        assertThat(post("wuting", "/engine-rest/task/" + pool.getId() + "/unclaim", Map.of())).isEqualTo(204);
        assertThat(task(pool).getAssignee()).isNull();
    }

    private Task task(Task task) {
        return engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult();
    }
}
