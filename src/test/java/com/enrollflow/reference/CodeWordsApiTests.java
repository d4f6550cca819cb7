package com.enrollflow.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Beyond leads, every /api entry that takes a code takes the Chinese word too — query parameters (funnel, teachers,
 * rooms, price list), request bodies (quote preview, teams, desk payments) and task forms completed through the
 * engine — answers with the code (and its label beside it), and refuses an unknown word naming the field.
 */
@EnrollFlowTest
class CodeWordsApiTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Leads leads;
    @Autowired
    Sales sales;
    @Autowired
    PaymentService payments;

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    @Test
    void shouldFilterTheFunnelByCampusAndChannelNamedInChinese() {
        String period = "/api/reports/funnel?from=2026-01-01&to=2026-12-31";
        JsonNode inCodes = get("sunqiang", period + "&campus=BJ-HD&channel=PHONE").getBody();
        ResponseEntity<JsonNode> inWords = get("sunqiang", period + "&campus=海淀&channel=电话");

        assertThat(inWords.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(inWords.getBody().get("campus").asText()).isEqualTo("BJ-HD");
        assertThat(inWords.getBody().get("campusName").asText()).isEqualTo("北京海淀校区");
        assertThat(inWords.getBody().get("channel").asText()).isEqualTo("PHONE");
        assertThat(inWords.getBody().get("channelLabel").asText()).isEqualTo("电话接访");
        assertThat(inWords.getBody().get("stages")).isEqualTo(inCodes.get("stages"));

        ResponseEntity<JsonNode> unknown = get("sunqiang", period + "&campus=火星&channel=飞鸽传书");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("campus",
                "channel");
        assertThat(get("sunqiang", period + "&campus=上海浦东校区").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldListTeachersRoomsAndPricesOfACampusNamedInChinese() {
        JsonNode teachers = get("wuting", "/api/teachers?campus=BJ-HD").getBody();
        assertThat(teachers).isNotEmpty();
        assertThat(get("wuting", "/api/teachers?campus=北京海淀校区").getBody()).isEqualTo(teachers);
        assertThat(get("wuting", "/api/teachers?campus=海淀校区").getBody()).isEqualTo(teachers);
        assertThat(teachers.at("/0/teaches/0/gradeLabels")).isNotEmpty();
        assertThat(teachers.at("/0/teaches/0/gradeLabels/0").asText())
                .isEqualTo(Grade.valueOf(teachers.at("/0/teaches/0/grades/0").asText()).label());

        assertThat(get("wuting", "/api/rooms?campus=海淀").getBody()).isEqualTo(get("wuting", "/api/rooms?campus=BJ-HD")
                .getBody());
        ResponseEntity<JsonNode> nowhere = get("wuting", "/api/rooms?campus=火星");
        assertThat(nowhere.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(nowhere.getBody().at("/errors/0/field").asText()).isEqualTo("campus");
        assertThat(nowhere.getBody().at("/errors/0/message").asText()).startsWith("未知的校区“火星”，可选：");

        JsonNode prices = get("liwei", "/api/price-list?campus=BJ-HD&on=2026-12-01").getBody();
        assertThat(prices).isNotEmpty();
        assertThat(get("liwei", "/api/price-list?campus=北京海淀&on=2026-12-01").getBody()).isEqualTo(prices);
    }

    @Test
    void shouldPriceAPlanGivenInChineseWordsAsInCodes() {
        Map<String, Object> codes = new HashMap<>(Map.of("campusCode", "BJ-HD", "productLine", "ONE_ON_ONE",
                "grade", "J2", "subject", "MATH", "teacherLevel", "SENIOR", "lessons", 80, "packageCode", "PKG80",
                "pricingDate", "2026-12-01"));
        Map<String, Object> words = new HashMap<>(codes);
        words.putAll(Map.of("campusCode", "北京海淀校区", "productLine", "一对一", "grade", "初中二年级", "subject", "数学",
                "teacherLevel", "高级教师"));

        JsonNode fromCodes = post("liwei", "/api/quotes/preview", codes).getBody();
        ResponseEntity<JsonNode> fromWords = post("liwei", "/api/quotes/preview", words);

        assertThat(fromWords.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(fromWords.getBody().get("finalPrice").decimalValue())
                .isEqualByComparingTo(fromCodes.get("finalPrice").decimalValue());
        assertThat(fromWords.getBody().get("campusCode").asText()).isEqualTo("BJ-HD");
        assertThat(fromWords.getBody().get("grade").asText()).isEqualTo("J2");
        assertThat(fromWords.getBody().get("teacherLevel").asText()).isEqualTo("SENIOR");

        words.put("teacherLevel", "金牌教师");
        ResponseEntity<JsonNode> unknown = post("liwei", "/api/quotes/preview", words);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().get("errors").findValuesAsText("message"))
                .containsExactly("未知的教师级别“金牌教师”，可选：标准教师、高级教师、特级教师");
    }

    @Test
    void shouldSaveATeamGivenInChineseWordsAndNameAnUnknownStrategy() {
        ResponseEntity<JsonNode> saved = put("sunqiang", "/api/teams/HDWORDS", Map.of("name", "海淀词语组",
                "campus", "北京海淀校区", "productLine", "班课", "strategy", "轮询申领"));

        assertThat(saved.getStatusCode()).as(String.valueOf(saved.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(saved.getBody().get("campus").asText()).isEqualTo("BJ-HD");
        assertThat(saved.getBody().get("campusName").asText()).isEqualTo("北京海淀校区");
        assertThat(saved.getBody().get("productLine").asText()).isEqualTo("CLASS");
        assertThat(saved.getBody().get("productLineLabel").asText()).isEqualTo("班课");
        assertThat(saved.getBody().get("strategy").asText()).isEqualTo("ROUND_ROBIN_CLAIM");
        JsonNode member = put("sunqiang", "/api/teams/HDWORDS/members/liwei", Map.of("status", "休假",
                "capacity", 10)).getBody();
        assertThat(member.at("/members/0/status").asText()).isEqualTo("ON_LEAVE");

        ResponseEntity<JsonNode> lottery = put("sunqiang", "/api/teams/HDWORDS2", Map.of("name", "抽签组",
                "campus", "海淀", "productLine", "1对1", "strategy", "抽签"));
        assertThat(lottery.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(lottery.getBody().at("/errors/0/field").asText()).isEqualTo("strategy");
        assertThat(lottery.getBody().at("/errors/0/message").asText()).isEqualTo("未知的分配策略“抽签”，可选：主管指定、"
                + "平均分批、批次平均、轮询申领、按能力+平均、不重复分配、回收后分配原人");
        assertThat(get("sunqiang", "/api/teams/HDWORDS2").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldTakeADeskPaymentMethodInChineseButNeverOnline() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.approvedQuote(o, InstallmentPlan.TWO);
        sales.runJobs(sales.start("contractAndPayment", o, Map.of("quoteId", q.id())));
        PaymentOrder order = payments.forOpportunity(o.opportunityId()).get(0);

        ResponseEntity<JsonNode> online = pay(order.orderNo(), Map.of("method", "线上支付", "amount", 10));
        assertThat(online.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(online.getBody().at("/errors/0/message").asText())
                .isEqualTo("前台不能登记“线上支付”，可选：现金、银行卡、微信扫码、支付宝扫码、电话支付、银行转账");
        ResponseEntity<JsonNode> pigeon = pay(order.orderNo(), Map.of("method", "飞鸽", "amount", 10));
        assertThat(pigeon.getBody().at("/errors/0/message").asText()).startsWith("未知的付款方式“飞鸽”，可选：现金、");
        assertThat(payments.get(order.id()).payments()).isEmpty();

        ResponseEntity<JsonNode> wechat = pay(order.orderNo(), Map.of("method", "微信", "amount", 100.00));
        assertThat(wechat.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(payments.get(order.id()).payments()).extracting(PaymentOrder.Payment::method)
                .containsExactly("WECHAT");
    }

    @Test
    void shouldStoreCodesWhenATaskFormIsCompletedWithChineseWordsThroughTheEngine() {
        Leads.NewLead lead = leads.newLead("PHONE");
        ProcessInstance intent = calledProcessInstance(lead.enrollment());
        leads.completeAs("zhangli", task(intent), Map.of("contactResult", "REACHED"));
        Map<String, Object> answers = new HashMap<>(Map.of("intentDecision", "YES", "grade", "初二", "subject", "数学",
                "budget", "3万元以上", "startPlan", "两周内", "campus", "北京海淀校区", "productInterest", "一对一"));

        leads.completeAs("zhangli", task(intent), answers);

        assertThat(engine.getRuntimeService().getVariables(intent.getId())).containsEntry("grade", "J2")
                .containsEntry("subject", "MATH").containsEntry("budget", "OVER_30K")
                .containsEntry("startPlan", "WITHIN_2_WEEKS").containsEntry("campus", "BJ-HD")
                .containsEntry("productInterest", "ONE_ON_ONE").containsEntry("suggestedIntentLevel", "HIGH");
        leads.completeAs("zhangli", task(intent), Map.of("intentLevel", "高"));
        Opportunity qualified = leads.opportunity(lead.opportunityId());
        assertThat(List.of(qualified.grade(), qualified.subject(), qualified.budget(), qualified.campusCode(),
                qualified.productLine(), qualified.intentLevel()))
                .containsExactly("J2", "MATH", "OVER_30K", "BJ-HD", "ONE_ON_ONE", "HIGH");
    }

    private ResponseEntity<JsonNode> get(String user, String url) {
        return http.withBasicAuth(user, "demo").getForEntity(url, JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(String user, String url, Object body) {
        return http.withBasicAuth(user, "demo").postForEntity(url, body, JsonNode.class);
    }

    private ResponseEntity<JsonNode> put(String user, String url, Object body) {
        return http.withBasicAuth(user, "demo").exchange(url, HttpMethod.PUT, new HttpEntity<>(body), JsonNode.class);
    }

    private ResponseEntity<JsonNode> pay(String orderNo, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("Idempotency-Key", "words-" + Leads.newPhone());
        return http.withBasicAuth("zhaomin", "demo").exchange("/api/payment-orders/" + orderNo + "/payments",
                HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }
}
