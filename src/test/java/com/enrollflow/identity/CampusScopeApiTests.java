package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Campus data scope (校区数据范围) through /api: a customer, quote, contract and payment order at 上海浦东 are "not
 * found" for 北京海淀's staff, with nothing of them in the answer, and found for 浦东's staff and head office; lists
 * and reports count only the caller's campuses.
 */
@EnrollFlowTest
class CampusScopeApiTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    Sales sales;
    @Autowired
    PaymentService payments;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;

    /** A sale at 上海浦东 up to its payment order: customer, quote, contract, order. */
    record PudongSale(Sales.Owned owned, Quote quote, PaymentOrder order) {
    }

    private PudongSale pudongSale() {
        Sales.Owned o = sales.ownedAt("SH-PD", "xuming", "浦东客户", "ONE_ON_ONE",
                "pd" + Leads.newPhone() + "@example.com");
        Quote q = sales.approvedQuote(o, InstallmentPlan.FULL);
        sales.runJobs(sales.start("contractAndPayment", o, Map.of("quoteId", q.id())));
        return new PudongSale(o, q, payments.forOpportunity(o.opportunityId()).get(0));
    }

    private ResponseEntity<String> get(String user, String path, Object... args) {
        return http.withBasicAuth(user, "demo").getForEntity(path, String.class, args);
    }

    private void assertHidden(String user, String path, Object... args) {
        ResponseEntity<String> answer = get(user, path, args);
        assertThat(answer.getStatusCode()).as("%s %s", user, path).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getBody()).doesNotContain("浦东客户").doesNotContain("xuming");
    }

    private void assertShown(String user, String path, Object... args) {
        assertThat(get(user, path, args).getStatusCode()).as("%s %s", user, path).isEqualTo(HttpStatus.OK);
    }

    @Test
    void shouldHideAnotherCampusCustomerQuoteContractAndOrderAndShowThemToItsOwnStaff() {
        PudongSale sale = pudongSale();
        long customer = sale.owned().customerId();
        long contract = sale.order().contractId();
        String phone = jdbc.sql("select phone from customer where id = ?").param(customer).query(String.class)
                .single();

        for (String haidian : new String[] {"liwei", "zhaomin", "sunqiang", "zhouhua", "fengyu"}) {
            if (!"fengyu".equals(haidian)) {
                assertHidden(haidian, "/api/customers/{id}", customer);
                assertHidden(haidian, "/api/customers?phone={p}", phone);
            }
            if (!"fengyu".equals(haidian) && !"zhaomin".equals(haidian)) {
                assertHidden(haidian, "/api/quotes/{id}", sale.quote().id());
            }
            assertHidden(haidian, "/api/contracts/{id}", contract);
            assertHidden(haidian, "/api/contracts/{id}/pdf", contract);
            assertHidden(haidian, "/api/contracts?opportunityId={id}", sale.owned().opportunityId());
            assertHidden(haidian, "/api/payment-orders/{no}", sale.order().orderNo());
            assertHidden(haidian, "/api/payment-orders?opportunityId={id}", sale.owned().opportunityId());
        }
        for (String allowed : new String[] {"xuming", "caiwen", "gaofeng"}) {
            assertShown(allowed, "/api/customers/{id}", customer);
            assertShown(allowed, "/api/contracts/{id}", contract);
            assertShown(allowed, "/api/payment-orders/{no}", sale.order().orderNo());
        }
        assertShown("yuanli", "/api/payment-orders/{no}", sale.order().orderNo());
        assertShown("qinlan", "/api/contracts/{id}/pdf", contract);
    }

    @Test
    void shouldRefuseToTakeMoneyOnAnotherCampusOrder() {
        PudongSale sale = pudongSale();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("Idempotency-Key", "cross-" + Leads.newPhone());
        ResponseEntity<String> paid = http.withBasicAuth("zhaomin", "demo").exchange(
                "/api/payment-orders/" + sale.order().orderNo() + "/payments", HttpMethod.POST,
                new HttpEntity<>(Map.of("method", "CASH", "amount", 100), headers), String.class);
        assertThat(paid.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(payments.forOpportunity(sale.owned().opportunityId()).get(0).payments()).isEmpty();
    }

    @Test
    void shouldListOnlyTheTeamsOfTheCallersCampuses() {
        JsonNode haidian = http.withBasicAuth("sunqiang", "demo").getForObject("/api/teams", JsonNode.class);
        assertThat(haidian.findValuesAsText("campus")).contains("BJ-HD").doesNotContain("SH-PD", "BJ-CY");
        assertThat(get("sunqiang", "/api/teams/SHPD1V1").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        JsonNode all = http.withBasicAuth("admin", "admin").getForObject("/api/teams", JsonNode.class);
        assertThat(all.findValuesAsText("campus")).contains("BJ-HD", "SH-PD", "BJ-CY", "SH-XH");

        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> foreignMember = http.withBasicAuth("panlei", "demo").exchange(
                "/api/teams/SHPD1V1/members/liwei", HttpMethod.PUT,
                new HttpEntity<>(Map.of("status", "ACTIVE", "capacity", 10), json), String.class);
        assertThat(foreignMember.getStatusCode()).as("a 海淀 consultant cannot join a 浦东 team")
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(foreignMember.getBody()).contains("userId");
        assertThat(jdbc.sql("select count(*) from team_member where team_id = 'SHPD1V1' and user_id = 'liwei'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void shouldCountOnlyTheCallersCampusesInTheFunnel() {
        pudongSale();
        // the report's days are Beijing days: from 16:00 UTC on, Beijing is already a day ahead
        LocalDate beijing = LocalDate.now(com.enrollflow.reference.BusinessTime.ZONE);
        String period = "/api/reports/funnel?from=" + beijing.minusDays(1) + "&to=" + beijing;
        ResponseEntity<String> foreign = get("zhouhua", period + "&campus=SH-PD");
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        long pudongIntent = stage(http.withBasicAuth("caiwen", "demo").getForObject(period + "&campus=SH-PD",
                JsonNode.class), "intent");
        long allForAdmin = stage(http.withBasicAuth("admin", "admin").getForObject(period, JsonNode.class),
                "intent");
        long haidianOnly = stage(http.withBasicAuth("zhouhua", "demo").getForObject(period, JsonNode.class),
                "intent");
        long haidianByAdmin = stage(http.withBasicAuth("admin", "admin").getForObject(period + "&campus=BJ-HD",
                JsonNode.class), "intent");
        assertThat(pudongIntent).isPositive();
        assertThat(haidianOnly).isEqualTo(haidianByAdmin).isLessThan(allForAdmin);
    }

    private static long stage(JsonNode report, String key) {
        for (JsonNode s : report.get("stages")) {
            if (s.get("key").asText().equals(key)) {
                return s.get("count").asLong();
            }
        }
        throw new AssertionError("no stage " + key + " in " + report);
    }

    @Test
    void shouldTellTheReceiverOnlyWhoFollowsACustomerAtAnotherCampus() {
        PudongSale sale = pudongSale();
        String phone = jdbc.sql("select phone from customer where id = ?").param(sale.owned().customerId())
                .query(String.class).single();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> answer = http.withBasicAuth("zhangli", "demo").exchange("/api/leads",
                HttpMethod.POST, new HttpEntity<>(Map.of("name", "重复客户", "phone", phone, "channel", "PHONE",
                        "campus", "BJ-HD"), headers), JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = answer.getBody();
        assertThat(body.get("duplicate").asBoolean()).isTrue();
        assertThat(body.get("customerId").isNull()).as("no customer id to look up").isTrue();
        assertThat(body.get("opportunities")).isEmpty();
        assertThat(body.get("followedElsewhere").get(0).get("followedBy").asText()).contains("徐明");
        assertThat(body.get("followedElsewhere").get(0).get("campusName").asText()).isEqualTo("上海浦东校区");
        assertThat(answer.getHeaders().getLocation()).isNull();
        assertThat(body.toString()).doesNotContain("浦东客户");
        assertThat(get("zhangli", "/api/customers?phone={p}", phone).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(jdbc.sql("select count(*) from opportunity where customer_id = ?")
                .param(sale.owned().customerId()).query(Integer.class).single()).as("one customer, one owner")
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from enquiry where customer_id = ? and repeat_enquiry = true")
                .param(sale.owned().customerId()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void shouldRefuseALeadForACampusTheReceiverDoesNotServe() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String phone = Leads.newPhone();
        ResponseEntity<JsonNode> answer = http.withBasicAuth("zhangli", "demo").exchange("/api/leads",
                HttpMethod.POST, new HttpEntity<>(Map.of("name", "上海客户", "phone", phone, "channel", "PHONE",
                        "campus", "SH-PD"), headers), JsonNode.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().get("errors").get(0).get("field").asText()).isEqualTo("campus");
        assertThat(jdbc.sql("select count(*) from customer where phone = ?").param("+86" + phone)
                .query(Integer.class).single()).isZero();
    }
}
