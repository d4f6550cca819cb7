package com.enrollflow.teaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/**
 * 课消后续跟进 (lesson-follow-ups.bpmn, decision 727): what follows a lesson consumed — 续费提醒, 满意度调查, 剩余课时待排 —
 * is stored with the teacher's mark, in its transaction, and done after it by the job executor. A mark that is
 * rolled back leaves nothing to follow; a step that fails is retried alone and then stands as an incident in
 * Cockpit, from where it is retried once fixed; the mark itself never waits for it nor is undone by it. Before,
 * each ran after the commit in the marking thread: a failure or a node stopping in between lost it with a log line.
 */
@EnrollFlowTest
class LessonFollowUpsTests {

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
    TransactionTemplate transactions;
    @Autowired
    ConsumptionNotices notices;

    private final List<Long> students = new ArrayList<>();

    @AfterEach
    void freeTheSlots() {
        students.forEach(o -> scheduling.closeSchedule(o, "测试结束", "test"));
        if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(REMAINING).suspended()
                .count() > 0) {
            engine.getRepositoryService().activateProcessDefinitionByKey(REMAINING);
        }
    }

    private static final String REMAINING = "remainingLessonsFollowUp";

    private void attended(long lessonId) {
        attendance.mark(lessonId, new Attendance.MarkRequest("ATTENDED", null, null, null),
                new Attendance.Marker("zhengkai", false));
    }

    private List<ProcessInstance> followUps(long opportunityId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("lessonFollowUps")
                .processInstanceBusinessKey(String.valueOf(opportunityId)).list();
    }

    private int surveys(long contractId, String occasion) {
        return jdbc.sql("select count(*) from survey where contract_id = ? and occasion = ?").params(contractId,
                occasion).query(Integer.class).single();
    }

    /**
     * Four lessons marked one after the other before any follow-up ran (a teacher catching up her marks): each mark
     * left its follow-up waiting in the engine, nothing done yet; run, they open the 3rd lesson's survey once — the
     * 3rd as the mark counted it, though the ledger had 4 by then.
     */
    @Test
    void shouldStoreWhatFollowsEachMarkWithItAndOpenTheThirdLessonsSurveyOnceAfterFourMarks() {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, 4, 0);
        long opportunity = s.contract().opportunityId();
        students.add(opportunity);
        for (long lesson : s.lessons()) {
            attended(lesson);
        }

        List<ProcessInstance> waiting = followUps(opportunity);
        assertThat(waiting).hasSize(4);
        for (ProcessInstance pi : waiting) {
            assertThat(pi).isWaitingAt("ServiceTask_RemindRenewal");
            assertThat(pi.getTenantId()).as("the campus of the family").isEqualTo("BJHD");
        }
        assertThat(surveys(s.contract().id(), "AFTER_THIRD_LESSON")).as("nothing done within the marks").isZero();

        assertThat(leads.runLessonFollowUps(opportunity)).isEqualTo(4);
        assertThat(followUps(opportunity)).isEmpty();
        assertThat(surveys(s.contract().id(), "AFTER_THIRD_LESSON")).isOne();
        assertThat(surveys(s.contract().id(), "CONTRACT_END")).as("56 lessons left").isZero();
        for (ProcessInstance pi : waiting) {
            assertThat(pi).hasPassed("ServiceTask_OpenSurvey", "ServiceTask_AskRemainingLessons").isEnded();
        }
    }

    /**
     * 课消通知: the family is mailed each lesson taken off its hours, as marked, with the hours left; a mark corrected
     * to one that consumes nothing before its follow-up ran mails nothing, and a step run twice mails once. A
     * deduction mailed and then corrected away is mailed as taken back.
     */
    @Test
    void shouldMailTheFamilyEachLessonTakenOffItsHoursOnce() {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, 2, 0);
        long opportunity = s.contract().opportunityId();
        students.add(opportunity);
        jdbc.sql("update customer set email = 'consumed@example.com' where id = ?").param(s.contract().customerId())
                .update();
        attended(s.lessons().get(0));
        attendance.mark(s.lessons().get(1), new Attendance.MarkRequest("ABSENT", null, null, null),
                new Attendance.Marker("zhengkai", false));
        attendance.mark(s.lessons().get(1), new Attendance.MarkRequest("TEACHER_ABSENT", null, null, "郑老师当天请假"),
                new Attendance.Marker("zhengkai", false));
        leads.runLessonFollowUps(opportunity);
        notices.lessonConsumed(opportunity, s.lessons().get(0));

        List<String> mails = jdbc.sql("select recipient || ' ' || subject || ' ' || body from notification where "
                + "opportunity_id = ? and kind = 'LESSON_CONSUMED'").param(opportunity).query(String.class).list();
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0)).startsWith("consumed@example.com 北京海淀校区：课时扣减通知（")
                .contains("的一对一课程（").contains("，郑凯，").contains("）已登记为“出勤”，扣减 1 课时。")
                .contains("合同 " + s.contract().number() + " 剩余一对一课时：59 课时。")
                .contains("如对本次扣减有疑问，请联系北京海淀校区。");

        // the deduction mailed, then corrected: the family is told it was taken back; the one never mailed is not
        attendance.mark(s.lessons().get(0), new Attendance.MarkRequest("TEACHER_ABSENT", null, null, "郑老师没来"),
                new Attendance.Marker("zhengkai", false));
        leads.runLessonFollowUps(opportunity);
        assertThat(jdbc.sql("select subject || ' ' || body from notification where opportunity_id = ? and "
                + "dedupe_key like 'lesson-restored:%'").param(opportunity).query(String.class).single())
                .startsWith("北京海淀校区：课时退回通知（")
                .contains("）出勤登记已更正为“教师缺课”（原为“出勤”），退回 1 课时。")
                .contains("合同 " + s.contract().number() + " 剩余一对一课时：60 课时。");
    }

    /** A mark rolled back (the form refused after it) leaves no follow-up behind, nor any hour consumed. */
    @Test
    void shouldLeaveNothingToFollowWhenTheMarkIsRolledBack() {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, 1, 0);
        long opportunity = s.contract().opportunityId();
        students.add(opportunity);
        int before = ledger.oneOnOneConsumed(s.contract().id());

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            attended(s.lessons().get(0));
            assertThat(followUps(opportunity)).as("within the mark's transaction").hasSize(1);
            throw new IllegalStateException("另一节课被拒绝");
        })).hasMessage("另一节课被拒绝");

        assertThat(followUps(opportunity)).isEmpty();
        assertThat(ledger.oneOnOneConsumed(s.contract().id())).isEqualTo(before);
    }

    /**
     * The last lesson on the schedule taught with hours left while 剩余课时待排 cannot start (a process owner suspended
     * it): the step is retried, then stands as an incident on 检查剩余课时 in Cockpit; the mark and the steps before
     * it stand. Activated again and retried from Cockpit, academic affairs get their task.
     */
    @Test
    void shouldKeepAFailedStepAsAnIncidentAndAskAcademicAffairsWhenItIsRetried() {
        TeachingFixtures.Student s = fx.studentAt(TeachingFixtures.ZHENGKAI,
                List.of(TeachingFixtures.lastWeekdayEvening()));
        long opportunity = s.contract().opportunityId();
        students.add(opportunity);
        fx.leave(s.contract(), ledger, 3);
        engine.getRepositoryService().suspendProcessDefinitionByKey(REMAINING);

        attended(s.lessons().get(0));
        ProcessInstance pi = followUps(opportunity).get(0);
        var management = engine.getManagementService();
        Job job = null;
        for (int run = 0; run < 10; run++) {
            job = management.createJobQuery().processInstanceId(pi.getId()).singleResult();
            if (job.getRetries() == 0) {
                break;
            }
            String id = job.getId();
            try {
                management.executeJob(id);
            } catch (RuntimeException failed) {
                // as the job executor: the failure is stored on the job, the retries counted down
            }
        }
        assertThat(job.getRetries()).isZero();
        Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId())
                .singleResult();
        assertThat(incident.getActivityId()).isEqualTo("ServiceTask_AskRemainingLessons");
        assertThat(incident.getIncidentMessage()).as("what Cockpit shows on the step").isEqualTo(
                "无法办理：流程“剩余课时待排”已被暂停（挂起），不能启动；请流程负责人在 Cockpit 中激活后再试，此次操作未做任何更改");
        assertThat(pi).hasPassed("ServiceTask_RemindRenewal", "ServiceTask_OpenSurvey");
        assertThat(jdbc.sql("select status from lesson_attendance where lesson_id = ? and current_lesson_id = ?")
                .params(s.lessons().get(0), s.lessons().get(0)).query(String.class).single())
                .as("the teacher's mark stands").isEqualTo("ATTENDED");
        assertThat(ledger.oneOnOneLeft(s.contract().id())).isEqualTo(2);
        assertThat(engine.getTaskService().createTaskQuery().processDefinitionKey(REMAINING)
                .processInstanceBusinessKey(String.valueOf(opportunity)).count()).isZero();

        engine.getRepositoryService().activateProcessDefinitionByKey(REMAINING);
        management.setJobRetries(job.getId(), 1);
        management.executeJob(job.getId());
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(followUps(opportunity)).isEmpty();
        assertThat(engine.getTaskService().createTaskQuery().processDefinitionKey(REMAINING)
                .processInstanceBusinessKey(String.valueOf(opportunity)).singleResult().getName())
                .isEqualTo("安排剩余课时");
    }
}
