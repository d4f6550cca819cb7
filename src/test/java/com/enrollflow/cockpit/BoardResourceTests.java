package com.enrollflow.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.lead.LeadRequest;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 经营看板 in Cockpit: its data through the webapp session (the plugin resource), the director's campus only, the
 * role check, the channel filter on a hand-counted set of opportunities, and the Excel file with the same numbers.
 */
@EnrollFlowTest
class BoardResourceTests {

    static final String BOARD = "/camunda/api/cockpit/plugin/enrollflow-board/default";

    @LocalServerPort
    int port;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;

    String campaign;

    /**
     * Six opportunities of one campaign in March 2021 (a month no other test writes), stages reached as below. At
     * 北京海淀 (BJ-HD): phone 1:1 paid; phone 1:1 agreed to visit; phone class valid; phone class lead only; web form
     * 1:1 intent. At 上海浦东 (SH-PD): phone 1:1 visited.
     */
    @BeforeEach
    void sixOpportunities() {
        campaign = "看板测试" + System.nanoTime();
        opportunity("BJ-HD", "PHONE", "ONE_ON_ONE", 7);
        opportunity("BJ-HD", "PHONE", "ONE_ON_ONE", 4);
        opportunity("BJ-HD", "PHONE", "CLASS", 2);
        opportunity("BJ-HD", "PHONE", "CLASS", 1);
        opportunity("BJ-HD", "WEB_FORM", "ONE_ON_ONE", 3);
        opportunity("SH-PD", "PHONE", "ONE_ON_ONE", 5);
    }

    private static final List<String> STAGE_COLUMNS = List.of("received_at", "valid_at", "intent_at", "agreed_at",
            "visited_at", "planned_at", "paid_at");

    /** A lead moved to the given campus, channel and product line, having reached the first {@code stages} stages. */
    private void opportunity(String campus, String channel, String productLine, int stages) {
        long id = leads.receive(new LeadRequest("看板" + stages, Leads.newPhone(), channel, null, "BJ-HD", productLine,
                "J2", "MATH", null, campaign, null, null)).opportunities().get(0).opportunityId();
        OffsetDateTime day = OffsetDateTime.parse("2021-03-10T10:00:00+08:00");
        StringBuilder set = new StringBuilder("update opportunity set campus_code = :campus, channel = :channel, "
                + "product_line = :line, split_from_id = null");
        for (int i = 0; i < STAGE_COLUMNS.size(); i++) {
            set.append(", ").append(STAGE_COLUMNS.get(i)).append(i < stages ? " = :day" : " = null");
        }
        jdbc.sql(set + " where id = :id").param("campus", campus).param("channel", channel).param("line", productLine)
                .param("day", day).param("id", id).update();
    }

    private String query(String more) {
        return "?from=2021-03-01&to=2021-03-31&campaign=" + URLEncoder.encode(campaign, StandardCharsets.UTF_8) + more;
    }

    private static List<Long> counts(JsonNode report) {
        List<Long> counts = new ArrayList<>();
        report.get("stages").forEach(s -> counts.add(s.get("count").asLong()));
        return counts;
    }

    private static List<String> percents(JsonNode report) {
        List<String> percents = new ArrayList<>();
        report.get("rates").forEach(r -> percents.add(r.get("percent").isNull() ? "无数据"
                : r.get("percent").decimalValue().toPlainString()));
        return percents;
    }

    @Test
    void shouldShowTheCampusDirectorOnlyTheirCampus() {
        WebappSession zhouhua = WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo");
        JsonNode report = zhouhua.json(BOARD + "/funnel" + query(""));
        assertThat(counts(report)).as("北京海淀 only: the 上海浦东 visit is not counted")
                .containsExactly(5L, 4L, 3L, 2L, 1L, 1L, 1L);
        JsonNode options = zhouhua.json(BOARD + "/options");
        assertThat(options.get("campuses").findValuesAsText("label")).containsExactly("北京海淀校区");
        assertThat(options.get("allCampuses").asText()).as("what 校区 offers above the campuses").isEqualTo("我负责的全部校区");
        assertThat(report.get("campuses").asText()).isEqualTo("我负责的全部校区");
        assertThat(zhouhua.get(BOARD + "/funnel" + query("&campus=SH-PD")).statusCode())
                .as("another campus's report does not exist for the director").isEqualTo(404);
        assertThat(zhouhua.get(BOARD + "/sales-process?from=2026-01-01&to=%2B999999999-12-31").statusCode())
                .as("a day beyond the calendar reports use: refused by field, not a server error").isEqualTo(400);
        assertThat(zhouhua.get(BOARD + "/satisfaction?from=0001-01-01&to=2026-01-01").statusCode()).isEqualTo(400);

        WebappSession gaofeng = WebappSession.loggedIn(port, "cockpit", "gaofeng", "demo");
        JsonNode everything = gaofeng.json(BOARD + "/funnel" + query(""));
        assertThat(counts(everything)).as("总部 sees both campuses").containsExactly(6L, 5L, 4L, 3L, 2L, 1L, 1L);
        assertThat(everything.get("campuses").asText()).as("head office's all is the institution").isEqualTo("全部校区");
        assertThat(gaofeng.json(BOARD + "/options").get("allCampuses").asText()).isEqualTo("全部校区");
    }

