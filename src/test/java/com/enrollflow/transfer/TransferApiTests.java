package com.enrollflow.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.refund.Refunds;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.suspension.Suspensions;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * POST /api/contracts/{id}/transfers as the staff who take it (academic affairs, customer service, front desk of the
 * contract's campus): bad fields are refused by name, another campus's contract is not found, a contract busy with a
 * refund or with lessons begun and not yet marked is refused; none of it stores anything or touches the ledger.
 */
@EnrollFlowTest
class TransferApiTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    Refunds refunds;
    @Autowired
    Suspensions suspensions;
    @Autowired
    SchedulingService scheduling;
    @Autowired
    JdbcClient jdbc;

    private final List<Long> students = new ArrayList<>();

    @AfterEach
    void freeTheTeachers() {
        students.forEach(o -> scheduling.closeSchedule(o, "测试结束", "test"));
    }

    private TeachingTestSupport.Taught paid(int past, int taught) {
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(past, taught, 2);
        TeachingTestSupport.Taught t = s.contract();
        teaching.paidInFull(t);
        students.add(t.opportunityId());
        return t;
    }

    private ResponseEntity<JsonNode> post(String user, long contractId, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").postForEntity("/api/contracts/" + contractId + "/transfers",
                new HttpEntity<>(body, headers), JsonNode.class);
    }

    private int transfers(long contractId) {
        return jdbc.sql("select count(*) from transfer where contract_id = ?").param(contractId).query(Integer.class)
                .single();
    }

    private int movedOut(long contractId) {
        return jdbc.sql("select coalesce(sum(transferred_out), 0) from hours_ledger where contract_id = ?")
                .param(contractId).query(Integer.class).single();
    }

    @Test
    void shouldTakeATransferFromAcademicAffairsAndShowItWithTheLedger() {
        TeachingTestSupport.Taught t = paid(1, 1);
        ResponseEntity<JsonNode> created = post("wuting", t.contractId(), Map.of("subject", "物理", "teacherLevel",
                "标准教师", "reason", "学生数学已跟上，想补物理"));
        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
        JsonNode body = created.getBody();
        assertThat(body.get("toSubjectLabel").asText()).isEqualTo("物理");
        assertThat(body.get("toTeacherLevelLabel").asText()).isEqualTo("标准教师");
        assertThat(body.get("lessons").asInt()).isEqualTo(59);
        assertThat(body.get("fromCourse").asText()).isEqualTo("数学 · 高级教师");

        JsonNode shown = http.withBasicAuth("chenxi", "demo").getForObject("/api/transfers/"
                + body.get("transferNo").asText(), JsonNode.class);
        assertThat(shown.get("id").asLong()).isEqualTo(body.get("id").asLong());
        assertThat(shown.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(shown.get("statusLabel").asText()).as("in Chinese beside the code").startsWith("办理中");
        JsonNode contract = http.withBasicAuth("fengyu", "demo").getForObject("/api/contracts/" + t.contractId(),
                JsonNode.class);
        assertThat(contract.toString()).contains("\"transferredOut\":59").contains("\"transferredIn\":59");
        assertThat(http.withBasicAuth("dingning", "demo").getForEntity("/api/transfers/" + body.get("id").asLong(),
                JsonNode.class).getStatusCode()).as("SH-PD's academic affairs").isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<JsonNode> again = post("chenxi", t.contractId(), Map.of("subject", "CHINESE",
                "teacherLevel", "SENIOR", "reason", "再换"));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().toString()).contains("已有进行中的转课");
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> refund = http.withBasicAuth("chenxi", "demo").postForEntity("/api/refunds",
                new HttpEntity<>(Map.of("contractId", t.contractId(), "reason", "PERSONAL"), json), JsonNode.class);
        assertThat(refund.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refund.getBody().toString()).contains("正在转课（" + body.get("transferNo").asText() + "）");
        assertThat(transfers(t.contractId())).isEqualTo(1);
    }

    @Test
    void shouldRefuseBadFieldsByNameAndStoreNothing() {
        TeachingTestSupport.Taught t = paid(1, 1);
        ResponseEntity<JsonNode> unknown = post("wuting", t.contractId(), Map.of("subject", "天文", "teacherLevel",
                "宗师", "reason", " "));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("subject", "teacherLevel", "reason");
        // the subjects a transfer may take are listed, not 全科, which it refuses
        String subjectProblem = unknown.getBody().get("errors").findValues("message").get(0).asText();
        assertThat(subjectProblem).startsWith("未知的科目“天文”，可选：").contains("数学").doesNotContain("全科");

        ResponseEntity<JsonNode> all = post("wuting", t.contractId(), Map.of("subject", "全科", "teacherLevel", "STANDARD",
                "reason", "全科辅导"));
        assertThat(all.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(all.getBody().toString()).contains("不能选全科");

        ResponseEntity<JsonNode> same = post("wuting", t.contractId(), Map.of("subject", "MATH", "teacherLevel",
                "SENIOR", "reason", "换老师"));
        assertThat(same.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(same.getBody().get("errors").get(0).get("field").asText()).isEqualTo("subject");
        assertThat(same.getBody().toString()).contains("与当前课程相同");

        // the campus stops selling master-level J2 lessons from today: such a course has no price
        jdbc.sql("update price_rate set valid_to = ? where campus_code = 'BJ-HD' and grade = 'J2' and subject is null "
                + "and teacher_level = 'MASTER' and valid_to is null").param(LocalDate.now().minusDays(1)).update();
        try {
            ResponseEntity<JsonNode> unpriced = post("wuting", t.contractId(), Map.of("subject", "BIOLOGY",
                    "teacherLevel", "MASTER", "reason", "换生物"));
            assertThat(unpriced.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(unpriced.getBody().get("errors").get(0).get("field").asText()).isEqualTo("teacherLevel");
            assertThat(unpriced.getBody().toString()).contains("没有初二 生物 · 特级教师的一对一课时单价");
        } finally {
            jdbc.sql("update price_rate set valid_to = null where campus_code = 'BJ-HD' and grade = 'J2' "
                    + "and subject is null and teacher_level = 'MASTER' and valid_to = ?")
                    .param(LocalDate.now().minusDays(1)).update();
        }
        assertThat(transfers(t.contractId())).isZero();
        assertThat(movedOut(t.contractId())).isZero();
    }

    @Test
    void shouldRefuseACourseNobodyTeachesAScheduleAwaitingConfirmationAndARepeatForWhatIsRunning() {
        TeachingTestSupport.Taught t = paid(1, 1);
        String confirmedLessons = "select count(*) from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.live_opportunity_id = ? and l.status = 'CONFIRMED'";
        int before = jdbc.sql(confirmedLessons).param(t.opportunityId()).query(Integer.class).single();
        // 物理 has a price for every level, but no 特级教师 of it at 北京海淀: the student could never be scheduled
        ResponseEntity<JsonNode> master = post("chenxi", t.contractId(), Map.of("subject", "物理", "teacherLevel",
                "特级教师", "reason", "家长想换特级教师"));
        assertThat(master.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(master.getBody().at("/errors/0/field").asText()).isEqualTo("teacherLevel");
        assertThat(master.getBody().toString()).contains("本校区没有教").contains("物理的特级教师，转课后无法排课")
                .contains("可选：标准教师");
        assertThat(transfers(t.contractId())).isZero();
        assertThat(movedOut(t.contractId())).isZero();
        assertThat(jdbc.sql(confirmedLessons).param(t.opportunityId()).query(Integer.class).single())
                .as("the lessons stay").isEqualTo(before).isPositive();

        // the schedule still waits in 确认排课 (a new sale, a withdrawn teacher change): academic affairs confirm first
        jdbc.sql("update schedule_proposal set status = 'PROPOSED' where live_opportunity_id = ?")
                .param(t.opportunityId()).update();
        ResponseEntity<JsonNode> unconfirmed = post("chenxi", t.contractId(), Map.of("subject", "物理",
                "teacherLevel", "标准教师", "reason", "想补物理"));
        assertThat(unconfirmed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(unconfirmed.getBody().toString()).contains("课表尚待教务确认，请在“确认排课”中确认后再转课");
        LocalDate tomorrow = LocalDate.now(BusinessTime.ZONE).plusDays(1);
        assertThatThrownBy(() -> suspensions.suspend(t.contractId(), new Suspensions.Request(tomorrow.toString(),
                tomorrow.plusDays(7).toString(), "学生住院"), "wuting"))
                .hasMessageContaining("课表尚待教务确认，请在“确认排课”中确认后再停课");
        // a refund, once approved, closes the schedule: 确认排课 would be left for lessons that are gone
        assertThatThrownBy(() -> refunds.request(new Refunds.Request(t.contractId(), null, "PERSONAL", "家长改主意"),
                "chenxi")).hasMessageContaining("课表尚待教务确认，请在“确认排课”中确认后再申请退费");
        assertThat(transfers(t.contractId())).isZero();
        assertThat(jdbc.sql("select count(*) from refund where contract_id = ?").param(t.contractId())
                .query(Integer.class).single()).isZero();
        jdbc.sql("update schedule_proposal set status = 'CONFIRMED' where live_opportunity_id = ?")
                .param(t.opportunityId()).update();

        // the same request again once it is stored: what is running is named, not "the course it already takes"
        Map<String, String> physics = Map.of("subject", "物理", "teacherLevel", "标准教师", "reason", "想补物理");
        assertThat(post("chenxi", t.contractId(), physics).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<JsonNode> repeat = post("chenxi", t.contractId(), physics);
        assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(repeat.getBody().toString()).contains("已有进行中的转课").doesNotContain("无需转课");
        assertThat(transfers(t.contractId())).isOne();
    }

    @Test
    void shouldRefuseOtherCampusesRolesThatDoNotTakeTransfersAndBusyContracts() {
        TeachingTestSupport.Taught t = paid(1, 1);
        Map<String, String> physics = Map.of("subject", "PHYSICS", "teacherLevel", "STANDARD", "reason", "换物理");
        assertThat(post("dingning", t.contractId(), physics).getStatusCode()).as("SH-PD's academic affairs")
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("zhengkai", t.contractId(), physics).getStatusCode()).as("a teacher")
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("liwei", t.contractId(), physics).getStatusCode()).as("a consultant")
                .isEqualTo(HttpStatus.FORBIDDEN);

        refunds.request(new Refunds.Request(t.contractId(), null, "PERSONAL", "家长考虑退费"), "chenxi");
        ResponseEntity<JsonNode> refunding = post("wuting", t.contractId(), physics);
        assertThat(refunding.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refunding.getBody().toString()).contains("有进行中的退费申请");

        TeachingTestSupport.Taught pausing = paid(1, 1);
        LocalDate tomorrow = LocalDate.now(BusinessTime.ZONE).plusDays(1);
        suspensions.suspend(pausing.contractId(), new Suspensions.Request(tomorrow.toString(),
                tomorrow.plusDays(7).toString(), "学生住院"), "wuting");
        ResponseEntity<JsonNode> suspended = post("wuting", pausing.contractId(), physics);
        assertThat(suspended.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(suspended.getBody().toString()).as("a suspension ahead, by its days")
                .contains("已登记停课（" + tomorrow + " 至 " + tomorrow.plusDays(7) + "），请复课后再转课");

        TeachingTestSupport.Taught unmarked = paid(2, 1);
        ResponseEntity<JsonNode> begun = post("wuting", unmarked.contractId(), physics);
        assertThat(begun.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(begun.getBody().toString()).contains("1 节已开始的课未登记出勤");

        assertThat(transfers(t.contractId()) + transfers(pausing.contractId()) + transfers(unmarked.contractId()))
                .isZero();
        assertThat(movedOut(t.contractId()) + movedOut(unmarked.contractId())).isZero();
    }
}
