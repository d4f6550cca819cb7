package com.enrollflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import com.enrollflow.lead.LeadIntakeResult;
import com.enrollflow.lead.LeadRequest;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;
import com.fasterxml.jackson.databind.JsonNode;

/** The funnel of DOMAIN.md counted from the opportunities' stage timestamps. */
@EnrollFlowTest
class FunnelReportTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    Leads leads;
    @Autowired
    ProcessEngine engine;
    @Autowired
    com.enrollflow.testsupport.Sales sales;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    com.enrollflow.approval.ApprovalService approvals;

    @Test
    void shouldCountStagesAndRatesForACampaign() {
        init(engine);
        String campaign = "漏斗测试" + System.nanoTime();
        ProcessInstance[] intents = new ProcessInstance[4];
        for (int i = 0; i < 4; i++) {
            LeadIntakeResult r = leads.receive(new LeadRequest("漏斗" + i, Leads.newPhone(), "CAMPAIGN", null, "BJ-CY",
                    null, null, null, null, campaign, null, null));
            intents[i] = calledProcessInstance(engine.getRuntimeService().createProcessInstanceQuery()
                    .processInstanceId(r.opportunities().get(0).processInstanceId()).singleResult());
        }
        leads.completeAs("zhangli", task(intents[0]), Map.of("contactResult", "REACHED"));
        leads.completeAs("zhangli", task(intents[1]), Map.of("contactResult", "REACHED"));
        leads.completeAs("zhangli", task(intents[0]), Map.of("intentDecision", "YES", "budget", "OVER_30K",
                "startPlan", "WITHIN_2_WEEKS", "campus", "BJ-CY", "productInterest", "BOTH"));
        leads.completeAs("zhangli", task(intents[0]), Map.of("intentLevel", "HIGH"));

        JsonNode report = funnel(campaign);
        assertThat(report.get("stages").findValuesAsText("count")).containsExactly("4", "2", "2", "0", "0", "0", "0");
        JsonNode rates = report.get("rates");
        assertThat(rates.get(0).get("percent").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(rates.get(1).get("percent").decimalValue()).isEqualByComparingTo("100.0");

        JsonNode empty = funnel("没有这个活动");
        assertThat(empty.get("stages").findValuesAsText("count")).containsExactly("0", "0", "0", "0", "0", "0", "0");
        assertThat(empty.get("rates").get(0).get("percent").isNull()).isTrue();
        assertThat(empty.at("/revenue/orders").asLong()).isZero();
        assertThat(empty.at("/revenue/perOrder").isNull()).isTrue();
    }

    @Test
    void shouldCountVisitsPlansAndPaidOrdersWithTheirRevenue() {
        String campaign = "到访测试" + System.nanoTime();
        Sales.Owned paid = sales.owned("ONE_ON_ONE");
        Sales.Owned visitedOnly = sales.owned("ONE_ON_ONE");
        Sales.Owned agreedOnly = sales.owned("ONE_ON_ONE");
        for (Sales.Owned o : new Sales.Owned[] {paid, visitedOnly, agreedOnly}) {
            jdbc.sql("update opportunity set campaign = ? where id = ?").params(campaign, o.opportunityId()).update();
        }
        String visitAt = java.time.OffsetDateTime.now().plusDays(2).withHour(10).withMinute(0).toString();
        for (Sales.Owned o : new Sales.Owned[] {paid, visitedOnly, agreedOnly}) {
            ProcessInstance pi = sales.start("consultation", o, Map.of());
            if (o == agreedOnly) {
                continue;
            }
            leads.completeAs("liwei", sales.task(pi), Map.of("bookingOutcome", "BOOKED", "visitAt", visitAt));
            leads.completeAs("zhaomin", sales.task(pi), Map.of("visitOutcome", "VISITED"));
            if (o == paid) {
                leads.completeAs("zhengkai", sales.task(pi), Map.of("testLevel", "BASIC"));
                leads.completeAs("liwei", sales.task(pi), Map.of("planOutcome", "PLAN", "lessonSubject", "MATH",
                        "teacherLevel", "SENIOR", "lessons", 40, "installmentPlan", "FULL",
                        "preferredTimes", sales.freePreferredTimes("T-BJHD-01")));
            }
        }
        long quoteId = jdbc.sql("select id from quote where opportunity_id = ?").param(paid.opportunityId())
                .query(Long.class).single();
        approvals.request(quoteId, java.util.List.of(), "liwei");
        ProcessInstance payment = sales.start("contractAndPayment", paid, Map.of("quoteId", quoteId));
        sales.runJobs(payment);
        // 预收费监管: 40 lessons at two a week are collected in two payments; the first makes the order paid (成单缴费)
        // and the revenue counts the contract's value
        leads.completeAs("zhaomin", sales.task(payment), Map.of("paymentMethod", "CASH"));
        sales.runJobs(payment);

        JsonNode report = funnel(campaign);
        assertThat(report.get("stages").findValuesAsText("count")).containsExactly("3", "0", "3", "3", "2", "1", "1");
        JsonNode rates = report.get("rates");
        assertThat(rates.findValuesAsText("key")).containsExactly("validRate", "intentConversion", "intentRate",
                "agreeConversion", "agreeRate", "visitConversion", "visitRate", "closeConversion", "closeRate");
        assertThat(rates.get(3).get("percent").decimalValue()).isEqualByComparingTo("100.0");
        assertThat(rates.get(5).get("percent").decimalValue()).isEqualByComparingTo("66.7");
        assertThat(rates.get(7).get("percent").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(rates.get(1).get("percent").isNull()).as("intent / valid: no valid leads").isTrue();
        assertThat(rates.get(8).get("percent").decimalValue()).isEqualByComparingTo("33.3");
        assertThat(report.at("/revenue/orders").asLong()).isEqualTo(1);
        assertThat(report.at("/revenue/perOrder").decimalValue()).isEqualByComparingTo("10640.00");
        assertThat(report.at("/revenue/perLesson").decimalValue()).isEqualByComparingTo("266.00");
    }

    private JsonNode funnel(String campaign) {
        LocalDate today = LocalDate.now();
        // the leads are at 北京朝阳, which 总部 (head office) sees; a 海淀 supervisor would count none of them
        return http.withBasicAuth("gaofeng", "demo").getForObject(
                "/api/reports/funnel?from={f}&to={t}&campaign={c}", JsonNode.class, today.minusDays(1), today.plusDays(1),
                campaign);
    }
}
