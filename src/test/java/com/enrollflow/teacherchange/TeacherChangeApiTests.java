package com.enrollflow.teacherchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import com.enrollflow.refund.Refunds;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.suspension.Suspensions;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.SecondMathsTeacher;
import com.enrollflow.transfer.Transfers;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * POST /api/contracts/{id}/teacher-changes as the staff who take it (academic affairs, customer service, front desk of
 * the contract's campus): a missing reason is refused by name, another campus's contract is not found, teachers and
 * consultants may not ask, a busy or spent contract is refused with its reason; while a change runs the contract takes
 * no refund, suspension or transfer. None of the refusals stores anything.
 */
@EnrollFlowTest
class TeacherChangeApiTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    Refunds refunds;
    @Autowired
    Suspensions suspensions;
    @Autowired
    Transfers transfers;
    @Autowired
    SchedulingService scheduling;
    @Autowired
    JdbcClient jdbc;

    private final List<Long> students = new ArrayList<>();

    @Autowired
    SecondMathsTeacher second;

    /** Somebody else teaches the course (a change is refused otherwise, decision 668), not at the family's times. */
    @BeforeEach
    void hireASecondTeacher() {
        second.hireWithoutTheFamilysTimes();
    }

    @AfterEach
    void freeTheTeachers() {
        students.forEach(o -> scheduling.closeSchedule(o, "测试结束", "test"));
        second.letGo();
    }

    /** A BJ-HD J2 contract of 60 senior maths lessons with 郑凯, ¥12,000 paid, 1 taught and 2 ahead. */
    private TeachingTestSupport.Taught paid() {
        TeachingTestSupport.Taught t = teaching.contractWithSchedule(1, 1, 2).contract();
        teaching.paidInFull(t);
        students.add(t.opportunityId());
        return t;
    }

    private static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private ResponseEntity<JsonNode> post(String user, long contractId, Object body) {
        return http.withBasicAuth(user, "demo").postForEntity("/api/contracts/" + contractId + "/teacher-changes",
                new HttpEntity<>(body, json()), JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(String user, String path, Object body) {
        return http.withBasicAuth(user, "demo").postForEntity(path, new HttpEntity<>(body, json()), JsonNode.class);
    }

    private int changes(long contractId) {
        return jdbc.sql("select count(*) from teacher_change where contract_id = ?").param(contractId)
                .query(Integer.class).single();
    }

    private int liveLessons(long opportunityId) {
        return jdbc.sql("select count(*) from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.opportunity_id = ? and l.status <> 'CANCELLED'").param(opportunityId).query(Integer.class)
                .single();
    }

    private static final Map<String, String> WHY = Map.of("reason", "家长希望换一位老师");

    @Test
    void shouldTakeATeacherChangeShowItAndHoldOffRefundsSuspensionsAndTransfersMeanwhile() {
        TeachingTestSupport.Taught t = paid();
        ResponseEntity<JsonNode> created = post("chenxi", t.contractId(), WHY);
        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
        JsonNode body = created.getBody();
        String no = body.get("teacherChangeNo").asText();
        assertThat(no).matches("HJ\\d{6}");
        assertThat(body.get("fromTeacherName").asText()).isEqualTo("郑凯");
        assertThat(body.get("lessonsToSchedule").asInt()).isEqualTo(59);
        assertThat(body.get("statusLabel").asText()).isEqualTo("排课中");
        assertThat(body.get("requestedBy").asText()).isEqualTo("chenxi");

        assertThat(http.withBasicAuth("wuting", "demo").getForObject("/api/teacher-changes/" + no, JsonNode.class)
                .get("lessonsReleased").asInt()).as("the 2 lessons ahead").isEqualTo(2);
        assertThat(http.withBasicAuth("zhaomin", "demo").getForObject("/api/contracts/" + t.contractId()
                + "/teacher-changes", JsonNode.class).findValuesAsText("teacherChangeNo")).containsExactly(no);
        assertThat(http.withBasicAuth("dingning", "demo").getForEntity("/api/teacher-changes/" + no, JsonNode.class)
                .getStatusCode()).as("SH-PD's academic affairs").isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<JsonNode> again = post("wuting", t.contractId(), Map.of("reason", "再换"));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().toString()).contains("已有进行中的更换教师（" + no + "）");
        ResponseEntity<JsonNode> transfer = post("wuting", "/api/contracts/" + t.contractId() + "/transfers",
                Map.of("subject", "物理", "teacherLevel", "标准教师", "reason", "换物理"));
        assertThat(transfer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(transfer.getBody().toString()).contains("正在更换教师（" + no + "）");
        ResponseEntity<JsonNode> refund = post("chenxi", "/api/refunds",
                Map.of("contractId", t.contractId(), "reason", "PERSONAL"));
        assertThat(refund.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refund.getBody().toString()).contains("正在更换教师（" + no + "）");
        LocalDate tomorrow = LocalDate.now(BusinessTime.ZONE).plusDays(1);
        ResponseEntity<JsonNode> suspension = post("wuting", "/api/contracts/" + t.contractId() + "/suspensions",
                Map.of("from", tomorrow.toString(), "until", tomorrow.plusDays(10).toString(), "reason", "住院"));
        assertThat(suspension.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(suspension.getBody().toString()).contains("正在更换教师（" + no + "）");
        assertThat(changes(t.contractId())).isOne();
        assertThat(jdbc.sql("select count(*) from transfer where contract_id = ?").param(t.contractId())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void shouldWithdrawAChangeByItsCampusStaffWithAReasonAndFreeTheContract() {
        TeachingTestSupport.Taught t = paid();
        String no = post("chenxi", t.contractId(), WHY).getBody().get("teacherChangeNo").asText();
        String withdrawal = "/api/teacher-changes/" + no + "/withdrawal";

        ResponseEntity<JsonNode> none = post("wuting", withdrawal, Map.of());
        assertThat(none.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(none.getBody().get("errors").findValuesAsText("field")).containsExactly("reason");
        assertThat(post("dingning", withdrawal, Map.of("reason", "撤销")).getStatusCode()).as("SH-PD's academic affairs")
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("liwei", withdrawal, Map.of("reason", "撤销")).getStatusCode()).as("a consultant")
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("zhengkai", withdrawal, Map.of("reason", "撤销")).getStatusCode()).as("the teacher left")
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.withBasicAuth("wuting", "demo").getForObject("/api/teacher-changes/" + no, JsonNode.class)
                .get("statusLabel").asText()).as("refused, nothing changed").isEqualTo("排课中");

        ResponseEntity<JsonNode> done = post("wuting", withdrawal, Map.of("reason", "家长改变主意"));
        assertThat(done.getStatusCode()).as(String.valueOf(done.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(done.getBody().get("statusLabel").asText()).isEqualTo("已撤销");
        assertThat(done.getBody().get("withdrawnBy").asText()).isEqualTo("wuting");
        assertThat(done.getBody().get("withdrawReason").asText()).isEqualTo("家长改变主意");
        ResponseEntity<JsonNode> twice = post("chenxi", withdrawal, Map.of("reason", "再撤一次"));
        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(twice.getBody().toString()).contains(no + " 已撤销，不能撤销");
        ResponseEntity<JsonNode> refund = post("chenxi", "/api/refunds",
                Map.of("contractId", t.contractId(), "reason", "PERSONAL"));
        assertThat(String.valueOf(refund.getBody())).as("the teacher change no longer holds the contract")
                .doesNotContain("正在更换教师");
    }

    @Test
    void shouldRefuseAMissingReasonByNameAndStoreNothing() {
        TeachingTestSupport.Taught t = paid();
        ResponseEntity<JsonNode> none = post("wuting", t.contractId(), Map.of());
        assertThat(none.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(none.getBody().get("errors").findValuesAsText("field")).containsExactly("reason");
        ResponseEntity<JsonNode> blank = post("wuting", t.contractId(), Map.of("reason", "  "));
        assertThat(blank.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(blank.getBody().get("errors").findValuesAsText("field")).containsExactly("reason");
        assertThat(changes(t.contractId())).isZero();
        assertThat(liveLessons(t.opportunityId())).as("nothing released").isEqualTo(3);
    }

    @Test
    void shouldRefuseOtherCampusesAndRolesThatDoNotChangeTeachers() {
        TeachingTestSupport.Taught t = paid();
        assertThat(post("dingning", t.contractId(), WHY).getStatusCode()).as("SH-PD's academic affairs")
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("zhengkai", t.contractId(), WHY).getStatusCode()).as("a teacher")
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("liwei", t.contractId(), WHY).getStatusCode()).as("a consultant")
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("zhaomin", t.contractId(), Map.of("reason", "换老师", "teacherId", "T-BJHD-02"))
                .getStatusCode()).as("the teacher is not chosen by the client").isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(changes(t.contractId())).isZero();
    }

    @Test
    void shouldRefuseABusyOrSpentContractWithItsReason() {
        TeachingTestSupport.Taught refunding = paid();
        refunds.request(new Refunds.Request(refunding.contractId(), null, "PERSONAL", "家长考虑退费"), "chenxi");
        assertThat(conflict(refunding)).contains("有进行中的退费申请");

        TeachingTestSupport.Taught suspended = paid();
        LocalDate tomorrow = LocalDate.now(BusinessTime.ZONE).plusDays(1);
        suspensions.suspend(suspended.contractId(), new Suspensions.Request(tomorrow.toString(),
                tomorrow.plusDays(7).toString(), "学生住院"), "wuting");
        assertThat(conflict(suspended)).as("a suspension ahead, by its days")
                .contains("已登记停课（" + tomorrow + " 至 " + tomorrow.plusDays(7) + "），请复课后再更换教师");

        TeachingTestSupport.Taught transferring = paid();
        transfers.request(transferring.contractId(), new Transfers.Request("PHYSICS", "STANDARD", "换物理", null),
                "wuting");
        assertThat(conflict(transferring)).contains("正在转课（ZK");

        TeachingTestSupport.Taught spent = paid();
        teaching.leaveOnly(spent.contractId(), 0);
        assertThat(conflict(spent)).contains("没有剩余一对一课时");

        TeachingTestSupport.Taught cancelled = paid();
        jdbc.sql("update contract set status = 'CANCELLED' where id = ?").param(cancelled.contractId()).update();
        assertThat(conflict(cancelled)).contains("的状态是已作废，不能更换教师");

        TeachingTestSupport.Taught unconfirmed = paid();
        jdbc.sql("update schedule_proposal set status = 'PROPOSED' where live_opportunity_id = ?")
                .param(unconfirmed.opportunityId()).update();
        assertThat(conflict(unconfirmed)).as("the teacher is changed in 确认排课 then").contains("课表尚待教务确认");

        TeachingTestSupport.Taught unscheduled = paid();
        scheduling.closeSchedule(unscheduled.opportunityId(), "测试：没有课表", "test");
        assertThat(conflict(unscheduled)).contains("没有生效的一对一课表");

        TeachingTestSupport.Taught unmarked = paid();
        jdbc.sql("update lesson set starts_at = ?, ends_at = ? where id = (select min(l.id) from lesson l join "
                + "schedule_proposal p on p.id = l.proposal_id where p.opportunity_id = ? and l.starts_at > ?)")
                .params(OffsetDateTime.now().minusMinutes(30), OffsetDateTime.now().plusMinutes(30),
                        unmarked.opportunityId(), OffsetDateTime.now()).update(); // the teacher did not come at 10:00
        assertThat(conflict(unmarked)).as("教师缺课 is made up on the schedule the change would close")
                .contains("还有 1 节已开始的课未登记出勤，请先登记出勤再更换教师");
        assertThat(liveLessons(unmarked.opportunityId())).isEqualTo(3);

        second.letGo();
        TeachingTestSupport.Taught alone = paid();
        assertThat(conflict(alone)).as("nobody else teaches 初二数学 at 北京海淀's senior level")
                .contains("本校区除原教师郑凯外没有教初二数学的高级教师，无法更换教师，现有课表不变");
        assertThat(liveLessons(alone.opportunityId())).as("no lesson released").isEqualTo(3);

        assertThat(List.of(refunding, suspended, transferring, spent, cancelled, unconfirmed, unscheduled, unmarked,
                alone)).allSatisfy(t -> assertThat(changes(t.contractId())).isZero());
    }

    private String conflict(TeachingTestSupport.Taught t) {
        ResponseEntity<JsonNode> answer = post("wuting", t.contractId(), WHY);
        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.CONFLICT);
        return answer.getBody().toString();
    }
}
