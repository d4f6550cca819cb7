package com.enrollflow.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.Concurrently;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.StartForms;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 调整课时单价 as head office uses it: the Tasklist start form and POST /api/price-list/rates set a campus's 1:1 price
 * from a day on; quotes of earlier days keep the old price, a correction keeps one price per day, and a bad field or
 * anyone but head office changes nothing. The rates here are 上海徐汇's 特级教师 高三 生物, which no other test prices.
 */
@EnrollFlowTest
class PriceRateChangeTests {

    private static final LocalDate TODAY = LocalDate.now(BusinessTime.ZONE);
    private static final String KEY = "campus_code = 'SH-XH' and teacher_level = 'MASTER' and grade = 'S3' "
            + "and subject = 'BIOLOGY'";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;
    @LocalServerPort
    int port;

    @AfterEach
    void removeTheRates() {
        jdbc.sql("delete from price_rate where " + KEY).update();
    }

    private static Map<String, Object> change(String campus, String level, String grade, String subject, Object price,
            LocalDate from) {
        Map<String, Object> form = new HashMap<>();
        form.put("campus", campus);
        form.put("teacherLevel", level);
        form.put("grade", grade);
        form.put("subject", subject);
        form.put("lessonPrice", price);
        form.put("validFrom", from == null ? null : from.toString());
        return form;
    }

    private ResponseEntity<JsonNode> post(String user, Map<String, Object> change) {
        return http.withBasicAuth(user, "demo").postForEntity("/api/price-list/rates", change, JsonNode.class);
    }

    /** The 1:1 list price of ten 高三生物 lessons with a 特级教师 at 上海徐汇, priced on the day. */
    private BigDecimal tenLessonsOn(LocalDate day) {
        ResponseEntity<JsonNode> quote = http.withBasicAuth("kongfan", "demo").postForEntity("/api/quotes/preview",
                Map.of("campusCode", "SH-XH", "productLine", "ONE_ON_ONE", "grade", "S3", "subject", "BIOLOGY",
                        "teacherLevel", "MASTER", "lessons", 10, "pricingDate", day.toString()), JsonNode.class);
        assertThat(quote.getStatusCode()).as(String.valueOf(quote.getBody())).isEqualTo(HttpStatus.OK);
        return quote.getBody().get("listPrice").decimalValue();
    }

    private long rates() {
        return jdbc.sql("select count(*) from price_rate").query(Long.class).single();
    }

    @Test
    void shouldPriceQuotesAtTheNewRateFromItsFirstDayOnly() {
        BigDecimal before = tenLessonsOn(TODAY);

        ResponseEntity<JsonNode> submitted = StartForms.submit(http, "gaofeng", "priceRateChange",
                change("徐汇", "MASTER", "S3", "BIOLOGY", 520L, TODAY));
        assertThat(submitted.getStatusCode()).as(String.valueOf(submitted.getBody())).isEqualTo(HttpStatus.OK);
        HistoricProcessInstance form = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(submitted.getBody().get("id").asText()).singleResult();
        assertThat(form.getEndActivityId()).isEqualTo("EndEvent_RateChanged");
        assertThat(form.getTenantId()).as("filed in the campus whose price it is").isEqualTo("SHXH");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(form.getId())
                .variableName("rateSummary").singleResult().getValue())
                .isEqualTo("上海徐汇校区 特级教师 高三 生物 一对一课时单价新增 ¥520.00，" + TODAY + " 起生效");
        assertThat(tenLessonsOn(TODAY)).as("the subject's own rate beats the grade's (was %s)", before)
                .isEqualByComparingTo("5200.00");

