package com.enrollflow.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.enrollflow.pricing.Quote;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;
import com.enrollflow.testsupport.Uploads;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 银行流水对账 in Tasklist: finance uploads the bank's statement and the transfers it names at their amounts are
 * confirmed as 确认到账 would; every other line is reported with its reason and changes nothing.
 */
@EnrollFlowTest
class BankStatementTests {

    static final String BASE = "/camunda/api/tasklist/plugin/enrollflow-bank-statement/default/";

    @LocalServerPort
    int port;
    @Autowired
    Sales sales;
    @Autowired
    Leads leads;
    @Autowired
    PaymentService payments;
    @Autowired
    ProcessEngine engine;
    @Autowired
    TestRestTemplate http;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private static String unique(String prefix) {
        return prefix + Leads.newPhone().substring(3);
    }

    private static String upload(String fileName) {
        return BASE + "reconcile?fileName=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8);
    }

    @Test
    void shouldConfirmTheTransfersTheStatementNamesAndReportEveryOtherLineWithoutChangingIt() {
        Sales.WaitingTransfer named = sales.transferWaitingForFinance(unique("HX"));
        Sales.WaitingTransfer inMemo = sales.transferWaitingForFinance("工行 " + unique(""));
        String memoRef = inMemo.reference().replace("工行 ", "");
        WebappSession fengyu = WebappSession.login(port, "fengyu", "demo");
        assertThat(fengyu.json(BASE + "options").get("mayReconcile").asBoolean()).isTrue();

        // as the bank exports it (GBK, the account's title above the table): the first transfer by its 流水号, the
        // second named in the 摘要 at another amount, a payment out, a line nobody recorded, an amount unreadable
        String csv = "中国工商银行 账户交易明细\n"
                + "账号：0200 0000 0000 0000 123,,,,,\n"
                + "交易日期,交易流水号,摘要,对方户名,收入金额,支出金额\n"
                + "2026-12-05," + named.reference().toLowerCase() + ",学费,王大明,\"" + String.format("%,.2f",
                        named.price()) + "\",\n"
                + "2026-12-05,,学费 工行" + memoRef + ",李家长," + named.price().subtract(BigDecimal.TEN) + ",\n"
                + "2026-12-05,ZC0001,房租,物业公司,,5000.00\n"
                + "2026-12-05,NOBODY0001,学费,张三,800.00,\n"
                + "2026-12-05,QQ0001,学费,赵四,八百元,\n"
                + "2026-12-05,TYPO0001,学费,李家长," + inMemo.price() + ",\n";
        WebappSession.Response report = fengyu.postBytes(upload("工行流水12月.csv"), csv.getBytes(Charset.forName("GBK")),
                true);
        assertThat(report.status()).as(String.valueOf(report.body())).isEqualTo(200);
        JsonNode body = report.body();
        assertThat(body.get("fileName").asText()).isEqualTo("工行流水12月.csv");
        assertThat(body.get("lines").asInt()).isEqualTo(6);
        assertThat(body.get("confirmed").asInt()).isEqualTo(1);
        assertThat(body.get("needsAttention").asInt()).isEqualTo(2);
        assertThat(body.get("notFound").asInt()).isEqualTo(2);
        assertThat(body.get("skipped").asInt()).isEqualTo(1);
        List<JsonNode> lines = new ArrayList<>();
        body.get("results").forEach(lines::add);
        assertThat(lines).extracting(l -> l.get("row").asInt()).containsExactly(4, 5, 6, 7, 8, 9);
        assertThat(lines).extracting(l -> l.get("statusLabel").asText())
                .containsExactly("已确认到账", "需人工核对", "非收款，已跳过", "未找到对应转账", "无法读取", "未找到对应转账");
        PaymentOrder.Payment confirmed = sales.payment(named);
        assertThat(confirmed.status()).isEqualTo("CONFIRMED");
        assertThat(confirmed.confirmedBy()).isEqualTo("fengyu");
        assertThat(lines.get(0).get("message").asText()).contains("已确认到账，收据 " + confirmed.receiptNo())
                .contains("王小明");
        assertThat(lines.get(1).get("message").asText()).contains("金额不符，未确认");
        assertThat(lines.get(3).get("message").asText()).contains("没有凭证号与此行流水号“NOBODY0001”相符");
        assertThat(lines.get(4).get("message").asText()).isEqualTo("收入金额“八百元”不是金额（如 3,200.00）");
        // a reference the desk may have mistyped: the waiting transfer at that amount is named, not confirmed
        assertThat(lines.get(5).get("message").asText()).contains("金额相同的待确认转账：合同 ")
                .contains("（凭证号 " + inMemo.reference() + "）").endsWith("未自动确认");

        // the confirmed family's sale goes on as after 确认到账 in Tasklist; the other still waits for finance
        sales.runJobs(named.pi());
        assertThat(named.pi()).hasPassed("Task_ConfirmReceipt", "ServiceTask_RecordConfirmation", "EndEvent_Paid");
        assertThat(sales.payment(inMemo).status()).isEqualTo("PENDING");
        assertThat(sales.task(inMemo.pi())).hasDefinitionKey("Task_ConfirmReceipt");
        assertThat(body.get("stillPending").findValuesAsText("reference")).contains(inMemo.reference())
                .doesNotContain(named.reference());

        // the same statement again confirms nothing new and says so
        JsonNode again = fengyu.postBytes(upload("工行流水12月.csv"), csv.getBytes(Charset.forName("GBK")), true)
                .body();
        assertThat(again.get("confirmed").asInt()).isZero();
        assertThat(again.get("confirmedBefore").asInt()).isEqualTo(1);
        assertThat(again.at("/results/0/message").asText()).isEqualTo("此前已确认到账（收据 " + confirmed.receiptNo()
                + "）");
        assertThat(sales.payment(named).receiptNo()).isEqualTo(confirmed.receiptNo());
    }

