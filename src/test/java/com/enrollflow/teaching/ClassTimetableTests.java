package com.enrollflow.teaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.contract.Contract;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.StartForms;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * 上课星期 and 任课教师 (decision 577): a class opened or changed with the days it meets and its teacher gets its roll
 * call as a Tasklist task on those mornings, assigned to that teacher in the class's campus; the task's ticks are the
 * roll call; a day already marked with the start form ends it; a bad day or teacher stores nothing.
 */
@EnrollFlowTest
class ClassTimetableTests {

    private static final String[] SHOWN = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ClassFixtures classes;
    @Autowired
    Leads leads;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** What Tasklist shows {@code user} after 完成 of {@code task} (null: nothing for them). */
    private String told(String user, Task task) {
        return com.enrollflow.testsupport.WebappSession.login(port, user, "demo").taskResult(task.getId());
    }

    private final ObjectMapper json = new ObjectMapper();
    /** Classes given days here: their days taken away after each test, so that no other test's morning lists them. */
    private final List<String> withDays = new java.util.ArrayList<>();

    @AfterEach
    void noDaysLeft() {
        withDays.forEach(code -> jdbc.sql("update class_offering set weekdays = null, active = false where code = ?")
                .param(code).update());
    }

    private static String shown(LocalDate day) {
        return SHOWN[day.getDayOfWeek().getValue() - 1];
    }

    private ResponseEntity<JsonNode> post(String user, String path, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
    }

    /** A 北京海淀 class that began a week ago, opened through the API with {@code weekdays} and {@code teacher}. */
    private ResponseEntity<JsonNode> open(String name, List<String> weekdays, String teacher) {
        Map<String, Object> body = new HashMap<>();
        body.put("campus", "BJ-HD");
        body.put("name", name);
        body.put("subject", "数学");
        body.put("grade", "初二");
        body.put("lessons", 16);
        body.put("price", "1600");
        body.put("startsOn", ClassFixtures.today().minusDays(7).toString());
        body.put("schedule", "每" + String.join("、", weekdays) + " 09:00–11:00");
        body.put("weekdays", weekdays);
        body.put("teacher", teacher);
        ResponseEntity<JsonNode> opened = post("wuting", "/api/classes", body);
        if (opened.getStatusCode() == HttpStatus.CREATED) {
            withDays.add(opened.getBody().get("code").asText());
        }
        return opened;
    }

    private static String uniqueName(String stem) {
        return stem + Leads.newPhone().substring(5);
    }

    /** 07:00: the timer's job run by hand, as an admin would in Cockpit, then its first step; the morning's run. */
    private ProcessInstance morning() {
        var management = engine.getManagementService();
        var runtime = engine.getRuntimeService();
        List<String> before = runtime.createProcessInstanceQuery().processDefinitionKey("dailyClassRollCall").list()
                .stream().map(ProcessInstance::getId).toList();
        engine.getIdentityService().setAuthentication("admin", List.of("camunda-admin"), List.of());
        try {
            management.executeJob(management.createJobQuery().processDefinitionKey("dailyClassRollCall").timers()
                    .singleResult().getId());
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        ProcessInstance run = runtime.createProcessInstanceQuery().processDefinitionKey("dailyClassRollCall").list()
                .stream().filter(p -> !before.contains(p.getId())).findFirst().orElseThrow();
        management.executeJob(management.createJobQuery().processInstanceId(run.getId()).singleResult().getId());
        return run;
    }

    private ProcessInstance classDay(String code) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("classDayRollCall")
                .processInstanceBusinessKey(code + ":" + ClassFixtures.today()).singleResult();
    }

    private Task task(ProcessInstance pi) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    private Object ticked(String... contractNumbers) throws Exception {
        return SpinValues.jsonValue(json.writeValueAsString(List.of(contractNumbers))).create();
    }

    private int classLessonsConsumed(long contractId) {
        return jdbc.sql("select consumed from hours_ledger where contract_id = ? and kind = 'CLASS'").param(contractId)
                .query(Integer.class).single();
    }

    private int rollCalls(String code) {
        return jdbc.sql("select count(*) from class_session where class_code = ?").param(code).query(Integer.class)
                .single();
    }

