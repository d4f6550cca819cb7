package com.enrollflow.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.common.ConflictException;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentMethod;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.Concurrently;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/**
 * Refunds under races, on H2 and PostgreSQL: eight requests on one contract at the same moment make one refund; four
 * finance clerks recording the same payout at the same moment pay it back once.
 */
@EnrollFlowTest
class RefundRaceTests {

    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    PaymentService payments;
    @Autowired
    Refunds refunds;
    @Autowired
    RefundPayouts payouts;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;

    private TeachingTestSupport.Taught paid() {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(0, 0);
        PaymentOrder order = payments.openOrder(t.opportunityId(), t.quoteId(), t.contractId(), "BJ-HD",
                new BigDecimal("12000.00"), InstallmentPlan.FULL, LocalDate.now());
        payments.record(order.id(), PaymentMethod.CASH, new BigDecimal("12000.00"), "DESK:race-" + t.contractId(), null,
                "zhaomin");
        return t;
    }

    private static <T> List<Object> atOnce(int n, Callable<T> work) throws Exception {
        return Concurrently.outcomes(Concurrently.times(n, work));
    }

    @Test
    void shouldMakeOneRefundOfEightRequestsOnOneContractAtTheSameMoment() throws Exception {
        TeachingTestSupport.Taught t = paid();
        List<Object> outcomes = atOnce(8, () -> refunds.request(new Refunds.Request(t.contractId(), null, "个人原因",
                null), "chenxi"));
        assertThat(outcomes).filteredOn(Refund.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof Refund)).hasSize(7)
                .allSatisfy(o -> assertThat(o).isInstanceOf(ConflictException.class));
        assertThat(jdbc.sql("select count(*) from refund where contract_id = ?").param(t.contractId())
                .query(Integer.class).single()).isEqualTo(1);
        Refund made = (Refund) outcomes.stream().filter(Refund.class::isInstance).findFirst().orElseThrow();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(made.refundNo())
                .count()).as("one process for the one refund").isEqualTo(1);
    }

    @Test
    void shouldPayAPayoutBackOnceWhenFourClerksRecordItAtTheSameMoment() throws Exception {
        TeachingTestSupport.Taught t = paid();
        Refund r = refunds.request(new Refunds.Request(t.contractId(), null, "个人原因", null), "chenxi");
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(r.refundNo()).singleResult();
        leads.runJobs(pi.getId());
        for (String approver : List.of("sunqiang", "zhouhua", "heyun")) {
            leads.runJobs(pi.getId());
            leads.completeAs(approver, engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
                    .singleResult(), Map.of("refundDecision", "APPROVE"));
        }
        leads.runJobs(pi.getId());
        long paymentId = payouts.plan(r.id()).get(0).paymentId();

        List<Object> outcomes = atOnce(4, () -> payouts.record(r.id(), paymentId, "XJ-RACE-" + r.id(), null, "fengyu"));
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(RefundPayouts.Recorded.class));
        assertThat(outcomes).filteredOn(o -> !((RefundPayouts.Recorded) o).duplicate()).hasSize(1);
        assertThat(jdbc.sql("select count(*) from refund_payout where refund_id = ?").param(r.id()).query(Integer.class)
                .single()).isEqualTo(1);
        assertThat(payouts.paidOut(r.id())).isEqualByComparingTo("12000.00");
    }
}
