package com.enrollflow.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.enrollflow.common.ConflictException;
import com.enrollflow.contract.ContractService;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.pricing.QuoteStatus;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;
import com.enrollflow.testsupport.WebappSession;

/**
 * discount-approval.bpmn (优惠审批): the levels the DMN asks for run in order, each a task for its role; the first
 * rejection ends the round; nobody else can decide, and no contract is produced for a quote lacking an approval.
 */
@EnrollFlowTest
class DiscountApprovalProcessTests {

    @Autowired
    Sales sales;
    @Autowired
    Leads leads;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ApprovalService approvals;
    @Autowired
    PricingService pricing;
    @Autowired
    ContractService contracts;
    @LocalServerPort
    int port;

    /** 40 senior lessons with PKG40 at BJ-HD come to ¥10,640.00 before the extra discount. */
    private ProcessInstance approvalFor(Sales.Owned o, String extraDiscount) {
        Quote q = sales.quote(o, new BigDecimal(extraDiscount), InstallmentPlan.FULL);
        return sales.start("discountApproval", o, Map.of("quoteId", q.id(),
                "discountPercent", q.discountPercent().doubleValue(), "discountAmount", q.extraDiscount().doubleValue()));
    }

    private long quoteId(ProcessInstance pi) {
        return ((Number) engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("quoteId").singleResult().getValue()).longValue();
    }