    @Test
    void shouldGiveTheTeacherTheClassRollCallOnItsDaysAndRecordWhatTheyTick() throws Exception {
        LocalDate today = ClassFixtures.today();
        ResponseEntity<JsonNode> opened = open(uniqueName("今日上课班"), List.of(shown(today)), "郑凯");
        assertThat(opened.getStatusCode()).as(String.valueOf(opened.getBody())).isEqualTo(HttpStatus.CREATED);
        String code = opened.getBody().get("code").asText();
        assertThat(opened.getBody().get("weekdays").asText()).isEqualTo(today.getDayOfWeek().name());
        assertThat(opened.getBody().get("teacherName").asText()).isEqualTo("郑凯");
        String tomorrow = open(uniqueName("明日上课班"), List.of(shown(today.plusDays(1))), null).getBody().get("code")
                .asText();
        Contract here = classes.student("BJ-HD", code, "点名甲");
        Contract away = classes.student("BJ-HD", code, "点名乙");
        classes.student("BJ-HD", tomorrow, "明天的学生");

        ProcessInstance run = morning();

        assertThat(run).isWaitingAt("CallActivity_TakeClassRollCall");
        assertThat(classDay(tomorrow)).as("a class that does not meet today").isNull();
        ProcessInstance day = classDay(code);
        assertThat(day.getTenantId()).as("the class's campus").isEqualTo("BJHD");
        Task rollCall = task(day);
        assertThat(rollCall.getName()).isEqualTo("班课点名");
        assertThat(rollCall.getAssignee()).isEqualTo("zhengkai");
        assertThat(engine.getTaskService().createTaskQuery().taskId(rollCall.getId())
                .taskCandidateGroup("academicAffairs").includeAssignedTasks().count()).isOne();
        assertThat(engine.getTaskService().getVariableLocal(rollCall.getId(), "rosterOptions").toString())
                .contains("点名甲（" + here.number() + "，剩余 16 课时）").contains(away.number());

        assertThatThrownBy(() -> leads.completeAs("zhengkai", rollCall, Map.of("onLeave", ticked(here.number()),
                "absent", ticked(here.number())))).hasMessageContaining("已填在请假学员中");
        leads.completeAs("zhengkai", rollCall, Map.of("onLeave", ticked(), "absent", ticked(away.number())));

        assertThat(day).isEnded();
        assertThat(rollCalls(code)).isOne();
        assertThat(classLessonsConsumed(here.id())).as("attended").isOne();
        assertThat(classLessonsConsumed(away.id())).as("absent consumes too (class-consumption.dmn)").isOne();
        assertThat(jdbc.sql("select status from class_attendance a join class_session s on s.id = a.session_id "
                + "where s.class_code = ? and a.contract_id = ?").params(code, away.id()).query(String.class).single())
                .isEqualTo("ABSENT");
        // after 完成 the teacher reads the roll call as stored (decision 655); academic affairs beside them do not
        assertThat(told("zhengkai", rollCall)).endsWith(" " + today + "：出勤 1 人、缺勤 1 人，课消 2 人次。");
        assertThat(told("wuting", rollCall)).isNull();
        morning();
        assertThat(classDay(code)).as("marked today: no second task").isNull();
    }

    @Test
    void shouldEndTheTaskOfADayTheStartFormMarkedAndAskForAReasonToChangeIt() throws Exception {
        LocalDate today = ClassFixtures.today();
        String code = open(uniqueName("表单已点名班"), List.of(shown(today)), null).getBody().get("code").asText();
        Contract student = classes.student("BJ-HD", code, "表单学生");
        morning();
        Task rollCall = task(classDay(code));
        assertThat(rollCall.getAssignee()).as("no teacher given").isNull();
        assertThat(engine.getTaskService().createTaskQuery().taskId(rollCall.getId()).taskCandidateGroup("teacher")
                .count()).as("the campus's teachers may take it").isOne();
        Map<String, Object> form = new HashMap<>();
        form.put("classOffering", code);
        form.put("heldOn", today.toString());
        assertThat(StartForms.submit(http, "wuting", "classRollCall", form).getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThatThrownBy(() -> leads.completeAs("zhengkai", rollCall, Map.of("onLeave", ticked(student.number()),
                "absent", ticked()))).hasMessageContaining("今天已点名（wuting").hasMessageContaining("要更正请填写更正原因");
        leads.completeAs("zhengkai", rollCall, Map.of("onLeave", ticked(), "absent", ticked()));

        assertThat(rollCalls(code)).isOne();
        assertThat(classLessonsConsumed(student.id())).as("consumed once").isOne();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().variableName("rollCallSummary")
                .processInstanceId(rollCall.getProcessInstanceId()).singleResult().getValue().toString())
                .startsWith("今天已点名（wuting");
    }

