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
        assertThat(report.get("stages").findValuesAsText("count")).containsExactly("4", "2", "2");
        JsonNode rates = report.get("rates");
        assertThat(rates.get(0).get("percent").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(rates.get(1).get("percent").decimalValue()).isEqualByComparingTo("100.0");

        JsonNode empty = funnel("没有这个活动");
        assertThat(empty.get("stages").findValuesAsText("count")).containsExactly("0", "0", "0");
        assertThat(empty.get("rates").get(0).get("percent").isNull()).isTrue();
    }

    private JsonNode funnel(String campaign) {
        LocalDate today = LocalDate.now();
        return http.withBasicAuth("sunqiang", "demo").getForObject(
                "/api/reports/funnel?from={f}&to={t}&campaign={c}", JsonNode.class, today.minusDays(1), today.plusDays(1),
                campaign);
    }
}
