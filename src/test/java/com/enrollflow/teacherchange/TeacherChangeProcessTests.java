package com.enrollflow.teacherchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.SecondMathsTeacher;
import com.enrollflow.testsupport.StartForms;

/**
 * teacher-change.bpmn (更换教师) and its start form teacher-change-request.bpmn (申请更换教师): the lessons not begun
 * with the current teacher are released, the lessons still owed are proposed again through 一对一排课 without that
 * teacher; once academic affairs confirm, the new teacher is recorded, the timeline says so and the family gets a
 * mail. The hours ledger never moves.
 *
 * <p>The fixture: a BJ-HD J2 contract of 60 senior maths lessons with 郑凯, 2 taught and 3 ahead; the family prefers
 * Saturday 09:00.
 */
@EnrollFlowTest
class TeacherChangeProcessTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    TeacherChanges changes;
    @Autowired
    SchedulingService scheduling;
    @Autowired
    SecondMathsTeacher second;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.boot.test.web.client.TestRestTemplate http;

    private final List<Long> students = new ArrayList<>();

    @AfterEach
    void freeTheTeachers() {
        students.forEach(o -> scheduling.closeSchedule(o, "测试结束", "test"));
        second.letGo();
    }

    private TeachingTestSupport.Schedule student() {
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(2, 2, 3);
        students.add(s.contract().opportunityId());
        return s;
    }

    private ProcessInstance instance(TeacherChange t) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("teacherChange")
                .processInstanceBusinessKey(t.teacherChangeNo()).singleResult();
    }

    private ProcessInstance scheduling(ProcessInstance pi) {
        leads.runJobs(pi.getId());
        ProcessInstance sub = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId())
                .processDefinitionKey("oneOnOneScheduling").singleResult();
        leads.runJobs(sub.getId());
        return sub;
    }

    private Task task(ProcessInstance pi) {
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    /** Every counter of the contract's hours ledger, as one text: a teacher change moves none of them. */
    private String ledger(long contractId) {
        return jdbc.sql("select purchased || '/' || gifted || '/' || consumed || '/' || rebooked || '/' || "
                + "transferred_in || '/' || transferred_out || '/' || refunded from hours_ledger where contract_id = ? "
                + "order by line_no").param(contractId).query(String.class).list().toString();
    }

    private List<String> lessonStatuses(List<Long> lessons) {
        return lessons.stream().map(id -> jdbc.sql("select status from lesson where id = ?").param(id)
                .query(String.class).single()).toList();
    }

    @Test
    void shouldReleaseTheLessonsScheduleTheRestWithAnotherTeacherAndTellTheFamily() {
        second.hire();
        TeachingTestSupport.Schedule s = student();
        long contractId = s.contract().contractId();
        String ledgerBefore = ledger(contractId);

        TeacherChange t = changes.request(contractId, new TeacherChanges.Request("家长希望换一位讲解更细致的老师"),
                "wuting");

        assertThat(t.teacherChangeNo()).matches("HJ\\d{6}");
        assertThat(t.fromTeacherName()).isEqualTo("郑凯");
        assertThat(t.subject()).isEqualTo("数学");
        assertThat(t.teacherLevel()).isEqualTo("高级教师");
        assertThat(t.lessonsToSchedule()).as("60 bought, 2 taught").isEqualTo(58);
        ProcessInstance pi = instance(t);
        assertThat(pi.getTenantId()).isEqualTo("BJHD");
        assertThat(pi).hasPassed("StartEvent_TeacherChangeRequested", "ServiceTask_ReleaseTeacherLessons")
                .isWaitingAt("CallActivity_ScheduleNewTeacher");
        assertThat(changes.get(t.id()).lessonsReleased()).isEqualTo(3);
        assertThat(lessonStatuses(s.lessons())).as("the lessons taught stay, the 3 ahead are released")
                .containsExactly("CONFIRMED", "CONFIRMED", "CANCELLED", "CANCELLED", "CANCELLED");

        ProcessInstance sub = scheduling(pi);
        assertThat(sub.getBusinessKey()).as("the scheduling keeps the opportunity as its key")
                .isEqualTo(String.valueOf(s.contract().opportunityId()));
        Task confirm = task(sub);
        assertThat(confirm.getTaskDefinitionKey()).isEqualTo("Task_ConfirmSchedule");
        assertThat(engine.getTaskService().createTaskQuery().taskId(confirm.getId()).taskCandidateGroup(
                "academicAffairs").count()).isOne();
        assertThat(jdbc.sql("select distinct l.teacher_id from lesson l join schedule_proposal p on p.id = "
                + "l.proposal_id where p.live_opportunity_id = ?").param(s.contract().opportunityId())
                .query(String.class).list()).as("郑凯 excluded").containsExactly(SecondMathsTeacher.ID);
        assertThat(jdbc.sql("select count(*) from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.live_opportunity_id = ?").param(s.contract().opportunityId()).query(Integer.class)
                .single()).isEqualTo(58);
        assertThat(changes.runningOn(contractId)).contains(t.teacherChangeNo());

        leads.completeAs("wuting", confirm, Map.of("scheduleDecision", "CONFIRM"));
        leads.runJobs(pi.getId());
        assertThat(pi).hasPassed("CallActivity_ScheduleNewTeacher", "ServiceTask_CompleteTeacherChange",
                "ServiceTask_NotifyTeacherChange", "EndEvent_TeacherChanged").isEnded();

        TeacherChange done = changes.get(t.id());
        assertThat(done.status()).isEqualTo(TeacherChange.COMPLETED);
        assertThat(done.statusLabel()).isEqualTo("已完成");
        assertThat(done.toTeacherName()).isEqualTo(SecondMathsTeacher.NAME);
        assertThat(done.completedAt()).isNotNull();
        assertThat(changes.runningOn(contractId)).isEmpty();
        assertThat(ledger(contractId)).as("no lesson moves on the ledger").isEqualTo(ledgerBefore);
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = "
                + "'TEACHER_CHANGED' order by id").param(s.contract().opportunityId()).query(String.class).list())
                .satisfiesExactly(
                        asked -> assertThat(asked).contains(t.teacherChangeNo()).contains("原教师 郑凯")
                                .contains("家长希望换一位讲解更细致的老师"),
                        changed -> assertThat(changed).contains("郑凯 → " + SecondMathsTeacher.NAME)
                                .contains("58 节课"));
        Map<String, Object> mail = jdbc.sql("select kind, subject, body from notification where dedupe_key = ?")
                .param("teacher-change:" + t.teacherChangeNo()).query().singleRow();
        assertThat(mail.get("kind")).isEqualTo("TEACHER_CHANGED");
        assertThat((String) mail.get("body")).contains("新教师为 " + SecondMathsTeacher.NAME).contains("课时和费用不变");
    }

    /**
     * Nobody else at the campus teaches the course at its level: the change is refused before anything moves (decision
     * 668). It used to be taken, every lesson released, and academic affairs left at 调整上课时间偏好 with a schedule
     * nobody could take.
     */
    @Test
    void shouldRefuseAChangeNobodyElseCanTakeAndKeepTheSchedule() {
        TeachingTestSupport.Schedule s = student();
        long contractId = s.contract().contractId();
        List<Map<String, Object>> lessonsBefore = jdbc.sql("select l.id, l.status, l.teacher_id from lesson l join "
                + "schedule_proposal p on p.id = l.proposal_id where p.live_opportunity_id = ? order by l.id")
                .param(s.contract().opportunityId()).query().listOfRows();
        assertThat(lessonsBefore).isNotEmpty();

        assertThatThrownBy(() -> changes.request(contractId, new TeacherChanges.Request("家长要求换老师"), "chenxi"))
                .isInstanceOf(com.enrollflow.common.ConflictException.class)
                .hasMessage("本校区除原教师郑凯外没有教初二数学的高级教师，无法更换教师，现有课表不变；"
                        + "可请教务先安排能授课的教师，或与家长商定转课");

        assertThat(jdbc.sql("select count(*) from teacher_change where contract_id = ?").param(contractId)
                .query(Integer.class).single()).as("nothing stored").isZero();
        assertThat(jdbc.sql("select l.id, l.status, l.teacher_id from lesson l join schedule_proposal p on p.id = "
                + "l.proposal_id where p.live_opportunity_id = ? order by l.id").param(s.contract().opportunityId())
                .query().listOfRows()).as("every lesson kept, with its teacher").isEqualTo(lessonsBefore);
        assertThat(changes.runningOn(contractId)).isEmpty();
    }

    /**
     * Nobody else teaches the course, so the family keeps its teacher: the change is withdrawn while academic affairs
     * wait at 调整上课时间偏好, its scheduling ends, and the lessons are scheduled again with the teacher left first;
     * the contract is free at once, and no mail says the teacher changed.
     */
    @Test
    void shouldWithdrawAChangeNobodyElseCanTakeAndScheduleTheLessonsAgainWithTheTeacherLeft() {
        second.hireWithoutTheFamilysTimes();
        TeachingTestSupport.Schedule s = student();
        long contractId = s.contract().contractId();
        TeacherChange t = changes.request(contractId, new TeacherChanges.Request("家长要求换老师"), "chenxi");
        ProcessInstance pi = instance(t);
        ProcessInstance waiting = scheduling(pi);
        assertThat(task(waiting).getTaskDefinitionKey()).isEqualTo("Task_AdjustPreferences");
        // 调整上课时间偏好 names the change it schedules for, and says how to withdraw it
        assertThat(engine.getRuntimeService().getVariable(waiting.getId(), "teacherChangeNo"))
                .isEqualTo(t.teacherChangeNo());

        TeacherChange withdrawn = changes.withdraw(t.teacherChangeNo(),
                new TeacherChanges.Withdrawal("新教师排不出家长要的时间，家长同意继续由郑凯上课"), "wuting");

        assertThat(withdrawn.status()).isEqualTo(TeacherChange.WITHDRAWN);
        assertThat(withdrawn.statusLabel()).isEqualTo("已撤销");
        assertThat(withdrawn.withdrawnBy()).isEqualTo("wuting");
        assertThat(withdrawn.withdrawnAt()).isNotNull();
        assertThat(withdrawn.withdrawReason()).contains("家长同意继续由郑凯上课");
        assertThat(changes.runningOn(contractId)).as("the contract is free at once").isEmpty();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(waiting.getId()).count())
                .as("the scheduling for a new teacher ended").isZero();
        assertThat(pi).hasPassed("StartEvent_TeacherChangeWithdrawn")
                .isWaitingAt("CallActivity_RescheduleAnyTeacher");

        ProcessInstance again = scheduling(pi);
        Task confirm = task(again);
        assertThat(confirm.getTaskDefinitionKey()).isEqualTo("Task_ConfirmSchedule");
        assertThat(jdbc.sql("select distinct l.teacher_id from lesson l join schedule_proposal p on p.id = "
                + "l.proposal_id where p.live_opportunity_id = ?").param(s.contract().opportunityId())
                .query(String.class).list()).as("郑凯 again").containsExactly(t.fromTeacherId());
        leads.completeAs("wuting", confirm, Map.of("scheduleDecision", "CONFIRM"));
        leads.runJobs(pi.getId());
        assertThat(pi).hasPassed("CallActivity_RescheduleAnyTeacher", "EndEvent_Rescheduled")
                .hasNotPassed("ServiceTask_CompleteTeacherChange", "ServiceTask_NotifyTeacherChange").isEnded();
        assertThat(changes.get(t.id()).status()).as("stays withdrawn").isEqualTo(TeacherChange.WITHDRAWN);
        assertThat(changes.get(t.id()).toTeacherId()).isNull();
        assertThat(jdbc.sql("select count(*) from notification where dedupe_key = ?")
                .param("teacher-change:" + t.teacherChangeNo()).query(Integer.class).single())
                .as("no mail of a new teacher").isZero();
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = "
                + "'TEACHER_CHANGED' order by id").param(s.contract().opportunityId()).query(String.class).list())
                .last().asString().contains(t.teacherChangeNo()).contains("撤销更换教师").contains("原教师 郑凯 优先")
                .contains("家长同意继续由郑凯上课");
    }

    /**
     * An operator cancelled the change's instance in Cockpit: the contract stayed held by the change and its released
     * lessons unscheduled. Withdrawing it frees the contract and begins the rescheduling all the same.
     */
    @Test
    void shouldScheduleTheLessonsOfAWithdrawnChangeWhoseInstanceAnOperatorCancelled() {
        second.hireWithoutTheFamilysTimes();
        TeachingTestSupport.Schedule s = student();
        long contractId = s.contract().contractId();
        TeacherChange t = changes.request(contractId, new TeacherChanges.Request("家长要求换老师"), "chenxi");
        engine.getRuntimeService().deleteProcessInstance(instance(t).getId(), "运维在 Cockpit 中取消");
        assertThat(changes.runningOn(contractId)).as("the row still holds the contract").isPresent();

        changes.withdraw(t.teacherChangeNo(), new TeacherChanges.Withdrawal("流程已被取消，按原条件重新排课"), "wuting");

        assertThat(changes.runningOn(contractId)).isEmpty();
        ProcessInstance again = instance(t);
        assertThat(again).as("begun at the rescheduling").isWaitingAt("CallActivity_RescheduleAnyTeacher");
        assertThat(task(scheduling(again)).getTaskDefinitionKey()).isEqualTo("Task_ConfirmSchedule");
        assertThat(jdbc.sql("select distinct l.teacher_id from lesson l join schedule_proposal p on p.id = "
                + "l.proposal_id where p.live_opportunity_id = ?").param(s.contract().opportunityId())
                .query(String.class).list()).containsExactly(t.fromTeacherId());
    }

    /**
     * Withdrawn while academic affairs have a proposal with the new teacher before them: that proposal's lessons give
     * back their slots, and the new one has the teacher left.
     */
    @Test
    void shouldDropTheUnconfirmedProposalOfTheNewTeacherWhenWithdrawn() {
        second.hire();
        TeachingTestSupport.Schedule s = student();
        TeacherChange t = changes.request(s.contract().contractId(), new TeacherChanges.Request("家长要求换老师"),
                "chenxi");
        ProcessInstance pi = instance(t);
        assertThat(task(scheduling(pi)).getTaskDefinitionKey()).isEqualTo("Task_ConfirmSchedule");
        List<Long> proposed = jdbc.sql("select l.id from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.live_opportunity_id = ?").param(s.contract().opportunityId()).query(Long.class).list();
        assertThat(proposed).hasSize(58);

        changes.withdraw(t.teacherChangeNo(), new TeacherChanges.Withdrawal("家长改变主意，不换老师了"), "chenxi");

        assertThat(lessonStatuses(proposed)).as("the new teacher's proposed lessons").containsOnly("CANCELLED");
        assertThat(task(scheduling(pi)).getTaskDefinitionKey()).isEqualTo("Task_ConfirmSchedule");
        assertThat(jdbc.sql("select distinct l.teacher_id from lesson l join schedule_proposal p on p.id = "
                + "l.proposal_id where p.live_opportunity_id = ?").param(s.contract().opportunityId())
                .query(String.class).list()).as("郑凯 first").containsExactly(t.fromTeacherId());
        assertThatThrownBy(() -> changes.withdraw(t.teacherChangeNo(), new TeacherChanges.Withdrawal("再撤一次"),
                "chenxi")).hasMessageContaining("已撤销，不能撤销");
    }

    @Test
    void shouldScheduleTheNewTeacherTheFamilyAskedForAndRefuseOneWhoCannotTakeTheCourse() {
        second.hire();
        second.hireAnother();
        TeachingTestSupport.Schedule s = student();
        long contractId = s.contract().contractId();
        String choices = "可选：" + SecondMathsTeacher.NAME + "（" + SecondMathsTeacher.ID + "）、"
                + SecondMathsTeacher.OTHER_NAME + "（" + SecondMathsTeacher.OTHER_ID + "）";

        assertThat(refusal(contractId, "王老师")).isEqualTo("“王老师”不是本校区教初二数学的高级教师的其他教师；" + choices);
        assertThat(refusal(contractId, "郑凯老师")).isEqualTo("郑凯是现在的教师，请选另一位；" + choices);
        assertThat(jdbc.sql("select count(*) from teacher_change where contract_id = ?").param(contractId)
                .query(Integer.class).single()).isZero();
        // through the start form, under its label, with the reason's problem in the same answer
        String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("teacherChangeRequest").latestVersion().singleResult().getId();
        String number = jdbc.sql("select number from contract where id = ?").param(contractId).query(String.class)
                .single();
        Map<String, Object> typed = form(number, null);
        typed.put("preferredTeacher", "王老师");
        engine.getIdentityService().setAuthentication("zhaomin", List.of("frontDesk"));
        try {
            assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition, typed)).hasMessage(
                    "提交内容有误：更换原因：必填；家长希望的新教师：“王老师”不是本校区教初二数学的高级教师的其他教师；" + choices);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }

        // 周宁 by name with 老师, as staff write it: without the wish 孙悦 would come first (as free, the lower id)
        TeacherChange t = changes.request(contractId, new TeacherChanges.Request("家长听过周老师的试听课，希望换她",
                SecondMathsTeacher.OTHER_NAME + "老师"), "wuting");

        assertThat(t.preferredTeacherId()).isEqualTo(SecondMathsTeacher.OTHER_ID);
        assertThat(t.preferredTeacherName()).isEqualTo(SecondMathsTeacher.OTHER_NAME);
        ProcessInstance pi = instance(t);
        Task confirm = task(scheduling(pi));
        assertThat(jdbc.sql("select distinct l.teacher_id from lesson l join schedule_proposal p on p.id = "
                + "l.proposal_id where p.live_opportunity_id = ?").param(s.contract().opportunityId())
                .query(String.class).list()).containsExactly(SecondMathsTeacher.OTHER_ID);
        leads.completeAs("wuting", confirm, Map.of("scheduleDecision", "CONFIRM"));
        leads.runJobs(pi.getId());

        assertThat(changes.get(t.id()).toTeacherName()).isEqualTo(SecondMathsTeacher.OTHER_NAME);
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = "
                + "'TEACHER_CHANGED' order by id").param(s.contract().opportunityId()).query(String.class).list())
                .satisfiesExactly(
                        asked -> assertThat(asked).contains("家长希望由 " + SecondMathsTeacher.OTHER_NAME + " 授课"),
                        changed -> assertThat(changed).contains("郑凯 → " + SecondMathsTeacher.OTHER_NAME)
                                .doesNotContain("排不满"));
    }

    @Test
    void shouldTellAcademicAffairsAndTheTimelineWhenTheTeacherAskedForCannotTakeTheLessons() {
        second.hire();
        second.hireAnother();
        // 周宁 teaches on Sundays only; the family's lessons are on Saturdays
        jdbc.sql("delete from teacher_availability where teacher_id = ?").param(SecondMathsTeacher.OTHER_ID).update();
        jdbc.sql("insert into teacher_availability (teacher_id, day_of_week, start_time, end_time) "
                + "values (?, 7, ?, ?)").params(SecondMathsTeacher.OTHER_ID, java.time.LocalTime.of(8, 0),
                        java.time.LocalTime.of(18, 0)).update();
        TeachingTestSupport.Schedule s = student();

        TeacherChange t = changes.request(s.contract().contractId(), new TeacherChanges.Request("家长希望换周老师",
                SecondMathsTeacher.OTHER_ID), "wuting");
        ProcessInstance pi = instance(t);
        Task confirm = task(scheduling(pi));

        assertThat(engine.getTaskService().getVariable(confirm.getId(), "scheduleSummary").toString()).startsWith(
                "注意：优先安排的教师 " + SecondMathsTeacher.OTHER_NAME + " 在偏好时间排不满，本方案由 "
                        + SecondMathsTeacher.NAME + " 授课；如需调整请改偏好时间。\n");
        leads.completeAs("wuting", confirm, Map.of("scheduleDecision", "CONFIRM"));
        leads.runJobs(pi.getId());
        assertThat(changes.get(t.id()).toTeacherName()).isEqualTo(SecondMathsTeacher.NAME);
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = "
                + "'TEACHER_CHANGED' order by id desc").param(s.contract().opportunityId()).query(String.class).list()
                .get(0)).endsWith("；家长希望的 " + SecondMathsTeacher.OTHER_NAME + " 在偏好时间排不满，教务确认由 "
                        + SecondMathsTeacher.NAME + " 授课");
    }

    private String refusal(long contractId, String preferredTeacher) {
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(
                com.enrollflow.common.InvalidInputException.class, () -> changes.request(contractId,
                        new TeacherChanges.Request("家长希望换老师", preferredTeacher), "wuting"));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("preferredTeacher"));
        return e.problems().get(0).message();
    }

    @Test
    void shouldStartFromTheTasklistStartFormAndRefuseItByTheFormsFields() {
        second.hireWithoutTheFamilysTimes();
        TeachingTestSupport.Schedule s = student();
        long contractId = s.contract().contractId();
        String phone = jdbc.sql("select c.phone from customer c join contract k on k.customer_id = c.id where k.id = ?")
                .param(contractId).query(String.class).single();
        String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("teacherChangeRequest").latestVersion().singleResult().getId();
        var identity = engine.getIdentityService();
        identity.setAuthentication("zhaomin", List.of("frontDesk"));
        ProcessInstance request;
        try {
            assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition, form(phone, " ")))
                    .hasMessage("提交内容有误：更换原因：必填");
            assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition,
                    form("BJ-HD-2026-99999", null))).hasMessage(
                            "提交内容有误：合同编号或家长手机号：您负责的校区中没有合同 BJ-HD-2026-99999；更换原因：必填");
            request = engine.getFormService().submitStartForm(definition, form(phone, "老师讲得太快，孩子跟不上"));
        } finally {
            identity.clearAuthentication();
        }

        Map<String, Object> variables = Map.of("contract", Map.of("value", phone), "reason", Map.of("value", "换老师"));
        var headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        assertThat(http.withBasicAuth("zhengkai", "demo").postForEntity(
                "/engine-rest/process-definition/key/teacherChangeRequest/submit-form",
                new org.springframework.http.HttpEntity<>(Map.of("variables", variables), headers), String.class)
                .getStatusCode()).as("a teacher may not start it")
                .isEqualTo(org.springframework.http.HttpStatus.FORBIDDEN);

        assertThat(request).hasPassed("StartEvent_TeacherChangeAsked", "ServiceTask_SubmitTeacherChange",
                "EndEvent_TeacherChangeRegistered").isEnded();
        List<TeacherChange> made = jdbc.sql("select id from teacher_change where contract_id = ?").param(contractId)
                .query(Long.class).list().stream().map(changes::get).toList();
        assertThat(made).singleElement().satisfies(t -> {
            assertThat(t.requestedBy()).isEqualTo("zhaomin");
            assertThat(t.reason()).isEqualTo("老师讲得太快，孩子跟不上");
            assertThat(instance(t)).isNotNull();
            assertThat(StartForms.told(engine, request.getId())).as("the desk typed only the parent's phone")
                    .isEqualTo(StartForms.holder(jdbc, contractId) + "：更换教师申请 " + t.teacherChangeNo()
                            + " 已提交：原教师" + t.fromTeacherName()
                            + "的课将取消，系统为新教师排课，新课表由教务在“确认排课”中确认。");
        });
    }

    /**
     * 撤销更换教师 in Tasklist: the change named by the family's phone, as the desk has it; what cannot be found is
     * refused under the form's field with a missing reason in one answer, a change that cannot be withdrawn refuses
     * the submission, and a teacher may not start it.
     */
    @Test
    void shouldWithdrawFromTheTasklistStartFormByTheFamilysPhoneAndRefuseItByTheFormsFields() {
        second.hireWithoutTheFamilysTimes();
        TeachingTestSupport.Schedule s = student();
        long contractId = s.contract().contractId();
        String phone = jdbc.sql("select c.phone from customer c join contract k on k.customer_id = c.id where k.id = ?")
                .param(contractId).query(String.class).single();
        String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("teacherChangeWithdrawal").latestVersion().singleResult().getId();
        var identity = engine.getIdentityService();
        identity.setAuthentication("zhaomin", List.of("frontDesk"));
        ProcessInstance withdrawal;
        TeacherChange t;
        try {
            assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition, withdrawal(phone, "家长改主意")))
                    .as("nothing runs on the contract yet").hasMessageContaining("更换教师编号、合同编号或家长手机号：合同 ")
                    .hasMessageContaining("没有进行中的更换教师");
            t = changes.request(contractId, new TeacherChanges.Request("家长要求换老师"), "chenxi");
            assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition,
                    withdrawal("HJ999999", " "))).hasMessage("提交内容有误：更换教师编号、合同编号或家长手机号："
                            + "您负责的校区中没有更换教师记录 HJ999999；撤销原因：必填");
            withdrawal = engine.getFormService().submitStartForm(definition, withdrawal(phone, "家长改变主意，不换了"));
            String number = t.teacherChangeNo();
            assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition,
                    withdrawal(number, "再撤一次"))).hasMessageContaining(number + " 已撤销，不能撤销");
        } finally {
            identity.clearAuthentication();
        }
        assertThat(withdrawal).hasPassed("ServiceTask_WithdrawTeacherChange", "EndEvent_TeacherChangeWithdrawn")
                .isEnded();
        assertThat(StartForms.told(engine, withdrawal.getId())).startsWith(StartForms.holder(jdbc, contractId)
                + "：更换教师申请 " + t.teacherChangeNo() + " 已撤销：剩余课时按原条件重新排课");
        TeacherChange done = changes.get(t.id());
        assertThat(done.statusLabel()).isEqualTo("已撤销");
        assertThat(done.withdrawnBy()).isEqualTo("zhaomin");
        assertThat(instance(t)).hasPassed("StartEvent_TeacherChangeWithdrawn");
        Map<String, Object> variables = Map.of("teacherChange", Map.of("value", phone), "reason",
                Map.of("value", "撤销"));
        var headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        assertThat(http.withBasicAuth("zhengkai", "demo").postForEntity(
                "/engine-rest/process-definition/key/teacherChangeWithdrawal/submit-form",
                new org.springframework.http.HttpEntity<>(Map.of("variables", variables), headers), String.class)
                .getStatusCode()).as("a teacher may not start it")
                .isEqualTo(org.springframework.http.HttpStatus.FORBIDDEN);
    }

    private static Map<String, Object> withdrawal(String teacherChange, String reason) {
        Map<String, Object> form = new HashMap<>();
        form.put("teacherChange", teacherChange);
        form.put("reason", reason);
        return form;
    }

    private static Map<String, Object> form(String contract, String reason) {
        Map<String, Object> form = new HashMap<>();
        form.put("contract", contract);
        form.put("reason", reason);
        return form;
    }
}
