package com.enrollflow.teaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.payment.SaleTerms;
import com.enrollflow.reference.BusinessCalendars;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.scheduling.PreferredTime;
import com.enrollflow.scheduling.PreferredTimes;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.testsupport.EnrollFlowTest;

/**
 * 调课 (lesson-move.bpmn, Tasklist's start form move-lesson, and PUT /api/lessons/{id}): academic affairs move one
 * confirmed lesson to another time, teacher or room, found the way a family's call gives it (the contract or the
 * family's phone, the lesson's time); the timeline keeps the move and its reason, the family is mailed the new time;
 * what cannot be found or booked is refused by the form's fields or with who is busy, and nothing moves then.
 *
 * <p>Each test's lessons are on days of their own, weeks ahead, so that no other test's lesson holds the slots.
 */
@EnrollFlowTest
class LessonMoveTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    TeachingFixtures fx;
    @Autowired
    SchedulingService scheduling;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SaleTerms saleTerms;
    @Autowired
    BusinessCalendars calendars;
    @Autowired
    TestRestTemplate http;

    private final List<Long> students = new java.util.ArrayList<>();

    @AfterEach
    void freeTheSlots() {
        students.forEach(o -> scheduling.closeSchedule(o, "测试结束", "test"));
    }

    /**
     * A day of its own for each test, weeks ahead: {@code range} 0, 1, 2 … picks 40 days of their own, so that two
     * tests of this class never meet. The moves go to 21:00–23:00 or 07:00, outside 郑凯's teaching hours (weekdays
     * 16:00–21:00, weekends 08:00–18:00), where no other test's schedule holds his slots.
     */
    private static LocalDate dayAhead(int range) {
        return LocalDate.now(BusinessTime.ZONE).plusDays(40 + 40L * range + ThreadLocalRandom.current().nextInt(40));
    }

    private static OffsetDateTime at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(BusinessTime.ZONE).toOffsetDateTime();
    }

    private TeachingFixtures.Student student(String email, OffsetDateTime... starts) {
        TeachingFixtures.Student s = fx.studentAt(TeachingFixtures.ZHENGKAI, List.of(starts));
        students.add(s.contract().opportunityId());
        jdbc.sql("update customer set email = ? where id = ?").params(email, s.contract().customerId()).update();
        return s;
    }

    private static Map<String, Object> form(String contract, OffsetDateTime lessonAt, OffsetDateTime moveTo,
            String teacher, String room, String reason) {
        Map<String, Object> form = new HashMap<>();
        form.put("contract", contract);
        // as the form's date-and-time field sends it (timeSerializingFormat utc_offset): 2026-12-08T10:00+08:00
        form.put("lessonAt", lessonAt == null ? null : lessonAt.toString());
        form.put("moveTo", moveTo == null ? null : moveTo.toString());
        form.put("teacher", teacher);
        form.put("room", room);
        form.put("reason", reason);
        return form;
    }

    private ProcessInstance submit(String user, Map<String, Object> form) {
        String definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(
                "lessonMove").latestVersion().singleResult().getId();
        engine.getIdentityService().setAuthentication(user, List.of("academicAffairs"));
        try {
            return engine.getFormService().submitStartForm(definition, form);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private OffsetDateTime startOf(long lessonId) {
        return jdbc.sql("select starts_at from lesson where id = ?").param(lessonId).query(OffsetDateTime.class)
                .single();
    }

    private List<String> timeline(long opportunityId) {
        return jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = 'LESSON_MOVED' "
                + "order by id").param(opportunityId).query(String.class).list();
    }

    private List<String> mails(long opportunityId) {
        return jdbc.sql("select recipient || ' ' || subject || ' ' || body from notification where opportunity_id = ? "
                + "and kind = 'LESSON_MOVED' order by id").param(opportunityId).query(String.class).list();
    }

    private String slotsHeldBy(long lessonId) {
        return jdbc.sql("select resource_type || ' ' || resource_id from booking_slot where lesson_id = ? "
                + "order by slot_start, resource_type").param(lessonId).query(String.class).list().toString();
    }

    /**
     * 以后每周这个时间的课都一起调整 (a new weekly time, e.g. for a new term): the lesson and every later one at its
     * weekday and time move by the same shift, a lesson at another time stays; the timeline gets one entry, the family
     * one mail with every lesson, and its weekly time follows for a later rescheduling. One lesson that cannot move (a
     * public holiday in the third week) refuses them all, naming it, and nothing moves.
     */
    @Test
    void shouldMoveEveryLaterLessonAtTheSameWeeklyTimeTogetherOrNone() {
        // 21:00 on any day lies outside 郑凯's teaching hours, where no proposal of another test books him
        LocalDate day = dayAhead(5);
        LocalDate next = day.plusDays(1);
        TeachingFixtures.Student s = student("family.weekly@example.com", at(day, 21, 0), at(day.plusDays(3), 21, 0),
                at(day.plusDays(7), 21, 0), at(day.plusDays(14), 21, 0), at(day.plusDays(21), 21, 0));
        List<Long> l = s.lessons();
        var other = new PreferredTime(day.plusDays(3).getDayOfWeek(), LocalTime.of(21, 0));
        saleTerms.changePreferredTimes(s.contract().quoteId(), PreferredTimes.format(List.of(
                new PreferredTime(day.getDayOfWeek(), LocalTime.of(21, 0)), other)));
        Map<String, Object> weekly = form(s.contract().number(), at(day, 21, 0), at(next, 21, 0), null, null,
                "新学期改到第二天");
        weekly.put("everyWeek", true);

        List<LocalDate> configured = calendars.getHolidays();
        calendars.setHolidays(List.of(day.plusDays(15)));
        try {
            assertThatThrownBy(() -> submit("wuting", weekly)).hasMessage("提交内容有误：新的上课时间：第 4 次课（"
                    + day.plusDays(14) + " 21:00）：" + day.plusDays(15) + "（" + weekday(day.plusDays(15))
                    + "）校区不营业（节假日），不能排课");
        } finally {
            calendars.setHolidays(configured);
        }
        assertThat(l.stream().map(id -> startOf(id).toInstant()).toList()).as("nothing moved").containsExactly(
                at(day, 21, 0).toInstant(), at(day.plusDays(3), 21, 0).toInstant(),
                at(day.plusDays(7), 21, 0).toInstant(), at(day.plusDays(14), 21, 0).toInstant(),
                at(day.plusDays(21), 21, 0).toInstant());

        ProcessInstance pi = submit("wuting", weekly);

        assertThat(l.stream().map(id -> startOf(id).toInstant()).toList()).containsExactly(
                at(next, 21, 0).toInstant(), at(day.plusDays(3), 21, 0).toInstant(),
                at(next.plusDays(7), 21, 0).toInstant(), at(next.plusDays(14), 21, 0).toInstant(),
                at(next.plusDays(21), 21, 0).toInstant());
        // three or more lessons in a row read as a range, as they would for a term of forty
        String was = "每" + weekday(day) + " 21:00 的 4 次课（第 1、3–5 次）已改为每" + weekday(next) + " 21:00";
        String first = next + "（" + weekday(next) + "）21:00–22:00，郑凯，一对一教室1";
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("startResult").singleResult().getValue())
                .isEqualTo("课消学员 " + was + "，首次 " + first + "；已发邮件通知家长。");
        assertThat(timeline(s.contract().opportunityId()))
                .containsExactly(was + "，自 " + first + " 起；原因：新学期改到第二天");
        assertThat(mails(s.contract().opportunityId())).singleElement().satisfies(mail -> assertThat(mail)
                .startsWith("family.weekly@example.com 北京海淀校区：一对一课程调课通知（" + next + " 起）")
                .contains("原定：" + day.plusDays(7) + "（" + weekday(day) + "）21:00–22:00，郑凯，一对一教室1 → 调整为："
                        + next.plusDays(7) + "（" + weekday(next) + "）21:00–22:00，郑凯，一对一教室1")
                .contains("原因：新学期改到第二天"));
        assertThat(PreferredTimes.parse(saleTerms.find(s.contract().quoteId()).orElseThrow().preferredTimes()))
                .as("a later rescheduling books the new weekly time").containsExactlyInAnyOrder(
                        new PreferredTime(next.getDayOfWeek(), LocalTime.of(21, 0)), other);
    }

    @Test
    void shouldMoveTheLessonAtTheTimeTheFamilyGivesAndTellTheTimelineTheFamilyAndTheStarter() {
        LocalDate day = dayAhead(0);
        TeachingFixtures.Student s = student("family.move@example.com", at(day, 7, 0), at(day.plusDays(7), 7, 0));
        long first = s.lessons().get(0);
        String phone = jdbc.sql("select phone from customer where id = ?").param(s.contract().customerId())
                .query(String.class).single();

        ProcessInstance pi = submit("wuting", form(phone, at(day, 7, 0), at(day.plusDays(1), 22, 30), null,
                "一对一教室2", "学生学校期中考试"));

        assertThat(pi).hasPassed("StartEvent_LessonMoveAsked", "ServiceTask_MoveLesson", "EndEvent_LessonMoved")
                .isEnded();
        assertThat(startOf(first).toInstant()).isEqualTo(at(day.plusDays(1), 22, 30).toInstant());
        assertThat(startOf(s.lessons().get(1)).toInstant()).as("the other lesson stays")
                .isEqualTo(at(day.plusDays(7), 7, 0).toInstant());
        assertThat(slotsHeldBy(first)).as("the new slots are held: teacher, room and student, twice 30 minutes")
                .isEqualTo("[ROOM R-BJHD-02, STUDENT " + s.contract().customerId() + ", TEACHER T-BJHD-01, ROOM "
                        + "R-BJHD-02, STUDENT " + s.contract().customerId() + ", TEACHER T-BJHD-01]");
        String before = day + "（" + weekday(day) + "）07:00–08:00，郑凯，一对一教室1";
        String after = day.plusDays(1) + "（" + weekday(day.plusDays(1)) + "）22:30–23:30，郑凯，一对一教室2";
        assertThat(timeline(s.contract().opportunityId())).containsExactly(
                "第 1 次课：" + before + " → " + after + "；原因：学生学校期中考试");
        assertThat(mails(s.contract().opportunityId())).singleElement().satisfies(mail -> assertThat(mail)
                .startsWith("family.move@example.com 北京海淀校区：一对一课程调课通知（" + day.plusDays(1) + "）")
                .contains("原定：" + before, "调整为：" + after, "原因：学生学校期中考试"));
        var history = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi.getId())
                .singleResult();
        assertThat(history.getTenantId()).as("filed in the student's campus").isEqualTo("BJHD");
        assertThat(history.getBusinessKey()).isEqualTo(String.valueOf(s.contract().opportunityId()));
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("startResult").singleResult().getValue()).isEqualTo(
                        "课消学员 的第 1 次课已由 " + before + " 调整为 " + after + "；已发邮件通知家长。");

        // the same lesson again, through the API with its id: moved back, a second mail; the same move once more
        // changes nothing and tells nobody
        Map<String, Object> back = Map.of("teacherId", "T-BJHD-01", "roomId", "R-BJHD-01", "startsAt",
                at(day, 7, 0).toString());
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        for (int i = 0; i < 2; i++) {
            assertThat(http.withBasicAuth("wuting", "demo").exchange("/api/lessons/" + first, HttpMethod.PUT,
                    new HttpEntity<>(back, headers), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        assertThat(startOf(first).toInstant()).isEqualTo(at(day, 7, 0).toInstant());
        assertThat(timeline(s.contract().opportunityId())).hasSize(2).last().isEqualTo(
                "第 1 次课：" + after + " → " + before);
        assertThat(mails(s.contract().opportunityId())).hasSize(2);
    }

    @Test
    void shouldRefuseEveryFieldAtOnceNamingWhatTheCampusHasAndMoveNothing() {
        LocalDate day = dayAhead(1);
        TeachingFixtures.Student s = student(null, at(day, 9, 0), at(day.plusDays(7), 9, 0));
        String number = s.contract().number();
        String before = slotsHeldBy(s.lessons().get(0));

        assertThatThrownBy(() -> submit("wuting", form(number, at(day, 11, 0), at(day, 15, 0), "王老师", "天台",
                " "))).hasMessage("提交内容有误：原上课时间：合同 " + number + " 在 " + day + " 11:00 没有课；接下来的课："
                        + "第 1 次 " + day + "（" + weekday(day) + "）09:00–10:00，郑凯，一对一教室1；第 2 次 "
                        + day.plusDays(7) + "（" + weekday(day.plusDays(7)) + "）09:00–10:00，郑凯，一对一教室1；"
                        + "新的教师：本校区没有在职教师“王老师”；可以上这门课的教师：郑凯（T-BJHD-01）；"
                        + "新的教室：本校区没有可用的教室“天台”；可用的教室：一对一教室1、一对一教室2、一对一教室3；"
                        + "调课原因：必填");
        assertThatThrownBy(() -> submit("wuting", form(number, at(day, 9, 0), at(day, 15, 15), "王磊", null,
                "老师请假"))).as("the teacher found, refused by the move's own rules under the form's fields")
                .hasMessage("提交内容有误：新的教师：教师“王磊”不教初二数学；新的上课时间：课时须在整点或半点开始（北京时间）");
        assertThatThrownBy(() -> submit("dingning", form(number, at(day, 9, 0), at(day, 15, 0), null, null,
                "老师请假"))).as("another campus's academic affairs")
                .hasMessage("提交内容有误：合同编号或家长手机号：您负责的校区中没有合同 " + number);
        // the API alike: another campus's lesson is not found, a reason too long names the field
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        Map<String, Object> move = new HashMap<>(Map.of("teacherId", "T-BJHD-01", "roomId", "R-BJHD-02", "startsAt",
                at(day, 15, 0).toString()));
        var elsewhere = http.withBasicAuth("dingning", "demo").exchange("/api/lessons/" + s.lessons().get(0),
                HttpMethod.PUT, new HttpEntity<>(move, headers), String.class);
        assertThat(elsewhere.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(elsewhere.getBody()).contains("您负责的校区中没有课时 " + s.lessons().get(0));
        move.put("reason", "很".repeat(501));
        var tooLong = http.withBasicAuth("wuting", "demo").exchange("/api/lessons/" + s.lessons().get(0),
                HttpMethod.PUT, new HttpEntity<>(move, headers), String.class);
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getBody()).contains("reason", "不能超过 500 个字符");

        assertThat(startOf(s.lessons().get(0)).toInstant()).isEqualTo(at(day, 9, 0).toInstant());
        assertThat(slotsHeldBy(s.lessons().get(0))).isEqualTo(before);
        assertThat(timeline(s.contract().opportunityId())).isEmpty();
    }

    @Test
    void shouldRefuseATakenSlotWithWhoIsBusyAndKeepTheLessonWhereItWas() {
        LocalDate day = dayAhead(2);
        TeachingFixtures.Student other = student(null, at(day, 8, 0));
        TeachingFixtures.Student s = student(null, at(day, 12, 0));
        // the other student's lesson moved to 22:00 holds 郑凯's slots there
        submit("wuting", form(other.contract().number(), at(day, 8, 0), at(day, 22, 0), null, null, "家长要求"));

        assertThatThrownBy(() -> submit("wuting", form(s.contract().number(), at(day, 12, 0), at(day, 21, 30), null,
                "一对一教室3", "家长要求改到晚上"))).hasMessage("提交内容有误：教师“郑凯”在 " + day + " 22:00（"
                        + weekday(day) + "）已有其他课时，课时 1 未调整");

        assertThat(startOf(s.lessons().get(0)).toInstant()).isEqualTo(at(day, 12, 0).toInstant());
        assertThat(slotsHeldBy(s.lessons().get(0))).as("what it held before: nothing, as the fixture inserts it")
                .isEqualTo("[]");
        assertThat(timeline(s.contract().opportunityId())).isEmpty();
        // the same form moves it to a free time afterwards: the refused one left nothing behind
        ProcessInstance moved = submit("wuting", form(s.contract().number(), at(day, 12, 0), at(day, 21, 0), null,
                null, "家长要求改到晚上"));
        assertThat(moved).isEnded();
        assertThat(startOf(s.lessons().get(0)).toInstant()).isEqualTo(at(day, 21, 0).toInstant());
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(moved.getId())
                .variableName("startResult").singleResult().getValue().toString())
                .endsWith("；家长没有登记邮箱，请电话告知家长新的上课时间。");
    }

    @Test
    void shouldTellNobodyOfAMoveBeforeTheScheduleIsConfirmed() {
        LocalDate day = dayAhead(3);
        TeachingFixtures.Student s = student("family.proposed@example.com", at(day, 13, 0));
        // a proposal academic affairs have not confirmed yet: the family was promised nothing
        jdbc.sql("update schedule_proposal set status = 'PROPOSED', confirmed_by = null, confirmed_at = null "
                + "where opportunity_id = ?").param(s.contract().opportunityId()).update();
        jdbc.sql("update lesson set status = 'PROPOSED' where id = ?").param(s.lessons().get(0)).update();
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);

        assertThat(http.withBasicAuth("wuting", "demo").exchange("/api/lessons/" + s.lessons().get(0),
                HttpMethod.PUT, new HttpEntity<>(Map.of("teacherId", "T-BJHD-01", "roomId", "R-BJHD-01", "startsAt",
                        at(day, 21, 30).toString()), headers), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(startOf(s.lessons().get(0)).toInstant()).isEqualTo(at(day, 21, 30).toInstant());
        assertThat(timeline(s.contract().opportunityId())).isEmpty();
        assertThat(mails(s.contract().opportunityId())).isEmpty();
        assertThatThrownBy(() -> submit("wuting", form(s.contract().number(), at(day, 21, 30), at(day, 22, 30), null,
                null, "家长要求"))).as("the form leaves it to 确认排课")
                .hasMessage("提交内容有误：合同 " + s.contract().number() + " 的课表尚待教务确认，请在“确认排课”中确认后再调课");
    }

    @Test
    void shouldMakeTwoMovesOfOneLessonAtTheSameMomentOneAfterTheOtherHoldingOnlyTheLastSlots() throws Exception {
        LocalDate day = dayAhead(4);
        TeachingFixtures.Student s = student("family.race@example.com", at(day, 9, 0));
        long lesson = s.lessons().get(0);
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        List<java.util.concurrent.Callable<HttpStatus>> moves = List.of(21, 22).stream()
                .map(hour -> (java.util.concurrent.Callable<HttpStatus>) () -> HttpStatus.valueOf(http
                        .withBasicAuth("wuting", "demo").exchange("/api/lessons/" + lesson, HttpMethod.PUT,
                                new HttpEntity<>(Map.of("teacherId", "T-BJHD-01", "roomId", "R-BJHD-01", "startsAt",
                                        at(day, hour, 0).toString(), "reason", "家长要求"), headers), String.class)
                        .getStatusCode().value()))
                .toList();

        assertThat(com.enrollflow.testsupport.Concurrently.run(moves)).containsOnly(HttpStatus.OK);

        // both moves made and told, none lost; the lesson holds the slots of where it ended, and no others
        OffsetDateTime end = startOf(lesson);
        assertThat(end.toInstant()).isIn(at(day, 21, 0).toInstant(), at(day, 22, 0).toInstant());
        assertThat(timeline(s.contract().opportunityId())).hasSize(2).last().asString()
                .contains(" → " + BusinessTime.dateOf(end) + "（" + weekday(day) + "）"
                        + BusinessTime.shown(end).substring(11) + "–");
        assertThat(mails(s.contract().opportunityId())).hasSize(2);
        assertThat(jdbc.sql("select count(*) from booking_slot where lesson_id = ? and slot_start in (?, ?)")
                .params(lesson, end, end.plusMinutes(30)).query(Integer.class).single()).isEqualTo(6);
        assertThat(jdbc.sql("select count(*) from booking_slot where lesson_id = ?").param(lesson)
                .query(Integer.class).single()).isEqualTo(6);
    }

    @Test
    void shouldLetOnlyAcademicAffairsStartIt() {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        Map<String, Object> variables = Map.of("contract", Map.of("value", "BJ-HD-2026-00001"));
        for (String user : List.of("zhengkai", "zhaomin", "liwei")) {
            assertThat(http.withBasicAuth(user, "demo").postForEntity(
                    "/engine-rest/process-definition/key/lessonMove/submit-form",
                    new HttpEntity<>(Map.of("variables", variables), headers), String.class).getStatusCode())
                    .as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
    }

    private static String weekday(LocalDate day) {
        return new String[] {"周一", "周二", "周三", "周四", "周五", "周六", "周日"}[day.getDayOfWeek().getValue() - 1];
    }
}
