package com.enrollflow.workflow;

import static org.assertj.core.api.Assertions.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.enrollflow.customer.CustomerRecords;
import com.enrollflow.lead.LeadIntakeResult;
import com.enrollflow.lead.LeadRequest;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/** Every path of lead-intent.bpmn (确定客户意向), driven from a real lead. */
@EnrollFlowTest
public class LeadIntentProcessTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    Leads leads;
    @Autowired
    OpportunityRepository opportunities;
    @Autowired
    CustomerRecords customers;

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    @Test
    void shouldQualifyReachableLeadWithConfirmedIntent() {
        Leads.NewLead lead = leads.newLead("PHONE");
        ProcessInstance intent = calledProcessInstance(lead.enrollment());

        assertThat(lead.enrollment()).isWaitingAt("CallActivity_DetermineIntent");
        assertThat(intent).hasBusinessKey(String.valueOf(lead.opportunityId())).isWaitingAt("Task_FirstContact");
        assertThat(task(intent)).hasCandidateGroup("callCenter");
        assertThat(task(intent).getDueDate()).isAfter(java.util.Date.from(Instant.now().plus(Duration.ofHours(23))));

        leads.completeAs("zhangli", task(intent), Map.of("contactResult", "REACHED"));
        assertThat(intent).hasPassed("ServiceTask_MarkValid").isWaitingAt("Task_ExploreIntent");
        assertThat(task(intent)).isAssignedTo("zhangli").hasCandidateGroupAssociated("callCenter");
        Opportunity valid = leads.opportunity(lead.opportunityId());
        assertThat(valid.stage()).isEqualTo("VALID");
        assertThat(valid.validAt()).isNotNull();
        assertThat(valid.ownerUser()).isEqualTo("zhangli");

        leads.completeAs("zhangli", task(intent), exploreAnswers("ONE_ON_ONE"));
        assertThat(intent).hasPassed("BusinessRuleTask_SuggestIntentLevel").isWaitingAt("Task_ConfirmIntent");
        assertThat(intent).variables().containsEntry("suggestedIntentLevel", "HIGH").containsEntry("intentLevel", "HIGH")
                .containsEntry("suggestionReason", "两周内开课，预算明确");

        leads.completeAs("zhangli", task(intent), Map.of("intentLevel", "HIGH"));
        assertThat(intent).hasPassedInOrder("ServiceTask_QualifyOpportunity", "EndEvent_IntentQualified").isEnded();
        assertThat(lead.enrollment()).isWaitingAt("CallActivity_AssignOpportunity");
        assertThat(calledProcessInstance(lead.enrollment())).isWaitingAt("Task_MakeFirstContact");

        Opportunity qualified = leads.opportunity(lead.opportunityId());
        assertThat(qualified.stage()).as("distribution assigned it at once").isEqualTo("ASSIGNED");
        assertThat(qualified.intentAt()).isNotNull();
        assertThat(qualified.productLine()).isEqualTo("ONE_ON_ONE");
        assertThat(qualified.intentLevel()).isEqualTo("HIGH");
        assertThat(qualified.budget()).isEqualTo("OVER_30K");
        assertThat(customers.byId(lead.customerId()).orElseThrow().timeline())
                .extracting(CustomerRecords.TimelineView::event)
                .containsExactly("LEAD_RECEIVED", "MARKED_VALID", "INTENT_CONFIRMED", "ROUTED", "ASSIGNED");
    }

    @Test
    void shouldShowTheFirstContactFormWhatTheEnquirySaidWithoutStoringItTwice() {
        Leads.NewLead lead = leads.newLead("PHONE");
        ProcessInstance intent = calledProcessInstance(lead.enrollment());

        // what the first-contact form reads: the task's variables, as Tasklist fetches them
        Map<String, Object> shown = engine.getTaskService().getVariables(task(intent).getId());
        assertThat(shown).containsEntry("opportunityId", lead.opportunityId())
                .containsEntry("customerName", "测试客户").containsEntry("channel", "PHONE")
                .containsEntry("campus", "BJ-HD").containsEntry("notes", "想了解数学辅导")
                .containsEntry("contactGroup", "callCenter").containsKey("phoneDisplay")
                .as("the enquiry's grade and subject wait until the customer is reached")
                .doesNotContainKeys("grade", "subject", "goal");
        // the level-2 instance keeps only what every level shows; the enquiry's details live in leadIntent, and the
        // phone number only on the tasks of the roles that call families (task-local, 校区数据范围)
        assertThat(engine.getRuntimeService().getVariablesLocal(lead.enrollment().getId()).keySet())
                .containsExactlyInAnyOrder("opportunityId", "customerName", "campus", "productLine");
        assertThat(engine.getTaskService().getVariablesLocal(task(intent).getId())).containsKey("phoneDisplay");

        leads.completeAs("zhangli", task(intent), Map.of("contactResult", "REACHED"));
        assertThat(intent).isWaitingAt("Task_ExploreIntent");
        assertThat(engine.getTaskService().getVariables(task(intent).getId()))
                .as("了解客户意向 shows what the enquiry gave, for the consultant to confirm")
                .containsEntry("grade", "J2").containsEntry("subject", "MATH").containsEntry("customerName", "测试客户")
                .as("an enquiry without a product line leaves 感兴趣的产品线 to the form").doesNotContainKey("productInterest");
    }

    @Test
    void shouldOfferTheProductLineTheEnquiryNamedInTheIntentForm() {
        LeadIntakeResult result = leads.receive(new LeadRequest("测试班课", Leads.newPhone(), "PHONE", null, "BJ-HD",
                "班课", "J2", "MATH", null, null, null, "想报初二数学班"));
        ProcessInstance intent = calledProcessInstance(engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(result.opportunities().get(0).processInstanceId()).singleResult());
        leads.completeAs("zhangli", task(intent), Map.of("contactResult", "REACHED"));

        assertThat(engine.getTaskService().getVariables(task(intent).getId()))
                .as("了解客户意向 offers the product line 登记客户咨询 took, to confirm or change")
                .containsEntry("productInterest", "CLASS");
        Map<String, Object> answers = exploreAnswers("BOTH");
        leads.completeAs("zhangli", task(intent), answers);
        leads.completeAs("zhangli", task(intent), Map.of("intentLevel", "HIGH"));
        assertThat(leads.opportunity(result.opportunities().get(0).opportunityId()).productLine())
                .as("the consultant's change wins: both lines, this one kept as 1:1 and the class split off")
                .isEqualTo("ONE_ON_ONE");
    }

    @Test
    void shouldKeepTheCustomersNameAndPhoneOutOfTheEngineHistoryButRecordWhatStaffEntered() {
        Leads.NewLead lead = leads.newLead("PHONE");
        ProcessInstance intent = calledProcessInstance(lead.enrollment());
        leads.completeAs("zhangli", task(intent), Map.of("contactResult", "REACHED"));

        Map<String, Object> recorded = new HashMap<>();
        for (String instance : List.of(lead.enrollment().getId(), intent.getId())) {
            engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance).list()
                    .forEach(v -> recorded.put(v.getName(), v.getValue()));
        }
        assertThat(recorded).as("the history of the lead's two instances")
                .containsEntry("opportunityId", lead.opportunityId()).containsEntry("contactResult", "REACHED")
                .containsEntry("channel", "PHONE").containsEntry("grade", "J2")
                .doesNotContainKeys("customerName", "phoneDisplay");
        assertThat(engine.getTaskService().getVariables(task(intent).getId()))
                .as("while the open task still shows them").containsEntry("customerName", "测试客户")
                .containsKey("phoneDisplay");
    }

    @Test
    void shouldSendWalkInsToConsultantsForFirstContact() {
        Leads.NewLead lead = leads.newLead("WALK_IN");
        ProcessInstance intent = calledProcessInstance(lead.enrollment());
        assertThat(task(intent)).hasCandidateGroup("consultant");
        assertThat(leads.opportunity(lead.opportunityId()).ownerGroup()).isEqualTo("consultant");
    }

    @Test
    void shouldRetryUnreachableLeadOnTimersThenCloseItInvalid() {
        Leads.NewLead lead = leads.newLead("CAMPAIGN");
        ProcessInstance intent = calledProcessInstance(lead.enrollment());
        List<Duration> expectedWaits = List.of(Duration.ofHours(4), Duration.ofDays(1), Duration.ofDays(2));
        for (Duration wait : expectedWaits) {
            leads.completeAs("wangfang", task(intent), Map.of("contactResult", "UNREACHABLE"));
            assertThat(intent).isWaitingAt("TimerEvent_WaitForNextAttempt");
            Job timer = job(intent);
            Duration due = Duration.between(Instant.now(), timer.getDuedate().toInstant());
            assertThat(due).isBetween(wait.minusMinutes(2), wait);
            execute(timer);
            assertThat(intent).isWaitingAt("Task_FirstContact");
        }
        leads.completeAs("wangfang", task(intent), Map.of("contactResult", "UNREACHABLE"));

        assertThat(intent).hasPassed("ServiceTask_CloseUnreachable").isEnded();
        assertThat(intent).hasPassed("EndEvent_Unreachable");
        assertThat(lead.enrollment()).hasPassed("EndEvent_OpportunityClosed").isEnded();
        Opportunity closed = leads.opportunity(lead.opportunityId());
        assertThat(closed.status()).isEqualTo("INVALID");
        assertThat(closed.contactAttempts()).isEqualTo(4);
        assertThat(closed.closeReason()).isEqualTo("联系 4 次均未接通");
        assertThat(closed.closedAt()).isNotNull();
    }

    @Test
    void shouldCloseWrongNumberAsInvalidWithTheAgentsNote() {
        Leads.NewLead lead = leads.newLead("PHONE");
        ProcessInstance intent = calledProcessInstance(lead.enrollment());

        assertThatThrownBy(() -> leads.completeAs("zhangli", task(intent), Map.of("contactResult", "WRONG_NUMBER")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("联系记录：");
        assertThat(intent).isWaitingAt("Task_FirstContact");

        leads.completeAs("zhangli", task(intent), Map.of("contactResult", "WRONG_NUMBER", "contactNote", "接电话的是别人"));
        assertThat(intent).hasPassed("ServiceTask_CloseWrongInformation", "EndEvent_WrongInformation").isEnded();
        Opportunity closed = leads.opportunity(lead.opportunityId());
        assertThat(closed.status()).isEqualTo("INVALID");
        assertThat(closed.closeReason()).isEqualTo("号码错误或非本人：接电话的是别人");
        assertThat(closed.validAt()).isNull();
    }

    @Test
    void shouldRejectUnknownContactResult() {
        Leads.NewLead lead = leads.newLead("PHONE");
        ProcessInstance intent = calledProcessInstance(lead.enrollment());
        assertThatThrownBy(() -> leads.completeAs("zhangli", task(intent), Map.of("contactResult", "MAYBE")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("联系结果：")
                .hasMessageContaining("REACHED");
        assertThat(intent).isWaitingAt("Task_FirstContact");
    }

    @Test
    void shouldCloseAsNotConvertedWhenThereIsNoIntent() {
        Leads.NewLead lead = leads.newLead("PHONE");
        ProcessInstance intent = calledProcessInstance(lead.enrollment());
        leads.completeAs("zhangli", task(intent), Map.of("contactResult", "REACHED"));

        assertThatThrownBy(() -> leads.completeAs("zhangli", task(intent), Map.of("intentDecision", "NO")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("未转化原因：必填");
        leads.completeAs("zhangli", task(intent), Map.of("intentDecision", "NO", "noIntentReason", "已报其他机构"));

        assertThat(intent).hasPassed("ServiceTask_CloseNotConverted", "EndEvent_NotConverted").isEnded();
        assertThat(lead.enrollment()).hasPassed("EndEvent_OpportunityClosed").isEnded();
        Opportunity closed = leads.opportunity(lead.opportunityId());
        assertThat(closed.status()).isEqualTo("NOT_CONVERTED");
        assertThat(closed.closeReason()).isEqualTo("无意向：已报其他机构");
        assertThat(closed.validAt()).isNotNull();
        assertThat(closed.intentAt()).isNull();
    }

    @Test
    void shouldRequireReasonWhenAgentOverridesSuggestedLevel() {
        Leads.NewLead lead = leads.newLead("PHONE");
        ProcessInstance intent = calledProcessInstance(lead.enrollment());
        leads.completeAs("zhangli", task(intent), Map.of("contactResult", "REACHED"));
        leads.completeAs("zhangli", task(intent), exploreAnswers("CLASS"));

        assertThatThrownBy(() -> leads.completeAs("zhangli", task(intent), Map.of("intentLevel", "LOW")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("调整理由：");
        // the read-only suggestion changed and sent along with the level, as a hand-made request may: refused by
        // its labels (decision 613); the table's answer would count anyway (decision 609)
        assertThatThrownBy(() -> leads.completeAs("zhangli", task(intent), Map.of("intentLevel", "LOW",
                "suggestedIntentLevel", "LOW", "suggestionReason", "系统建议低")))
                .hasMessageContaining("只读字段不能修改").hasMessageContaining("系统建议等级、建议理由");
        // sent back as shown, as Tasklist does: taken
        leads.completeAs("zhangli", task(intent), Map.of("intentLevel", "LOW", "overrideReason", "家长只是随便问问",
                "suggestedIntentLevel", "HIGH"));

        Opportunity qualified = leads.opportunity(lead.opportunityId());
        assertThat(qualified.intentLevel()).isEqualTo("LOW");
        assertThat(qualified.suggestedIntentLevel()).isEqualTo("HIGH");
        assertThat(qualified.productLine()).isEqualTo("CLASS");
    }

    @Test
    void shouldRejectUnknownCampusAndMissingDecisionInputs() {
        Leads.NewLead lead = leads.newLead("PHONE");
        ProcessInstance intent = calledProcessInstance(lead.enrollment());
        leads.completeAs("zhangli", task(intent), Map.of("contactResult", "REACHED"));
        Map<String, Object> answers = new HashMap<>(exploreAnswers("ONE_ON_ONE"));
        answers.put("campus", "NOWHERE");
        answers.remove("budget");
        assertThatThrownBy(() -> leads.completeAs("zhangli", task(intent), answers))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("意向校区：")
                .hasMessageContaining("预算区间：");
        assertThat(intent).isWaitingAt("Task_ExploreIntent");
    }

    @Test
    void shouldSplitInterestInBothIntoTwoOpportunitiesWithTheirOwnInstances() {
        Leads.NewLead lead = leads.newLead("REFERRAL");
        ProcessInstance intent = calledProcessInstance(lead.enrollment());
        leads.completeAs("zhangli", task(intent), Map.of("contactResult", "REACHED"));
        leads.completeAs("zhangli", task(intent), exploreAnswers("BOTH"));
        leads.completeAs("zhangli", task(intent), Map.of("intentLevel", "HIGH"));

        assertThat(intent).hasPassed("ServiceTask_SplitOpportunity", "EndEvent_IntentQualifiedAndSplit").isEnded();
        List<Opportunity> open = opportunities.findOpenByCustomer(lead.customerId());
        assertThat(open).hasSize(2);
        Opportunity oneOnOne = open.get(0);
        Opportunity classes = open.get(1);
        assertThat(oneOnOne.productLine()).isEqualTo("ONE_ON_ONE");
        assertThat(classes.productLine()).isEqualTo("CLASS");
        assertThat(classes.splitFromId()).isEqualTo(oneOnOne.id());
        assertThat(classes.stage()).isEqualTo("INTENT");
        assertThat(classes.intentAt()).isNotNull();
        assertThat(classes.validAt()).isEqualTo(oneOnOne.validAt());

        ProcessInstance split = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(classes.processInstanceId()).singleResult();
        assertThat(split).isWaitingAt("StartEvent_LeadReceived");
        leads.runJobs(split.getId());
        assertThat(split).hasBusinessKey(String.valueOf(classes.id())).hasPassed("Gateway_SplitOff")
                .hasNotPassed("CallActivity_DetermineIntent").isWaitingAt("CallActivity_AssignOpportunity");
        assertThat(calledProcessInstance(split)).variables().containsEntry("teamId", "BJHDCLASS");
        assertThat(lead.enrollment()).isWaitingAt("CallActivity_AssignOpportunity");
    }

    public static Map<String, Object> exploreAnswers(String productInterest) {
        Map<String, Object> answers = new HashMap<>();
        answers.put("intentDecision", "YES");
        answers.put("grade", "J2");
        answers.put("subject", "MATH");
        answers.put("goal", "期末数学提高 20 分");
        answers.put("studyHabits", "作业拖拉");
        answers.put("budget", "OVER_30K");
        answers.put("startPlan", "WITHIN_2_WEEKS");
        answers.put("campus", "BJ-HD");
        answers.put("productInterest", productInterest);
        return answers;
    }
}
