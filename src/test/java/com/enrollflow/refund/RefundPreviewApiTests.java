package com.enrollflow.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentMethod;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.fasterxml.jackson.databind.JsonNode;

/** 退费试算 through HTTP: what was paid, what the lessons taught are worth, what would come back; by campus. */
@EnrollFlowTest
class RefundPreviewApiTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    PaymentService payments;

    private ResponseEntity<JsonNode> preview(String user, long contractId, String reason) {
        return http.withBasicAuth(user, "demo").getForEntity("/api/contracts/" + contractId + "/refund-preview"
                + (reason == null ? "" : "?reason=" + reason), JsonNode.class);
    }

    @Test
    void shouldComputeWhatComesBackFromWhatWasPaidAndTheLessonsTaught() {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(3, 2);
        PaymentOrder order = payments.openOrder(t.opportunityId(), t.quoteId(), t.contractId(), "BJ-HD",
                new BigDecimal("12000.00"), InstallmentPlan.TWO, LocalDate.now());
        payments.record(order.id(), PaymentMethod.CASH, new BigDecimal("6000.00"), "DESK:refund-" + t.contractId(),
                null, "zhaomin");

        ResponseEntity<JsonNode> answer = preview("chenxi", t.contractId(), "搬家");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = answer.getBody();
        assertThat(body.get("reason").asText()).isEqualTo("RELOCATION");
        assertThat(body.get("reasonLabel").asText()).isEqualTo("搬家或转学");
        JsonNode c = body.get("computation");
        assertThat(c.get("paid").decimalValue()).isEqualByComparingTo("6000.00");
        assertThat(c.get("consumedLessons").asInt()).isEqualTo(2);
        assertThat(c.get("purchasedLessons").asInt()).isEqualTo(60);
        // 12000.00 × 2 ÷ 60, rounded once for the line
        assertThat(c.get("consumedValue").decimalValue()).isEqualByComparingTo("400.00");
        assertThat(c.get("fees").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(c.get("amount").decimalValue()).isEqualByComparingTo("5600.00");
        assertThat(body.get("feeName").asText()).isEqualTo("无手续费");
    }

    @Test
    void shouldRefuseAnUnknownReasonByNameAndKeepToTheCallersCampuses() {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(0, 0);
        ResponseEntity<JsonNode> unknown = preview("chenxi", t.contractId(), "不想学了");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().toString()).contains("reason").contains("个人原因");
        assertThat(preview("chenxi", t.contractId(), null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(preview("taoran", t.contractId(), "PERSONAL").getStatusCode())
                .as("customer service of another campus").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(preview("liwei", t.contractId(), "PERSONAL").getStatusCode())
                .as("a consultant takes no refund requests").isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> nothingPaid = preview("zhouhua", t.contractId(), "个人原因");
        assertThat(nothingPaid.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(nothingPaid.getBody().at("/computation/amount").decimalValue()).isEqualByComparingTo("0.00");
    }
}
