package com.enrollflow.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.SaleTerms;
import com.enrollflow.pricing.Quote;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;
import com.enrollflow.testsupport.WebappSession;

/** one-on-one-scheduling.bpmn (一对一排课): proposal at once, confirmation, another proposal, no feasible time. */
@EnrollFlowTest
class OneOnOneSchedulingProcessTests {

    @Autowired
    Sales sales;
    @Autowired
    Leads leads;
    @Autowired
    ProcessEngine engine;
    @Autowired
    SchedulingService scheduling;
    @Autowired
    SaleTerms saleTerms;
    @LocalServerPort
    int port;

    private ProcessInstance scheduled(Sales.Owned o, Quote q) {
        ProcessInstance pi = sales.start("oneOnOneScheduling", o, Map.of("quoteId", q.id()));
        sales.runJobs(pi);
        return pi;
    }

    @Test
    void shouldProposeEveryPurchasedLessonAtThePreferredTimesForAcademicAffairsToConfirm() throws Exception {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.approvedQuote(o, InstallmentPlan.FULL);
        ProcessInstance pi = scheduled(o, q);

        Task confirm = sales.task(pi);
        assertThat(confirm).hasDefinitionKey("Task_ConfirmSchedule").hasCandidateGroup("academicAffairs");
        // the student has paid and waits for lessons: academic affairs have a day
        assertThat(confirm.getDueDate()).isCloseTo(new java.util.Date(confirm.getCreateTime().getTime()
                + 24 * 3_600_000L), 60_000);
        Proposal proposal = scheduling.forOpportunity(o.opportunityId()).orElseThrow();
        String preferred = saleTerms.find(q.id()).orElseThrow().preferredTimes();
        assertThat(proposal.lessons()).hasSize(40).allSatisfy(l -> {
            var local = l.startsAt().atZoneSameInstant(BusinessTime.ZONE);
            assertThat(preferred).contains(local.getDayOfWeek() + " " + local.toLocalTime());
            assertThat(l.status()).isEqualTo("PROPOSED");
        });
        // one line per lesson, with its weekday and end, as academic affairs check it against the family's times
        var firstLesson = proposal.lessons().get(0);
        var starts = firstLesson.startsAt().atZoneSameInstant(BusinessTime.ZONE);
        assertThat(engine.getTaskService().getVariable(confirm.getId(), "scheduleSummary").toString().lines()
                .findFirst()).contains("第1次 " + starts.toLocalDate() + "（" + PreferredTimes.shown(starts.getDayOfWeek())
                        + "）" + starts.toLocalTime() + "–" + starts.toLocalTime().plusHours(1) + " "
                        + firstLesson.teacherName() + " " + firstLesson.roomName());
        // the lesson to move and other times are chosen, not typed: the lessons as a list, the family's times chosen
        assertThat(engine.getTaskService().getVariableLocal(confirm.getId(), "lessonOptions").toString())
                .contains("\"label\":\"第1次 ").contains("\"value\":\"40\"");
        String chosen = engine.getTaskService().getVariable(confirm.getId(), "preferredTimes").toString();
        assertThat(chosen).startsWith("[\"");
        assertThat(String.join(", ", new com.fasterxml.jackson.databind.ObjectMapper().readValue(chosen, String[].class)))
                .isEqualTo(preferred);

        String family = (String) engine.getTaskService().getVariable(confirm.getId(), "customerName");
        var lesson = proposal.lessons().get(0);
        var first = lesson.startsAt().atZoneSameInstant(BusinessTime.ZONE);
        leads.completeAs("wuting", confirm, Map.of("scheduleDecision", "CONFIRM"));
        assertThat(pi).hasPassed("ServiceTask_ConfirmSchedule", "EndEvent_Scheduled").isEnded();
        assertThat(scheduling.find(proposal.id()).orElseThrow().lessons()).allSatisfy(
                l -> assertThat(l.status()).isEqualTo("CONFIRMED"));
        // what Tasklist shows her after 完成, to tell the family; her colleague reads nothing of it
        String weekday = first.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.CHINA);
        assertThat(WebappSession.login(port, "wuting", "demo").taskResult(confirm.getId())).isEqualTo(family
                + " 的课表已确认：共 40 次课，首次课 " + first.toLocalDate() + "（" + weekday + "）" + first.toLocalTime()
                + "–" + lesson.endsAt().atZoneSameInstant(BusinessTime.ZONE).toLocalTime() + "，" + lesson.teacherName()
                + "，" + lesson.roomName() + "。");
        assertThat(family).isNotBlank();
        assertThat(WebappSession.login(port, "dingning", "demo").taskResult(confirm.getId())).isNull();
    }

    @Test
    void shouldSayWhyAScheduleClosedUnderItsConfirmationCannotBeConfirmed() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.approvedQuote(o, InstallmentPlan.FULL);
        ProcessInstance pi = scheduled(o, q);
        Task confirm = sales.task(pi);
        long proposal = scheduling.forOpportunity(o.opportunityId()).orElseThrow().id();
        // closed under the open task (as a request before this release could): said in Chinese, not a server error
        scheduling.closeSchedule(o.opportunityId(), "退学（TF009999）", "system");
        for (String decision : List.of("CONFIRM", "REPROPOSE")) {
            assertThatThrownBy(() -> leads.completeAs("wuting", confirm, Map.of("scheduleDecision", decision,
                    "preferredTimes", "[\"SUNDAY 10:00\"]"))).as(decision)
                    .hasMessageContaining("该排课方案已取消（退学（TF009999）），不能再确认或重新排课");
        }
        assertThat(scheduling.forOpportunity(o.opportunityId()).orElseThrow()).as("nothing proposed again")
                .satisfies(p -> {
                    assertThat(p.id()).isEqualTo(proposal);
                    assertThat(p.status()).isEqualTo("CANCELLED");
                });
    }

    @Test
    void shouldProposeAgainAtOtherTimesAndFreeTheFirstProposal() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.approvedQuote(o, InstallmentPlan.FULL);
        ProcessInstance pi = scheduled(o, q);
        long first = scheduling.forOpportunity(o.opportunityId()).orElseThrow().id();

        assertThatThrownBy(() -> leads.completeAs("wuting", sales.task(pi), Map.of("scheduleDecision", "REPROPOSE",
                "preferredTimes", "下周一")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("每周上课时间偏好：");
        // as the tag list submits them
        leads.completeAs("wuting", sales.task(pi), Map.of("scheduleDecision", "REPROPOSE",
                "preferredTimes", "[\"SUNDAY 10:00\",\"THURSDAY 19:00\"]"));
        sales.runJobs(pi);

        assertThat(scheduling.find(first).orElseThrow().status()).isEqualTo("CANCELLED");
        Proposal second = scheduling.forOpportunity(o.opportunityId()).orElseThrow();
        assertThat(second.id()).isNotEqualTo(first);
        assertThat(second.lessons()).allSatisfy(l -> assertThat(l.startsAt().atZoneSameInstant(BusinessTime.ZONE)
                .getDayOfWeek()).isIn(DayOfWeek.SUNDAY, DayOfWeek.THURSDAY));
        assertThat(sales.task(pi)).hasDefinitionKey("Task_ConfirmSchedule");
    }

    @Test
    void shouldKeepTheProposalWhenTheNewTimesCannotBeScheduledAndTakeItsOwnTimesAgain() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.approvedQuote(o, InstallmentPlan.FULL);
        ProcessInstance pi = scheduled(o, q);
        long first = scheduling.forOpportunity(o.opportunityId()).orElseThrow().id();
        String times = saleTerms.find(q.id()).orElseThrow().preferredTimes();

        // 重新排课 at a time nobody teaches at: refused under the field before the proposal is given up (decision 746)
        assertThatThrownBy(() -> leads.completeAs("wuting", sales.task(pi), Map.of("scheduleDecision", "REPROPOSE",
                "preferredTimes", "[\"MONDAY 10:00\"]"))).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("每周上课时间偏好：无法排课：").hasMessageContaining("其中周一 10:00 没有一位可上课");
        assertThat(scheduling.find(first).orElseThrow().status()).as("the proposal kept").isEqualTo("PROPOSED");
        assertThat(saleTerms.find(q.id()).orElseThrow().preferredTimes()).isEqualTo(times);
        assertThat(sales.task(pi)).hasDefinitionKey("Task_ConfirmSchedule");

        // the family's own times again: the slots its proposal holds count as free, as they will be once it is given up
        leads.completeAs("wuting", sales.task(pi), Map.of("scheduleDecision", "REPROPOSE", "preferredTimes",
                List.of(times.split(", "))));
        sales.runJobs(pi);
        assertThat(scheduling.find(first).orElseThrow().status()).isEqualTo("CANCELLED");
        assertThat(scheduling.forOpportunity(o.opportunityId()).orElseThrow().lessons()).hasSize(q.lessons());
        assertThat(sales.task(pi)).hasDefinitionKey("Task_ConfirmSchedule");
    }

    @Test
    void shouldMoveOneLessonFromTasklistAndRefuseASlotThatIsTaken() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.approvedQuote(o, InstallmentPlan.FULL);
        ProcessInstance pi = scheduled(o, q);
        Proposal before = scheduling.forOpportunity(o.opportunityId()).orElseThrow();
        ScheduledLesson first = before.lessons().get(0);
        ScheduledLesson second = before.lessons().get(1);

        // onto the second lesson's slot: the student (and teacher) are taken then
        assertThatThrownBy(() -> leads.completeAs("wuting", sales.task(pi), Map.of("scheduleDecision", "MOVE",
                "moveLessonNo", 1, "moveTo", second.startsAt().toString())))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("调整到：").hasMessageContaining("已有");
        assertThatThrownBy(() -> leads.completeAs("wuting", sales.task(pi), Map.of("scheduleDecision", "MOVE",
                "moveLessonNo", 99, "moveTo", first.startsAt().plusDays(1).toString())))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("调整哪一次课：");

        var moveTo = first.startsAt().plusDays(1).atZoneSameInstant(BusinessTime.ZONE).withHour(21).withMinute(30)
                .toOffsetDateTime();
        // the lesson list's value: the lesson's number as text
        leads.completeAs("wuting", sales.task(pi), Map.of("scheduleDecision", "MOVE", "moveLessonNo", "1",
                "moveTo", moveTo.toString()));
        assertThat(pi).hasPassed("ServiceTask_RefreshSchedule");
        var task = sales.task(pi);
        assertThat(task).hasDefinitionKey("Task_ConfirmSchedule");
        Proposal after = scheduling.find(before.id()).orElseThrow();
        assertThat(after.lessons().get(0).startsAt().toInstant()).isEqualTo(moveTo.toInstant());
        assertThat(engine.getTaskService().getVariable(task.getId(), "scheduleSummary").toString())
                .contains("21:30");

        leads.completeAs("wuting", task, Map.of("scheduleDecision", "CONFIRM"));
        assertThat(pi).hasPassed("EndEvent_Scheduled").isEnded();
    }

    @Test
    void shouldAskForOtherTimesWhenNoTeacherIsFree() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.approvedQuote(o, InstallmentPlan.FULL);
        saleTerms.changePreferredTimes(q.id(), "SUNDAY 06:00");
        ProcessInstance pi = scheduled(o, q);

        assertThat(pi).hasPassed("BoundaryEvent_NoFeasibleSchedule");
        Task adjust = sales.task(pi);
        assertThat(adjust).hasDefinitionKey("Task_AdjustPreferences").hasCandidateGroup("academicAffairs");
        // the family is to be called for other times: two days
        assertThat(adjust.getDueDate()).isCloseTo(new java.util.Date(adjust.getCreateTime().getTime()
                + 48 * 3_600_000L), 60_000);
        assertThat(engine.getTaskService().getVariable(adjust.getId(), "scheduleProblem"))
                .as("academic affairs read the field by its name, the time in Chinese")
                .isEqualTo("无法排课（每周上课时间偏好）：“周日 06:00”不在可选时间内：每天 08:00 至 21:00 之间开始");
        assertThat(engine.getTaskService().getVariable(adjust.getId(), "phoneDisplay"))
                .as("the form's 电话: academic affairs call the family").asString().matches("1\\d{2} \\d{4} \\d{4}");
        assertThat(engine.getTaskService().getVariableLocal(adjust.getId(), "preferredTimeOptions").toString())
                .contains("\"label\":\"周二 20:00\"").contains("\"value\":\"TUESDAY 20:00\"");

        // a time the form does not offer, as a REST client may send it: refused under the field, nothing stored
        assertThatThrownBy(() -> leads.completeAs("wuting", adjust, Map.of("preferredTimes", "[\"MONDAY 23:30\"]")))
                .hasMessageContaining("每周上课时间偏好：“周一 23:30”不在可选时间内：每天 08:00 至 21:00 之间开始");
        assertThat(saleTerms.find(q.id()).orElseThrow().preferredTimes()).isEqualTo("SUNDAY 06:00");
        // a time the form offers but nobody teaches at: refused at once, naming it and when the teachers teach, not
        // sent round to a new 调整上课时间偏好 (decision 745); nothing stored, the task stays
        assertThatThrownBy(() -> leads.completeAs("wuting", adjust, Map.of("preferredTimes", "周一 10:00")))
                .hasMessageContaining("每周上课时间偏好：无法排课：北京海淀校区教初二数学的高级教师")
                .hasMessageContaining("其中周一 10:00 没有一位可上课；他们每周可上课的时间：");
        assertThat(saleTerms.find(q.id()).orElseThrow().preferredTimes()).isEqualTo("SUNDAY 06:00");
        assertThat(sales.task(pi).getId()).isEqualTo(adjust.getId());
        leads.completeAs("wuting", adjust, Map.of("preferredTimes", "周六 11:00，周日 11:00，周二 20:00"));
        sales.runJobs(pi);
        assertThat(sales.task(pi)).hasDefinitionKey("Task_ConfirmSchedule");
    }
}
