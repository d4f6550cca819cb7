package com.enrollflow.workflow;

import static org.assertj.core.api.Assertions.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.enrollflow.customer.CustomerRecords;
import com.enrollflow.lead.LeadIntakeResult;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/** enrollment.bpmn (报名签约): the hand-over to distribution and its outcomes, and the repeated-enquiry event subprocess. */
@EnrollFlowTest
class EnrollmentProcessTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    Leads leads;
    @Autowired
    CustomerRecords customers;

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    @Test
    void shouldHandTheQualifiedOpportunityToDistributionAndEndWhenItIsLostThere() {
        Leads.NewLead lead = qualifiedLead(Leads.newPhone());
        assertThat(lead.enrollment()).isWaitingAt("CallActivity_AssignOpportunity");
        ProcessInstance assignment = calledProcessInstance(lead.enrollment());
        Task contact = task(assignment);
        leads.completeAs(contact.getAssignee(), contact, Map.of("firstContactOutcome", "CONTACTED", "contactNote", "已联系"));
        leads.completeAs(contact.getAssignee(), task(assignment), Map.of("followUpOutcome", "LOST",
                "lostReason", "预算不够"));

        assertThat(lead.enrollment()).hasPassed("Gateway_AssignmentOutcome", "EndEvent_ClosedInFollowUp").isEnded();
        Opportunity lost = leads.opportunity(lead.opportunityId());
        assertThat(lost.status()).isEqualTo("LOST");
        assertThat(lost.closeReason()).isEqualTo("预算不够");
    }

    @Test
    void shouldWaitForTheNextStageWhenTheCustomerAgreesToVisit() {
        Leads.NewLead lead = qualifiedLead(Leads.newPhone());
        ProcessInstance assignment = calledProcessInstance(lead.enrollment());
        String owner = task(assignment).getAssignee();
        leads.completeAs(owner, task(assignment), Map.of("firstContactOutcome", "CONTACTED", "contactNote", "已联系"));
        leads.completeAs(owner, task(assignment), Map.of("followUpOutcome", "ADVANCED", "followUpNote", "周六到访"));
        assertThat(lead.enrollment()).hasPassed("Gateway_AssignmentOutcome").isWaitingAt("ReceiveTask_AwaitFollowUp");

        engine.getRuntimeService().createMessageCorrelation("FollowUpCompleted")
                .processInstanceBusinessKey(String.valueOf(lead.opportunityId())).correlate();
        assertThat(lead.enrollment()).hasPassed("EndEvent_HandedToSales").isEnded();
    }

    @Test
    void shouldHandARepeatedEnquiryToTheTeamPoolWhileUnowned() {
        String phone = Leads.newPhone();
        LeadIntakeResult first = leads.receive(Leads.lead("王小红", phone, "PHONE"));
        LeadIntakeResult again = leads.receive(Leads.lead("王小红妈妈", "+86 " + phone, "WEB_FORM"));

        assertThat(again.duplicate()).isTrue();
        assertThat(again.customerId()).isEqualTo(first.customerId());
        assertThat(again.opportunities()).isEqualTo(first.opportunities());
        ProcessInstance enrollment = instance(first.opportunities().get(0).processInstanceId());
        Task repeat = taskQuery().processInstanceId(enrollment.getId()).taskDefinitionKey("Task_HandleRepeatEnquiry")
                .singleResult();
        assertThat(repeat).hasCandidateGroup("callCenter").isNotAssigned();
        assertThat(engine.getTaskService().getVariable(repeat.getId(), "repeatChannel")).isEqualTo("WEB_FORM");

        leads.completeAs("wangfang", repeat, Map.of("followUpNote", "已回电，约周六到访"));
        assertThat(enrollment).hasPassed("ServiceTask_RecordRepeatHandled", "EndEvent_RepeatEnquiryHandled");
        assertThat(enrollment).isWaitingAt("CallActivity_DetermineIntent");
        assertThat(customers.byId(first.customerId()).orElseThrow().timeline())
                .extracting(CustomerRecords.TimelineView::event)
                .containsSubsequence("LEAD_RECEIVED", "REPEAT_ENQUIRY", "REPEAT_ENQUIRY_HANDLED");
    }

    @Test
    void shouldHandARepeatedEnquiryToTheOwningConsultant() {
        String phone = Leads.newPhone();
        Leads.NewLead lead = qualifiedLead(phone);
        String owner = leads.opportunity(lead.opportunityId()).ownerUser();
        assertThat(owner).isIn("liwei", "chenjing", "liuyang");

        leads.receive(Leads.lead("再次来电", phone, "PHONE"));
        Task repeat = taskQuery().processInstanceId(lead.enrollment().getId())
                .taskDefinitionKey("Task_HandleRepeatEnquiry").singleResult();
        assertThat(repeat).isAssignedTo(owner).hasCandidateGroupAssociated("consultant");
        assertThatThrownBy(() -> leads.completeAs(owner, repeat, Map.of()))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("followUpNote");
    }

    @Test
    void shouldHandARepeatedEnquiryForALeadInATeamPoolToThatTeamOnly() {
        String phone = Leads.newPhone();
        LeadIntakeResult result = leads.receive(Leads.lead("钱多多", phone, "PHONE"));
        ProcessInstance enrollment = instance(result.opportunities().get(0).processInstanceId());
        ProcessInstance intent = calledProcessInstance(enrollment);
        leads.completeAs("zhangli", task(intent), Map.of("contactResult", "REACHED"));
        Map<String, Object> answers = new java.util.HashMap<>(LeadIntentProcessTests.exploreAnswers("CLASS"));
        answers.put("campus", "BJ-CY"); // 朝阳班课电销组: 轮询申领, the lead waits in the team pool
        leads.completeAs("zhangli", task(intent), answers);
        leads.completeAs("zhangli", task(intent), Map.of("intentLevel", "HIGH"));
        assertThat(calledProcessInstance(enrollment)).isWaitingAt("Task_ClaimFromTeamPool");

        leads.receive(Leads.lead("钱多多", phone, "PHONE"));
        Task repeat = taskQuery().processInstanceId(enrollment.getId()).taskDefinitionKey("Task_HandleRepeatEnquiry")
                .singleResult();
        assertThat(repeat).isNotAssigned().hasCandidateUser("zhangli").hasCandidateUser("wangfang");
        assertThat(engine.getTaskService().getIdentityLinksForTask(repeat.getId()))
                .noneMatch(link -> link.getGroupId() != null);
    }

    @Test
    void shouldGiveAKnownCustomerWithoutOpenOpportunityANewOne() {
        String phone = Leads.newPhone();
        LeadIntakeResult first = leads.receive(Leads.lead("李雷", phone, "PHONE"));
        ProcessInstance intent = calledProcessInstance(instance(first.opportunities().get(0).processInstanceId()));
        leads.completeAs("zhangli", task(intent), Map.of("contactResult", "REACHED"));
        leads.completeAs("zhangli", task(intent), Map.of("intentDecision", "NO", "noIntentReason", "暂不需要"));

        LeadIntakeResult later = leads.receive(Leads.lead("李雷", phone, "CAMPAIGN"));
        assertThat(later.duplicate()).isFalse();
        assertThat(later.customerId()).isEqualTo(first.customerId());
        assertThat(later.opportunities().get(0).opportunityId()).isNotEqualTo(first.opportunities().get(0).opportunityId());
        assertThat(instance(later.opportunities().get(0).processInstanceId())).isWaitingAt("CallActivity_DetermineIntent");
    }

    private Leads.NewLead qualifiedLead(String phone) {
        LeadIntakeResult result = leads.receive(Leads.lead("韩梅梅", phone, "PHONE"));
        var ref = result.opportunities().get(0);
        ProcessInstance enrollment = instance(ref.processInstanceId());
        ProcessInstance intent = calledProcessInstance(enrollment);
        leads.completeAs("zhangli", task(intent), Map.of("contactResult", "REACHED"));
        leads.completeAs("zhangli", task(intent), LeadIntentProcessTests.exploreAnswers("ONE_ON_ONE"));
        leads.completeAs("zhangli", task(intent), Map.of("intentLevel", "HIGH"));
        return new Leads.NewLead(result.customerId(), ref.opportunityId(), enrollment);
    }

    private ProcessInstance instance(String id) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }
}
