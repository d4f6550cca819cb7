package com.enrollflow.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.approval.ApprovalService;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.contract.ContractService;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.PdfText;
import com.enrollflow.testsupport.Sales;

/**
 * 预收费监管, from the consultant's plan to the desk: a 120-lesson plan paid "in full" at a Beijing campus is priced,
 * not refused, and collected in two payments of 60 lessons each, as the quote, the contract and the payment order say;
 * the desk cannot take more than one payment may collect.
 */
@EnrollFlowTest
class CollectionLimitProcessTests {

    @Autowired
    Sales sales;
    @Autowired
    Leads leads;
    @Autowired
    ProcessEngine engine;
    @Autowired
    PricingService pricing;
    @Autowired
    ApprovalService approvals;
    @Autowired
    ContractService contracts;
    @Autowired
    PaymentService payments;
    @Autowired
    JdbcClient jdbc;

    static final String SPLIT = "按预收费监管规定，分 2 次收费，每次不超过 60 课时";

    @Test
    void shouldPriceAHundredTwentyLessonPlanInTwoPaymentsOfSixtyLessonsEach() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        ProcessInstance consultation = sales.start("consultation", o, Map.of("planRevision", true));
        Map<String, Object> plan = new HashMap<>();
        plan.put("planOutcome", "PLAN");
        plan.put("lessonSubject", "MATH");
        plan.put("teacherLevel", "SENIOR");
        plan.put("lessons", 120);
        plan.put("extraDiscount", 0);
        plan.put("installmentPlan", "FULL");
        // five lessons a week: 3 months would be 65 lessons, so the 60-lesson limit is the stricter one
        plan.put("preferredTimes", sales.freePreferredTimes("T-BJHD-01", 5));

        // before submitting, the form says the rule of the campus's city (北京)
        Task makePlan = sales.task(consultation);
        assertThat(engine.getTaskService().getVariableLocal(makePlan.getId(), "collectionRule"))
                .isEqualTo("按预收费监管规定，单次收费不超过 60 课时或 3 个月的课时（按每周上课时间折算，取较少者）；超出的方案"
                        + "不受影响，自动分次收费，每次不超过上限；所选分期已在上限内的按所选收费。");
        leads.completeAs("liwei", makePlan, plan);

        // priced, not refused: the consultant's choice (一次性付清) stays on record, the quote says how it is collected
        assertThat(consultation).hasPassed("ServiceTask_CreateQuote").isEnded();
        Quote q = pricing.latestForOpportunity(o.opportunityId()).orElseThrow();
        assertThat(q.lessons()).isEqualTo(120);
        assertThat(jdbc.sql("select installment_plan from sale_terms where quote_id = ?").param(q.id())
                .query(String.class).single()).isEqualTo("FULL");
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = 'PLAN_MADE'")
                .param(o.opportunityId()).query(String.class).single()).endsWith("付款方式：" + SPLIT + "。");

        approvals.request(q.id(), List.of(), "liwei");
        ProcessInstance payment = sales.start("contractAndPayment", o, Map.of("quoteId", q.id()));
        sales.runJobs(payment);

        // the order: two payments, each 60 lessons' worth, the second when the first 60 lessons are taught
        PaymentOrder order = payments.forOpportunity(o.opportunityId()).get(0);
        BigDecimal half = q.finalPrice().divide(BigDecimal.valueOf(2));
        assertThat(order.installments()).extracting(InstallmentPlan.Due::amount)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(half, half);
        assertThat(order.installments().get(1).dueDate())
                .isEqualTo(order.installments().get(0).dueDate().plusWeeks(12));
        assertThat(order.collectionNote()).isEqualTo(SPLIT);
        // the contract prints the same split
        long contractId = contracts.forQuote(q.id()).orElseThrow().id();
        assertThat(PdfText.compact(PdfText.of(contracts.document(contractId).pdf()))).contains(PdfText.compact(SPLIT))
                .contains("第2期");

        // the desk is asked for the first payment and cannot take the whole price at once
        Task collect = sales.task(payment);
        assertThat(engine.getTaskService().getVariableLocal(collect.getId(), "amountDue"))
                .isEqualTo(Money.yuan(half) + "（第 1 期，共 2 期；未付余额 " + Money.yuan(q.finalPrice()) + "）");
        assertThatThrownBy(() -> leads.completeAs("zhaomin", collect, Map.of("paymentMethod", "CASH",
                "paymentAmount", q.finalPrice().doubleValue())))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("实收金额：按预收费监管规定，单次收费不超过 " + Money.yuan(half));
        assertThat(payments.get(order.id()).payments()).as("nothing stored").isEmpty();

        leads.completeAs("zhaomin", collect, Map.of("paymentMethod", "CASH"));
        sales.runJobs(payment);
        assertThat(payment).hasPassed("ServiceTask_CreditSale").isEnded();
        PaymentOrder paid = payments.get(order.id());
        assertThat(paid.confirmed()).isEqualByComparingTo(half);
        // the money went to the campus's supervised account
        assertThat(paid.payments()).singleElement().satisfies(p -> assertThat(p.supervisedAccount())
                .startsWith("中国工商银行北京海淀支行 0200 0049 0920 0010 001"));

        // a second payment the same day would hold more ahead of the lessons than one payment may (decision 604)
        assertThatThrownBy(() -> payments.record(order.id(), PaymentMethod.WECHAT, new BigDecimal("100.00"),
                "DESK:ahead-" + order.id(), null, "zhaomin")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("按预收费监管规定，单次收费不超过 " + Money.yuan(half) + "，尚未上课的已缴费用 "
                        + Money.yuan(half) + " 计入其中，现在最多再收 ¥0.00");
        assertThat(payments.get(order.id()).payments()).as("nothing more stored").hasSize(1);
        // once ten lessons are taught, their value may be collected again
        jdbc.sql("update hours_ledger set consumed = 10 where contract_id = ? and kind = 'LESSONS'").param(contractId)
                .update();
        BigDecimal tenLessons = payments.maxNow(payments.get(order.id()));
        assertThat(tenLessons).isPositive().isLessThan(half);
        payments.record(order.id(), PaymentMethod.WECHAT, tenLessons, "DESK:ahead-" + order.id() + "-2", null,
                "zhaomin");
        assertThat(payments.maxNow(payments.get(order.id()))).isEqualByComparingTo("0.00");
    }
}
