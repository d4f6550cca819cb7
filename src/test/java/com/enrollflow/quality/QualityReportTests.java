package com.enrollflow.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.SheetLines;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 质检报表 (decision 543) against a count made by hand. The week of 2019-03-04, which no other test reviews: at 北京海淀
 * 李伟 scored 2 (coached) and 4 and one item unscored, 陈曦 scored 1 (coaching withdrawn: she left), 赵磊 scored 2 and
 * not yet coached; at 上海浦东 陶然's one item unscored. Coaching line 2.
 */
@EnrollFlowTest
class QualityReportTests {

    static final String BOARD = "/camunda/api/cockpit/plugin/enrollflow-board/default";
    static final String MARCH = "?from=2019-03-01&to=2019-03-31";
    static final LocalDate WEEK = LocalDate.of(2019, 3, 4);

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Leads leads;

    private void reviewed(String campus, String person, Integer score, boolean coached, boolean withdrawn) {
        Leads.NewLead lead = leads.newLead("PHONE");
        OffsetDateTime at = WEEK.plusDays(1).atTime(10, 0).atOffset(java.time.ZoneOffset.ofHours(8));
        jdbc.sql("insert into timeline_event (customer_id, opportunity_id, occurred_at, event_type, actor, detail) "
                + "values (?, ?, ?, 'FIRST_CONTACT', ?, '已联系')").params(lead.customerId(), lead.opportunityId(), at,
                        person).update();
        long event = jdbc.sql("select max(id) from timeline_event where opportunity_id = ?")
                .param(lead.opportunityId()).query(Long.class).single();
        jdbc.sql("insert into quality_review (timeline_event_id, opportunity_id, campus_code, week_start, owner_user, "
                + "coaching_score, score, reviewed_by, reviewed_at, coaching_note, coached_at, coaching_withdrawn_at) "
                + "values (?, ?, ?, ?, ?, 2, ?, ?, ?, ?, ?, ?)").params(event, lead.opportunityId(), campus, WEEK,
                        person, score, score == null ? null : "sunqiang", score == null ? null : at,
                        coached ? "先了解需求" : null, coached ? at : null, withdrawn ? at : null).update();
    }

    private void theWeek() {
        if (jdbc.sql("select count(*) from quality_review where week_start = ?").param(WEEK).query(Integer.class)
                .single() > 0) {
            return;
        }
        reviewed("BJ-HD", "liwei", 2, true, false);
        reviewed("BJ-HD", "liwei", 4, false, false);
        reviewed("BJ-HD", "liwei", null, false, false);
        reviewed("BJ-HD", "chenxi", 1, false, true);
        reviewed("BJ-HD", "zhaolei", 2, false, false);
        reviewed("SH-PD", "taoran", null, false, false);
    }

    private static String figures(JsonNode f) {
        return f.get("sampled") + " " + f.get("scored") + " " + (f.get("average").isNull() ? "无数据"
                : String.format("%.2f", f.get("average").asDouble())) + " " + f.get("low") + " " + f.get("coached")
                + " "
                + f.get("withdrawn") + " " + f.get("awaitingScore") + " " + f.get("awaitingCoaching");
    }

    private static String row(JsonNode rows, String key) {
        for (JsonNode r : rows) {
            if (r.get("key").asText().equals(key)) {
                return figures(r.get("figures"));
            }
        }
        return null;
    }

    @Test
    void shouldCountEachCampusAndPersonAsByHandAndSayNoDataWithoutAScore() {
        theWeek();
        JsonNode all = http.withBasicAuth("gaofeng", "demo").getForObject("/api/reports/quality" + MARCH,
                JsonNode.class);
        // sampled, scored, average, low, coached, withdrawn, awaiting a score, awaiting coaching
        assertThat(row(all.get("byCampus"), "BJ-HD")).isEqualTo("5 4 2.25 3 1 1 1 1");
        assertThat(row(all.get("byCampus"), "SH-PD")).isEqualTo("1 0 无数据 0 0 0 1 0");
        assertThat(figures(all.get("total"))).isEqualTo("6 4 2.25 3 1 1 2 1");
        assertThat(row(all.get("byStaff"), "liwei")).isEqualTo("3 2 3.00 1 1 0 1 0");
        assertThat(row(all.get("byStaff"), "chenxi")).isEqualTo("1 1 1.00 1 0 1 0 0");
        assertThat(row(all.get("byStaff"), "zhaolei")).isEqualTo("1 1 2.00 1 0 0 0 1");
        assertThat(all.get("byStaff").findValuesAsText("name")).contains("李伟（liwei）", "陶然（taoran）");

        JsonNode haidian = http.withBasicAuth("sunqiang", "demo").getForObject("/api/reports/quality" + MARCH,
                JsonNode.class);
        assertThat(haidian.get("byCampus").findValuesAsText("key")).containsExactly("BJ-HD");
        assertThat(haidian.get("byStaff").findValuesAsText("key")).doesNotContain("taoran");
        assertThat(figures(haidian.get("total"))).isEqualTo("5 4 2.25 3 1 1 1 1");
        assertThat(http.withBasicAuth("gaofeng", "demo").getForObject("/api/reports/quality?format=csv&campus=浦东"
                + "&from=2019-03-01&to=2019-03-31", String.class)).contains("无数据");
    }

    @Test
    void shouldRefuseAConsultantAndMarketingAPersonsScores() {
        for (String user : List.of("liwei", "hanmei")) {
            assertThat(http.withBasicAuth(user, "demo").getForEntity("/api/reports/quality" + MARCH, String.class)
                    .getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        WebappSession hanmei = WebappSession.loggedIn(port, "cockpit", "hanmei", "demo");
        assertThat(hanmei.get(BOARD + "/quality" + MARCH).statusCode()).isEqualTo(403);
        assertThat(hanmei.json(BOARD + "/options").get("readsCredit").asBoolean()).as("no 质检 section shown").isFalse();
    }

    @Test
    void shouldShowTheDirectorTheSameFiguresOnTheBoardAndInItsExcelFile() throws IOException {
        theWeek();
        WebappSession zhouhua = WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo");
        JsonNode board = zhouhua.json(BOARD + "/quality" + MARCH);
        JsonNode api = http.withBasicAuth("zhouhua", "demo").getForObject("/api/reports/quality" + MARCH,
                JsonNode.class);
        assertThat(board).isEqualTo(api);
        assertThat(board.get("byCampus").findValuesAsText("key")).containsExactly("BJ-HD");

        var file = zhouhua.download(BOARD + "/quality.xlsx" + MARCH);
        assertThat(file.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
            assertThat(SheetLines.line(book.getSheet("质检报表"), "人员", "李伟（liwei）")).as("李伟's line")
                    .containsExactly("人员", "liwei", "李伟（liwei）", "北京海淀校区", "3", "2", "3", "1", "1", "0", "1", "0");
        }
    }
}