    @Test
    void shouldCountByChannelAndProductLineAsCountedByHand() {
        WebappSession zhouhua = WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo");
        JsonNode phone = zhouhua.json(BOARD + "/funnel" + query("&channel=PHONE"));
        assertThat(phone.get("channelLabel").asText()).isEqualTo("电话接访");
        assertThat(counts(phone)).containsExactly(4L, 3L, 2L, 2L, 1L, 1L, 1L);
        assertThat(percents(phone)).containsExactly("75.0", "66.7", "50.0", "100.0", "50.0", "50.0", "25.0",
                "100.0", "25.0");

        JsonNode phoneClass = zhouhua.json(BOARD + "/funnel" + query("&channel=PHONE&productLine=CLASS"));
        assertThat(counts(phoneClass)).containsExactly(2L, 1L, 0L, 0L, 0L, 0L, 0L);
        assertThat(percents(phoneClass)).as("a zero denominator is no data, never 0 %")
                .containsExactly("50.0", "0.0", "0.0", "无数据", "0.0", "无数据", "0.0", "无数据", "0.0");

        var pigeon = zhouhua.get(BOARD + "/funnel" + query("&channel=信鸽"));
        assertThat(pigeon.statusCode()).isEqualTo(400);
        assertThat(pigeon.body()).as("a GET has no JSON to be unreadable").contains("信鸽")
                .doesNotContain("JSON 格式不正确");
    }

