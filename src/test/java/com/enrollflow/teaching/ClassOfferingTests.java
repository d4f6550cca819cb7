package com.enrollflow.teaching;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.testsupport.Concurrently;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.PdfText;
import com.enrollflow.testsupport.StartForms;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 开设班课 and 停止班级招生 as academic affairs, a campus director and head office use them: the Tasklist start forms and
 * POST /api/classes open a class that consultants can then quote, and take it off sale again; a bad field, another
 * campus or a name already taking families is refused by the field and stores nothing, also when two openings race.
 */
@EnrollFlowTest
class ClassOfferingTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ClassFixtures fixtures;

    private static final LocalDate STARTS = ClassFixtures.today().plusDays(40);
    private static final String MONTH = STARTS.format(DateTimeFormatter.ofPattern("yyMM"));

    private final List<String> names = new ArrayList<>();

    /** What Tasklist sends for the form: the lessons and the price as form-js's number fields give them. */
    private Map<String, Object> form(String campus, String name, String subject, String grade, Object lessons,
            Object price, LocalDate startsOn) {
        names.add(name);
        Map<String, Object> form = new HashMap<>();
        form.put("campus", campus);
        form.put("name", name);
        form.put("subject", subject);
        form.put("grade", grade);
        form.put("lessons", lessons);
        form.put("price", price);
        form.put("startsOn", startsOn == null ? null : startsOn.toString());
        form.put("schedule", name == null ? null : "每周六 09:00–11:00");
        return form;
    }

    private static String unique(String prefix) {
        return prefix + ThreadLocalRandom.current().nextInt(100000, 999999) + "班";
    }

    /** The classes opened here stop taking families, so that no other test's price list shows them. */
    @AfterEach
    void closeTheClassesOpened() {
        names.forEach(name -> jdbc.sql("update class_offering set active = false, open_name = null where name = ?")
                .param(name).update());
    }

    private long classes() {
        return jdbc.sql("select count(*) from class_offering").query(Long.class).single();
    }

    private long submissions() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("classOpening")
                .count();
    }

    @Test
    void shouldOpenAClassFromTheStartFormThatConsultantsThenQuote() {
        String name = unique("初二数学寒假");
        ResponseEntity<JsonNode> opened = StartForms.submit(http, "wuting", "classOpening",
                form("海淀", name, "MATH", "J2", 16L, 2528.5, STARTS));

        assertThat(opened.getStatusCode()).as(String.valueOf(opened.getBody())).isEqualTo(HttpStatus.OK);
        Map<String, Object> row = jdbc.sql("select code, campus_code, subject, grade, lessons, price, starts_on, "
                + "active, opened_by from class_offering where name = ?").param(name).query().singleRow();
        String code = (String) row.get("code");
        assertThat(code).as("campus, grade, subject and the month it starts").startsWith("BJHD-J2-MATH-" + MONTH);
        assertThat(row.get("campus_code")).isEqualTo("BJ-HD");
        assertThat(row.get("lessons")).isEqualTo(16);
        assertThat((BigDecimal) row.get("price")).isEqualByComparingTo("2528.50");
        assertThat(row.get("starts_on").toString()).isEqualTo(STARTS.toString());
        assertThat(row.get("active")).isEqualTo(true);
        assertThat(row.get("opened_by")).isEqualTo("wuting");

        // the form's instance: in the class's campus, under its code, with what was opened in its history
        HistoricProcessInstance submitted = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(opened.getBody().get("id").asText()).singleResult();
        assertThat(submitted.getEndActivityId()).isEqualTo("EndEvent_ClassOpened");
        assertThat(submitted.getTenantId()).isEqualTo("BJHD");
        assertThat(submitted.getBusinessKey()).isEqualTo(code);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(submitted.getId()).variableName("classSummary").singleResult().getValue())
                .isEqualTo("已开设 " + name + "（" + code + "）：北京海淀校区，初二数学，16 课次，¥2,528.50，" + STARTS
                        + " 开课，每周六 09:00–11:00");

        // a consultant of the campus finds it in the price list and quotes it
        JsonNode priceList = http.withBasicAuth("liwei", "demo").getForObject("/api/price-list?campus=BJ-HD",
                JsonNode.class);
        JsonNode listed = null;
        for (JsonNode entry : priceList) {
            if (code.equals(entry.path("code").asText())) {
                listed = entry;
            }
        }
        assertThat(listed).as("in the campus's price list").isNotNull();
        assertThat(listed.path("kind").asText()).isEqualTo("CLASS");
        assertThat(listed.path("name").asText()).isEqualTo(name);
        assertThat(listed.path("schedule").asText()).as("when it meets, for the consultant and the family")
                .isEqualTo("每周六 09:00–11:00");
        ResponseEntity<JsonNode> quote = http.withBasicAuth("liwei", "demo").postForEntity("/api/quotes/preview",
                Map.of("campusCode", "BJ-HD", "productLine", "CLASS", "classOfferingCodes", List.of(code)),
                JsonNode.class);
        assertThat(quote.getStatusCode()).as(String.valueOf(quote.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(quote.getBody().get("finalPrice").decimalValue()).isEqualByComparingTo("2528.50");
        assertThat(quote.getBody().at("/lines/0/description").asText()).isEqualTo(name);

        // the same name again, while the first takes families: refused under 班级名称, nothing stored
        long before = classes();
        ResponseEntity<JsonNode> again = StartForms.submit(http, "zhouhua", "classOpening",
                form("BJ-HD", name, "数学", "初二", 20L, 3000L, STARTS));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(again.getBody().path("message").asText()).isEqualTo("提交内容有误：班级名称：北京海淀校区已有招生中的班级“"
                + name + "”（" + code + "），请在名称中加上班号或期次区分，如 " + name.replaceAll("班$", "2班"));
        assertThat(classes()).isEqualTo(before);

        // another class of the same grade, subject and month: the next code
        String second = unique("初二数学寒假");
        assertThat(StartForms.submit(http, "zhouhua", "classOpening", form("BJ-HD", second, "数学", "初二", 20L, 3000L,
                STARTS)).getStatusCode()).isEqualTo(HttpStatus.OK);
        String secondCode = jdbc.sql("select code from class_offering where name = ?").param(second)
                .query(String.class).single();
        assertThat(secondCode).startsWith("BJHD-J2-MATH-" + MONTH).isNotEqualTo(code);
    }

    @Test
    void shouldRefuseBadFieldsByTheFormsLabelsAndStoreNothing() {
        long before = classes();
        long submissions = submissions();

        ResponseEntity<JsonNode> bad = StartForms.submit(http, "wuting", "classOpening", form("浦东",
                "<b>班</b>", "美术", "J2", 0L, -1L, ClassFixtures.today().plusYears(2)));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().path("message").asText()).isEqualTo("提交内容有误：所属校区：您不负责上海浦东校区；班级名称：不能包含 < 或 > "
                + "字符；科目：未知的科目“美术”，可选：语文、数学、英语、物理、化学、生物、历史、地理、政治、全科；课次：应为 1 到 200 之间的整数（现为 0）；"
                + "班级价格（元）：价格应大于 0；开课日期：开课日期应在 " + ClassFixtures.today().minusDays(366) + " 至 "
                + ClassFixtures.today().plusDays(366) + " 之间（一年以内）");
        assertThat(StartForms.submit(http, "wuting", "classOpening", form("海淀", unique("英语"), "ENGLISH", "P5",
                16.5, 1999.999, STARTS)).getBody().path("message").asText())
                .isEqualTo("提交内容有误：课次：应为 1 到 200 之间的整数（现为 16.5）；班级价格（元）：价格最多两位小数（精确到分）");
        assertThat(StartForms.submit(http, "wuting", "classOpening", form(null, null, null, null, null, null, null))
                .getBody().path("message").asText()).startsWith("提交内容有误：所属校区：必填，可选：");

        assertThat(classes()).as("nothing stored").isEqualTo(before);
        assertThat(submissions()).as("no instance left").isEqualTo(submissions);
    }

    @Test
    void shouldLetOnlyTheCampusesStaffOpenClassesThroughTheApi() {
        Map<String, Object> shanghai = form("上海浦东校区", unique("高一物理春季"), "PHYSICS", "S1", 20, "4,800", STARTS);

        assertThat(http.withBasicAuth("liwei", "demo").postForEntity("/api/classes", shanghai, JsonNode.class)
                .getStatusCode()).as("a consultant sells classes, does not open them").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.withBasicAuth("zhengkai", "demo").postForEntity("/api/classes", shanghai, JsonNode.class)
                .getStatusCode()).as("a teacher").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(StartForms.submit(http, "liwei", "classOpening", shanghai).getStatusCode())
                .as("nor through the engine's start form").isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> otherCampus = http.withBasicAuth("zhouhua", "demo").postForEntity("/api/classes",
                shanghai, JsonNode.class);
        assertThat(otherCampus.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(otherCampus.getBody().at("/errors/0/field").asText()).isEqualTo("campus");
        assertThat(otherCampus.getBody().at("/errors/0/message").asText()).isEqualTo("您不负责上海浦东校区");

        ResponseEntity<JsonNode> byHeadOffice = http.withBasicAuth("gaofeng", "demo").postForEntity("/api/classes",
                shanghai, JsonNode.class);
        assertThat(byHeadOffice.getStatusCode()).as(String.valueOf(byHeadOffice.getBody()))
                .isEqualTo(HttpStatus.CREATED);
        assertThat(byHeadOffice.getBody().get("code").asText()).startsWith("SHPD-S1-PHYSICS-" + MONTH);
        assertThat(byHeadOffice.getBody().get("campusCode").asText()).isEqualTo("SH-PD");
        assertThat(byHeadOffice.getBody().get("price").decimalValue()).isEqualByComparingTo("4800.00");
    }

    @Test
    void shouldOpenOneClassWhenTwoStaffOpenTheSameNameAtOnce() throws Exception {
        Map<String, Object> asked = form("BJ-HD", unique("五年级英语周末"), "ENGLISH", "P5", 30, 4500, STARTS);
        Callable<ResponseEntity<JsonNode>> open = () -> http.withBasicAuth("wuting", "demo")
                .postForEntity("/api/classes", asked, JsonNode.class);

        List<ResponseEntity<JsonNode>> answers = Concurrently.run(Concurrently.times(4, open));

        assertThat(answers).extracting(ResponseEntity::getStatusCode).containsOnly(HttpStatus.CREATED,
                HttpStatus.BAD_REQUEST).filteredOn(HttpStatus.CREATED::equals).hasSize(1);
        answers.stream().filter(a -> a.getStatusCode() == HttpStatus.BAD_REQUEST)
                .forEach(a -> assertThat(a.getBody().at("/errors/0/field").asText()).isEqualTo("name"));
        assertThat(jdbc.sql("select count(*) from class_offering where name = ?").param(asked.get("name"))
                .query(Long.class).single()).isOne();
    }

    private boolean forSale(String code) {
        for (JsonNode entry : http.withBasicAuth("liwei", "demo").getForObject("/api/price-list?campus=BJ-HD",
                JsonNode.class)) {
            if (code.equals(entry.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void shouldTakeAClassOffSaleFromTheStartFormAndFreeItsName() {
        String name = unique("初二数学满班");
        ResponseEntity<JsonNode> opened = http.withBasicAuth("wuting", "demo").postForEntity("/api/classes",
                form("海淀", name, "MATH", "J2", 16, 2528, STARTS), JsonNode.class);
        String code = opened.getBody().get("code").asText();
        assertThat(forSale(code)).isTrue();

        ResponseEntity<JsonNode> closed = StartForms.submit(http, "wuting", "classClosing",
                Map.of("classOffering", name, "reason", "满班"));

        assertThat(closed.getStatusCode()).as(String.valueOf(closed.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(forSale(code)).as("off the price list, so off the plan form").isFalse();
        Map<String, Object> row = jdbc.sql("select active, closed_by, closed_reason from class_offering where code = ?")
                .param(code).query().singleRow();
        assertThat(row).containsEntry("active", false).containsEntry("closed_by", "wuting")
                .containsEntry("closed_reason", "满班");
        HistoricProcessInstance form = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(closed.getBody().get("id").asText()).singleResult();
        assertThat(form.getTenantId()).isEqualTo("BJHD");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(form.getId())
                .variableName("classSummary").singleResult().getValue())
                .isEqualTo("已停止招生：" + name + "（" + code + "），原因：满班；班上没有在读学员");

        // again: refused under 班级, saying when and why it stopped
        ResponseEntity<JsonNode> again = StartForms.submit(http, "zhouhua", "classClosing",
                Map.of("classOffering", code, "reason", "重复"));
        assertThat(again.getBody().path("message").asText()).isEqualTo("提交内容有误：班级：" + name + "（" + code
                + "）已停止招生（" + ClassFixtures.today() + " 停止，原因：满班）");

        // its name is free for the next class
        ResponseEntity<JsonNode> next = http.withBasicAuth("wuting", "demo").postForEntity("/api/classes",
                form("海淀", name, "MATH", "J2", 16, 2528, STARTS), JsonNode.class);
        assertThat(next.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(next.getBody().get("code").asText()).isNotEqualTo(code);
    }

    @Test
    void shouldNameTheStudentsStillOnAClassTakenOffSaleAndRefuseOthersClasses() {
        String code = fixtures.newClass("BJ-HD", 16);
        jdbc.sql("update class_offering set schedule = '每周六 09:00–11:00' where code = ?").param(code).update();
        String student = "停招学员" + ThreadLocalRandom.current().nextInt(1000, 9999);
        long contract = fixtures.student("BJ-HD", code, student).id();
        // the family's contract says when the class meets (decision 573)
        byte[] pdf = http.withBasicAuth("liwei", "demo").getForObject("/api/contracts/" + contract + "/pdf",
                byte[].class);
        assertThat(PdfText.of(pdf)).contains(PdfText.compact("上课时间：每周六 09:00–11:00"));
        jdbc.sql("update class_offering set active = true where code = ?").param(code).update();
        names.add(ClassFixtures.className(code));

        assertThat(http.withBasicAuth("liwei", "demo").postForEntity("/api/classes/" + code + "/enrolment-closing",
                Map.of("reason", "开班人数不足"), JsonNode.class).getStatusCode()).as("a consultant")
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> otherCampus = http.withBasicAuth("caiwen", "demo").postForEntity("/api/classes/"
                + code + "/enrolment-closing", Map.of("reason", "开班人数不足"), JsonNode.class);
        assertThat(otherCampus.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(otherCampus.getBody().at("/errors/0/field").asText()).isEqualTo("classOffering");
        ResponseEntity<JsonNode> noReason = http.withBasicAuth("zhouhua", "demo").postForEntity("/api/classes/" + code
                + "/enrolment-closing", Map.of(), JsonNode.class);
        assertThat(noReason.getBody().at("/errors/0/field").asText()).isEqualTo("reason");
        assertThat(jdbc.sql("select active from class_offering where code = ?").param(code).query(Boolean.class)
                .single()).as("nothing changed").isTrue();

        ResponseEntity<JsonNode> closed = http.withBasicAuth("zhouhua", "demo").postForEntity("/api/classes/" + code
                + "/enrolment-closing", Map.of("reason", "开班人数不足"), JsonNode.class);
        assertThat(closed.getStatusCode()).as(String.valueOf(closed.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(closed.getBody().get("students").get(0).asText()).isEqualTo(student);
        assertThat(closed.getBody().get("summary").asText()).endsWith("原因：开班人数不足；在读 1 人（" + student
                + "）照常上课，如不再开班，请为他们申请转班或退费");
    }
}
