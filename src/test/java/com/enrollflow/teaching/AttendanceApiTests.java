package com.enrollflow.teaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.testsupport.Concurrently;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 出勤登记 through the real HTTP stack, as a teacher and academic affairs would: who may mark which lesson and
 * when, what the consumption table makes of each mark, the hours ledger beside the contract, corrections that keep
 * history, and the database's guarantees under concurrent marks.
 */
@EnrollFlowTest
class AttendanceApiTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    TeachingFixtures fx;
    @Autowired
    HoursLedger ledger;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;

    private ResponseEntity<JsonNode> mark(String user, long lessonId, Map<String, Object> body) {
        return http.withBasicAuth(user, "demo").postForEntity("/api/lessons/" + lessonId + "/attendance", body,
                JsonNode.class);
    }

    private JsonNode hours(long contractId) {
        ResponseEntity<JsonNode> contract = http.withBasicAuth("liwei", "demo")
                .getForEntity("/api/contracts/" + contractId, JsonNode.class);
        assertThat(contract.getStatusCode()).isEqualTo(HttpStatus.OK);
        return contract.getBody().get("hours").get(0);
    }

    /**
     * A mark posted while a process owner has suspended 课消后续跟进 (which the mark starts in its transaction): 409 with
     * the process named and who can lift it, not a server error; the lesson is not consumed.
     */
    @Test
    void shouldRefuseAMarkWhileTheFollowUpIsSuspendedAndConsumeNothing() {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, 1, 1);
        engine.getRepositoryService().suspendProcessDefinitionByKey("lessonFollowUps");
        try {
            ResponseEntity<JsonNode> refused = mark("zhengkai", s.lessons().get(0), Map.of("status", "出勤"));

            assertThat(refused.getStatusCode()).as(String.valueOf(refused.getBody())).isEqualTo(HttpStatus.CONFLICT);
            assertThat(refused.getBody().get("detail").asText()).isEqualTo("无法办理：流程“课消后续跟进”已被暂停（挂起），"
                    + "不能启动；请流程负责人在 Cockpit 中激活后再试，此次操作未做任何更改");
            assertThat(hours(s.contract().id()).get("remaining").asInt()).isEqualTo(60);
        } finally {
            engine.getRepositoryService().activateProcessDefinitionByKey("lessonFollowUps");
        }
        assertThat(mark("zhengkai", s.lessons().get(0), Map.of("status", "出勤")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void shouldConsumeALessonTheTeacherMarksAttendedAndShowItInTheLedger() {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, 1, 1);
        JsonNode before = hours(s.contract().id());
        assertThat(before.get("kind").asText()).isEqualTo("LESSONS");
        assertThat(before.get("kindLabel").asText()).isEqualTo("一对一课时");
        int purchased = before.get("purchased").asInt();
        assertThat(purchased).isEqualTo(60);
        assertThat(before.get("remaining").asInt()).isEqualTo(60);

        ResponseEntity<JsonNode> marked = mark("zhengkai", s.lessons().get(0), Map.of("status", "出勤", "note", "完成第一章"));
        assertThat(marked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(marked.getBody().get("status").asText()).isEqualTo("ATTENDED");
        assertThat(marked.getBody().get("statusLabel").asText()).isEqualTo("出勤");
        assertThat(marked.getBody().get("consumed").asBoolean()).isTrue();
        assertThat(marked.getBody().get("remaining").asInt()).isEqualTo(59);
        assertThat(marked.getBody().get("markedBy").asText()).isEqualTo("zhengkai");

        JsonNode after = hours(s.contract().id());
        assertThat(after.get("consumed").asInt()).isEqualTo(1);
        assertThat(after.get("remaining").asInt()).isEqualTo(59);
        ResponseEntity<JsonNode> lessons = http.withBasicAuth("wuting", "demo")
                .getForEntity("/api/lessons?contractId=" + s.contract().id(), JsonNode.class);
        assertThat(lessons.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(lessons.getBody()).hasSize(2);
        assertThat(lessons.getBody().get(0).get("id").asLong()).isEqualTo(s.lessons().get(0));
        assertThat(lessons.getBody().get(0).get("teacherName").asText()).isEqualTo("郑凯");
        assertThat(lessons.getBody().get(0).get("attendance").asText()).isEqualTo("ATTENDED");
        assertThat(lessons.getBody().get(0).get("attendanceLabel").asText()).isEqualTo("出勤");
        assertThat(lessons.getBody().get(0).get("consumed").asBoolean()).isTrue();
        assertThat(lessons.getBody().get(1).get("attendance").isNull()).isTrue();
    }

    @Test
    void shouldRefuseASecondMarkAndKeepTheFirstWhenItIsCorrected() {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, 1, 0);
        long lesson = s.lessons().get(0);
        assertThat(mark("zhengkai", lesson, Map.of("status", "ATTENDED")).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<JsonNode> again = mark("wuting", lesson, Map.of("status", "ABSENT"));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("detail").asText()).contains("已登记为“出勤”").contains("zhengkai")
                .contains("correctionReason");

        ResponseEntity<JsonNode> corrected = mark("wuting", lesson,
                Map.of("status", "教师缺课", "correctionReason", "郑老师当天病假，由前台误登为出勤"));
        assertThat(corrected.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(corrected.getBody().get("consumed").asBoolean()).isFalse();
        assertThat(corrected.getBody().get("rebook").asBoolean()).isTrue();
        assertThat(corrected.getBody().get("rebookBy").asText()).isEqualTo("academicAffairs");
        JsonNode line = hours(s.contract().id());
        assertThat(line.get("consumed").asInt()).as("the consumption is taken back").isZero();
        assertThat(line.get("rebooked").asInt()).isEqualTo(1);
        assertThat(line.get("remaining").asInt()).isEqualTo(60);

        JsonNode history = http.withBasicAuth("wuting", "demo")
                .getForEntity("/api/lessons/" + lesson + "/attendance", JsonNode.class).getBody();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("status").asText()).as("never overwritten").isEqualTo("ATTENDED");
        assertThat(history.get(0).get("markedBy").asText()).isEqualTo("zhengkai");
        assertThat(history.get(1).get("correctsId").asLong()).isEqualTo(history.get(0).get("id").asLong());
        assertThat(history.get(1).get("correctionReason").asText()).contains("误登");

        // corrected again and again: one lesson sent back is one 补课, however often its mark is corrected
        assertThat(mark("wuting", lesson, Map.of("status", "教师缺课", "correctionReason", "补记原因"))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(hours(s.contract().id()).get("rebooked").asInt()).isEqualTo(1);
        assertThat(mark("wuting", lesson, Map.of("status", "ATTENDED", "correctionReason", "郑老师其实来上课了"))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode attended = hours(s.contract().id());
        assertThat(attended.get("rebooked").asInt()).as("no 补课 owed any more").isZero();
        assertThat(attended.get("consumed").asInt()).isOne();
    }

    /**
     * A lesson sent back (教师缺课) whose 补课 a later schedule placed among the lessons ahead, corrected to 出勤: the
     * schedule would hold one lesson more than the hours left, so the last is cancelled and the timeline says so.
     */
    @Test
    void shouldCancelTheLastLessonAheadWhenACorrectionLeavesOneLessonMoreThanTheHoursLeft() {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, 1, 6);
        fx.leave(s.contract().id(), ledger, 6); // 6 lessons left: the 6 booked ahead, the first lesson's 补课 among them
        long past = s.lessons().get(0);
        assertThat(mark("wuting", past, Map.of("status", "教师缺课")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(hours(s.contract().id()).get("remaining").asInt()).isEqualTo(6);

        assertThat(mark("wuting", past, Map.of("status", "ATTENDED", "correctionReason", "郑老师其实来上课了"))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(hours(s.contract().id()).get("remaining").asInt()).isEqualTo(5);
        List<String> ahead = jdbc.sql("select status from lesson where id in (" + s.lessons().subList(1, 7).stream()
                .map(String::valueOf).collect(java.util.stream.Collectors.joining(",")) + ") order by starts_at")
                .query(String.class).list();
        assertThat(ahead).as("the latest one cancelled").containsExactly("CONFIRMED", "CONFIRMED", "CONFIRMED",
                "CONFIRMED", "CONFIRMED", "CANCELLED");
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = "
                + "'LESSON_NOT_REBOOKED'").param(s.contract().opportunityId()).query(String.class).list())
                .anySatisfy(d -> assertThat(d).contains("出勤更正后剩余 5 课时，取消排在最后的 1 节课"));
    }

    @Test
    void shouldFollowTheConsumptionTableForLeaveAndAbsence() {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, 3, 0);
        OffsetDateTime secondStart = OffsetDateTime.parse(jdbc.sql("select starts_at from lesson where id = ?")
                .param(s.lessons().get(1)).query(OffsetDateTime.class).single().toString());
        ResponseEntity<JsonNode> inTime = mark("zhengkai", s.lessons().get(1), Map.of("status", "请假",
                "leaveRequestedAt", secondStart.minusHours(30).toString()));
        assertThat(inTime.getBody().get("consumed").asBoolean()).as("leave 30 h ahead").isFalse();
        assertThat(inTime.getBody().get("rebook").asBoolean()).isTrue();

        ResponseEntity<JsonNode> late = mark("zhengkai", s.lessons().get(0), Map.of("status", "LEAVE"));
        assertThat(late.getBody().get("consumed").asBoolean()).as("leave asked after the start").isTrue();
        assertThat(late.getBody().get("rebook").asBoolean()).isFalse();

        ResponseEntity<JsonNode> absent = mark("zhengkai", s.lessons().get(2), Map.of("status", "旷课"));
        assertThat(absent.getBody().get("status").asText()).isEqualTo("ABSENT");
        assertThat(absent.getBody().get("consumed").asBoolean()).isTrue();
        assertThat(hours(s.contract().id()).get("consumed").asInt()).isEqualTo(2);
    }

    @Test
    void shouldLetOnlyTheLessonsTeacherOrItsCampusesAcademicAffairsMarkItOnceItBegan() {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.WANGLEI, 1, 1);
        long begun = s.lessons().get(0);
        ResponseEntity<JsonNode> otherTeacher = mark("zhengkai", begun, Map.of("status", "ATTENDED"));
        assertThat(otherTeacher.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(otherTeacher.getBody().get("detail").asText()).contains("只有这节课的教师或本校区教务");
        assertThat(otherTeacher.getBody().get("title").asText()).as("a right she lacks, not a conflict")
                .isEqualTo("无权操作");
        assertThat(mark("hubin", begun, Map.of("status", "ATTENDED")).getStatusCode())
                .as("a teacher of another campus does not see it").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(mark("dingning", begun, Map.of("status", "ATTENDED")).getStatusCode())
                .as("academic affairs of another campus").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(mark("liwei", begun, Map.of("status", "ATTENDED")).getStatusCode())
                .as("a consultant marks no attendance").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.postForEntity("/api/lessons/" + begun + "/attendance", Map.of("status", "ATTENDED"),
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        ResponseEntity<JsonNode> tomorrow = mark("wuting", s.lessons().get(1), Map.of("status", "ATTENDED"));
        assertThat(tomorrow.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(tomorrow.getBody().get("detail").asText()).contains("开始后才能登记出勤");

        assertThat(mark("wuting", begun, Map.of("status", "ATTENDED")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(hours(s.contract().id()).get("consumed").asInt()).isEqualTo(1);
    }

    @Test
    void shouldNameTheFieldOfABadMarkAndStoreNothing() {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, 1, 0);
        long lesson = s.lessons().get(0);
        ResponseEntity<JsonNode> unknown = mark("zhengkai", lesson, Map.of("status", "迟到"));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().toString()).contains("status").contains("出勤").contains("教师缺课");
        ResponseEntity<JsonNode> missing = mark("zhengkai", lesson, Map.of("note", "无状态"));
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getBody().toString()).contains("status").contains("必填");
        ResponseEntity<JsonNode> badTime = mark("zhengkai", lesson, Map.of("status", "LEAVE",
                "leaveRequestedAt", "昨天下午"));
        assertThat(badTime.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badTime.getBody().toString()).contains("leaveRequestedAt");
        ResponseEntity<JsonNode> notLeave = mark("zhengkai", lesson, Map.of("status", "ATTENDED",
                "leaveRequestedAt", OffsetDateTime.now().minusDays(2).toString()));
        assertThat(notLeave.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notLeave.getBody().toString()).contains("只有请假才填写请假时间");
        ResponseEntity<JsonNode> nothingToCorrect = mark("zhengkai", lesson, Map.of("status", "ATTENDED",
                "correctionReason", "更正"));
        assertThat(nothingToCorrect.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(jdbc.sql("select count(*) from lesson_attendance where lesson_id = ?").param(lesson)
                .query(Integer.class).single()).isZero();
        assertThat(hours(s.contract().id()).get("consumed").asInt()).isZero();
    }

    @Test
    void shouldConsumeNoMoreThanIsLeftWhenManyLessonsAreMarkedAtOnce() throws Exception {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, 8, 0);
        fx.leave(s.contract(), ledger, 2);
        List<ResponseEntity<JsonNode>> answers = Concurrently.run(s.lessons().stream()
                .map(id -> (Callable<ResponseEntity<JsonNode>>) () -> mark("zhengkai", id, Map.of("status", "ATTENDED")))
                .toList());
        assertThat(answers).filteredOn(a -> a.getStatusCode() == HttpStatus.CREATED).hasSize(2);
        assertThat(answers).filteredOn(a -> a.getStatusCode() == HttpStatus.CONFLICT).hasSize(6)
                .allSatisfy(a -> assertThat(a.getBody().get("detail").asText()).contains("剩余 0 课时"));
        JsonNode line = hours(s.contract().id());
        assertThat(line.get("remaining").asInt()).isZero();
        assertThat(line.get("consumed").asInt()).isEqualTo(line.get("purchased").asInt());
        assertThat(jdbc.sql("select count(*) from lesson_attendance where lesson_id in (select id from lesson where "
                + "proposal_id = (select proposal_id from lesson where id = ?))").param(s.lessons().get(0))
                .query(Integer.class).single()).as("a refused mark stores nothing").isEqualTo(2);
    }

    @Test
    void shouldMarkALessonOnceWhenItsTeacherAndAcademicAffairsMarkItAtTheSameMoment() throws Exception {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, 1, 0);
        long lesson = s.lessons().get(0);
        List<Callable<ResponseEntity<JsonNode>>> marks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String user = i % 2 == 0 ? "zhengkai" : "wuting";
            marks.add(() -> mark(user, lesson, Map.of("status", "ATTENDED")));
        }
        List<ResponseEntity<JsonNode>> answers = Concurrently.run(marks);
        assertThat(answers).filteredOn(a -> a.getStatusCode() == HttpStatus.CREATED).hasSize(1);
        assertThat(answers).filteredOn(a -> a.getStatusCode() == HttpStatus.CONFLICT).hasSize(7);
        assertThat(hours(s.contract().id()).get("consumed").asInt()).isEqualTo(1);
    }

    @Test
    void shouldLetTheDatabaseRefuseALedgerThatBreaksItsInvariants() {
        TeachingFixtures.Student s = fx.student(TeachingFixtures.ZHENGKAI, 0, 0);
        ledger.accounts(s.contract().id());
        long id = s.contract().id();
        assertThatThrownBy(() -> jdbc.sql("update hours_ledger set consumed = purchased + 1 where contract_id = ?")
                .param(id).update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("update hours_ledger set refunded = purchased + 1 where contract_id = ?")
                .param(id).update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("update hours_ledger set consumed = -1 where contract_id = ?")
                .param(id).update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(hours(id).get("remaining").asInt()).isEqualTo(60);
    }
}
