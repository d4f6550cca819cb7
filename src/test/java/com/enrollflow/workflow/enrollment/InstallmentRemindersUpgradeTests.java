package com.enrollflow.workflow.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;

/**
 * An enrollment of the version before the multi-instance 分期缴费提醒 (test resource
 * migration/enrollment-loop-version.bpmn: the reminders were started by a loop inside 签约与缴费), waiting to sign,
 * would call today's 签约与缴费 and so never see its installments reminded. The upgrade at start moves it to today's
 * version, and its second installment gets its reminder.
 */
@EnrollFlowTest
class InstallmentRemindersUpgradeTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    Sales sales;
    @Autowired
    Leads leads;
    @Autowired
    PaymentService payments;
    @Autowired
    InstallmentRemindersUpgrade upgrade;

    private final List<String> deployments = new ArrayList<>();

    /** Today's version stays the latest for the other tests. */
    @AfterEach
    void removeTestVersions() {
        deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
    }

    private ProcessDefinition deploy(String name, Path model) throws IOException {
        var repository = engine.getRepositoryService();
        var deployment = repository.createDeployment().name(name)
                .addInputStream("enrollment.bpmn", Files.newInputStream(model))
                .addInputStream("handle-repeat-enquiry.form", Files.newInputStream(Path.of("forms/handle-repeat-enquiry.form")))
                .deploy();
        deployments.add(deployment.getId());
        return repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult();
    }

    @Test
    void shouldMoveAWaitingEnrollmentOfTheLoopVersionSoThatItsInstallmentsAreReminded() throws IOException {
        ProcessDefinition loopVersion = deploy("enrollment, loop version (test)",
                Path.of("src/test/resources/migration/enrollment-loop-version.bpmn"));
        Object multiInstance = engine.getRepositoryService().getBpmnModelInstance(loopVersion.getId())
                .getModelElementById(InstallmentRemindersUpgrade.MULTI_INSTANCE);
        assertThat(multiInstance).isNull();
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Quote q = sales.approvedQuote(o, InstallmentPlan.TWO);
        ProcessInstance enrollment = sales.startBefore("enrollment", "CallActivity_ContractAndPayment", o,
                Map.of("quoteId", q.id()));
        assertThat(enrollment.getProcessDefinitionId()).isEqualTo(loopVersion.getId());

        // the release: today's enrollment.bpmn again, and the upgrade at start
        ProcessDefinition today = deploy("enrollment, today (test)", Path.of("bpmn/enrollment.bpmn"));
        upgrade.upgrade();
        ProcessInstance moved = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(enrollment.getId()).singleResult();
        assertThat(moved.getProcessDefinitionId()).isEqualTo(today.getId());
        assertThat(moved).isWaitingAt("CallActivity_ContractAndPayment");
        upgrade.upgrade(); // a second node, or the next start: nothing left to do, nothing doubled
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionId(loopVersion.getId())
                .count()).isZero();

        // the first installment is paid at the desk: the second one gets its reminder
        ProcessInstance payment = engine.getRuntimeService().createProcessInstanceQuery()
                .superProcessInstanceId(enrollment.getId()).singleResult();
        sales.runJobs(payment);
        PaymentOrder order = payments.forOpportunity(o.opportunityId()).get(0);
        leads.completeAs("zhaomin", sales.task(payment), Map.of("paymentMethod", "CASH",
                "paymentAmount", order.installments().get(0).amount().doubleValue()));
        sales.runJobs(payment);
        sales.runJobs(moved);
        assertThat(moved).hasPassed("ServiceTask_ListInstallments")
                .isWaitingAt("CallActivity_InstallmentReminders", "CallActivity_ScheduleLessons");
        ProcessInstance reminder = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("installmentReminder").processInstanceBusinessKey(String.valueOf(o.opportunityId()))
                .singleResult();
        assertThat(reminder).isNotNull();
        assertThat(reminder).variables().containsEntry("installmentSeq", 2);
    }
}