    @Test
    void shouldApproveASmallDiscountWithoutAnyTask() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        ProcessInstance pi = approvalFor(o, "500.00"); // 4.70 %
        assertThat(pi).hasPassed("EndEvent_NoApprovalNeeded").isEnded();
        long quote = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("quoteId").singleResult().getValue() instanceof Number n ? n.longValue() : -1;
        assertThat(pricing.find(quote).orElseThrow().status()).isEqualTo(QuoteStatus.APPROVED);
        assertThat(approvals.requireApproved(quote).requiredLevels()).isEmpty();
    }

    @Test
    void shouldAskTheSupervisorForUpToFifteenPercent() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        ProcessInstance pi = approvalFor(o, "1064.00"); // 10 %
        Task task = sales.task(pi);
        assertThat(task).hasDefinitionKey("Task_ApproveDiscount").hasCandidateGroup("salesSupervisor");
        // the family waits for its price: each level has a day
        assertThat(task.getDueDate()).isCloseTo(new java.util.Date(task.getCreateTime().getTime()
                + 24 * 3_600_000L), 60_000);
        assertThat(engine.getTaskService().getVariable(task.getId(), "approvalHistory").toString())
                .contains("销售主管").contains("尚无审批意见");
        assertThat(engine.getTaskService().getVariable(task.getId(), "quoteSummary").toString())
                .contains("特批优惠 ¥1,064.00（10%）").contains("理由：老客户介绍").contains("成交价 ¥9,576.00");

        leads.completeAs("sunqiang", task, Map.of("discountDecision", "APPROVE", "approvalComment", "同意"));
        assertThat(pi).hasPassed("ServiceTask_ConcludeApproval", "EndEvent_DiscountApproved").isEnded();
        ApprovalState state = approvals.requireApproved(quoteId(pi));
        assertThat(state.decisions()).extracting(ApprovalDecision::decidedBy).containsExactly("sunqiang");
    }

    @Test
    void shouldAskTheSupervisorThenTheDirectorAboveFifteenPercentShowingEarlierDecisions() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        ProcessInstance pi = approvalFor(o, "2128.00"); // 20 %
        Task supervisor = sales.task(pi);
        leads.completeAs("sunqiang", supervisor, Map.of("discountDecision", "APPROVE", "approvalComment",
                "老客户，可以"));
        // what Tasklist shows each approver after 完成; the other one reads nothing of it
        String plan = engine.getRuntimeService().getVariable(pi.getId(), "customerName") + " 的方案";
        assertThat(WebappSession.login(port, "sunqiang", "demo").taskResult(supervisor.getId()))
                .isEqualTo(plan + "：您已同意第 1 级，待校区校长审批（共 2 级）。");
        assertThat(WebappSession.login(port, "zhouhua", "demo").taskResult(supervisor.getId())).isNull();
        Task director = sales.task(pi);
        assertThat(director).hasCandidateGroup("campusDirector");
        // the levels are a JSON variable that Cockpit and the next level read back from the database
        assertThat(engine.getRuntimeService().getVariable(pi.getId(), "approvalLevels"))
                .isEqualTo(List.of("salesSupervisor", "campusDirector"));
        assertThat(engine.getTaskService().getVariable(director.getId(), "approvalHistory").toString())
                .contains("销售主管 孙强（sunqiang）：同意（老客户，可以）");
        assertThatThrownBy(() -> contracts.issue(quoteId(pi), "liwei")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("缺少必需的优惠审批");

        leads.completeAs("zhouhua", director, Map.of("discountDecision", "APPROVE"));
        assertThat(pi).hasPassed("EndEvent_DiscountApproved").isEnded();
        assertThat(WebappSession.login(port, "zhouhua", "demo").taskResult(director.getId()))
                .isEqualTo(plan + "优惠已批准：成交价 ¥8,512.00，合同随后生成，由前台收费。");
        assertThat(approvals.requireApproved(quoteId(pi)).decisions()).hasSize(2);

        // the family's contract names the approvers, not their logins
        String contract = com.enrollflow.testsupport.PdfText.of(
                contracts.document(contracts.issue(quoteId(pi), "liwei").id()).pdf());
        assertThat(contract.replaceAll("\\s", "")).contains("销售主管孙强同意：老客户，可以", "校区校长周华同意")
                .doesNotContain("sunqiang", "zhouhua");
    }

    @Test
    void shouldSendTheQuoteBackWithTheDirectorsComment() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        ProcessInstance pi = approvalFor(o, "9000.00"); // 84.59 %
        leads.completeAs("sunqiang", sales.task(pi), Map.of("discountDecision", "APPROVE", "approvalComment", "同意"));
        // the supervisor's comment is not the director's: a rejection without one is still refused
        assertThatThrownBy(() -> leads.completeAs("zhouhua", sales.task(pi), Map.of("discountDecision", "REJECT")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("意见说明：必填");
        // nor is the supervisor's decision: a submission without one decides nothing
        assertThatThrownBy(() -> leads.completeAs("zhouhua", sales.task(pi), Map.of()))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("审批意见：必填");
        Task director = sales.task(pi);
        leads.completeAs("zhouhua", director, Map.of("discountDecision", "REJECT",
                "approvalComment", "折扣过大，最多给到 15%"));
        assertThat(WebappSession.login(port, "zhouhua", "demo").taskResult(director.getId()))
                .endsWith(" 的方案优惠已驳回：方案退回课程顾问 李伟（liwei），按您的意见修改。");

        assertThat(pi).hasPassed("EndEvent_DiscountRejected").isEnded();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("rejectionComment").singleResult().getValue()).isEqualTo("折扣过大，最多给到 15%");
        long quote = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("quoteId").singleResult().getValue() instanceof Number n ? n.longValue() : -1;
        assertThat(pricing.find(quote).orElseThrow().status()).isEqualTo(QuoteStatus.REJECTED);
        assertThatThrownBy(() -> contracts.issue(quote, "liwei")).isInstanceOf(ConflictException.class);
        assertThat(contracts.forQuote(quote)).isEmpty();
    }

    @Test
    void shouldRefuseADecisionByTheWrongRole() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        ProcessInstance pi = approvalFor(o, "1064.00");
        Task task = sales.task(pi);
        // a consultant has no right on the supervisor's task at all
        engine.getIdentityService().setAuthentication("liwei", List.of("consultant"), List.of("BJHD"));
        try {
            assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(),
                    Map.of("discountDecision", "APPROVE"))).isInstanceOf(AuthorizationException.class);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        // even an administrator, who may touch any task, is not a sales supervisor
        assertThatThrownBy(() -> leads.completeAs("admin", task, Map.of("discountDecision", "APPROVE")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("无权审批");
        assertThatThrownBy(() -> approvals.decide(quoteId(pi), 0, "zhouhua", java.util.Set.of("campusDirector"),
                "APPROVE", null)).hasMessageContaining("销售主管");
        assertThat(sales.task(pi)).hasDefinitionKey("Task_ApproveDiscount");
        assertThat(approvals.state(quoteId(pi)).orElseThrow().decisions()).isEmpty();
    }

    @Test
    void shouldNotLetOnePersonInBothGroupsApproveBothLevels() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        ProcessInstance pi = approvalFor(o, "2128.00"); // 20 %: supervisor, then director
        java.util.Set<String> both = java.util.Set.of("salesSupervisor", "campusDirector"); // a small campus's director
        engine.getIdentityService().setAuthentication("zhouhua", List.copyOf(both), List.of("BJHD"));
        try {
            approvals.decide(quoteId(pi), 0, "zhouhua", both, "APPROVE", "同意");
            assertThatThrownBy(() -> approvals.decide(quoteId(pi), 1, "zhouhua", both, "APPROVE", "同意"))
                    .hasMessageContaining("您已审批过此报价的上一级，每一级须由不同的人审批");
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        assertThat(approvals.state(quoteId(pi)).orElseThrow().decisions()).hasSize(1);
    }
}
