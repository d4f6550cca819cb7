package com.enrollflow.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.contract.Contract;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentMethod;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.refund.Refund;
import com.enrollflow.refund.RefundStatus;
import com.enrollflow.refund.Refunds;
import com.enrollflow.teaching.ClassFixtures;
import com.enrollflow.testsupport.Concurrently;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.RefundRuns;
import com.enrollflow.testsupport.StartForms;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 开具发票 (decision 576): the front desk asks for a family's invoice in Tasklist or through POST /api/invoices,
 * finance of the campus issues it in Tasklist and the family is mailed its number; what is invoiced never exceeds
 * what the family paid and kept, also for two requests at once; 红冲 frees the amount; bad, foreign or excessive
 * requests store nothing.
 */
@EnrollFlowTest
class InvoiceTests {

    /** A valid 统一社会信用代码 (its check character computed as GB 32100-2015 says). */
    static final String TAX_ID = "91110108MA01G5WQ1P";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ClassFixtures classes;
    @Autowired
    PaymentService payments;
    @Autowired
    Leads leads;
    @Autowired
    Refunds refunds;
    @LocalServerPort
    int port;

    /** A 北京海淀 family that bought a ¥1,600.00 class and paid {@code paid} of it at the desk. */
    private Contract paid(String name, String paid) {
        Contract c = classes.student("BJ-HD", classes.newClass("BJ-HD", 16), name);
        PaymentOrder order = payments.openOrder(c.opportunityId(), c.quoteId(), c.id(), "BJ-HD",
                new BigDecimal("1600.00"), InstallmentPlan.FULL, LocalDate.now());
        payments.record(order.id(), PaymentMethod.CARD, new BigDecimal(paid), "DESK:invoice-" + c.id(), null,
                "zhaomin");
        jdbc.sql("update customer set email = 'family@example.com' where id = ?").param(c.customerId()).update();
        return c;
    }

