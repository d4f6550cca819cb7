package com.enrollflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 销售过程's stage times read from stage_time_month for a period's whole months and from the opportunities for the
 * days it takes of a month (decision 525), on a hand-made set of 上海徐汇 in February and March 1996 (campaign ST96, no
 * other test writes those months); every figure counted by hand. Beijing times; durations of 线索到有效 (received → valid),
 * 有效到意向 (valid → intent) and 意向到同意到访 (intent → agreed):
 *
 * <pre>
 *       received      valid         线索到有效   有效到意向   意向到同意到访
 *  L1   03-04 9:00    03-04 10:00   1 h
 *  L2   03-05 9:00    03-05 11:00   2 h          1 h          50.3 h (2.1 天)
 *  L3   03-06 9:00    03-06 11:00   2 h          3 h
 *  L4   03-07 9:00    03-07 12:00   3 h
 *  L5   03-08 9:00    03-10 11:18   50.3 h
 *  L6   02-20 9:00    02-20 9:30    0.5 h
 *  L7   02-01 9:00    02-05 13:00   100 h        (before every period below)
 *  L8   split off L2  03-09 10:00   —            (an opportunity split off at intent is not a lead)
 * </pre>
 *
 * Each answer is the same through the summary (no filter but the campus), through the opportunities (the campaign
 * or the team named, which the summary does not keep), and on both databases.
 */
@EnrollFlowTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StageTimeSummaryTests {

    private static final String URL = "/api/reports/sales-process?campus=SH-XH&from=%s&to=%s";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    private final List<Long> opportunities = new ArrayList<>();

    @BeforeAll
    void handMadeSet() {
        insert(null, "03-04T09:00", "03-04T10:00", null, null);
        long l2 = insert(null, "03-05T09:00", "03-05T11:00", "03-05T12:00", "03-07T14:18");
        insert(null, "03-06T09:00", "03-06T11:00", "03-06T14:00", null);
        insert(null, "03-07T09:00", "03-07T12:00", null, null);
        insert(null, "03-08T09:00", "03-10T11:18", null, null);
        insert(null, "02-20T09:00", "02-20T09:30", null, null);
        insert(null, "02-01T09:00", "02-05T13:00", null, null);
        insert(l2, "03-09T09:00", "03-09T10:00", null, null);
    }

    @AfterAll
    void removeTheSet() {
        List<Long> customers = jdbc.sql("select customer_id from opportunity where id in (:ids)")
                .param("ids", opportunities).query(Long.class).list();
        jdbc.sql("update opportunity set split_from_id = null where id in (:ids)").param("ids", opportunities).update();
        jdbc.sql("delete from opportunity where id in (:ids)").param("ids", opportunities).update();
        jdbc.sql("delete from customer where id in (:ids)").param("ids", customers).update();
    }

    private long insert(Long splitFrom, String received, String valid, String intent, String agreed) {
        long customer = Leads.customer(jdbc, "阶段" + opportunities.size(), at(received));
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into opportunity (customer_id, status, stage, channel, campaign, campus_code, product_line, "
                + "owner_group, team_id, split_from_id, received_at, valid_at, intent_at, agreed_at) "
                + "values (?, 'LOST', 'VALID', 'PHONE', 'ST96', 'SH-XH', 'ONE_ON_ONE', 'consultant', 'SHXH1V1', ?, ?, "
                + "?, ?, ?)")
                .params(customer, splitFrom, at(received), at(valid), at(intent), at(agreed)).update(keys, "id");
        opportunities.add(keys.getKey().longValue());
        return keys.getKey().longValue();
    }

    private static OffsetDateTime at(String moment) {
        return moment == null ? null : OffsetDateTime.parse("1996-" + moment + ":00+08:00");
    }

    /** key → [count, averageHours, medianHours, averageShown, medianShown], read as the summary and as the rows. */
    private Map<String, List<String>> times(String user, String from, String to) {
        Map<String, List<String>> summary = times(user, String.format(URL, from, to));
        assertThat(times(user, String.format(URL, from, to) + "&campaign=ST96"))
                .as("%s..%s from the opportunities (a campaign named)", from, to).isEqualTo(summary);
        assertThat(times(user, String.format(URL, from, to) + "&team=SHXH1V1"))
                .as("%s..%s from the opportunities (a team named)", from, to).isEqualTo(summary);
        return summary;
    }

    private Map<String, List<String>> times(String user, String path) {
        ResponseEntity<JsonNode> answer = http.withBasicAuth(user, "demo").getForEntity(path, JsonNode.class);
        assertThat(answer.getStatusCode().value()).as(path + " " + answer.getBody()).isEqualTo(200);
        Map<String, List<String>> times = new LinkedHashMap<>();
        answer.getBody().get("stageTimes").forEach(t -> times.put(t.get("key").asText(), List.of(
                t.get("count").asText(), t.get("averageHours").asText(), t.get("medianHours").asText(),
                t.get("averageShown").asText(), t.get("medianShown").asText())));
        return times;
    }

    @Test
    void shouldReadAWholeMonthFromTheSummaryAsCountedByHand() {
        Map<String, List<String>> march = times("gaofeng", "1996-03-01", "1996-03-31");

        // 1, 2, 2, 3, 50.3 h: 58.3 / 5 = 11.66; the middle one 2 h (L8, split off, is not a lead)
        assertThat(march.get("valid")).containsExactly("5", "11.7", "2.0", "11.7 小时", "2.0 小时");
        // 1 and 3 h: an even count whose middle two are in two buckets, (1 + 3) / 2 from the opportunities
        assertThat(march.get("intent")).containsExactly("2", "2.0", "2.0", "2.0 小时", "2.0 小时");
        // 50.3 h is shown as 2.1 天: the median as shown, 2.1 × 24 = 50.4 h; the average is the hours themselves
        assertThat(march.get("agreed")).containsExactly("1", "50.3", "50.4", "2.1 天", "2.1 天");
        assertThat(march.get("visited").get(0)).isEqualTo("0");
    }

    @Test
    void shouldAddTheDaysAPeriodTakesOfAMonthFromTheOpportunities() {
        // 10 February to 31 March: L6's 0.5 h of 20 February beside March's five; L7 ended before the period
        Map<String, List<String>> period = times("gaofeng", "1996-02-10", "1996-03-31");
        // 0.5, 1, 2, 2, 3, 50.3: 58.8 / 6 = 9.8, the middle two both 2 h
        assertThat(period.get("valid")).containsExactly("6", "9.8", "2.0", "9.8 小时", "2.0 小时");

        // no whole month at all: 5 and 6 March, every figure from the opportunities
        Map<String, List<String>> twoDays = times("gaofeng", "1996-03-05", "1996-03-06");
        assertThat(twoDays.get("valid")).containsExactly("2", "2.0", "2.0", "2.0 小时", "2.0 小时");
        assertThat(twoDays.get("intent")).containsExactly("2", "2.0", "2.0", "2.0 小时", "2.0 小时");

        // February alone, a whole month: L6 and L7, 0.5 and 100 h, in two buckets: (0.5 + 100) / 2 = 50.25 h from the
        // opportunities, shown as 2.1 天, so 50.4 h; the average 50.25 h to one place
        Map<String, List<String>> february = times("gaofeng", "1996-02-01", "1996-02-29");
        assertThat(february.get("valid")).containsExactly("2", "50.3", "50.4", "2.1 天", "2.1 天");
    }

    @Test
    void shouldShowADirectorOfAnotherCampusNoneOfThem() {
        ResponseEntity<JsonNode> answer = http.withBasicAuth("zhouhua", "demo")
                .getForEntity("/api/reports/sales-process?from=1996-03-01&to=1996-03-31", JsonNode.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        answer.getBody().get("stageTimes")
                .forEach(t -> assertThat(t.get("count").asLong()).as(t.get("label").asText()).isZero());
    }
}