    @Test
    void shouldEndTheTaskWithoutARollCallOnADayTheClassDidNotMeet() throws Exception {
        LocalDate today = ClassFixtures.today();
        String code = open(uniqueName("放假班"), List.of(shown(today)), "郑凯").getBody().get("code").asText();
        Contract student = classes.student("BJ-HD", code, "放假学生");
        morning();
        Task rollCall = task(classDay(code));

        assertThatThrownBy(() -> leads.completeAs("zhengkai", rollCall, Map.of("notHeld", true, "onLeave",
                ticked(), "absent", ticked()))).hasMessageContaining("没有上课的原因");
        assertThatThrownBy(() -> leads.completeAs("zhengkai", rollCall, Map.of("notHeld", true, "notHeldReason",
                "国庆放假", "onLeave", ticked(student.number()), "absent", ticked())))
                .hasMessageContaining("今天没有上课时不勾选请假或缺勤的学员");
        leads.completeAs("zhengkai", rollCall, Map.of("notHeld", true, "notHeldReason", "国庆放假", "onLeave",
                ticked(), "absent", ticked()));

        assertThat(rollCalls(code)).as("no roll call").isZero();
        assertThat(jdbc.sql("select consumed from hours_ledger where contract_id = ? and kind = 'CLASS'")
                .param(student.id()).query(Integer.class).list()).as("no lesson consumed").allMatch(c -> c == 0);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().variableName("rollCallSummary")
                .processInstanceId(rollCall.getProcessInstanceId()).singleResult().getValue().toString())
                .isEqualTo("今天没有上课：国庆放假；未点名，未扣课时");
        assertThat(told("zhengkai", rollCall)).isEqualTo("今天没有上课：国庆放假；未点名，未扣课时。");
    }

    @Test
    void shouldRefuseAnUnknownDayOrTeacherByFieldAndKeepEveryChangeOfThem() {
        ResponseEntity<JsonNode> bad = open(uniqueName("错误星期班"), List.of("周八"), "没有这个老师");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().findValuesAsText("field")).containsExactlyInAnyOrder("weekdays", "teacher");
        assertThat(bad.getBody().toString()).contains("未知的星期“周八”").contains("本校区没有教师“没有这个老师”");
        assertThat(open(uniqueName("外校老师班"), List.of("周六"), "胡斌").getBody().toString())
                .as("a teacher of 上海浦东").contains("本校区没有教师“胡斌”");

        String code = open(uniqueName("改星期班"), List.of("周六"), null).getBody().get("code").asText();
        Map<String, Object> change = new HashMap<>();
        change.put("weekdays", List.of("周日", "SATURDAY"));
        change.put("teacher", "T-BJHD-01");
        change.put("reason", "增加周日一次课，郑凯老师任课");
        ResponseEntity<JsonNode> changed = post("wuting", "/api/classes/" + code + "/changes", change);

        assertThat(changed.getStatusCode()).as(String.valueOf(changed.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(changed.getBody().get("changes").toString()).contains("上课星期：周六 → 周六、周日")
                .contains("任课教师：（未填） → 郑凯");
        JsonNode history = http.withBasicAuth("wuting", "demo").getForObject("/api/classes/" + code + "/changes",
                JsonNode.class);
        assertThat(history.get(0).get("weekdaysBefore").asText()).isEqualTo("SATURDAY");
        assertThat(history.get(0).get("weekdaysAfter").asText()).isEqualTo("SATURDAY,SUNDAY");
        assertThat(history.get(0).get("teacherAfter").asText()).isEqualTo("T-BJHD-01");
    }
}
