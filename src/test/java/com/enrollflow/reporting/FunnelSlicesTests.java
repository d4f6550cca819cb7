package com.enrollflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
 * The funnel sliced (team, consultant, campaign), beside its previous period, broken down by a dimension, and the
 * opportunities behind a count: on a hand-counted set of opportunities in March 1998 (a month no other test writes),
 * every count and rate checked against the count made by hand below.
 *
 * <pre>
 *      campus team       owner     channel      campaign    line  reached in March 1998 (Feb = previous period)
 *  o1  BJ-HD  BJHD1V1    liwei     PHONE        Spring98    1:1   leads valid intent agreed visited planned paid
 *  o2  BJ-HD  BJHD1V1    liwei     PHONE        " spring98" 1:1   leads valid intent agreed
 *  o3  BJ-HD  BJHDCLASS  chenjing  ONLINE_CHAT  -           class leads
 *  o4  BJ-HD  -          -         PHONE        -           -     leads valid
 *  o5  BJ-HD  BJHDCLASS  chenjing  PHONE        Spring98    class split off o1 at intent: intent (no new lead)
 *  o6  BJ-HD  BJHD1V1    liwei     PHONE        -           1:1   intent (leads and valid in February)
 *  o7  SH-PD  SHPD1V1    xuming    PHONE        -           1:1   leads valid (another campus)
 *  o8  BJ-HD  -          liwei     PHONE        -           1:1   a renewal of o1, paid (never in the funnel)
 * </pre>
 */
@EnrollFlowTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunnelSlicesTests {

    private static final String URL = "/api/reports/funnel";
    private static final String MARCH = "?from=1998-03-01&to=1998-03-31";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    final Map<String, Long> ids = new LinkedHashMap<>();

    @BeforeAll
    void handCountedSet() {
        jdbc.sql("insert into campaign (name, name_key, channel, campus_code, starts_on, ends_on, cost, created_by, "
                + "created_at) values ('Spring98', 'spring98', 'CAMPAIGN', 'BJ-HD', date '1998-03-01', date '1998-03-31', "
                + "1000.00, 'hanmei', current_timestamp)").update();
        ids.put("o1", opportunity("BJ-HD", "BJHD1V1", "liwei", "PHONE", "Spring98", "ONE_ON_ONE", null, null, 7, 0));
        ids.put("o2", opportunity("BJ-HD", "BJHD1V1", "liwei", "PHONE", " spring98", "ONE_ON_ONE", null, null, 4, 0));
        ids.put("o3", opportunity("BJ-HD", "BJHDCLASS", "chenjing", "ONLINE_CHAT", null, "CLASS", null, null, 1, 0));
        ids.put("o4", opportunity("BJ-HD", null, null, "PHONE", null, null, null, null, 2, 0));
        ids.put("o5", opportunity("BJ-HD", "BJHDCLASS", "chenjing", "PHONE", "Spring98", "CLASS", ids.get("o1"), null,
                3, 0));
        ids.put("o6", opportunity("BJ-HD", "BJHD1V1", "liwei", "PHONE", null, "ONE_ON_ONE", null, null, 3, -2));
        ids.put("o7", opportunity("SH-PD", "SHPD1V1", "xuming", "PHONE", null, "ONE_ON_ONE", null, null, 2, 0));
        ids.put("o8", opportunity("BJ-HD", null, "liwei", "PHONE", null, "ONE_ON_ONE", null, ids.get("o1"), 7, 0));
        long customer = jdbc.sql("select customer_id from opportunity where id = ?").param(ids.get("o1"))
                .query(Long.class).single();
        jdbc.sql("insert into timeline_event (customer_id, opportunity_id, occurred_at, event_type, actor, detail) "
                + "values (?, ?, ?, 'INTENT_CONFIRMED', 'liwei', '家长希望周末上课')")
                .params(customer, ids.get("o1"), OffsetDateTime.parse("1998-03-02T10:00:00+08:00")).update();
    }

    /**
     * An opportunity that reached the first {@code stages} stages on 10 March 1998, except that the first
     * {@code -february} of them were reached on 10 February. A split opportunity carries its parent's first stages,
     * which the funnel never counts as a lead again.
     */
    private long opportunity(String campus, String team, String owner, String channel, String campaign, String line,
            Long splitFrom, Long renewalOf, int stages, int february) {
        OffsetDateTime march = OffsetDateTime.parse("1998-03-10T10:00:00+08:00");
        OffsetDateTime feb = OffsetDateTime.parse("1998-02-10T10:00:00+08:00");
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into customer (name, phone, created_at, updated_at) values (?, ?, ?, ?)")
                .params("切片" + ids.size(), "+86" + Leads.newPhone(), feb, feb).update(keys, "id");
        long customer = keys.getKey().longValue();
        OffsetDateTime[] at = new OffsetDateTime[7];
        for (int i = 0; i < stages; i++) {
            at[i] = february < 0 && i < -february ? feb : march;
        }
        keys = new GeneratedKeyHolder();
        jdbc.sql("insert into opportunity (customer_id, status, stage, channel, campaign, campus_code, product_line, "
                + "owner_user, owner_group, team_id, split_from_id, renewal_of_id, received_at, valid_at, intent_at, "
                + "agreed_at, visited_at, planned_at, paid_at) values (?, 'OPEN', 'INTENT', ?, ?, ?, ?, ?, 'consultant', "
                + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(customer, channel, campaign, campus, line, owner, team, splitFrom, renewalOf,
                        at[0], at[1], at[2], at[3], at[4], at[5], at[6])
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    private JsonNode get(String user, String path) {
        ResponseEntity<JsonNode> answer = http.withBasicAuth(user, "demo").getForEntity(path, JsonNode.class);
        assertThat(answer.getStatusCode().value()).as(path + " " + answer.getBody()).isEqualTo(200);
        return answer.getBody();
    }

    private int status(String user, String path) {
        return http.withBasicAuth(user, "demo").getForEntity(path, String.class).getStatusCode().value();
    }

    private static List<Long> counts(JsonNode stages) {
        List<Long> counts = new ArrayList<>();
        stages.forEach(s -> counts.add(s.get("count").asLong()));
        return counts;
    }

    private static List<String> percents(JsonNode rates, String field) {
        List<String> percents = new ArrayList<>();
        rates.forEach(r -> percents.add(r.get(field).isNull() ? "无数据" : r.get(field).decimalValue().toPlainString()));
        return percents;
    }

    @Test
    void shouldCountTheMonthBesideThePreviousOneAsCountedByHand() {
        JsonNode march = get("zhouhua", URL + MARCH);
        // leads o1-o4 (o5 is a split, o6 came in February, o7 is 上海, o8 a renewal); valid o1 o2 o4; intent o1 o2 o5 o6
        assertThat(counts(march.get("stages"))).containsExactly(4L, 3L, 4L, 2L, 1L, 1L, 1L);
        assertThat(percents(march.get("rates"), "percent")).containsExactly("75.0", "133.3", "100.0", "50.0", "50.0",
                "50.0", "25.0", "100.0", "25.0");
        // the previous period is as many days just before: 29 January to 28 February, where o6 was a valid lead
        assertThat(march.get("previousFrom").asText()).isEqualTo("1998-01-29");
        assertThat(march.get("previousTo").asText()).isEqualTo("1998-02-28");
        assertThat(march.get("stages").findValuesAsText("previous")).containsExactly("1", "1", "0", "0", "0", "0", "0");
        assertThat(march.get("stages").get(0).get("changePercent").decimalValue()).isEqualByComparingTo("300.0");
        assertThat(march.get("stages").get(1).get("changePercent").decimalValue()).isEqualByComparingTo("200.0");
        assertThat(march.get("stages").get(2).get("changePercent").isNull()).as("nothing before: no data, not ∞")
                .isTrue();
        assertThat(percents(march.get("rates"), "previousPercent")).containsExactly("100.0", "0.0", "0.0", "无数据",
                "0.0", "无数据", "0.0", "无数据", "0.0");

        JsonNode everywhere = get("gaofeng", URL + MARCH);
        assertThat(counts(everywhere.get("stages"))).as("head office also counts 上海浦东's o7")
                .containsExactly(5L, 4L, 4L, 2L, 1L, 1L, 1L);
    }

    @Test
    void shouldSliceByTeamConsultantAndCampaignInAnyCase() {
        JsonNode team = get("zhouhua", URL + MARCH + "&team=海淀一对一组");
        assertThat(team.get("teamName").asText()).isEqualTo("海淀一对一组");
        assertThat(counts(team.get("stages"))).containsExactly(2L, 2L, 3L, 2L, 1L, 1L, 1L);
        JsonNode chenjing = get("zhouhua", URL + MARCH + "&consultant=chenjing");
        assertThat(chenjing.get("consultantName").asText()).contains("陈静");
        assertThat(counts(chenjing.get("stages"))).containsExactly(1L, 0L, 1L, 0L, 0L, 0L, 0L);
        JsonNode campaign = get("zhouhua", URL + MARCH + "&campaign=SPRING98");
        assertThat(counts(campaign.get("stages"))).as("o1, o2 and o5, whatever the case and spaces")
                .containsExactly(2L, 2L, 3L, 2L, 1L, 1L, 1L);
    }

    @Test
    void shouldBreakTheFunnelDownSoThatItsLinesAddUpToIt() {
        JsonNode byTeam = get("zhouhua", URL + "/breakdown" + MARCH + "&by=TEAM");
        assertThat(byTeam.get("byLabel").asText()).isEqualTo("销售团队");
        Map<String, List<Long>> lines = lines(byTeam);
        assertThat(lines.keySet()).containsExactly("北京海淀校区 · 海淀一对一组", "北京海淀校区 · 海淀班课组", "未分配团队");
        assertThat(lines.get("北京海淀校区 · 海淀一对一组")).containsExactly(2L, 2L, 3L, 2L, 1L, 1L, 1L);
        assertThat(lines.get("北京海淀校区 · 海淀班课组")).containsExactly(1L, 0L, 1L, 0L, 0L, 0L, 0L);
        assertThat(lines.get("未分配团队")).containsExactly(1L, 1L, 0L, 0L, 0L, 0L, 0L);
        assertThat(byTeam.get("lines").get(2).get("key").isNull()).as("no team: no filter to narrow to").isTrue();
        assertThat(percents(byTeam.get("lines").get(1).get("rates"), "percent")).as("海淀班课组: 1 lead, not valid")
                .containsExactly("0.0", "无数据", "100.0", "0.0", "0.0", "无数据", "0.0", "无数据", "0.0");

        Map<String, List<Long>> byConsultant = lines(get("zhouhua", URL + "/breakdown" + MARCH + "&by=课程顾问"));
        assertThat(byConsultant).hasSize(3).containsEntry("未分配顾问", List.of(1L, 1L, 0L, 0L, 0L, 0L, 0L));
        assertThat(byConsultant.entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).contains("李伟");
            assertThat(e.getValue()).containsExactly(2L, 2L, 3L, 2L, 1L, 1L, 1L);
        });

        JsonNode byCampaign = get("zhouhua", URL + "/breakdown" + MARCH + "&by=campaign");
        Map<String, List<Long>> campaigns = lines(byCampaign);
        assertThat(campaigns).containsOnlyKeys("Spring98", "无市场活动");
        assertThat(campaigns.get("Spring98")).as("one line for Spring98 and ' spring98'")
                .containsExactly(2L, 2L, 3L, 2L, 1L, 1L, 1L);
        assertThat(campaigns.get("无市场活动")).containsExactly(2L, 1L, 1L, 0L, 0L, 0L, 0L);

        Map<String, List<Long>> byChannel = lines(get("zhouhua", URL + "/breakdown" + MARCH + "&by=CHANNEL"));
        assertThat(byChannel).containsOnlyKeys("电话接访", "在线接访");
        Map<String, List<Long>> byCampus = lines(get("gaofeng", URL + "/breakdown" + MARCH + "&by=CAMPUS"));
        assertThat(byCampus).containsEntry("上海浦东校区", List.of(1L, 1L, 0L, 0L, 0L, 0L, 0L))
                .containsEntry("北京海淀校区", List.of(4L, 3L, 4L, 2L, 1L, 1L, 1L));
    }

    /** The lines of a breakdown in their order: label → the seven counts. */
    private static Map<String, List<Long>> lines(JsonNode breakdown) {
        Map<String, List<Long>> lines = new LinkedHashMap<>();
        breakdown.get("lines").forEach(l -> lines.put(l.get("label").asText(), counts(l.get("stages"))));
        return lines;
    }

    @Test
    void shouldExportTheBreakdownToExcelWithTheSameNumbers() throws IOException {
        ResponseEntity<byte[]> file = http.withBasicAuth("zhouhua", "demo")
                .getForEntity(URL + "/breakdown" + MARCH + "&by=TEAM&format=xlsx", byte[].class);
        assertThat(file.getStatusCode().value()).isEqualTo(200);
        assertThat(file.getHeaders().getContentDisposition().getFilename()).isEqualTo("销售漏斗分组对比.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.getBody()))) {
            Sheet sheet = workbook.getSheet("按销售团队");
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                row.forEach(c -> cells.add(c.toString()));
                rows.add(cells);
            }
            assertThat(rows.get(0)).startsWith("销售团队", "总线索量", "有效信息量").contains("成单率（%）");
            assertThat(rows.get(1)).startsWith("北京海淀校区 · 海淀一对一组", "2.0", "2.0", "3.0", "2.0", "1.0", "1.0", "1.0");
            assertThat(rows.get(2)).contains("无数据");
        }
    }

    @Test
    void shouldListTheOpportunitiesBehindACountAndOpenOneTimeline() {
        JsonNode paid = get("zhouhua", URL + "/opportunities" + MARCH + "&stage=成单缴费量");
        assertThat(paid.get("total").asLong()).isEqualTo(1);
        JsonNode o1 = paid.get("opportunities").get(0);
        assertThat(o1.get("id").asLong()).isEqualTo(ids.get("o1"));
        assertThat(o1.get("teamName").asText()).isEqualTo("海淀一对一组");
        assertThat(o1.get("ownerName").asText()).contains("李伟");
        assertThat(o1.get("channelLabel").asText()).isEqualTo("电话接访");
        assertThat(o1.get("reachedAt").asText()).startsWith("1998-03-10");

        JsonNode teamLeads = get("zhouhua", URL + "/opportunities" + MARCH + "&stage=leads&team=BJHD1V1");
        List<Long> listed = new ArrayList<>();
        teamLeads.get("opportunities").forEach(o -> listed.add(o.get("id").asLong()));
        assertThat(listed).as("as many as counted, the same ones").containsExactlyInAnyOrder(ids.get("o1"),
                ids.get("o2"));
        ResponseEntity<byte[]> file = http.withBasicAuth("zhouhua", "demo").getForEntity(URL + "/opportunities"
                + MARCH + "&stage=leads&team=BJHD1V1&format=xlsx", byte[].class);
        assertThat(file.getHeaders().getContentDisposition().getFilename()).isEqualTo("商机明细.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file.getBody()))) {
            Sheet sheet = book.getSheet("商机明细");
            List<Long> inFile = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                inFile.add((long) sheet.getRow(r).getCell(0).getNumericCellValue());
            }
            assertThat(inFile).as("the same opportunities in the Excel file").containsExactlyElementsOf(listed);
            assertThat(sheet.getRow(0).getCell(9).getStringCellValue()).isEqualTo("总线索时间");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        JsonNode timeline = get("zhouhua", URL + "/opportunities/" + ids.get("o1"));
        assertThat(timeline.at("/opportunity/customerName").asText()).startsWith("切片");
        assertThat(timeline.get("events").get(0).get("label").asText()).isEqualTo("意向已确认");
        assertThat(timeline.get("events").get(0).get("actor").asText()).contains("李伟");
        assertThat(timeline.get("events").get(0).get("detail").asText()).isEqualTo("家长希望周末上课");
    }

    @Test
    void shouldKeepEveryoneToTheirCampusesAndNameTheFieldOfABadFilter() {
        // another campus, its team, its opportunity: as if they did not exist
        assertThat(status("zhouhua", URL + MARCH + "&campus=SH-PD")).isEqualTo(404);
        assertThat(status("zhouhua", URL + MARCH + "&team=SHPD1V1")).isEqualTo(404);
        assertThat(status("zhouhua", URL + "/breakdown" + MARCH + "&by=TEAM&team=SHPD1V1")).isEqualTo(404);
        assertThat(status("zhouhua", URL + "/opportunities/" + ids.get("o7"))).isEqualTo(404);
        JsonNode pudong = get("zhouhua", URL + "/opportunities" + MARCH + "&stage=leads&consultant=xuming");
        assertThat(pudong.get("total").asLong()).as("a consultant of another campus: nothing of theirs").isZero();
        assertThat(get("zhouhua", URL + MARCH + "&consultant=xuming").get("consultantName").asText())
                .as("a filter does not look up another campus's people by name").isEqualTo("xuming");
        // the breakdown by consultant never names another campus's people
        assertThat(lines(get("zhouhua", URL + "/breakdown" + MARCH + "&by=CONSULTANT")).keySet())
                .noneMatch(name -> name.contains("徐明"));

        // a consultant reads no report at all
        assertThat(status("liwei", URL + MARCH)).isEqualTo(403);
        assertThat(status("liwei", URL + "/breakdown" + MARCH + "&by=TEAM")).isEqualTo(403);
        assertThat(status("liwei", URL + "/opportunities" + MARCH + "&stage=paid")).isEqualTo(403);
        assertThat(status("liwei", URL + "/opportunities/" + ids.get("o1"))).isEqualTo(403);
        // marketing reads the counts and the breakdown, not the families behind them
        assertThat(status("hanmei", URL + "/breakdown" + MARCH + "&by=CAMPAIGN")).isEqualTo(200);
        assertThat(status("hanmei", URL + "/opportunities" + MARCH + "&stage=paid")).isEqualTo(403);
        assertThat(status("hanmei", URL + "/opportunities" + MARCH + "&stage=paid&format=xlsx")).isEqualTo(403);
        assertThat(status("hanmei", URL + "/opportunities/" + ids.get("o1"))).isEqualTo(403);

        assertProblem(URL + "/breakdown" + MARCH + "&by=心情", "by", "不能按 心情 分组");
        assertProblem(URL + "/breakdown" + MARCH, "by", "请选择分组方式");
        assertProblem(URL + "/opportunities" + MARCH + "&stage=签约", "stage", "没有漏斗阶段 签约");
        assertProblem(URL + MARCH + "&team=不存在的团队", "team", "没有销售团队");
        assertProblem(URL + MARCH + "&consultant=' or 1=1 --", "consultant", "员工账号");
        assertProblem(URL + "/breakdown" + MARCH + "&by=TEAM&format=pdf", "format", "json 或 xlsx");
        // days that are valid ISO dates but break the comparison period's arithmetic (a server error before)
        assertProblem(URL + "?from=0001-01-01&to=0001-12-31", "from", "日期须在 1900-01-01 至 2099-12-31 之间");
        assertProblem(URL.replace("/funnel", "/sales-process") + "?from=2026-01-01&to=9999-12-31", "to",
                "日期须在 1900-01-01 至 2099-12-31 之间");
    }

    private void assertProblem(String path, String field, String message) {
        ResponseEntity<JsonNode> answer = http.withBasicAuth("zhouhua", "demo").getForEntity(path, JsonNode.class);
        assertThat(answer.getStatusCode().value()).as(path).isEqualTo(400);
        assertThat(answer.getBody().toString()).as(path).contains("\"" + field + "\"").contains(message);
    }
}
