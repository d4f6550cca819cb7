package com.enrollflow.scheduling;

import static com.enrollflow.scheduling.SchedulingFixtures.at;
import static com.enrollflow.scheduling.SchedulingFixtures.nextMonday;
import static com.enrollflow.scheduling.SchedulingFixtures.request;
import static com.enrollflow.scheduling.SchedulingFixtures.time;
import static java.time.DayOfWeek.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.fasterxml.jackson.databind.JsonNode;

/** /api/schedules, /api/lessons, /api/teachers and /api/rooms through the real HTTP stack and security. */
@EnrollFlowTest
class SchedulingApiTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    SchedulingService scheduling;
    @Autowired
    SchedulingFixtures fx;

    private LocalDate monday;
    private String campus;
    private String firstTeacher;
    private String secondRoom;
    private Proposal first;
    private Proposal second;

    /** Two students at the same weekly time: the first with 甲老师 in room 1, the second with 乙老师 in room 2. */
    @BeforeEach
    void twoStudentsAtTheSameTime() {
        monday = nextMonday();
        campus = fx.campus();
        firstTeacher = fx.mathTeacher(campus, "甲老师");
        fx.mathTeacher(campus, "乙老师");
        fx.room(campus, "一号教室");
        secondRoom = fx.room(campus, "二号教室");
        first = scheduling.propose(request(fx.student(campus, "学生甲"), campus, 4, monday, at(MONDAY, 16, 0)));
        second = scheduling.propose(request(fx.student(campus, "学生乙"), campus, 4, monday, at(MONDAY, 16, 0)));
    }

    @Test
    void shouldShowAProposalWithItsLessonsToStaffWhoMayReadIt() {
        ResponseEntity<JsonNode> shown = http.withBasicAuth("liwei", "demo")
                .getForEntity("/api/schedules/" + first.id(), JsonNode.class);
        assertThat(shown.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = shown.getBody();
        assertThat(body.get("status").asText()).isEqualTo("PROPOSED");
        assertThat(body.get("lessonCount").asInt()).isEqualTo(4);
        assertThat(body.get("lessons")).hasSize(4);
        assertThat(body.at("/lessons/0/teacherName").asText()).isEqualTo("甲老师");
        assertThat(body.at("/lessons/0/roomName").asText()).isEqualTo("一号教室");
        assertThat(OffsetDateTime.parse(body.at("/lessons/0/startsAt").asText()).toInstant())
                .isEqualTo(time(monday, 16, 0).toInstant());
        assertThat(body.at("/lessons/0/startsAt").asText()).endsWith("+08:00");

        assertThat(http.withBasicAuth("zhengkai", "demo").getForEntity("/api/schedules/" + first.id(),
                JsonNode.class).getStatusCode()).as("teachers read schedules").isEqualTo(HttpStatus.OK);
        assertThat(http.withBasicAuth("zhangli", "demo").getForEntity("/api/schedules/" + first.id(),
                JsonNode.class).getStatusCode()).as("the call centre does not").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.getForEntity("/api/schedules/" + first.id(), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<JsonNode> missing = http.withBasicAuth("liwei", "demo")
                .getForEntity("/api/schedules/999999999", JsonNode.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getBody().get("detail").asText()).contains("没有排课方案 999999999");
    }

    @Test
    void shouldAnswer409NamingTheTakenResourceWhenAMoveCollidesAndChangeNothing() {
        ScheduledLesson lesson = second.lessons().get(0);
        ResponseEntity<JsonNode> refused = put("wuting", "/api/lessons/" + lesson.id(),
                Map.of("teacherId", firstTeacher, "roomId", secondRoom, "startsAt", lesson.startsAt().toString()));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody().get("detail").asText()).contains("教师“甲老师”", monday + " 16:00");
        assertThat(scheduling.find(second.id())).contains(second);

        ResponseEntity<JsonNode> bad = put("wuting", "/api/lessons/" + lesson.id(),
                Map.of("teacherId", firstTeacher, "roomId", secondRoom));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().get("errors").findValuesAsText("field")).containsExactly("startsAt");

        ResponseEntity<JsonNode> moved = put("wuting", "/api/lessons/" + lesson.id(),
                Map.of("teacherId", lesson.teacherId(), "roomId", secondRoom,
                        "startsAt", time(monday, 18, 30).toString()));
        assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(OffsetDateTime.parse(moved.getBody().at("/lessons/0/startsAt").asText()).toInstant())
                .isEqualTo(time(monday, 18, 30).toInstant());
    }

    @Test
    void shouldRefuseAMoveToATeacherOfAnotherLevelOrAtAnHourNobodyTeaches() {
        ScheduledLesson lesson = second.lessons().get(0);
        // the family paid 高级 (SENIOR) lessons: a 标准 teacher of the same subject is not what was sold
        String standard = fx.teacher(campus, "丙老师", TeacherLevel.STANDARD, Subject.MATH, Grade.J1,
                Grade.S3);
        ResponseEntity<JsonNode> cheaper = put("wuting", "/api/lessons/" + lesson.id(), Map.of("teacherId", standard,
                "roomId", secondRoom, "startsAt", time(monday, 19, 0).toString()));
        assertThat(cheaper.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(cheaper.getBody().toString()).contains("teacherId", "丙老师", "须由高级教师上课");

        ResponseEntity<JsonNode> night = put("wuting", "/api/lessons/" + lesson.id(), Map.of("teacherId",
                lesson.teacherId(), "roomId", secondRoom, "startsAt", time(monday, 3, 0).toString()));
        assertThat(night.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(night.getBody().toString()).contains("startsAt", "最早 07:00");
        ResponseEntity<JsonNode> years = put("wuting", "/api/lessons/" + lesson.id(), Map.of("teacherId",
                lesson.teacherId(), "roomId", secondRoom, "startsAt", time(monday.plusYears(3), 16, 0).toString()));
        assertThat(years.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(years.getBody().toString()).contains("startsAt", "一年以内");
        assertThat(scheduling.find(second.id())).as("nothing moved").contains(second);
    }

    @Test
    void shouldLetOnlyAcademicAffairsMoveLessonsAndConfirm() {
        ScheduledLesson lesson = second.lessons().get(0);
        Map<String, String> move = Map.of("teacherId", lesson.teacherId(), "roomId", lesson.roomId(),
                "startsAt", time(monday, 19, 0).toString());
        assertThat(put("liwei", "/api/lessons/" + lesson.id(), move).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.exchange("/api/lessons/" + lesson.id(), HttpMethod.PUT, new HttpEntity<>(move),
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("liwei", "demo").postForEntity("/api/schedules/" + second.id() + "/confirm",
                null, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(scheduling.find(second.id())).as("nothing changed").contains(second);

        ResponseEntity<JsonNode> confirmed = http.withBasicAuth("wuting", "demo")
                .postForEntity("/api/schedules/" + second.id() + "/confirm", null, JsonNode.class);
        assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(confirmed.getBody().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.getBody().get("lessons").findValuesAsText("status")).containsOnly("CONFIRMED");
    }

    @Test
    void shouldListTheDemoTeachersAndRoomsOfACampus() {
        JsonNode teachers = http.withBasicAuth("wuting", "demo").getForObject("/api/teachers?campus=BJ-HD",
                JsonNode.class);
        // the campus's demo teachers T-BJHD-01 … (other tests may have taken on more of their own)
        assertThat(teachers.findValuesAsText("id").stream().filter(id -> id.matches("T-BJHD-\\d\\d")).toList())
                .containsExactly("T-BJHD-01", "T-BJHD-02", "T-BJHD-03", "T-BJHD-04", "T-BJHD-05");
        assertThat(teachers.findValuesAsText("campus")).containsOnly("BJ-HD");
        assertThat(teachers.findValuesAsText("level")).contains("STANDARD", "SENIOR", "MASTER");
        JsonNode zhengkai = null;
        for (JsonNode t : teachers) {
            if ("zhengkai".equals(t.path("userId").asText())) {
                zhengkai = t;
            }
        }
        assertThat(zhengkai).as("zhengkai teaches at BJ-HD").isNotNull();
        assertThat(zhengkai.get("level").asText()).isEqualTo("SENIOR");
        assertThat(zhengkai.at("/teaches/0/subject").asText()).isEqualTo("MATH");
        assertThat(zhengkai.at("/teaches/0/grades").toString())
                .isEqualTo("[\"J1\",\"J2\",\"J3\",\"S1\",\"S2\",\"S3\"]");
        assertThat(zhengkai.get("availability")).hasSize(7);
        assertThat(zhengkai.at("/availability/0/start").asText()).startsWith("16:00");

        JsonNode rooms = http.withBasicAuth("xuming", "demo").getForObject("/api/rooms?campus=SH-PD", JsonNode.class);
        assertThat(rooms.findValuesAsText("name")).containsExactly("一对一教室1", "一对一教室2", "一对一教室3");
        assertThat(http.withBasicAuth("liwei", "demo").getForObject("/api/rooms?campus=SH-PD", JsonNode.class))
                .as("another campus's rooms (校区数据范围)").isEmpty();
        assertThat(http.withBasicAuth("liwei", "demo").getForEntity("/api/rooms?campus=NOWHERE", JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private ResponseEntity<JsonNode> put(String user, String path, Object body) {
        return http.withBasicAuth(user, "demo").exchange(path, HttpMethod.PUT, new HttpEntity<>(body), JsonNode.class);
    }
}
