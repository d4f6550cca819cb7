package com.enrollflow.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.enrollflow.testsupport.Concurrently;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.fasterxml.jackson.databind.JsonNode;

/** Price list, quote preview and stored quotes against the demo price list, through HTTP and the service. */
@EnrollFlowTest
class PricingApiTests {

    static final LocalDate WINTER_DAY = LocalDate.of(2026, 12, 1);

    @Autowired
    TestRestTemplate http;
    @Autowired
    PricingService pricing;
    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldListTheHaidianPriceListOfTheDay() {
        JsonNode list = http.withBasicAuth("liwei", "demo")
                .getForObject("/api/price-list?campus=BJ-HD&on=2026-12-01", JsonNode.class);
        List<JsonNode> rates = ofKind(list, "RATE");
        assertThat(rates).hasSize(36);
        assertThat(rates).filteredOn(r -> r.get("grade").asText().equals("J2")
                && r.get("teacherLevel").asText().equals("SENIOR"))
                .singleElement().satisfies(r -> assertThat(r.get("price").decimalValue()).isEqualByComparingTo("280"));
        assertThat(ofKind(list, "PACKAGE")).extracting(p -> p.get("code").asText())
                .containsExactly("PKG40", "PKG80", "PKG120");
        assertThat(ofKind(list, "PROMOTION")).extracting(p -> p.get("code").asText())
                .containsExactlyInAnyOrder("WINTER2026", "REFER200");
        assertThat(ofKind(list, "CLASS")).extracting(c -> c.get("code").asText())
                .contains("BJHD-J2-MATH-W").allMatch(code -> code.startsWith("BJHD-"));

        JsonNode october = http.withBasicAuth("fengyu", "demo")
                .getForObject("/api/price-list?campus=BJ-HD&on=2026-10-01", JsonNode.class);
        assertThat(ofKind(october, "PROMOTION")).extracting(p -> p.get("code").asText()).containsExactly("REFER200");
        JsonNode pudong = http.withBasicAuth("shenjia", "demo")
                .getForObject("/api/price-list?campus=SH-PD&on=2026-12-01", JsonNode.class);
        assertThat(http.withBasicAuth("zhaomin", "demo").getForEntity("/api/price-list?campus=SH-PD",
                String.class).getStatusCode()).as("another campus's price list").isEqualTo(
                        org.springframework.http.HttpStatus.NOT_FOUND);
        assertThat(ofKind(pudong, "RATE")).filteredOn(r -> r.get("grade").asText().equals("J2")
                && r.get("teacherLevel").asText().equals("SENIOR"))
                .singleElement().satisfies(r -> assertThat(r.get("price").decimalValue()).isEqualByComparingTo("308"));

        ResponseEntity<JsonNode> unknown = http.withBasicAuth("liwei", "demo")
                .getForEntity("/api/price-list?campus=XX", JsonNode.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().get("errors").findValuesAsText("field")).containsExactly("campus");
    }

