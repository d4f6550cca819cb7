package com.enrollflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentMethod;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.refund.Refund;
import com.enrollflow.refund.Refunds;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * GET /api/reports/custodial-balance (监管余额) as finance reads it: what a contract partly taught and partly paid
 * back leaves in the supervised account, only for the caller's campuses, and as a CSV Excel opens with its Chinese.
 */
@EnrollFlowTest
class CustodialBalanceApiTests {

    static final String URL = "/api/reports/custodial-balance";

    @Autowired
    TestRestTemplate http;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    PaymentService payments;
    @Autowired
    Refunds refunds;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;

    private JsonNode report(String user) {
        ResponseEntity<JsonNode> r = http.withBasicAuth(user, "demo").getForEntity(URL, JsonNode.class);
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    private static JsonNode campus(JsonNode report, String code) {
        for (JsonNode row : report.get("campuses")) {
            if (row.get("campusCode").asText().equals(code)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + code + " in " + report);
    }

    /** An amount of the JSON answer, to the fen (the reader takes 0.00 as 0.0). */
    private static BigDecimal amount(JsonNode row, String field) {
        return row.get(field).decimalValue().setScale(2, java.math.RoundingMode.HALF_UP);
    }

    /**
     * A BJ-HD contract of 60 lessons at ¥12,000 paid ¥5,000 cash then ¥7,000 WeChat, 2 lessons taught, a refund of
     * ¥11,600 approved of which finance has paid back the WeChat ¥7,000 so far (the cash ¥4,600 still to pay).
     */
    private Refunded contractPartlyTaughtAndPartlyRefunded() {
        TeachingTestSupport.Taught t = teaching.contractWithSchedule(2, 2, 1).contract();
        PaymentOrder order = payments.openOrder(t.opportunityId(), t.quoteId(), t.contractId(), "BJ-HD",
                new BigDecimal("12000.00"), InstallmentPlan.TWO, LocalDate.now());
        String[][] paid = {{"CASH", "5000.00"}, {"WECHAT", "7000.00"}};
        for (int i = 0; i < paid.length; i++) {
            String ref = "DESK:custody-test-" + t.contractId() + "-" + i;
            payments.record(order.id(), PaymentMethod.valueOf(paid[i][0]), new BigDecimal(paid[i][1]), ref, null,
                    "zhaomin");
            jdbc.sql("update payment set received_at = ? where external_ref = ?")
                    .params(OffsetDateTime.now().minusDays(2 - i), ref).update();
        }
        Refund r = refunds.request(new Refunds.Request(t.contractId(), null, "搬家", "全家搬去外地"), "chenxi");
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("refund")
                .processInstanceBusinessKey(r.refundNo()).singleResult();
        for (String approver : List.of("sunqiang", "zhouhua", "heyun")) {
            leads.completeAs(approver, task(pi), Map.of("refundDecision", "APPROVE", "approvalComment", "同意"));
        }
        Task wechat = task(pi);
        assertThat((String) engine.getTaskService().getVariable(wechat.getId(), "payoutSummary"))
                .contains("¥7,000.00");
        leads.completeAs("fengyu", wechat, Map.of("payoutVoucher", "WX-RF-" + t.contractId()));
        leads.runJobs(pi.getId());
        return new Refunded(t.contractId(), pi);
    }

    /** The contract and its refund's process, waiting for the cash payout. */
    private record Refunded(long contractId, ProcessInstance process) {
    }

    private Task task(ProcessInstance pi) {
        leads.runJobs(pi.getId());
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    @Test
    void shouldKeepWhatWasPaidLessTheLessonsTaughtAndTheMoneyPaidBack() {
        JsonNode before = campus(report("fengyu"), "BJ-HD");

        long contractId = contractPartlyTaughtAndPartlyRefunded().contractId();

        JsonNode after = campus(report("fengyu"), "BJ-HD");
        assertThat(amount(after, "paid").subtract(amount(before, "paid"))).isEqualByComparingTo("12000.00");
        assertThat(amount(after, "consumedValue").subtract(amount(before, "consumedValue")))
                .as("¥12,000 × 2 ÷ 60 lessons").isEqualByComparingTo("400.00");
        assertThat(amount(after, "refunded").subtract(amount(before, "refunded"))).isEqualByComparingTo("7000.00");
        assertThat(amount(after, "balance").subtract(amount(before, "balance")))
                .as("the cash still owed back stays in custody").isEqualByComparingTo("4600.00");
        assertThat(amount(after, "balance")).isEqualByComparingTo(amount(after, "paid")
                .subtract(amount(after, "consumedValue")).subtract(amount(after, "refunded"))
                .subtract(amount(after, "feesKept")));
        assertThat(after.get("campusName").asText()).isEqualTo("北京海淀校区");
        assertThat(after.get("bankName").asText()).isEqualTo("中国工商银行北京海淀支行");
        assertThat(after.get("accountNo").asText()).isEqualTo("0200 0049 0920 0010 001");
        // every payment of the contract names the account that received it
        assertThat(jdbc.sql("select count(*) from payment p join supervised_account a on a.id = p.supervised_account_id "
                + "where p.external_ref like ? and a.campus_code = 'BJ-HD'").param("DESK:custody-test-" + contractId
                        + "-%").query(Integer.class).single()).isEqualTo(2);
    }

    /**
     * A refund that keeps a fee (the process owner's table charges 5 % while the test runs): the fee stays in custody
     * while money is still owed back, and leaves it with the refund's settlement (已扣手续费): the family's contract then
     * holds nothing in the account.
     */
    @Test
    void shouldReleaseTheFeeARefundKeptWhenTheRefundIsSettled() {
        DmnModelInstance table = Dmn.readModelFromFile(new File("bpmn/refund-fees.dmn"));
        Rule first = table.getModelElementsByType(Rule.class).iterator().next();
        List<OutputEntry> outputs = List.copyOf(first.getOutputEntries());
        outputs.get(0).getText().setTextContent("5");
        outputs.get(1).getText().setTextContent("\"退费手续费\"");
        String deployment = engine.getRepositoryService().createDeployment().name("退费手续费（测试中修改）")
                .addModelInstance("refund-fees.dmn", table).deploy().getId();
        try {
            JsonNode before = campus(report("fengyu"), "BJ-HD");
            ProcessInstance pi = contractPartlyTaughtAndPartlyRefunded().process();
            JsonNode owing = campus(report("fengyu"), "BJ-HD");
            assertThat(amount(owing, "feesKept").subtract(amount(before, "feesKept")))
                    .as("nothing released while the cash is still owed back").isEqualByComparingTo("0.00");
            assertThat(amount(owing, "balance").subtract(amount(before, "balance")))
                    .as("¥12,000 − ¥400 taught − ¥7,000 paid back: the ¥4,020 still owed and the ¥580 fee")
                    .isEqualByComparingTo("4600.00");

            Task cash = task(pi);
            assertThat((String) engine.getTaskService().getVariable(cash.getId(), "payoutSummary"))
                    .contains("¥4,020.00");
            leads.completeAs("fengyu", cash, Map.of("payoutVoucher", "XJ-RF-" + pi.getBusinessKey()));
            leads.runJobs(pi.getId());
            JsonNode settled = campus(report("fengyu"), "BJ-HD");
            assertThat(amount(settled, "refunded").subtract(amount(before, "refunded")))
                    .as("(¥12,000 − ¥400) less the 5 % fee").isEqualByComparingTo("11020.00");
            assertThat(amount(settled, "feesKept").subtract(amount(before, "feesKept")))
                    .as("5 % of ¥11,600").isEqualByComparingTo("580.00");
            assertThat(amount(settled, "balance").subtract(amount(before, "balance")))
                    .as("the contract holds nothing in custody any more").isEqualByComparingTo("0.00");
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment, true);
        }
    }

    @Test
    void shouldShowEachCampusOnlyToItsOwnStaffAndEveryCampusToHeadOffice() {
        JsonNode shanghai = report("yuanli");
        assertThat(shanghai.get("campuses").findValuesAsText("campusCode")).containsExactly("SH-PD");
        ResponseEntity<String> foreign = http.withBasicAuth("yuanli", "demo").getForEntity(URL + "?campus=BJ-HD",
                String.class);
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(foreign.getBody()).doesNotContain("12000");

        JsonNode headOffice = report("qinlan");
        assertThat(headOffice.get("campuses").findValuesAsText("campusCode"))
                .containsExactly("BJ-CY", "BJ-HD", "SH-PD", "SH-XH");
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode row : headOffice.get("campuses")) {
            sum = sum.add(amount(row, "balance"));
        }
        assertThat(amount(headOffice.get("total"), "balance")).isEqualByComparingTo(sum);
        assertThat(report("heyun").get("campuses")).as("the finance manager of head office").hasSize(4);
        assertThat(campus(report("zhouhua"), "BJ-HD")).as("the campus director").isNotNull();
    }

    @Test
    void shouldRefuseTeachersSalesAndABadFormat() {
        for (String user : List.of("zhengkai", "liwei", "sunqiang", "hanmei")) {
            assertThat(http.withBasicAuth(user, "demo").getForEntity(URL, String.class).getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        ResponseEntity<JsonNode> bad = http.withBasicAuth("fengyu", "demo").getForEntity(URL + "?format=pdf",
                JsonNode.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().toString()).contains("format").contains("csv");
        ResponseEntity<JsonNode> unknown = http.withBasicAuth("qinlan", "demo").getForEntity(URL + "?campus=火星",
                JsonNode.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().toString()).contains("campus");
    }

    @Test
    void shouldExportACsvThatExcelOpensWithItsChineseHeaders() throws IOException {
        JsonNode json = campus(report("fengyu"), "BJ-HD");
        ResponseEntity<byte[]> csv = http.withBasicAuth("fengyu", "demo").getForEntity(URL + "?format=csv",
                byte[].class);

        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).matches("监管余额-\\d{4}-\\d{2}-\\d{2}\\.csv");
        byte[] body = csv.getBody();
        assertThat(Arrays.copyOf(body, 3)).as("UTF-8 byte-order mark")
                .containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        List<String> lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("校区代码,校区,监管银行,监管账号,户名,已收,已消课时价值,已退,已扣手续费,监管余额");
        assertThat(lines.get(1)).startsWith("BJ-HD,北京海淀校区,中国工商银行北京海淀支行,0200 0049 0920 0010 001,")
                .endsWith("," + amount(json, "paid").toPlainString() + "," + amount(json, "consumedValue").toPlainString()
                        + "," + amount(json, "refunded").toPlainString() + ","
                        + amount(json, "feesKept").toPlainString() + "," + amount(json, "balance").toPlainString());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).startsWith("合计,").endsWith("," + amount(json, "balance").toPlainString());

        ResponseEntity<byte[]> xlsx = http.withBasicAuth("fengyu", "demo").getForEntity(URL + "?format=xlsx",
                byte[].class);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            var sheet = book.getSheet("监管余额");
            assertThat(sheet.getRow(0).getCell(9).getStringCellValue()).isEqualTo("监管余额");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("BJ-HD");
            assertThat(BigDecimal.valueOf(sheet.getRow(1).getCell(9).getNumericCellValue()))
                    .isEqualByComparingTo(amount(json, "balance"));
        }
    }
}