    @Test
    void shouldConfirmNoTransferOfAnotherCampusNorOneItCannotTellApart() {
        Sales.WaitingTransfer bj = sales.transferWaitingForFinance(unique("BJ"));
        String statement = "交易日期,交易流水号,收入金额\n2026-12-05," + bj.reference() + "," + bj.price() + "\n";
        // 上海浦东's finance: the 海淀 transfer is not theirs to see or confirm
        JsonNode elsewhere = WebappSession.login(port, "yuanli", "demo").postBytes(upload("流水.csv"),
                statement.getBytes(StandardCharsets.UTF_8), true).body();
        assertThat(elsewhere.at("/results/0/status").asText()).isEqualTo("NOT_FOUND");
        assertThat(sales.payment(bj).status()).isEqualTo("PENDING");

        // two families' transfers recorded under one reference at one amount: neither is confirmed on a guess
        Sales.WaitingTransfer twin = sales.transferWaitingForFinance(bj.reference());
        JsonNode ambiguous = WebappSession.login(port, "fengyu", "demo").postBytes(upload("流水.csv"),
                statement.getBytes(StandardCharsets.UTF_8), true).body();
        assertThat(ambiguous.at("/results/0/status").asText()).isEqualTo("NEEDS_ATTENTION");
        assertThat(ambiguous.at("/results/0/message").asText()).contains("待确认转账有 2 笔").contains("未确认");
        assertThat(sales.payment(bj).status()).isEqualTo("PENDING");
        assertThat(sales.payment(twin).status()).isEqualTo("PENDING");

        // a transfer whose 确认到账 a colleague has claimed and is checking stays theirs
        Sales.WaitingTransfer claimed = sales.transferWaitingForFinance(unique("CL"));
        engine.getTaskService().claim(sales.task(claimed.pi()).getId(), "heyun");
        JsonNode held = WebappSession.login(port, "fengyu", "demo").postBytes(upload("流水.csv"), ("交易流水号,收入金额\n"
                + claimed.reference() + "," + claimed.price() + "\n").getBytes(StandardCharsets.UTF_8), true).body();
        assertThat(held.at("/results/0/status").asText()).isEqualTo("NEEDS_ATTENTION");
        assertThat(held.at("/results/0/message").asText()).startsWith("该笔转账的“确认到账”任务已由 何云（heyun） 认领，未确认");
        assertThat(sales.payment(claimed).status()).isEqualTo("PENDING");
    }