        // a rise from ten days on: quotes of today keep ¥520
        ResponseEntity<JsonNode> rise = post("gaofeng", change("上海徐汇校区", "特级教师", "高三", "生物", "560",
                TODAY.plusDays(10)));
        assertThat(rise.getStatusCode()).as(String.valueOf(rise.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(rise.getBody().get("summary").asText()).isEqualTo("上海徐汇校区 特级教师 高三 生物 一对一课时单价 ¥520.00 → "
                + "¥560.00，" + TODAY.plusDays(10) + " 起生效");
        assertThat(tenLessonsOn(TODAY.plusDays(9))).isEqualByComparingTo("5200.00");
        assertThat(tenLessonsOn(TODAY.plusDays(10))).isEqualByComparingTo("5600.00");
        JsonNode listed = http.withBasicAuth("kongfan", "demo").getForObject("/api/price-list?campus=SH-XH&on="
                + TODAY.plusDays(10), JsonNode.class);
        assertThat(rateOf(listed)).as("the price list of that day shows one rate for the key")
                .containsExactly("560.00");

        // the same day again: a correction, still one rate from that day
        ResponseEntity<JsonNode> corrected = post("gaofeng", change("SH-XH", "MASTER", "S3", "BIOLOGY", 550,
                TODAY.plusDays(10)));
        assertThat(corrected.getBody().get("summary").asText()).isEqualTo("上海徐汇校区 特级教师 高三 生物 "
                + TODAY.plusDays(10) + " 起的一对一课时单价由 ¥560.00 更正为 ¥550.00");
        assertThat(tenLessonsOn(TODAY.plusDays(10))).isEqualByComparingTo("5500.00");
        assertThat(jdbc.sql("select count(*) from price_rate where " + KEY).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select created_by from price_rate where " + KEY + " and valid_from = ?")
                .param(TODAY.plusDays(10)).query(String.class).single()).isEqualTo("gaofeng");

        // a change before the one already set: refused, naming it
        ResponseEntity<JsonNode> earlier = post("gaofeng", change("SH-XH", "MASTER", "S3", "BIOLOGY", 530,
                TODAY.plusDays(5)));
        assertThat(earlier.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(earlier.getBody().at("/errors/0/field").asText()).isEqualTo("validFrom");
        assertThat(earlier.getBody().at("/errors/0/message").asText()).isEqualTo("上海徐汇校区 特级教师 高三 生物已定于 "
                + TODAY.plusDays(10) + " 起改为 ¥550.00；请填写该日期或之后的生效日期（填该日期即更正那次调价）");
    }

    private static List<String> rateOf(JsonNode priceList) {
        List<String> prices = new java.util.ArrayList<>();
        for (JsonNode e : priceList) {
            if ("RATE".equals(e.path("kind").asText()) && "MASTER".equals(e.path("teacherLevel").asText())
                    && "S3".equals(e.path("grade").asText()) && "BIOLOGY".equals(e.path("subject").asText())) {
                prices.add(e.get("price").decimalValue().setScale(2).toPlainString());
            }
        }
        return prices;
    }

    @Test
    void shouldRefuseBadFieldsByTheFormsLabelsAndStoreNothing() {
        long before = rates();
        long submissions = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("priceRateChange").count();

        ResponseEntity<JsonNode> bad = StartForms.submit(http, "gaofeng", "priceRateChange",
                change("徐汇", "助教", "S3", "ALL", 0L, TODAY.minusDays(1)));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().path("message").asText()).isEqualTo("提交内容有误：教师级别：未知的教师级别“助教”，可选：标准教师、"
                + "高级教师、特级教师；科目：一对一课时单价按科目定价；所有科目同价时请不填科目；每课时价格（元）：价格应大于 0；生效日期：生效日期应在 "
                + TODAY + " 至 " + TODAY.plusDays(366) + " 之间：已报出的价格不变，过去的价格不能更改");
        assertThat(StartForms.submit(http, "gaofeng", "priceRateChange", change("徐汇", "MASTER", "S3", "BIOLOGY",
                99.999, TODAY)).getBody().path("message").asText())
                .isEqualTo("提交内容有误：每课时价格（元）：价格最多两位小数（精确到分）");

        assertThat(rates()).as("nothing stored").isEqualTo(before);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("priceRateChange").count()).as("no instance left").isEqualTo(submissions);
    }

