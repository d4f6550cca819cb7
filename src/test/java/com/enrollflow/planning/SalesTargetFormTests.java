package com.enrollflow.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.StartForms;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 设定销售目标 as a campus director uses it in Tasklist: the start form sets a target (or replaces the one of the same
 * campus, team, product line and period) with the rules of PUT /api/sales-targets; refusals name the form's fields
 * and store nothing. Periods of their own (2033), which no other test reads.
 */
@EnrollFlowTest
class SalesTargetFormTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    SalesTargets targets;
    @Autowired
    PlatformTransactionManager transactions;

    /** What Tasklist sends for the form: the amounts as numbers, as form-js's number fields give them. */
    private static Map<String, Object> form(String campus, String team, String productLine, String period,
            Object revenue, Object orders) {
        Map<String, Object> form = new HashMap<>();
        form.put("campus", campus);
        form.put("team", team);
        form.put("productLine", productLine);
        form.put("period", period);
        form.put("revenue", revenue);
        form.put("orders", orders);
        return form;
    }

    private ResponseEntity<JsonNode> submit(String user, Map<String, Object> form) {
        return StartForms.submit(http, user, "salesTargetSetting", form);
    }

    private List<Map<String, Object>> targets(String period) {
        return jdbc.sql("select campus_code, team_id, product_line, revenue, orders, set_by from sales_target "
                + "where period = ?").param(period).query().listOfRows();
    }

    @Test
    void shouldSetATeamsMonthlyTargetAndReplaceItWhenSetAgain() {
        ResponseEntity<JsonNode> set = submit("zhouhua", form("海淀", "海淀一对一组", "ONE_ON_ONE", "2033-01", 120000,
                10));
        assertThat(set.getStatusCode()).as(String.valueOf(set.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(targets("2033-01")).singleElement().satisfies(t -> {
            assertThat(t.get("campus_code")).isEqualTo("BJ-HD");
            assertThat(t.get("team_id")).isEqualTo("BJHD1V1");
            assertThat(t.get("product_line")).isEqualTo("ONE_ON_ONE");
            assertThat((BigDecimal) t.get("revenue")).isEqualByComparingTo("120000");
            assertThat(((Number) t.get("orders")).intValue()).isEqualTo(10);
            assertThat(t.get("set_by")).isEqualTo("zhouhua");
        });
        long id = jdbc.sql("select id from sales_target where period = '2033-01'").query(Long.class).single();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(set.getBody().get("id").asText()).variableName("salesTargetId").singleResult()
                .getValue()).isEqualTo(id);

        assertThat(submit("zhouhua", form("BJ-HD", "BJHD1V1", "一对一", "2033-01", 150000.5, null)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(targets("2033-01")).as("replaced, not added").singleElement().satisfies(t -> {
            assertThat((BigDecimal) t.get("revenue")).isEqualByComparingTo("150000.50");
            assertThat(t.get("orders")).as("no order target any more").isNull();
        });
        JsonNode read = http.withBasicAuth("zhouhua", "demo").getForObject("/api/sales-targets?period=2033-01",
                JsonNode.class).get(0);
        assertThat(read.get("revenue").decimalValue()).as("what /api reads").isEqualByComparingTo("150000.50");
        assertThat(read.get("orders").isNull()).as("no order target reads as none, not 0").isTrue();
    }

    @Test
    void shouldRefuseBadFieldsByTheFormsLabelsAndStoreNothing() {
        long submissions = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("salesTargetSetting").count();

        ResponseEntity<JsonNode> bad = submit("zhouhua", form("浦东", null, null, "十二月", null, 1.5));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().path("message").asText()).isEqualTo("提交内容有误：校区：您不负责上海浦东校区；期间：应为年份"
                + "（如 2026）或年月（如 2026-11）；目标收入（元）：必填；目标单数：单数须为整数");
        assertThat(submit("zhouhua", form("海淀", "浦东一对一组", null, "2033-02", 1000, null)).getBody()
                .path("message").asText()).isEqualTo("提交内容有误：销售团队：该校区没有销售团队“浦东一对一组”");
        assertThat(submit("hanmei", form("海淀", null, null, "2033-02", 1000, null)).getStatusCode())
                .as("marketing may not set targets").isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(targets("2033-02")).isEmpty();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("salesTargetSetting").count()).as("no refused submission stays")
                .isEqualTo(submissions);

        // head office sets any campus's target
        assertThat(submit("gaofeng", form("浦东", null, null, "2033", 2_000_000, 150)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(targets("2033")).singleElement().satisfies(t -> assertThat(t.get("campus_code")).isEqualTo("SH-PD"));
    }

    /** A team named as staff name it: its campus's team of that name, though another campus has one too. */
    @Test
    void shouldTakeTheCampusesOwnTeamOfAName() {
        String suffix = String.valueOf(ThreadLocalRandom.current().nextInt(1000, 9999));
        String name = "同名组" + suffix;
        for (String[] team : new String[][] {{"SAMEA" + suffix, "BJ-HD"}, {"SAMEB" + suffix, "SH-PD"},
                {"SAMEC" + suffix, "SH-PD"}}) {
            jdbc.sql("insert into sales_team (id, name, campus_code, product_line, strategy, member_group, "
                    + "claim_hold_cap, active) values (?, ?, ?, 'CLASS', 'SUPERVISOR_DESIGNATES', 'consultant', 5, "
                    + "false)").params(team[0], name, team[1]).update();
        }
        try {
            assertThat(submit("zhouhua", form("海淀", name, null, "2036-01", 1000, null)).getStatusCode())
                    .as("北京海淀's own team of that name, not 上海浦东's").isEqualTo(HttpStatus.OK);
            assertThat(targets("2036-01")).singleElement()
                    .satisfies(t -> assertThat(t.get("team_id")).isEqualTo("SAMEA" + suffix));
            assertThat(submit("caiwen", form("浦东", name, null, "2036-01", 1000, null)).getBody().path("message")
                    .asText()).as("two of one campus: the id tells them apart").isEqualTo("提交内容有误：销售团队：该校区有多个名为“"
                            + name + "”的团队，请填写团队编号（SAMEB" + suffix + "、SAMEC" + suffix + "）");
            assertThat(submit("caiwen", form("浦东", "SAMEC" + suffix, null, "2036-01", 1000, null)).getStatusCode())
                    .isEqualTo(HttpStatus.OK);
            assertThat(submit("caiwen", form("浦东", "海淀一对一组", null, "2036-01", 1000, null)).getBody()
                    .path("message").asText()).isEqualTo("提交内容有误：销售团队：该校区没有销售团队“海淀一对一组”");
        } finally {
            jdbc.sql("delete from sales_target_change where period = '2036-01'").update();
            jdbc.sql("delete from sales_target where period = '2036-01'").update();
            jdbc.sql("delete from sales_team where id like ?").param("SAME_" + suffix).update();
        }
    }

    /**
     * Two directors setting the same new target at the same moment: the second finds no target to replace, and its
     * insert waits on the first's uncommitted one. When the first commits, the second replaces it: both answered, one
     * target, the later value kept, never an error.
     */
    @Test
    void shouldKeepOneTargetWhenTheSameIsSetTwiceAtOnce() throws Exception {
        String period = "2034-" + String.format("%02d", ThreadLocalRandom.current().nextInt(1, 13));
        jdbc.sql("delete from sales_target_change where period = ?").param(period).update();
        jdbc.sql("delete from sales_target where period = ?").param(period).update();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<SalesTarget> second = new TransactionTemplate(transactions).execute(first -> {
                targets.set(new SalesTargets.Request("BJ-HD", null, null, period, "1000", null), "zhouhua");
                Future<SalesTarget> waiting = other.submit(() -> targets.set(new SalesTargets.Request("BJ-HD", null,
                        null, period, "2000", null), "gaofeng"));
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                assertThat(waiting).as("the second insert waits for the first transaction").isNotDone();
                return waiting;
            });
            assertThat(second.get(30, TimeUnit.SECONDS).revenue()).isEqualByComparingTo("2000");
            assertThat(targets(period)).singleElement().satisfies(t -> {
                assertThat((BigDecimal) t.get("revenue")).isEqualByComparingTo("2000");
                assertThat(t.get("set_by")).isEqualTo("gaofeng");
            });
            assertThat(jdbc.sql("select set_by from sales_target_change where period = ? order by id").param(period)
                    .query(String.class).list()).as("both settings in the history, in the order they took effect")
                    .containsExactly("zhouhua", "gaofeng");
        } finally {
            other.shutdownNow();
        }
    }
}