    @Test
    void shouldPreviewAPlanWithPackagePromotionCrossSoldClassAndExtraDiscount() {
        Map<String, Object> plan = new HashMap<>(Map.of("campusCode", "BJ-HD", "productLine", "ONE_ON_ONE",
                "grade", "J2", "subject", "MATH", "teacherLevel", "SENIOR", "lessons", 80, "packageCode", "PKG80",
                "promotionCode", "WINTER2026", "classOfferingCodes", List.of("BJHD-J2-MATH-W"),
                "extraDiscount", new BigDecimal("7.36")));
        plan.put("discountReason", "凑整到 22000 元");
        plan.put("pricingDate", "2026-12-01");
        ResponseEntity<JsonNode> answer = http.withBasicAuth("liwei", "demo")
                .postForEntity("/api/quotes/preview", plan, JsonNode.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode q = answer.getBody();
        // 80 × 280 + 2528 = 24928; PKG80 10 % of 22400 = 2240; WINTER2026 3 % of 22688 = 680.64
        assertThat(q.get("listPrice").decimalValue()).isEqualByComparingTo("24928.00");
        assertThat(q.get("standardDiscount").decimalValue()).isEqualByComparingTo("2920.64");
        assertThat(q.get("extraDiscount").decimalValue()).isEqualByComparingTo("7.36");
        assertThat(q.get("finalPrice").decimalValue()).isEqualByComparingTo("22000.00");
        assertThat(q.get("discountPercent").decimalValue()).isEqualByComparingTo("0.03");
        assertThat(q.get("totalDiscountPercent").decimalValue()).isEqualByComparingTo("11.75");
        assertThat(q.get("lessons").asInt()).isEqualTo(96);
        assertThat(q.get("unitPrice").decimalValue()).isEqualByComparingTo("229.17");
        assertThat(q.get("status").asText()).isEqualTo("DRAFT");
        assertThat(q.get("createdBy").asText()).isEqualTo("liwei");
        assertThat(q.get("id").asLong()).isZero();
        assertThat(q.at("/lines/0/description").asText()).isEqualTo("一对一 初二 数学 高级教师 80课时");
        assertThat(q.at("/lines/0/finalAmount").decimalValue()).isEqualByComparingTo("19548.66");
        assertThat(q.at("/lines/0/unitPrice").decimalValue()).isEqualByComparingTo("244.36");
        assertThat(q.at("/lines/1/description").asText()).isEqualTo("初二数学寒假班");
        assertThat(q.at("/lines/1/finalAmount").decimalValue()).isEqualByComparingTo("2451.34");
        assertThat(q.at("/lines/1/unitPrice").decimalValue()).isEqualByComparingTo("153.21");
    }

    @Test
    void shouldAnswer400NamingEachBadField() {
        ResponseEntity<JsonNode> badCode = http.withBasicAuth("liwei", "demo").postForEntity("/api/quotes/preview",
                Map.of("campusCode", "BJ-HD", "productLine", "BOTH", "grade", "J9"), JsonNode.class);
        assertThat(badCode.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badCode.getBody().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("productLine", "grade");

        Map<String, Object> plan = new HashMap<>(Map.of("campusCode", "BJ-HD", "productLine", "ONE_ON_ONE",
                "grade", "J2", "subject", "MATH", "teacherLevel", "SENIOR", "lessons", 30, "packageCode", "PKG40",
                "promotionCode", "NOPE", "classOfferingCodes", List.of("SHPD-J2-MATH-W"),
                "extraDiscount", new BigDecimal("50")));
        ResponseEntity<JsonNode> bad = http.withBasicAuth("liwei", "demo").postForEntity("/api/quotes/preview",
                plan, JsonNode.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("packageCode",
                "promotionCode", "classOfferingCodes[0]", "discountReason");
        assertThat(bad.getBody().toString()).contains("至少需要 40 课时");

        plan.put("createdBy", "someoneElse");
        ResponseEntity<JsonNode> author = http.withBasicAuth("liwei", "demo").postForEntity("/api/quotes/preview",
                plan, JsonNode.class);
        assertThat(author.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(author.getBody().get("errors").findValuesAsText("field")).containsExactly("createdBy");
    }

    @Test
    void shouldKeepPricesFromStrangersAndTeachers() {
        Map<String, Object> plan = Map.of("campusCode", "BJ-HD", "productLine", "CLASS",
                "classOfferingCodes", List.of("BJHD-J2-MATH-W"));
        assertThat(http.getForEntity("/api/price-list?campus=BJ-HD", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.postForEntity("/api/quotes/preview", plan, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        TestRestTemplate teacher = http.withBasicAuth("zhengkai", "demo");
        assertThat(teacher.getForEntity("/api/price-list?campus=BJ-HD", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(teacher.postForEntity("/api/quotes/preview", plan, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(teacher.getForEntity("/api/quotes/1", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        // front desk reads prices but does not price plans
        assertThat(http.withBasicAuth("zhaomin", "demo").postForEntity("/api/quotes/preview", plan, JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.withBasicAuth("sunqiang", "demo").postForEntity("/api/quotes/preview", plan, JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void shouldSupersedeTheOpenQuotesButKeepAnApprovedOne() {
        long opportunity = newOpportunityId();
        Quote approved = pricing.createQuote(plan(opportunity, 40, null));
        assertThat(pricing.transition(approved.id(), QuoteStatus.DRAFT, QuoteStatus.PENDING_APPROVAL)).isTrue();
        assertThat(pricing.transition(approved.id(), QuoteStatus.PENDING_APPROVAL, QuoteStatus.APPROVED)).isTrue();
        Quote first = pricing.createQuote(plan(opportunity, 80, "PKG80"));
        Quote second = pricing.createQuote(plan(opportunity, 120, "PKG120"));

        assertThat(pricing.find(approved.id()).orElseThrow().status()).isEqualTo(QuoteStatus.APPROVED);
        assertThat(pricing.find(first.id()).orElseThrow().status()).isEqualTo(QuoteStatus.SUPERSEDED);
        assertThat(second.status()).isEqualTo(QuoteStatus.DRAFT);
        assertThat(second.id()).isPositive();
        assertThat(second.createdBy()).isEqualTo("liwei");
        assertThat(pricing.latestForOpportunity(opportunity)).map(Quote::id).contains(second.id());

        // a bad plan stores nothing and supersedes nothing
        assertThatThrownBy(() -> pricing.createQuote(plan(opportunity, 30, "PKG40")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(pricing.find(second.id()).orElseThrow().status()).isEqualTo(QuoteStatus.DRAFT);
        assertThat(quotesOf(opportunity)).isEqualTo(3);

        // 120 × 280 = 33600, PKG120 12 % = 4032.00
        JsonNode stored = http.withBasicAuth("fengyu", "demo").getForObject("/api/quotes/{id}", JsonNode.class,
                second.id());
        assertThat(stored.get("finalPrice").decimalValue()).isEqualByComparingTo("29568.00");
        assertThat(stored.get("unitPrice").decimalValue()).isEqualByComparingTo("246.40");
        assertThat(stored.get("packageCode").asText()).isEqualTo("PKG120");
        assertThat(stored.at("/lines/0/finalAmount").decimalValue()).isEqualByComparingTo("29568.00");
        assertThat(http.withBasicAuth("fengyu", "demo").getForEntity("/api/quotes/{id}", JsonNode.class,
                Long.MAX_VALUE).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldMoveAQuoteOnlyFromTheStatusItIsIn() throws Exception {
        long opportunity = newOpportunityId();
        Quote q = pricing.createQuote(plan(opportunity, 40, "PKG40"));
        assertThat(pricing.transition(q.id(), QuoteStatus.PENDING_APPROVAL, QuoteStatus.APPROVED)).isFalse();
        assertThat(pricing.find(q.id()).orElseThrow().status()).isEqualTo(QuoteStatus.DRAFT);

        // two approvers at once: one of them moves it
        List<Callable<Boolean>> both = List.of(
                () -> pricing.transition(q.id(), QuoteStatus.DRAFT, QuoteStatus.PENDING_APPROVAL),
                () -> pricing.transition(q.id(), QuoteStatus.DRAFT, QuoteStatus.PENDING_APPROVAL));
        assertThat(runTogether(both)).containsExactlyInAnyOrder(true, false);
        assertThat(pricing.find(q.id()).orElseThrow().status()).isEqualTo(QuoteStatus.PENDING_APPROVAL);

        assertThat(pricing.transition(q.id(), QuoteStatus.PENDING_APPROVAL, QuoteStatus.ACCEPTED)).isTrue();
        assertThatThrownBy(() -> pricing.transition(q.id(), QuoteStatus.ACCEPTED, QuoteStatus.DRAFT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(pricing.transition(Long.MAX_VALUE, QuoteStatus.DRAFT, QuoteStatus.APPROVED)).isFalse();
    }

    @Test
    void shouldLeaveOneDraftWhenTwoQuotesOfAnOpportunityAreMadeAtOnce() throws Exception {
        long opportunity = newOpportunityId();
        pricing.createQuote(plan(opportunity, 40, null));
        List<Callable<Boolean>> both = List.of(() -> created(plan(opportunity, 80, "PKG80")),
                () -> created(plan(opportunity, 120, "PKG120")));
        List<Boolean> results = runTogether(both);
        assertThat(results).contains(true);
        assertThat(jdbc.sql("select count(*) from quote where opportunity_id = ? and status = 'DRAFT'")
                .param(opportunity).query(Integer.class).single()).isEqualTo(1);
        assertThat(quotesOf(opportunity)).isEqualTo(1 + results.stream().filter(b -> b).count());
    }

    private boolean created(QuoteRequest r) {
        try {
            pricing.createQuote(r);
            return true;
        } catch (ConflictException clash) {
            assertThat(clash.status()).isEqualTo(409);
            return false;
        }
    }

    private static List<Boolean> runTogether(List<Callable<Boolean>> tasks) throws Exception {
        return Concurrently.run(tasks);
    }

    private static QuoteRequest plan(long opportunity, int lessons, String packageCode) {
        return new QuoteRequest(opportunity, "BJ-HD", ProductLine.ONE_ON_ONE, Grade.J2, Subject.MATH,
                TeacherLevel.SENIOR, lessons, packageCode, null, null, null, null, "liwei", WINTER_DAY);
    }

    private long quotesOf(long opportunity) {
        return jdbc.sql("select count(*) from quote where opportunity_id = ?").param(opportunity)
                .query(Long.class).single();
    }

    private static long newOpportunityId() {
        return 900_000_000L + ThreadLocalRandom.current().nextLong(100_000_000L);
    }

    private static List<JsonNode> ofKind(JsonNode list, String kind) {
        List<JsonNode> entries = new ArrayList<>();
        list.forEach(e -> {
            if (e.get("kind").asText().equals(kind)) {
                entries.add(e);
            }
        });
        return entries;
    }
}