    @Test
    void shouldLetOnlyHeadOfficeChangePrices() {
        Map<String, Object> rise = change("SH-XH", "MASTER", "S3", "BIOLOGY", 999, TODAY);

        assertThat(post("caiwen", rise).getStatusCode()).as("a campus director").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("kongfan", rise).getStatusCode()).as("a consultant").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("fengyu", rise).getStatusCode()).as("finance").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(StartForms.submit(http, "zhouhua", "priceRateChange", rise).getStatusCode())
                .as("nor through the engine's start form").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(jdbc.sql("select count(*) from price_rate where " + KEY).query(Long.class).single()).isZero();
    }

    @Test
    void shouldKeepOnePriceWhenTwoChangesOfTheSameDayRace() throws Exception {
        List<Callable<ResponseEntity<JsonNode>>> changes = List.of(
                () -> post("gaofeng", change("SH-XH", "MASTER", "S3", "BIOLOGY", 600, TODAY.plusDays(3))),
                () -> post("qinlan", change("SH-XH", "MASTER", "S3", "BIOLOGY", 610, TODAY.plusDays(3))),
                () -> post("lujun", change("SH-XH", "MASTER", "S3", "BIOLOGY", 620, TODAY.plusDays(3))));

        List<ResponseEntity<JsonNode>> answers = Concurrently.run(changes);

        assertThat(answers).extracting(ResponseEntity::getStatusCode).containsOnly(HttpStatus.CREATED);
        List<BigDecimal> stored = jdbc.sql("select lesson_price from price_rate where " + KEY + " and valid_from = ?")
                .param(TODAY.plusDays(3)).query(BigDecimal.class).list();
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).isIn(new BigDecimal("600.00"), new BigDecimal("610.00"), new BigDecimal("620.00"));
        assertThat(tenLessonsOn(TODAY.plusDays(3))).isEqualByComparingTo(stored.get(0).multiply(BigDecimal.TEN));
    }

    /** 经营看板's 价目表: the price of the day the period ends, only the reader's campuses, and the same in Excel. */
    @Test
    void shouldShowManagersThePriceListOfThePeriodsLastDayOnTheBoard() throws Exception {
        post("gaofeng", change("SH-XH", "MASTER", "S3", "BIOLOGY", 520, TODAY.plusDays(20)));
        String board = "/camunda/api/cockpit/plugin/enrollflow-board/default/price-list";

        WebappSession gaofeng = WebappSession.loggedIn(port, "cockpit", "gaofeng", "demo");
        JsonNode before = gaofeng.json(board + "?from=" + TODAY + "&to=" + TODAY.plusDays(19) + "&campus=SH-XH");
        JsonNode after = gaofeng.json(board + "?from=" + TODAY + "&to=" + TODAY.plusDays(20) + "&campus=SH-XH");
        assertThat(biology(before)).as("not yet").isEmpty();
        assertThat(biology(after)).containsExactly("上海徐汇校区 特级教师 高三 生物 520.00 " + TODAY.plusDays(20) + " null");
        assertThat(after.get("on").asText()).isEqualTo(TODAY.plusDays(20).toString());
        assertThat(after.get("rates").findValuesAsText("campusName")).containsOnly("上海徐汇校区");
        assertThat(after.get("packages").findValuesAsText("name")).contains("40课时包", "80课时包", "120课时包");

        HttpResponse<byte[]> file = gaofeng.download(board + ".xlsx?from=" + TODAY + "&to=" + TODAY.plusDays(20)
                + "&campus=SH-XH");
        assertThat(file.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
            List<String> lines = new java.util.ArrayList<>();
            for (Row row : workbook.getSheet("一对一课时单价")) {
                if (row.getRowNum() > 0) {
                    lines.add(row.getCell(1).getStringCellValue() + row.getCell(2).getStringCellValue()
                            + row.getCell(3).getStringCellValue() + " " + row.getCell(4).toString());
                }
            }
            assertThat(lines).as("the same rates as the board").hasSize(after.get("rates").size())
                    .contains("特级教师高三生物 520.0");
            assertThat(workbook.getSheet("班课")).isNotNull();
        }

        // a director reads their own campus's price list only; a consultant no board at all
        WebappSession zhouhua = WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo");
        JsonNode haidian = zhouhua.json(board + "?from=" + TODAY + "&to=" + TODAY);
        assertThat(haidian.get("rates").findValuesAsText("campusName")).containsOnly("北京海淀校区");
        assertThat(haidian.get("classes").findValuesAsText("campusName")).containsOnly("北京海淀校区");
        assertThat(zhouhua.get(board + "?from=" + TODAY + "&to=" + TODAY + "&campus=SH-XH").statusCode())
                .isEqualTo(404);
        assertThat(WebappSession.loggedIn(port, "tasklist", "kongfan", "demo").get(board + "?from=" + TODAY + "&to="
                + TODAY).statusCode()).isEqualTo(403);
    }

    private static List<String> biology(JsonNode report) {
        List<String> lines = new java.util.ArrayList<>();
        for (JsonNode r : report.get("rates")) {
            if ("生物".equals(r.get("subjectLabel").asText()) && "高三".equals(r.get("gradeLabel").asText())
                    && "特级教师".equals(r.get("teacherLevelLabel").asText())) {
                lines.add(r.get("campusName").asText() + " " + r.get("teacherLevelLabel").asText() + " "
                        + r.get("gradeLabel").asText() + " " + r.get("subjectLabel").asText() + " "
                        + r.get("price").decimalValue().setScale(2).toPlainString() + " " + r.get("validFrom").asText()
                        + " " + r.get("validTo").asText());
            }
        }
        return lines;
    }
}
