package com.enrollflow.suspension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

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
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.StartForms;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * suspension.bpmn (休学/停课): the lessons from the first day are released; before the last day academic affairs
 * choose the day lessons start again, and the lessons still owed are proposed again by 1:1 scheduling. Bad requests
 * are refused by field through the API and store nothing. suspension-request.bpmn (登记停课): the Tasklist start form
 * registers the same suspension, and refuses the same bad requests by the form's field names.
 */
@EnrollFlowTest
class SuspensionProcessTests {

    @Autowired
    com.enrollflow.testsupport.SecondMathsTeacher second;

    @Autowired
    ProcessEngine engine;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    Suspensions suspensions;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    com.enrollflow.transfer.Transfers transfers;
    @Autowired
    com.enrollflow.teacherchange.TeacherChanges teacherChanges;
    @Autowired
    com.enrollflow.scheduling.SchedulingService scheduling;
    @Autowired
    com.enrollflow.teaching.Attendance attendance;

    private static LocalDate today() {
        return LocalDate.now(BusinessTime.ZONE);
    }

    private ProcessInstance instance(Suspension s) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("suspension")
                .variableValueEquals("suspensionId", s.id()).singleResult();
    }

    private String contractNumber(long contractId) {
        return jdbc.sql("select number from contract where id = ?").param(contractId).query(String.class).single();
    }

    private int suspensionsOf(long contractId) {
        return jdbc.sql("select count(*) from suspension where contract_id = ?").param(contractId).query(Integer.class)
                .single();
    }

    private static Map<String, Object> form(String contract, LocalDate from, LocalDate until, String reason) {
        Map<String, Object> form = new java.util.HashMap<>();
        form.put("contract", contract);
        form.put("from", from == null ? null : from.toString());
        form.put("until", until == null ? null : until.toString());
        form.put("reason", reason);
        return form;
    }

    /** Submits 登记停课 as Tasklist does: the user authenticated with their groups, authorizations checked. */
    private ProcessInstance submitForm(String user, String group, Map<String, Object> form) {
        String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("suspensionRequest").latestVersion().singleResult().getId();
        engine.getIdentityService().setAuthentication(user, List.of(group));
        try {
            return engine.getFormService().submitStartForm(definition, form);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /** The same through the engine REST API Tasklist calls: the refusal's message, or the status of a success. */
    private ResponseEntity<JsonNode> submitOverRest(String user, Map<String, Object> form) {
        return StartForms.submit(http, user, "suspensionRequest", form);
    }

    private Task resumptionTask(ProcessInstance pi) {
        leads.runJobs(pi.getId());
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
                .singleResult();
        assertThat(timer.getDuedate()).as("three days before the last day, 09:00")
                .isEqualTo(java.util.Date.from(today().plusDays(17).atTime(9, 0).atZone(BusinessTime.ZONE).toInstant()));
        engine.getManagementService().executeJob(timer.getId());
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    @Test
    void shouldReleaseTheLessonsAndProposeTheLessonsOwedAgainFromTheDayOfResumption() {
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(1, 1, 3);
        teaching.leaveOnly(s.contract().contractId(), 4); // 3 booked ahead and one more owed
        // from today: the resumption may be arranged once the suspension has begun (decision 583)
        Suspension made = suspensions.suspend(s.contract().contractId(), new Suspensions.Request(
                today().toString(), today().plusDays(20).toString(), "学生住院"), "wuting");
        ProcessInstance pi = instance(made);
        assertThat(pi.getBusinessKey()).isEqualTo(String.valueOf(s.contract().opportunityId()));

        Task task = resumptionTask(pi);
        assertThat(jdbc.sql("select status from lesson where id in (?, ?, ?) order by id").params(s.lessons().get(1),
                s.lessons().get(2), s.lessons().get(3)).query(String.class).list())
                .containsOnly("CANCELLED");
        assertThat(jdbc.sql("select status from lesson where id = ?").param(s.lessons().get(0)).query(String.class)
                .single()).as("the lesson taught stays").isEqualTo("CONFIRMED");
        assertThat(suspensions.get(made.id()).lessonsReleased()).isEqualTo(3);
        assertThat(task.getName()).isEqualTo("安排复课");
        assertThat(task.getDueDate()).as("due on the last day at 18:00, then late in 本组逾期任务").isEqualTo(
                java.util.Date.from(today().plusDays(20).atTime(18, 0).atZone(BusinessTime.ZONE).toInstant()));
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).taskCandidateGroup("academicAffairs")
                .count()).isEqualTo(1);
        assertThat((String) engine.getTaskService().getVariableLocal(task.getId(), "suspensionSummary"))
                .contains("学生住院").contains("已释放 3 节课").as("who asked, by name").contains("登记人：吴婷（wuting）");
        assertThat(engine.getTaskService().getVariable(task.getId(), "resumeOn"))
                .isEqualTo(today().plusDays(21).toString());

        assertThatThrownBy(() -> leads.completeAs("wuting", task, Map.of("resumeOn", today().toString())))
                .hasMessageContaining("复课日期：须是明天或以后");
        LocalDate resumeOn = today().plusDays(21);
        leads.completeAs("wuting", task, Map.of("resumeOn", resumeOn.toString()));
        assertThat(pi).hasPassed("Gateway_LessonsOwed").isWaitingAt("CallActivity_Reschedule");
        // academic affairs read what follows after 完成 (decision 673)
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().taskIdIn(task.getId())
                .variableName("taskResult").singleResult().getValue()).asString()
                .endsWith(resumeOn + " 起复课：剩余 4 节课从这天起重新排课，新课表请在“确认排课”中确认。");
        assertThat(suspensions.get(made.id()).status()).isEqualTo(Suspension.RESUMED);

        ProcessInstance scheduling = engine.getRuntimeService().createProcessInstanceQuery()
                .superProcessInstanceId(pi.getId()).singleResult();
        leads.runJobs(scheduling.getId());
        Task confirm = engine.getTaskService().createTaskQuery().processInstanceId(scheduling.getId()).singleResult();
        assertThat(confirm.getTaskDefinitionKey()).isEqualTo("Task_ConfirmSchedule");
        List<OffsetDateTime> starts = jdbc.sql("select l.starts_at from lesson l join schedule_proposal p on "
                + "p.id = l.proposal_id where p.live_opportunity_id = ? order by l.seq")
                .param(s.contract().opportunityId()).query(OffsetDateTime.class).list();
        assertThat(starts).as("the lessons owed: 3 released and one more").hasSize(4)
                .allSatisfy(t -> assertThat(BusinessTime.dateOf(t)).isAfterOrEqualTo(resumeOn));
        leads.completeAs("wuting", confirm, Map.of("scheduleDecision", "CONFIRM"));
        assertThat(pi).hasPassed("EndEvent_Resumed").isEnded();
    }

    @Test
    void shouldEndWithoutSchedulingWhenNothingIsOwed() {
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(1, 1, 0);
        teaching.leaveOnly(s.contract().contractId(), 0);
        // nothing left to suspend: refused, nothing stored
        assertThatThrownBy(() -> suspensions.suspend(s.contract().contractId(), new Suspensions.Request(
                today().toString(), today().plusDays(20).toString(), "出国交流"), "chenxi"))
                .hasMessageContaining("没有剩余课时，无需停课");
        assertThat(jdbc.sql("select count(*) from suspension where contract_id = ?").param(s.contract().contractId())
                .query(Integer.class).single()).isZero();

        // one lesson left when it is registered, used up while it runs (a lesson before it marked late)
        teaching.leaveOnly(s.contract().contractId(), 1);
        Suspension made = suspensions.suspend(s.contract().contractId(), new Suspensions.Request(
                today().toString(), today().plusDays(20).toString(), "出国交流"), "chenxi");
        teaching.leaveOnly(s.contract().contractId(), 0);
        ProcessInstance pi = instance(made);
        leads.completeAs("wuting", resumptionTask(pi), Map.of("resumeOn", today().plusDays(21).toString()));
        assertThat(pi).hasPassed("EndEvent_NothingOwed").isEnded();
    }

    @Test
    void shouldNotArrangeTheResumptionBeforeAShortSuspensionBeginsSoTheLessonsBeforeItStay() {
        // lessons tomorrow and the day after, then on the two days of a suspension that begins in three days
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(0, 0, 4);
        Suspension made = suspensions.suspend(s.contract().contractId(), new Suspensions.Request(
                today().plusDays(3).toString(), today().plusDays(4).toString(), "外出比赛"), "wuting");
        ProcessInstance pi = instance(made);
        leads.runJobs(pi.getId());
        assertThat(jdbc.sql("select status from lesson where id in (?, ?, ?, ?) order by starts_at")
                .params(s.lessons().toArray()).query(String.class).list())
                .containsExactly("CONFIRMED", "CONFIRMED", "CANCELLED", "CANCELLED");
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
                .singleResult();
        assertThat(timer.getDuedate()).as("three days before the last day is before the first: the first day, 09:00")
                .isEqualTo(java.util.Date.from(today().plusDays(3).atTime(9, 0).atZone(BusinessTime.ZONE).toInstant()));

        // fired early (an administrator in Cockpit): arranging it now is refused, the lessons before it stay
        engine.getManagementService().executeJob(timer.getId());
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
        assertThatThrownBy(() -> leads.completeAs("wuting", task, Map.of("resumeOn", today().plusDays(5).toString())))
                .hasMessageContaining("开始后才能安排复课").hasMessageContaining(today().plusDays(3).toString());
        assertThat(jdbc.sql("select status from lesson where id in (?, ?) order by starts_at")
                .params(s.lessons().get(0), s.lessons().get(1)).query(String.class).list())
                .containsOnly("CONFIRMED");
        assertThat(suspensions.get(made.id()).status()).isEqualTo(Suspension.ACTIVE);

        // a date that is no date says so, once, under the field
        assertThatThrownBy(() -> leads.completeAs("wuting", task, Map.of("resumeOn", "下周一")))
                .hasMessageContaining("复课日期：“下周一”不是日期");
    }

    /** 调课 of a lesson through the API to the same teacher and room, on {@code day} at 16:00. */
    private ResponseEntity<JsonNode> move(long lesson, LocalDate day) {
        Map<String, Object> at = jdbc.sql("select teacher_id, room_id from lesson where id = ?").param(lesson).query()
                .singleRow();
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("wuting", "demo").exchange("/api/lessons/" + lesson,
                org.springframework.http.HttpMethod.PUT, new HttpEntity<>(Map.of("teacherId", at.get("TEACHER_ID"),
                        "roomId", at.get("ROOM_ID"), "startsAt", freeHour(lesson, day).toString()), json),
                JsonNode.class);
    }

    /**
     * The first whole hour of the day at which the lesson's teacher, room and student hold no booked slot: other
     * tests share the teacher and room, and their lessons fall on any day and hour, depending on when the suite runs.
     */
    private OffsetDateTime freeHour(long lesson, LocalDate day) {
        for (int hour = 9; hour <= 20; hour++) {
            OffsetDateTime start = day.atTime(hour, 0).atZone(BusinessTime.ZONE).toOffsetDateTime();
            int taken = jdbc.sql("select count(*) from booking_slot b join lesson l on l.id = ? "
                    + "where b.lesson_id <> l.id and ((b.resource_type = 'TEACHER' and b.resource_id = l.teacher_id) "
                    + "or (b.resource_type = 'ROOM' and b.resource_id = l.room_id) or (b.resource_type = 'STUDENT' "
                    + "and b.resource_id = cast(l.customer_id as varchar(20)))) and b.slot_start >= ? "
                    + "and b.slot_start < ?")
                    .params(lesson, start, start.plusHours(1)).query(Integer.class).single();
            if (taken == 0) {
                return start;
            }
        }
        throw new IllegalStateException("no free hour on " + day + " for lesson " + lesson);
    }

    /** {@link #move} a month ahead, refused: the refusal's detail (409). */
    private String moveRefusal(long lesson) {
        ResponseEntity<JsonNode> moved = move(lesson, today().plusDays(30));
        assertThat(moved.getStatusCode()).as(String.valueOf(moved.getBody())).isEqualTo(HttpStatus.CONFLICT);
        return moved.getBody().get("detail").asText();
    }

    @Test
    void shouldRefuseToMoveALessonIntoARegisteredSuspension() {
        // ahead: tomorrow and the two days after
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(1, 1, 3);
        LocalDate from = today().plusDays(2);
        Suspension made = suspensions.suspend(s.contract().contractId(), new Suspensions.Request(from.toString(),
                from.plusDays(10).toString(), "学生住院"), "wuting");
        leads.runJobs(instance(made).getId());
        long tomorrows = s.lessons().get(1);
        assertThat(jdbc.sql("select status from lesson where id = ?").param(tomorrows).query(String.class).single())
                .as("before the suspension").isEqualTo("CONFIRMED");

        ResponseEntity<JsonNode> into = move(tomorrows, from.plusDays(3));
        assertThat(into.getStatusCode()).as(String.valueOf(into.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(into.getBody().get("errors").findValuesAsText("field")).containsExactly("startsAt");
        assertThat(into.getBody().toString()).contains("学员已登记停课（" + from + " 至 " + from.plusDays(10)
                + "），停课期间不能排课");
        assertThat(move(tomorrows, from.plusDays(12)).getStatusCode()).as("after it").isEqualTo(HttpStatus.OK);
    }

    @Test
    void shouldKeepTheLessonBegunTodayForTheTeacherToMarkWhenTheSuspensionStartsToday() {
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(1, 0, 2); // began an hour ago, not marked
        Suspension made = suspensions.suspend(s.contract().contractId(), new Suspensions.Request(
                today().toString(), today().plusDays(20).toString(), "出国交流"), "chenxi");
        leads.runJobs(instance(made).getId());

        assertThat(jdbc.sql("select status from lesson where id = ?").param(s.lessons().get(0)).query(String.class)
                .single()).as("已上的课不变").isEqualTo("CONFIRMED");
        assertThat(jdbc.sql("select status from lesson where id in (?, ?)").params(s.lessons().get(1),
                s.lessons().get(2)).query(String.class).list()).containsOnly("CANCELLED");
        assertThat(suspensions.get(made.id()).lessonsReleased()).isEqualTo(2);
        // 调课 of either is refused: the cancelled one holds no slot, the begun one is what was taught
        assertThat(moveRefusal(s.lessons().get(1))).contains("已取消，不能调整");
        assertThat(moveRefusal(s.lessons().get(0))).contains("开始，不能调整；没上成的课请登记出勤后安排补课");
        attendance.mark(s.lessons().get(0), new com.enrollflow.teaching.Attendance.MarkRequest("ATTENDED", null, null,
                null), new com.enrollflow.teaching.Attendance.Marker("zhengkai", false));
        assertThat(jdbc.sql("select sum(consumed) from hours_ledger where contract_id = ?")
                .param(s.contract().contractId()).query(Integer.class).single()).as("the lesson taught is consumed")
                .isEqualTo(1);
    }

    @Test
    void shouldRefuseBadSuspensionsByFieldThroughTheApiAndStoreNothing() {
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(0, 0, 2);
        String url = "/api/contracts/" + s.contract().contractId() + "/suspensions";
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        java.util.function.BiFunction<String, Map<String, String>, ResponseEntity<JsonNode>> post = (user, body) ->
                http.withBasicAuth(user, "demo").postForEntity(url, new HttpEntity<>(body, json), JsonNode.class);

        ResponseEntity<JsonNode> past = post.apply("wuting", Map.of("from", today().minusDays(1).toString(), "until",
                today().plusDays(3).toString(), "reason", "生病"));
        assertThat(past.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(past.getBody().toString()).contains("from").contains("不能早于今天");
        ResponseEntity<JsonNode> backwards = post.apply("wuting", Map.of("from", today().plusDays(5).toString(),
                "until", today().plusDays(3).toString()));
        assertThat(backwards.getBody().toString()).contains("until").contains("reason");
        assertThat(post.apply("wuting", Map.of("from", today().toString(), "until", today().plusDays(200).toString(),
                "reason", "出国")).getBody().toString()).contains("最长 180 天");
        assertThat(post.apply("wuting", Map.of("from", "明天", "until", "下周", "reason", "x")).getBody().toString())
                .contains("日期格式");
        assertThat(post.apply("dingning", Map.of("from", today().toString(), "until", today().plusDays(3).toString(),
                "reason", "生病")).getStatusCode()).as("academic affairs of another campus")
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post.apply("zhengkai", Map.of("from", today().toString(), "until", today().plusDays(3).toString(),
                "reason", "生病")).getStatusCode()).as("a teacher").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(jdbc.sql("select count(*) from suspension where contract_id = ?")
                .param(s.contract().contractId()).query(Integer.class).single()).isZero();

        ResponseEntity<JsonNode> ok = post.apply("chenxi", Map.of("from",
                today().plusDays(2).toString(), "until", today().plusDays(30).toString(), "reason", "期末考试备考"));
        assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post.apply("wuting", Map.of("from", today().plusDays(2).toString(), "until",
                today().plusDays(9).toString(), "reason", "再次")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        // two days ahead it is registered, not yet under way (it read 停课中 from the first day on)
        assertThat(http.withBasicAuth("wuting", "demo").getForObject("/api/suspensions/" + ok.getBody().get("id")
                .asLong(), JsonNode.class).get("statusLabel").asText())
                .isEqualTo("已登记，" + today().plusDays(2) + " 起停课");
    }

    @Test
    void shouldRegisterASuspensionFromTheTasklistStartFormByTheContractNumber() {
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(1, 1, 3);
        long contractId = s.contract().contractId();
        String typed = " " + contractNumber(contractId).toLowerCase() + " ";

        ProcessInstance request = submitForm("wuting", "academicAffairs",
                form(typed, today().plusDays(1), today().plusDays(20), "学生住院"));

        assertThat(request).hasPassed("StartEvent_SuspensionAsked", "ServiceTask_SubmitSuspension",
                "EndEvent_SuspensionRegistered").isEnded();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(request.getId())
                .singleResult().getTenantId()).as("in the contract's campus").isEqualTo("BJHD");
        Suspension made = suspensions.get(jdbc.sql("select id from suspension where contract_id = ?").param(contractId)
                .query(Long.class).single());
        assertThat(made.startsOn()).isEqualTo(today().plusDays(1));
        assertThat(made.endsOn()).isEqualTo(today().plusDays(20));
        assertThat(made.reason()).isEqualTo("学生住院");
        assertThat(made.requestedBy()).isEqualTo("wuting");
        assertThat(StartForms.told(engine, request.getId())).isEqualTo(StartForms.holder(jdbc, contractId)
                + "：停课已登记：" + today().plusDays(1) + " 至 " + today().plusDays(20) + "。" + today().plusDays(1)
                + " 起已排的课（含停课结束后的）随即取消，课时保留；停课结束前三天由教务安排复课并重新排课。");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(request.getId())
                .variableName("suspensionId").singleResult().getValue()).isEqualTo(made.id());
        ProcessInstance suspension = instance(made);
        assertThat(suspension.getBusinessKey()).isEqualTo(String.valueOf(s.contract().opportunityId()));
        assertThat(suspension.getTenantId()).isEqualTo("BJHD");

        // the same contract again: refused with the reason, nothing more stored
        assertThatThrownBy(() -> submitForm("chenxi", "customerService", form(contractNumber(contractId),
                today().plusDays(2), today().plusDays(9), "再次"))).hasMessage("提交内容有误：合同 "
                        + contractNumber(contractId) + " 已登记停课（" + today().plusDays(1) + " 至 "
                        + today().plusDays(20) + "），不能重复登记");
        assertThat(suspensionsOf(contractId)).isOne();
    }

    @Test
    void shouldRefuseABadStartFormByTheFormsFieldNamesAndStoreNothing() {
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(0, 0, 2);
        long contractId = s.contract().contractId();
        String number = contractNumber(contractId);
        long requests = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("suspensionRequest").count();

        ResponseEntity<JsonNode> dates = submitOverRest("wuting", form(number, today().minusDays(1),
                today().minusDays(3), null));
        assertThat(dates.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(dates.getBody().path("message").asText()).isEqualTo("提交内容有误：原因：必填；停课开始日期："
                + "停课开始日期不能早于今天（" + today() + "）；停课结束日期：停课结束日期不能早于开始日期");
        assertThat(submitOverRest("wuting", form(number, today(), today().plusDays(200), "出国")).getBody()
                .path("message").asText()).isEqualTo("提交内容有误：停课结束日期：停课最长 180 天");
        assertThat(submitOverRest("wuting", form(number, null, null, "出国")).getBody().path("message").asText())
                .isEqualTo("提交内容有误：停课开始日期：必填；停课结束日期：必填");

        assertThat(submitOverRest("wuting", form("BJ-HD-2026-99999", today(), today().plusDays(3), "生病")).getBody()
                .path("message").asText()).as("an unknown contract")
                .isEqualTo("提交内容有误：合同编号或家长手机号：您负责的校区中没有合同 BJ-HD-2026-99999");
        assertThat(submitOverRest("dingning", form(number, today(), today().plusDays(3), "生病")).getBody()
                .path("message").asText()).as("academic affairs of another campus")
                .isEqualTo("提交内容有误：合同编号或家长手机号：您负责的校区中没有合同 " + number);
        assertThat(submitOverRest("wuting", form("188 0000 0000", today(), today().plusDays(3), "生病")).getBody()
                .path("message").asText()).as("a phone without a contract")
                .isEqualTo("提交内容有误：合同编号或家长手机号：您负责的校区中，手机号 188 0000 0000 的客户没有有效合同");
        assertThat(submitOverRest("wuting", form("明天停课", today(), today().plusDays(3), "生病")).getBody()
                .path("message").asText()).contains("合同编号或家长手机号：“明天停课”既不是合同编号");
        assertThat(submitOverRest("wuting", form(null, today(), today().plusDays(3), "生病")).getBody()
                .path("message").asText()).as("the API's contractId is the form's contract field")
                .startsWith("提交内容有误：合同编号或家长手机号：必填");
        assertThat(submitOverRest("zhengkai", form(number, today(), today().plusDays(3), "生病")).getStatusCode())
                .as("a teacher may not start it").isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(suspensionsOf(contractId)).isZero();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("suspensionRequest").count()).isEqualTo(requests);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("suspension")
                .processInstanceBusinessKey(String.valueOf(s.contract().opportunityId())).count()).isZero();
    }

    /** A suspension and a teacher change asked at the same moment: one is taken, the other refused with the reason. */
    @Test
    void shouldTakeOneOfASuspensionAndATeacherChangeAskedAtTheSameMoment() throws Exception {
        for (int round = 0; round < 3; round++) {
            TeachingTestSupport.Taught t = teaching.contractWithSchedule(0, 0, 4).contract();
            List<Object> outcomes = com.enrollflow.testsupport.Concurrently.outcomes(List.of(
                    () -> suspensions.suspend(t.contractId(), new Suspensions.Request(today().plusDays(1).toString(),
                            today().plusDays(10).toString(), "外出比赛"), "wuting"),
                    () -> teacherChanges.request(t.contractId(),
                            new com.enrollflow.teacherchange.TeacherChanges.Request("家长要求换老师"), "wuting")));
            assertThat(outcomes).as("round " + round).filteredOn(o -> o instanceof Exception).singleElement()
                    .satisfies(refused -> assertThat(((Exception) refused).getMessage()).matches(".*(更换教师|停课).*"));
            int suspended = suspensionsOf(t.contractId());
            int changes = jdbc.sql("select count(*) from teacher_change where contract_id = ?").param(t.contractId())
                    .query(Integer.class).single();
            assertThat(suspended + changes).as("round " + round + ": one of the two, never both").isOne();
        }
    }

    /** The start form reads the contract as typed: a running transfer or teacher change refuses it as in the API. */
    @Test
    void shouldRefuseTheStartFormForAContractThatIsTransferringOrChangingTeacher() {
        TeachingTestSupport.Taught transferring = teaching.contractWithSchedule(0, 0, 2).contract();
        teaching.paidInFull(transferring);
        String transfer = transfers.request(transferring.contractId(), new com.enrollflow.transfer.Transfers.Request(
                "PHYSICS", "STANDARD", "换物理", null), "wuting").transferNo();
        TeachingTestSupport.Taught changing = teaching.contractWithSchedule(0, 0, 2).contract();
        second.hireWithoutTheFamilysTimes(); // a change needs somebody else who teaches the course (decision 668)
        String change = teacherChanges.request(changing.contractId(),
                new com.enrollflow.teacherchange.TeacherChanges.Request("家长要求换老师"), "wuting").teacherChangeNo();
        try {
            assertThat(submitOverRest("wuting", form(contractNumber(transferring.contractId()), today().plusDays(1),
                    today().plusDays(5), "生病")).getBody().path("message").asText()).isEqualTo("提交内容有误：合同 "
                            + contractNumber(transferring.contractId()) + " 正在转课（" + transfer + "），转课完成后才能停课");
            assertThat(submitOverRest("chenxi", form(contractNumber(changing.contractId()), today().plusDays(1),
                    today().plusDays(5), "生病")).getBody().path("message").asText()).isEqualTo("提交内容有误：合同 "
                            + contractNumber(changing.contractId()) + " 正在更换教师（" + change + "），新课表确认后才能停课");
            assertThat(suspensionsOf(transferring.contractId()) + suspensionsOf(changing.contractId())).isZero();
        } finally {
            scheduling.closeSchedule(transferring.opportunityId(), "测试结束", "test");
            scheduling.closeSchedule(changing.opportunityId(), "测试结束", "test");
            second.letGo();
        }
    }
}