    private ResponseEntity<JsonNode> post(String user, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").postForEntity("/api/invoices", new HttpEntity<>(body, headers),
                JsonNode.class);
    }

    private static Map<String, Object> body(long contractId, String type, String title, String taxId, String amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("contractId", contractId);
        body.put("titleType", type);
        body.put("title", title);
        body.put("taxId", taxId);
        body.put("amount", amount);
        return body;
    }

    private ResponseEntity<JsonNode> reverse(String user, String invoiceNo, String reason) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").postForEntity("/api/invoices/" + invoiceNo + "/reversal",
                new HttpEntity<>(Map.of("reason", reason), headers), JsonNode.class);
    }

    private ProcessInstance process(String invoiceNo) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("invoice")
                .processInstanceBusinessKey(invoiceNo).singleResult();
    }

    private Task task(String invoiceNo) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(invoiceNo).singleResult();
    }

    private int requests(long contractId) {
        return jdbc.sql("select count(*) from invoice_request where contract_id = ?").param(contractId)
                .query(Integer.class).single();
    }

    private static String today() {
        return LocalDate.now(BusinessTime.ZONE).toString();
    }

    /** 登记发票红冲 submitted as Tasklist sends it (decision 678). */
    private ResponseEntity<JsonNode> reverseInTasklist(String user, String invoice, String reason) {
        Map<String, Object> form = new HashMap<>();
        form.put("invoice", invoice);
        form.put("reason", reason);
        return StartForms.submit(http, user, "invoiceReversal", form);
    }

    @Test
    void shouldLetFinanceRecordAReversalInTasklistByTheNumberOnTheTaxPlatform() {
        Contract c = paid("周红冲", "1600.00");
        String no = post("zhaomin", body(c.id(), "个人", "周红冲", null, null)).getBody().get("id").asText();
        String number = "2611" + String.format("%016d", System.nanoTime() % 10_000_000_000_000_000L);
        leads.completeAs("fengyu", task(no), Map.of("invoiceDecision", "ISSUED", "invoiceNumber", number, "issuedOn",
                today()));
        long submissions = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("invoiceReversal").count();

        assertThat(StartForms.refusal(reverseInTasklist("fengyu", "发票12", "抬头有误")))
                .isEqualTo("提交内容有误：发票：应为开票申请编号（如 FP000012）或发票号码（20 位或 8 位数字）：“发票12”");
        assertThat(StartForms.refusal(reverseInTasklist("fengyu", number, " "))).startsWith("提交内容有误：红冲原因：");
        // 上海浦东's finance does not find 北京海淀's invoice, by either number
        assertThat(StartForms.refusal(reverseInTasklist("yuanli", number, "抬头有误")))
                .isEqualTo("提交内容有误：发票：您负责的校区中没有发票号码为 " + number + " 的发票");
        assertThat(StartForms.refusal(reverseInTasklist("yuanli", no, "抬头有误")))
                .isEqualTo("提交内容有误：发票：您负责的校区中没有开票申请 " + no);
        assertThat(reverseInTasklist("zhaomin", number, "抬头有误").getStatusCode()).as("the front desk does not reverse")
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("invoiceReversal").count()).as("no refused submission stays")
                .isEqualTo(submissions);
        assertThat(http.withBasicAuth("fengyu", "demo").getForObject("/api/invoices/" + no, JsonNode.class)
                .get("status").asText()).isEqualTo("ISSUED");

        // the number as it is read off the platform, spaces and all
        String spaced = number.substring(0, 10) + " " + number.substring(10);
        ResponseEntity<JsonNode> done = reverseInTasklist("fengyu", spaced, "抬头有误，需重开");
        assertThat(done.getStatusCode()).as(String.valueOf(done.getBody())).isEqualTo(HttpStatus.OK);
        String instance = done.getBody().get("id").asText();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
                .variableName("startResult").singleResult().getValue()).isEqualTo("发票号码 " + number + "（开票申请 " + no
                        + "，¥1,600.00）已登记红冲；这笔金额可以重新申请开票。");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
                .singleResult().getTenantId()).as("in the invoice's campus").isEqualTo("BJHD");
        JsonNode reversed = http.withBasicAuth("fengyu", "demo").getForObject("/api/invoices/" + no, JsonNode.class);
        assertThat(reversed.get("statusLabel").asText()).isEqualTo("已红冲");
        assertThat(reversed.get("reversalReason").asText()).isEqualTo("抬头有误，需重开");
        assertThat(reversed.get("reversedBy").asText()).isEqualTo("fengyu");
        assertThat(StartForms.refusal(reverseInTasklist("fengyu", no, "再来一次"))).contains("只有已开具的发票可以红冲");
    }

    @Test
    void shouldIssueACompanyInvoiceFromTheFormMailItsNumberAndFreeItsAmountWhenReversed() {
        Contract c = paid("孙开票", "1600.00");
        Map<String, Object> form = new HashMap<>();
        form.put("contract", c.number());
        form.put("titleType", "COMPANY");
        form.put("title", "北京某某科技有限公司");
        form.put("taxId", "9111 0108 ma01 g5wq1p");
        form.put("email", "finance@example.com");

        ResponseEntity<JsonNode> submitted = StartForms.submit(http, "zhaomin", "invoiceRequest", form);

        assertThat(submitted.getStatusCode()).as(String.valueOf(submitted.getBody())).isEqualTo(HttpStatus.OK);
        JsonNode listed = http.withBasicAuth("zhaomin", "demo").getForObject("/api/invoices?contractId=" + c.id(),
                JsonNode.class);
        assertThat(listed).hasSize(1);
        String no = listed.get(0).get("id").asText();
        assertThat(listed.get(0).get("amount").decimalValue()).as("everything paid").isEqualByComparingTo("1600.00");
        assertThat(listed.get(0).get("taxId").asText()).isEqualTo(TAX_ID);
        assertThat(listed.get(0).get("statusLabel").asText()).isEqualTo("待开票");
        assertThat(StartForms.told(engine, submitted)).isEqualTo(StartForms.holder(jdbc, c.id()) + "：开票申请 " + no
                + " 已提交：开票金额 ¥1,600.00，等待财务开具；开具后电子发票发送至 finance@example.com。");
        ProcessInstance pi = process(no);
        assertThat(pi.getTenantId()).isEqualTo("BJHD");
        Task issue = task(no);
        assertThat(issue.getName()).isEqualTo("开具发票");
        assertThat(engine.getTaskService().createTaskQuery().taskId(issue.getId()).taskCandidateGroup("finance")
                .count()).isOne();
        assertThat((String) engine.getTaskService().getVariableLocal(issue.getId(), "invoiceSummary"))
                .contains("抬头类型：单位").contains("发票抬头：北京某某科技有限公司").contains("纳税人识别号：" + TAX_ID)
                .contains("开票金额：¥1,600.00").contains("接收邮箱：finance@example.com").contains("申请人：赵敏（zhaomin）");

        assertThatThrownBy(() -> leads.completeAs("fengyu", issue, Map.of("invoiceDecision", "ISSUED",
                "invoiceNumber", "123", "issuedOn", today()))).hasMessageContaining("发票号码：发票号码应为 20 位数字");
        String number = "2611" + String.format("%016d", System.nanoTime() % 10_000_000_000_000_000L);
        leads.completeAs("fengyu", issue, Map.of("invoiceDecision", "ISSUED", "invoiceNumber", number, "issuedOn",
                today()));
        // what Tasklist shows finance after 完成; nobody else reads it
        assertThat(WebappSession.login(port, "fengyu", "demo").taskResult(issue.getId())).isEqualTo("孙开票 的开票申请 "
                + no + "（抬头 北京某某科技有限公司）已开具：发票号码 " + number + "，¥1,600.00；开具通知将发送至 "
                + "finance@example.com。");
        assertThat(WebappSession.login(port, "zhaomin", "demo").taskResult(issue.getId())).isNull();
        leads.runJobs(pi.getId());

        assertThat(pi).hasPassed("ServiceTask_NotifyInvoiceIssued").isEnded();
        JsonNode issued = http.withBasicAuth("fengyu", "demo").getForObject("/api/invoices/" + no, JsonNode.class);
        assertThat(issued.get("status").asText()).isEqualTo("ISSUED");
        assertThat(issued.get("invoiceNumber").asText()).isEqualTo(number);
        assertThat(issued.get("decidedBy").asText()).isEqualTo("fengyu");
        assertThat(jdbc.sql("select body from notification where kind = 'INVOICE_ISSUED' and recipient = ?")
                .param("finance@example.com").query(String.class).list()).anySatisfy(b -> assertThat(b)
                        .contains("发票号码：" + number).contains("金额：¥1,600.00").contains("北京某某科技有限公司"));
        ResponseEntity<JsonNode> more = post("zhaomin", body(c.id(), "个人", "孙开票", null, null));
        assertThat(more.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(more.getBody().toString()).contains("没有可开票的金额").contains("已开票或待开票 ¥1,600.00");

        assertThat(reverse("zhaomin", no, "抬头写错").getStatusCode()).as("the front desk does not reverse")
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> reversed = reverse("fengyu", no, "家长要求改开个人抬头");
        assertThat(reversed.getBody().get("statusLabel").asText()).isEqualTo("已红冲");
        assertThat(reverse("fengyu", no, "再来一次").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        ResponseEntity<JsonNode> again = post("zhaomin", body(c.id(), "个人", "孙开票", null, "1000"));
        assertThat(again.getStatusCode()).as(String.valueOf(again.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getBody().get("email").asText()).as("the family's own address").isEqualTo(
                "family@example.com");
    }

    @Test
    void shouldTellTheRequesterWhyFinanceCouldNotIssueAndLetTheAmountBeAskedAgain() {
        Contract c = paid("钱未开", "800.00");
        ResponseEntity<JsonNode> asked = post("chenxi", body(c.id(), "PERSONAL", "钱未开", null, null));
        assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String no = asked.getBody().get("id").asText();
        assertThat(asked.getBody().get("amount").decimalValue()).as("what was paid so far")
                .isEqualByComparingTo("800.00");
        Task issue = task(no);

        assertThatThrownBy(() -> leads.completeAs("fengyu", issue, Map.of("invoiceDecision", "REFUSED")))
                .hasMessageContaining("不能开具的原因");
        leads.completeAs("fengyu", issue, Map.of("invoiceDecision", "REFUSED", "refusalReason",
                "家长要求开单位抬头，请补充单位名称和纳税人识别号"));
        assertThat(WebappSession.login(port, "fengyu", "demo").taskResult(issue.getId()))
                .isEqualTo("钱未开 的开票申请 " + no + "（抬头 钱未开）不能开具：家长要求开单位抬头，请补充单位名称和纳税人识别号；"
                        + "将邮件告知申请人 陈曦（chenxi）。");
        leads.runJobs(process(no).getId());

        assertThat(process(no)).isNull();
        assertThat(jdbc.sql("select status from invoice_request where invoice_no = ?").param(no)
                .query(String.class).single()).isEqualTo("REFUSED");
        assertThat(jdbc.sql("select body from notification where kind = 'INVOICE_REFUSED' and dedupe_key = ?")
                .param("invoice-refused:" + no).query(String.class).single())
                .contains("家长要求开单位抬头，请补充单位名称和纳税人识别号");
        assertThat(post("chenxi", body(c.id(), "单位", "上海某某有限公司", TAX_ID, "800")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void shouldRefuseBadForeignAndExcessiveRequestsByFieldAndStoreNothing() {
        Contract c = paid("周拒绝", "1600.00");

        ResponseEntity<JsonNode> bad = post("zhaomin", body(c.id(), "单位", "<b>公司</b>", null, "-1"));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().findValuesAsText("field")).containsExactlyInAnyOrder("title", "taxId", "amount");
        assertThat(post("zhaomin", body(c.id(), "单位", "某某公司", "91110108MA01G5WQ1X", null)).getBody().toString())
                .contains("taxId").contains("统一社会信用代码校验位不符");
        assertThat(post("zhaomin", body(c.id(), "个人", "周拒绝", TAX_ID, null)).getBody().toString())
                .contains("个人抬头不填纳税人识别号");
        ResponseEntity<JsonNode> tooMuch = post("zhaomin", body(c.id(), "个人", "周拒绝", null, "1600.01"));
        assertThat(tooMuch.getBody().at("/errors/0/field").asText()).isEqualTo("amount");
        assertThat(tooMuch.getBody().toString()).contains("超过可开票金额 ¥1,600.00");
        Map<String, Object> mail = body(c.id(), "个人", "周拒绝", null, null);
        mail.put("email", "不是邮箱");
        assertThat(post("zhaomin", mail).getBody().toString()).contains("email").contains("不是有效的电子邮箱地址");
        assertThat(post("liwei", body(c.id(), "个人", "周拒绝", null, null)).getStatusCode()).as("a consultant")
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("fengyu", body(c.id(), "个人", "周拒绝", null, null)).getStatusCode())
                .as("finance issues, it does not ask").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("taoran", body(c.id(), "个人", "周拒绝", null, null)).getStatusCode())
                .as("customer service of 上海").isEqualTo(HttpStatus.NOT_FOUND);
        Map<String, Object> form = new HashMap<>();
        form.put("contract", "BJ-HD-2026-99999");
        form.put("titleType", "PERSONAL");
        form.put("title", "周拒绝");
        assertThat(StartForms.submit(http, "zhaomin", "invoiceRequest", form).getBody().path("message").asText())
                .isEqualTo("提交内容有误：合同编号或家长手机号：您负责的校区中没有合同 BJ-HD-2026-99999");

        assertThat(requests(c.id())).isZero();
    }

    @Test
    void shouldTellFinanceToReverseAnInvoiceThatARefundLeftBeyondWhatWasPaid() {
        Contract c = paid("郑退款", "1600.00");
        String no = post("zhaomin", body(c.id(), "个人", "郑退款", null, null)).getBody().get("id").asText();
        String number = "2612" + String.format("%016d", System.nanoTime() % 10_000_000_000_000_000L);
        leads.completeAs("fengyu", task(no), Map.of("invoiceDecision", "ISSUED", "invoiceNumber", number,
                "issuedOn", today()));

        Refund r = refunds.request(new Refunds.Request(c.id(), null, "RELOCATION", "全家搬到外地"), "chenxi");
        RefundRuns.throughToTheEnd(engine, leads, r.refundNo());

        assertThat(refunds.get(r.id()).status()).isEqualTo(RefundStatus.PAID);
        assertThat(jdbc.sql("select body from notification where dedupe_key = ?")
                .param("invoice-reversal-due:" + r.refundNo() + ":fengyu").query(String.class).single())
                .contains("已开具的发票 ¥1,600.00 超出家长实际支付 ¥0.00").contains("发票号码 " + number)
                .as("where finance records it").contains("在 Tasklist 的“登记发票红冲”中登记");
        assertThat(jdbc.sql("select count(*) from timeline_event where opportunity_id = ? and event_type = "
                + "'INVOICE_REVERSAL_DUE'").param(c.opportunityId()).query(Integer.class).single()).isOne();
        assertThat(reverse("fengyu", no, "退费后红冲").getBody().get("status").asText()).isEqualTo("REVERSED");
        assertThat(post("zhaomin", body(c.id(), "个人", "郑退款", null, null)).getStatusCode())
                .as("nothing was kept, nothing to invoice again").isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void shouldNotIssueARequestWhoseMoneyARefundPaidBackMeanwhile() {
        Contract c = paid("退后开", "1600.00");
        String no = post("zhaomin", body(c.id(), "个人", "退后开", null, null)).getBody().get("id").asText();
        // before finance gets to it, the family leaves and is paid everything back
        Refund r = refunds.request(new Refunds.Request(c.id(), null, "RELOCATION", "全家搬到外地"), "chenxi");
        RefundRuns.throughToTheEnd(engine, leads, r.refundNo());
        assertThat(refunds.get(r.id()).status()).isEqualTo(RefundStatus.PAID);

        String number = "2612" + String.format("%016d", System.nanoTime() % 10_000_000_000_000_000L);
        Task issue = task(no);
        assertThatThrownBy(() -> leads.completeAs("fengyu", issue, Map.of("invoiceDecision", "ISSUED",
                "invoiceNumber", number, "issuedOn", today()))).hasMessageContaining("办理结果")
                .hasMessageContaining("超过现在可开票的 ¥0.00").hasMessageContaining("已退款 ¥1,600.00")
                .hasMessageContaining("请选择“不能开具”");
        assertThat(jdbc.sql("select status from invoice_request where invoice_no = ?").param(no)
                .query(String.class).single()).isEqualTo("REQUESTED");
        assertThat(jdbc.sql("select count(*) from notification where kind = 'INVOICE_ISSUED' and dedupe_key like ?")
                .param("invoice-issued:" + no + "%").query(Integer.class).single()).as("no mail to the family")
                .isZero();

        leads.completeAs("fengyu", issue, Map.of("invoiceDecision", "REFUSED", "refusalReason", "合同已全额退费"));
        assertThat(jdbc.sql("select status from invoice_request where invoice_no = ?").param(no)
                .query(String.class).single()).isEqualTo("REFUSED");
    }

    @Test
    void shouldInvoiceOnlyWhatTheFamilyKeepsWhileItsRefundIsApproved() {
        Contract c = paid("钱在退", "1600.00");
        Refund r = refunds.request(new Refunds.Request(c.id(), null, "RELOCATION", "全家搬到外地"), "chenxi");
        assertThat(r.amount()).as("nothing taught yet: all of it goes back").isEqualByComparingTo("1600.00");

        ResponseEntity<JsonNode> whole = post("zhaomin", body(c.id(), "个人", "钱在退", null, "1600.00"));
        assertThat(whole.getStatusCode()).as("an invoice for money going back would have to be reversed")
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(whole.getBody().toString()).contains("没有可开票的金额").contains("退费审批中或待退款 ¥1,600.00");
        assertThat(requests(c.id())).isZero();

        // the refund withdrawn: the family keeps it all, and may ask for its invoice
        refunds.cancel(r.refundNo(), new Refunds.Cancellation("家长决定不退了"), "chenxi");
        assertThat(post("zhaomin", body(c.id(), "个人", "钱在退", null, "1600.00")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void shouldNeverInvoiceMoreThanWasPaidWhenTwoRequestsArriveAtOnce() throws Exception {
        Contract c = paid("吴并发", "1600.00");
        Callable<ResponseEntity<JsonNode>> whole = () -> post("zhaomin", body(c.id(), "个人", "吴并发", null, "1200"));

        List<ResponseEntity<JsonNode>> answers = Concurrently.run(Concurrently.times(3, whole));

        assertThat(answers).extracting(ResponseEntity::getStatusCode).filteredOn(HttpStatus.CREATED::equals)
                .hasSize(1);
        assertThat(answers).extracting(ResponseEntity::getStatusCode).containsOnly(HttpStatus.CREATED,
                HttpStatus.BAD_REQUEST);
        assertThat(jdbc.sql("select sum(amount) from invoice_request where contract_id = ?").param(c.id())
                .query(BigDecimal.class).single()).isEqualByComparingTo("1200.00");
    }
}