    @Test
    void shouldReadTheStatementAsOnlineBankingExportsItToExcel() throws Exception {
        // a numeric 流水号 (a whole number in General format) and an amount formatted #,##0.00, under a title row
        String digits = Leads.newPhone().substring(1);
        Sales.WaitingTransfer waiting = sales.transferWaitingForFinance(digits);
        byte[] xlsx;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("交易明细");
            sheet.createRow(0).createCell(0).setCellValue("招商银行 交易明细 2026-12-01 至 2026-12-05");
            Row header = sheet.createRow(2);
            List<String> titles = List.of("记账日期", "贷方发生额", "借方发生额", "交易参考号", "对方户名", "用途");
            for (int c = 0; c < titles.size(); c++) {
                header.createCell(c).setCellValue(titles.get(c));
            }
            Row line = sheet.createRow(3);
            line.createCell(0).setCellValue("2026-12-05");
            CellStyle money = book.createCellStyle();
            money.setDataFormat(book.createDataFormat().getFormat("#,##0.00"));
            Cell amount = line.createCell(1);
            amount.setCellValue(waiting.price().doubleValue());
            amount.setCellStyle(money);
            line.createCell(3).setCellValue(Double.parseDouble(digits));
            line.createCell(4).setCellValue("王大明");
            line.createCell(5).setCellValue("学费");
            book.write(out);
            xlsx = out.toByteArray();
        }
        JsonNode report = WebappSession.login(port, "fengyu", "demo").postBytes(upload("招行流水.xlsx"), xlsx, true)
                .body();
        assertThat(report.get("confirmed").asInt()).as(report.toString()).isEqualTo(1);
        assertThat(report.at("/results/0/row").asInt()).isEqualTo(4);
        assertThat(report.at("/results/0/payer").asText()).isEqualTo("王大明");
        assertThat(sales.payment(waiting).status()).isEqualTo("CONFIRMED");
    }

    @Test
    void shouldConfirmATransferOnceWhenTheSameStatementIsUploadedTwiceAtOnce() throws Exception {
        Sales.WaitingTransfer waiting = sales.transferWaitingForFinance(unique("TW"));
        byte[] statement = ("交易流水号,收入金额\n" + waiting.reference() + "," + waiting.price() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        // two windows of the same finance user, or two colleagues, a double click
        List<WebappSession> sessions = List.of(WebappSession.login(port, "fengyu", "demo"),
                WebappSession.login(port, "fengyu", "demo"));
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService both = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<WebappSession.Response>> answers = new ArrayList<>();
            for (WebappSession session : sessions) {
                answers.add(both.submit(() -> {
                    start.await();
                    return session.postBytes(upload("流水.csv"), statement, true);
                }));
            }
            start.countDown();
            List<JsonNode> reports = new ArrayList<>();
            for (var answer : answers) {
                WebappSession.Response r = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
                reports.add(r.body());
            }
            assertThat(reports.stream().mapToInt(r -> r.get("confirmed").asInt()).sum()).isEqualTo(1);
            // the other is told it was confirmed before, or a moment ago by the other upload: never a second time
            List<String> statuses = reports.stream().map(r -> r.at("/results/0/status").asText()).toList();
            assertThat(statuses).containsOnlyOnce("CONFIRMED")
                    .anyMatch(st -> st.equals("CONFIRMED_BEFORE") || st.equals("NEEDS_ATTENTION"));
        } finally {
            both.shutdownNow();
        }
        PaymentOrder.Payment confirmed = sales.payment(waiting);
        assertThat(confirmed.status()).isEqualTo("CONFIRMED");
        assertThat(payments.forOpportunity(waiting.owned().opportunityId()).get(0).payments()).hasSize(1);
        sales.runJobs(waiting.pi());
        assertThat(waiting.pi()).hasPassed("EndEvent_Paid");
    }

    @Test
    void shouldReconcileThroughTheApiAsTheCallerWhoThenHoldsTheTask() {
        Sales.WaitingTransfer waiting = sales.transferWaitingForFinance(unique("API"));
        byte[] statement = ("交易流水号,收入金额\n" + waiting.reference() + "," + waiting.price() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        String taskId = sales.task(waiting.pi()).getId();
        ResponseEntity<JsonNode> refused = http.withBasicAuth("zhaomin", "demo")
                .postForEntity("/api/payments/bank-statements", Uploads.file("流水.csv", statement), JsonNode.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<JsonNode> r = http.withBasicAuth("fengyu", "demo")
                .postForEntity("/api/payments/bank-statements", Uploads.file("流水.csv", statement), JsonNode.class);
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody().get("confirmed").asInt()).isEqualTo(1);
        assertThat(sales.payment(waiting).confirmedBy()).isEqualTo("fengyu");
        // the task's history names who confirmed it, as after 确认到账 in Tasklist
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).singleResult()
                .getAssignee()).isEqualTo("fengyu");
        sales.runJobs(waiting.pi());
        assertThat(waiting.pi()).hasPassed("ServiceTask_RecordConfirmation", "EndEvent_Paid");
        // and so does the customer's timeline (财务确认到账), not "system"
        assertThat(jdbc.sql("select actor from timeline_event where opportunity_id = ? and event_type = ?")
                .params(waiting.owned().opportunityId(), "PAYMENT_RECEIVED").query(String.class).list())
                .containsExactly("fengyu");
    }

    @Test
    void shouldTakeAsManyLinesBelowTheBanksTitlesAsItSaysAndRefuseOneMoreConfirmingNothing() {
        Sales.WaitingTransfer waiting = sales.transferWaitingForFinance(unique("MAX"));
        StringBuilder csv = new StringBuilder("中国工商银行 账户交易明细\n账号：0200 0000 0000 0000 123\n"
                + "起止日期：2026-11-01 至 2026-11-30\n交易日期,交易流水号,摘要,对方户名,收入金额,支出金额\n");
        csv.append("2026-11-30,").append(waiting.reference()).append(",学费,王家长,").append(waiting.price())
                .append(",\n");
        for (int i = 1; i < BankStatements.MAX_ROWS; i++) {
            csv.append("2026-11-30,ZC").append(i).append(",房租,物业公司,,100.00\n");
        }
        byte[] oneMore = (csv + "2026-11-30,ZCX,房租,物业公司,,100.00\n").getBytes(StandardCharsets.UTF_8);

        ResponseEntity<JsonNode> refused = http.withBasicAuth("fengyu", "demo")
                .postForEntity("/api/payments/bank-statements", Uploads.file("十一月.csv", oneMore), JsonNode.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().at("/errors/0/message").asText())
                .isEqualTo("一次最多核对 " + BankStatements.MAX_ROWS + " 行流水，请按日期拆分文件");
        assertThat(sales.payment(waiting).status()).as("nothing confirmed").isEqualTo("PENDING");

        ResponseEntity<JsonNode> r = http.withBasicAuth("fengyu", "demo").postForEntity(
                "/api/payments/bank-statements", Uploads.file("十一月.csv", csv.toString().getBytes(
                        StandardCharsets.UTF_8)), JsonNode.class);
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody().get("lines").asInt()).isEqualTo(BankStatements.MAX_ROWS);
        assertThat(r.getBody().get("confirmed").asInt()).isOne();
        assertThat(r.getBody().get("skipped").asInt()).isEqualTo(BankStatements.MAX_ROWS - 1);
    }

    @Test
    void shouldLetOnlyFinanceReconcile() {
        byte[] statement = "交易流水号,收入金额\nX1,1.00\n".getBytes(StandardCharsets.UTF_8);
        for (String user : List.of("liwei", "zhaomin", "sunqiang")) {
            WebappSession staff = WebappSession.login(port, user, "demo");
            assertThat(staff.json(BASE + "options").get("mayReconcile").asBoolean()).as(user).isFalse();
            WebappSession.Response refused = staff.postBytes(upload("a.csv"), statement, true);
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.body().get("detail").asText()).isEqualTo("只有财务和管理员可以核对银行流水、确认到账");
        }
        WebappSession fengyu = WebappSession.login(port, "fengyu", "demo");
        assertThat(fengyu.postBytes(upload("a.csv"), statement, false).status()).isEqualTo(403);
        assertThat(WebappSession.anonymous(port).postBytes(upload("a.csv"), statement, true).status())
                .isEqualTo(401);
    }

    @Test
    void shouldNameWhatIsWrongWithAFileThatIsNoStatement() {
        WebappSession fengyu = WebappSession.login(port, "fengyu", "demo");
        assertThat(problem(fengyu, "a.csv", "姓名,电话\n王,1\n")).startsWith("表头中没有收入金额列");
        assertThat(problem(fengyu, "a.csv", "交易日期,收入金额\n2026-12-05,1.00\n"))
                .startsWith("表头中没有交易流水号或附言列");
        assertThat(problem(fengyu, "a.csv", "交易流水号,收入金额\n")).isEqualTo("文件中只有表头，没有交易明细行");
        assertThat(problem(fengyu, "a.csv", "")).isEqualTo("文件为空");
        WebappSession.Response unnamed = fengyu.postBytes(BASE + "reconcile", "x".getBytes(StandardCharsets.UTF_8),
                true);
        assertThat(unnamed.body().at("/problems/0/message").asText()).isEqualTo("请选择网银导出的交易明细文件");
    }

    private static String problem(WebappSession session, String fileName, String content) {
        WebappSession.Response r = session.postBytes(upload(fileName), content.getBytes(StandardCharsets.UTF_8), true);
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(400);
        assertThat(r.body().at("/problems/0/field").asText()).isEqualTo("file");
        return r.body().at("/problems/0/message").asText();
    }
}
