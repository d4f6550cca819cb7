package com.enrollflow.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.contract.ContractFixtures;
import com.enrollflow.contract.ContractService;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 满意度报表 against a count made by hand. March 2018 is a month no other test writes:
 *
 * <pre>
 * campus   teacher   ratings (teacher, course, service)
 * BJ-HD    T-SAT-A   5 4 3 · 4 4 2 (low)
 * BJ-HD    T-SAT-B   3 5 5
 * BJ-HD    none      1 2 5 (low) · unanswered
 * SH-PD    T-SAT-C   2 2 2 (low)
 * </pre>
 *
 * 北京海淀 as a campus: 5 sent, 4 answered (80.0 %), averages 13/4 = 3.25, 15/4 = 3.75, 15/4 = 3.75, 2 low — the
 * average of all its answers, not of its teachers' lines (4.50 and 3.00 would give 3.75 for the teacher rating).
 */
@EnrollFlowTest
class SatisfactionReportTests {

    static final String MARCH = "/api/reports/satisfaction?from=2018-03-01&to=2018-03-31";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ContractFixtures contracts;
    @Autowired
    ContractService contractService;

    @BeforeEach
    void surveysOfMarch2018() {
        if (jdbc.sql("select count(*) from teacher where id = 'T-SAT-A'").query(Integer.class).single() > 0) {
            return;
        }
        teacher("T-SAT-A", "满意甲", "BJ-HD");
        teacher("T-SAT-B", "满意乙", "BJ-HD");
        teacher("T-SAT-C", "满意丙", "SH-PD");
        survey("BJ-HD", "T-SAT-A", "2018-03-02T10:00", 5, 4, 3);
        survey("BJ-HD", "T-SAT-A", "2018-03-10T10:00", 4, 4, 2);
        survey("BJ-HD", "T-SAT-B", "2018-03-31T23:30", 3, 5, 5);
        survey("BJ-HD", null, "2018-03-01T00:00", 1, 2, 5);
        survey("BJ-HD", null, "2018-03-15T10:00", null, null, null);
        survey("SH-PD", "T-SAT-C", "2018-03-20T10:00", 2, 2, 2);
        survey("BJ-HD", "T-SAT-A", "2018-04-01T00:00", 1, 1, 1); // April in Beijing: not counted
    }

    @Test
    void shouldCountEachCampusFromAllItsAnswersAndEachTeacherFromTheirOwn() {
        JsonNode director = http.withBasicAuth("zhouhua", "demo").getForObject(MARCH, JsonNode.class);
        assertThat(director.get("campuses")).hasSize(1);
        assertRow(director.get("campuses").get(0), "BJ-HD", null, 5, 4, "80.0", "3.25", "3.75", "3.75", 2);
        assertThat(director.get("teachers")).hasSize(2);
        assertRow(director.get("teachers").get(0), "BJ-HD", "满意甲", 2, 2, "100.0", "4.50", "4.00", "2.50", 1);
        assertRow(director.get("teachers").get(1), "BJ-HD", "满意乙", 1, 1, "100.0", "3.00", "5.00", "5.00", 0);

        JsonNode headOffice = http.withBasicAuth("gaofeng", "demo").getForObject(MARCH, JsonNode.class);
        assertThat(headOffice.get("campuses").findValuesAsText("campusCode")).containsExactly("BJ-HD", "SH-PD");
        assertRow(headOffice.get("campuses").get(0), "BJ-HD", null, 5, 4, "80.0", "3.25", "3.75", "3.75", 2);
        assertRow(headOffice.get("campuses").get(1), "SH-PD", null, 1, 1, "100.0", "2.00", "2.00", "2.00", 1);
        assertThat(headOffice.get("teachers").findValuesAsText("teacherName")).containsExactly("满意甲", "满意乙",
                "满意丙");

        JsonNode unanswered = http.withBasicAuth("zhouhua", "demo")
                .getForObject("/api/reports/satisfaction?from=2018-03-15&to=2018-03-15", JsonNode.class);
        assertRow(unanswered.get("campuses").get(0), "BJ-HD", null, 1, 0, "0.0", null, null, null, 0);
        assertThat(unanswered.get("teachers")).as("a survey of no teacher has no teacher line").isEmpty();
    }

    private static void assertRow(JsonNode row, String campus, String teacherName, int sent, int answered,
            String rate, String teacherAverage, String courseAverage, String serviceAverage, int low) {
        assertThat(row.get("campusCode").asText()).isEqualTo(campus);
        assertThat(row.get("teacherName").isNull() ? null : row.get("teacherName").asText()).isEqualTo(teacherName);
        assertThat(row.get("sent").asInt()).as("sent").isEqualTo(sent);
        assertThat(row.get("answered").asInt()).as("answered").isEqualTo(answered);
        assertDecimal(row.get("responseRate"), rate, "response rate");
        assertDecimal(row.get("teacherAverage"), teacherAverage, "teacher");
        assertDecimal(row.get("courseAverage"), courseAverage, "course");
        assertDecimal(row.get("serviceAverage"), serviceAverage, "service");
        assertThat(row.get("lowScores").asInt()).as("low scores").isEqualTo(low);
    }

    private static void assertDecimal(JsonNode value, String expected, String what) {
        if (expected == null) {
            assertThat(value == null || value.isNull()).as(what + " is no data").isTrue();
        } else {
            assertThat(value.decimalValue()).as(what).isEqualByComparingTo(expected);
        }
    }

    private void teacher(String id, String name, String campus) {
        jdbc.sql("insert into teacher (id, name, campus_code, level) values (?, ?, ?, 'STANDARD')")
                .params(id, name, campus).update();
    }

    /** A survey of its own contract (one per contract and occasion), sent at a Beijing time; no rating: unanswered. */
    private void survey(String campus, String teacher, String sentAt, Integer teacherRating, Integer courseRating,
            Integer serviceRating) {
        long contract = contract(campus);
        OffsetDateTime sent = OffsetDateTime.parse(sentAt + ":00+08:00");
        jdbc.sql("insert into survey (contract_id, opportunity_id, customer_id, campus_code, teacher_id, occasion, "
                + "created_at, expires_at, sent_at, answered_at, teacher_rating, course_rating, service_rating) "
                + "select c.id, c.opportunity_id, c.customer_id, :campus, :teacher, 'CONTRACT_END', :sent, :sent, "
                + ":sent, :answered, :t, :c, :s from contract c where c.id = :id").param("campus", campus)
                .param("teacher", teacher).param("sent", sent)
                .param("answered", teacherRating == null ? null : sent.plusHours(1)).param("t", teacherRating)
                .param("c", courseRating).param("s", serviceRating).param("id", contract).update();
    }

    /** An issued contract of a new lead of the campus (a survey is one per contract and occasion). */
    private long contract(String campus) {
        return contractService.issue(contracts.approvedQuote(campus, "满意度报表", new BigDecimal("12000.00")), "liwei")
                .id();
    }
}