    @Test
    void shouldExportTheSameNumbersToExcel() throws IOException {
        WebappSession zhouhua = WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo");
        HttpResponse<byte[]> file = zhouhua.download(BOARD + "/funnel.xlsx" + query("&channel=PHONE"));
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
                .contains("UTF-8''%E9%94%80%E5%94%AE%E6%BC%8F%E6%96%97.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
            Sheet sheet = workbook.getSheet("销售漏斗");
            Map<String, String> cells = new LinkedHashMap<>();
            for (Row row : sheet) {
                Cell label = row.getCell(0);
                // 阶段 | 数量 | 上期数量 | 变化（%）; 转化率 | 公式 | 百分比（%） | 上期（%）; the filters: name | value
                Cell value = row.getCell(label != null && label.getStringCellValue().endsWith("率") ? 2 : 1);
                if (label != null && value != null && row.getLastCellNum() > 1) {
                    cells.put(label.getStringCellValue(), value.getCellType() == CellType.NUMERIC
                            ? new BigDecimal(String.valueOf(value.getNumericCellValue())).stripTrailingZeros().toPlainString()
                            : value.getStringCellValue());
                }
            }
            assertThat(cells).containsEntry("校区", "我负责的全部校区").containsEntry("渠道", "电话接访")
                    .containsEntry("总线索量", "4").containsEntry("有效信息量", "3").containsEntry("意向商机量", "2")
                    .containsEntry("同意到访量", "2").containsEntry("实际到访量", "1").containsEntry("方案规划量", "1")
                    .containsEntry("成单缴费量", "1").containsEntry("信息有效率", "75").containsEntry("意向客户转化率", "66.7")
                    .containsEntry("成单率", "25").containsEntry("上期", "2021-01-29 至 2021-02-28")
                    // the paid one has a stage date but no order: revenue counts orders, so none, and no per-order figure
                    .containsEntry("成单数", "0").containsEntry("合同金额（元）", "0")
                    .containsEntry("每单收入（元）", "无数据");
        }
        HttpResponse<byte[]> none = zhouhua.download(BOARD + "/funnel.xlsx" + query("&channel=PHONE&productLine=CLASS"));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(none.body()))) {
            List<String> texts = new ArrayList<>();
            workbook.getSheet("销售漏斗").forEach(row -> row.forEach(c -> texts.add(c.toString())));
            assertThat(texts).contains("同意到访转化率", "无数据");
        }
    }

    @Test
    void shouldBreakDownDrillIntoAndOpenAnOpportunityThroughTheSession() {
        WebappSession zhouhua = WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo");
        JsonNode byLine = zhouhua.json(BOARD + "/breakdown" + query("&by=PRODUCT_LINE"));
        Map<String, List<Long>> lines = new LinkedHashMap<>();
        byLine.get("lines").forEach(l -> lines.put(l.get("label").asText(), counts(l)));
        assertThat(lines).as("北京海淀's five, by product line, adding up to the funnel")
                .containsExactly(Map.entry("一对一", List.of(3L, 3L, 3L, 2L, 1L, 1L, 1L)),
                        Map.entry("班课", List.of(2L, 1L, 0L, 0L, 0L, 0L, 0L)));
        assertThat(zhouhua.download(BOARD + "/breakdown.xlsx" + query("&by=PRODUCT_LINE")).statusCode())
                .isEqualTo(200);

        JsonNode agreed = zhouhua.json(BOARD + "/opportunities" + query("&stage=agreed"));
        assertThat(agreed.get("total").asLong()).isEqualTo(2);
        assertThat(zhouhua.download(BOARD + "/opportunities.xlsx" + query("&stage=agreed")).statusCode())
                .isEqualTo(200);
        assertThat(agreed.get("opportunities").findValuesAsText("campusName")).containsOnly("北京海淀校区");
        long id = agreed.get("opportunities").get(0).get("id").asLong();
        JsonNode opened = zhouhua.json(BOARD + "/opportunities/" + id);
        assertThat(opened.at("/opportunity/id").asLong()).isEqualTo(id);
        assertThat(opened.get("events").findValuesAsText("label")).as("the lead's own timeline, in Chinese")
                .isNotEmpty().allSatisfy(label -> assertThat(label).doesNotMatch("[A-Z_]+"));
        String instance = opened.at("/opportunity/processInstanceId").asText();
        assertThat(opened.get("cockpitPath").asText()).as("the lead's process still runs: Cockpit can open it")
                .isEqualTo("#/process-instance/" + instance + "/runtime");

        long pudong = jdbc.sql("select id from opportunity where campaign = ? and campus_code = 'SH-PD'")
                .param(campaign).query(Long.class).single();
        assertThat(zhouhua.get(BOARD + "/opportunities/" + pudong).statusCode()).isEqualTo(404);
        assertThat(zhouhua.get(BOARD + "/opportunities/abc").statusCode()).isEqualTo(400);
        assertThat(zhouhua.get(BOARD + "/breakdown" + query("&by=心情")).statusCode()).isEqualTo(400);
        assertThat(zhouhua.get(BOARD + "/opportunities" + query("&stage=paid&team=SHPD1V1")).statusCode())
                .isEqualTo(404);
        JsonNode options = zhouhua.json(BOARD + "/options");
        assertThat(options.get("teams").findValuesAsText("code")).contains("BJHD1V1", "BJHDCLASS")
                .doesNotContain("SHPD1V1", "SHPDCLASS", "BJCY1V1");
        assertThat(options.get("consultants").findValuesAsText("code")).contains("liwei").doesNotContain("xuming");
    }

    @Test
    void shouldTrackTheSalesProcessAndListTheStuckOpportunitiesThroughTheSession() {
        WebappSession zhouhua = WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo");
        JsonNode process = zhouhua.json(BOARD + "/sales-process" + query(""));
        // 北京海淀's five are open, never contacted and last moved in March 2021: all past the first-contact limit
        assertThat(process.at("/stuck/open").asLong()).isEqualTo(5);
        assertThat(process.at("/stuck/stuck").asLong()).isEqualTo(5);
        assertThat(process.at("/stuck/notContacted").asLong()).isEqualTo(5);
        JsonNode valid = null;
        for (JsonNode step : process.get("stageTimes")) {
            if (step.get("key").asText().equals("valid")) {
                valid = step;
            }
        }
        assertThat(valid.get("label").asText()).isEqualTo("线索到有效");
        assertThat(valid.get("count").asLong()).as("four of 北京海淀's five became valid, the same moment")
                .isEqualTo(4);
        assertThat(valid.get("averageHours").decimalValue()).isZero();
        assertThat(zhouhua.download(BOARD + "/sales-process.xlsx" + query("")).statusCode()).isEqualTo(200);

        JsonNode stuck = zhouhua.json(BOARD + "/stuck" + query(""));
        assertThat(stuck.get("total").asLong()).isEqualTo(5);
        assertThat(stuck.get("opportunities").findValuesAsText("campusName")).containsOnly("北京海淀校区");
        assertThat(stuck.get("opportunities").findValuesAsText("reasonLabel")).containsOnly("超时未首次联系");
        assertThat(zhouhua.download(BOARD + "/stuck.xlsx" + query("")).statusCode()).isEqualTo(200);

        WebappSession hanmei = WebappSession.loggedIn(port, "cockpit", "hanmei", "demo");
        assertThat(hanmei.json(BOARD + "/sales-process" + query("")).at("/stuck/stuck").asLong()).isEqualTo(5);
        assertThat(hanmei.get(BOARD + "/stuck" + query("")).statusCode()).as("the families: not for 市场")
                .isEqualTo(403);
    }

    @Test
    void shouldRefuseTheBoardToAConsultantAndToAnyoneNotLoggedIn() {
        // a consultant may not even open Cockpit; logged in to Tasklist, the board's resource still refuses
        assertThat(new WebappSession(port).login("cockpit", "liwei", "demo").statusCode()).isEqualTo(403);
        WebappSession liwei = WebappSession.loggedIn(port, "tasklist", "liwei", "demo");
        assertThat(liwei.get(BOARD + "/funnel" + query("")).statusCode()).isEqualTo(403);
        assertThat(liwei.download(BOARD + "/funnel.xlsx" + query("")).statusCode()).isEqualTo(403);
        assertThat(liwei.get(BOARD + "/options").statusCode()).isEqualTo(403);
        assertThat(liwei.get(BOARD + "/breakdown" + query("&by=TEAM")).statusCode()).isEqualTo(403);
        assertThat(liwei.get(BOARD + "/opportunities" + query("&stage=leads")).statusCode()).isEqualTo(403);
        assertThat(liwei.get(BOARD + "/sales-process" + query("")).statusCode()).isEqualTo(403);
        assertThat(liwei.get(BOARD + "/stuck" + query("")).statusCode()).isEqualTo(403);

        int anonymous = WebappSession.anonymous(port).get(BOARD + "/funnel" + query("")).statusCode();
        assertThat(anonymous).isIn(401, 403);
    }

    @Test
    void shouldLetMarketingOpenCockpitForTheBoardWithoutReadingInstances() {
        WebappSession hanmei = WebappSession.loggedIn(port, "cockpit", "hanmei", "demo");
        assertThat(counts(hanmei.json(BOARD + "/funnel" + query("")))).containsExactly(5L, 4L, 3L, 2L, 1L, 1L, 1L);
        assertThat(hanmei.get(BOARD + "/opportunities" + query("&stage=leads")).statusCode())
                .as("市场 reads the counts, not the families behind them").isEqualTo(403);
        assertThat(hanmei.download(BOARD + "/opportunities.xlsx" + query("&stage=leads")).statusCode()).isEqualTo(403);
        JsonNode instances = hanmei.json(WebappSession.ENGINE + "/process-instance?maxResults=5");
        assertThat(instances).as("市场 reads counts, not the families' process instances").isEmpty();
        // 服务水平 is not marketing's, on the board as on /api: the complaints and who has which task overdue
        String period = "?from=" + LocalDate.now().minusDays(30) + "&to=" + LocalDate.now() + "&campus=BJ-HD";
        assertThat(hanmei.get(BOARD + "/service-levels" + period).statusCode()).isEqualTo(403);
        assertThat(hanmei.download(BOARD + "/service-levels.xlsx" + period).statusCode()).isEqualTo(403);
        assertThat(hanmei.get(BOARD + "/service-levels/overdue-tasks?campus=BJ-HD&group=客服").statusCode())
                .isEqualTo(403);
        assertThat(hanmei.download(BOARD + "/service-levels/overdue-tasks.xlsx?campus=BJ-HD&group=客服").statusCode())
                .isEqualTo(403);
        assertThat(hanmei.json(BOARD + "/options").get("readsServiceLevels").asBoolean()).isFalse();
        assertThat(WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo").json(BOARD + "/options")
                .get("readsServiceLevels").asBoolean()).isTrue();
    }

}
