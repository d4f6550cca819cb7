package com.enrollflow.workflow.approval;

import static com.enrollflow.workflow.SalesVariables.*;

import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.approval.ApprovalDecision;
import com.enrollflow.approval.ApprovalRequests;
import com.enrollflow.approval.ApprovalService;
import com.enrollflow.approval.ApprovalState;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.pricing.QuoteText;
import com.enrollflow.reference.StaffRole;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.ProcessConstants;
import com.enrollflow.workflow.TaskInput;
import com.enrollflow.workflow.engine.TaskFormRecord;

/**
 * discount-approval.bpmn (优惠审批): the DMN's levels are stored with the quote; each approval task shows the quote,
 * the reason and every earlier decision; the decision is taken by {@link ApprovalService}, which checks that the
 * approver holds the level's role, whoever calls.
 */
@Configuration
class ApprovalDelegates {

    private final ApprovalService approvals;
    private final OpportunityService opportunities;
    private final ApprovalRequests approvalRequests;
    private final IdentityService identity;
    private final PricingService pricing;
    private final StaffDirectory staff;

    ApprovalDelegates(ApprovalService approvals, OpportunityService opportunities, ApprovalRequests approvalRequests,
            IdentityService identity, PricingService pricing, StaffDirectory staff) {
        this.pricing = pricing;
        this.staff = staff;
        this.approvals = approvals;
        this.opportunities = opportunities;
        this.approvalRequests = approvalRequests;
        this.identity = identity;
    }

    /** ServiceTask_RequestApproval (提交审批). */
    @Bean("requestApproval")
    JavaDelegate requestApproval() {
        return execution -> {
            long quoteId = id(execution, QUOTE_ID);
            @SuppressWarnings("unchecked")
            List<Object> raw = (List<Object>) execution.getVariable(APPROVAL_LEVELS);
            List<String> levels = raw == null ? List.of() : raw.stream().map(String::valueOf).toList();
            ApprovalState state = approvals.request(quoteId, levels, Actors.of(execution));
            // a plain ArrayList: the JSON variable must deserialize again (an immutable list type would not)
            execution.setVariable(APPROVAL_LEVELS, new java.util.ArrayList<>(state.requiredLevels()));
            long opportunityId = id(execution, ProcessConstants.OPPORTUNITY_ID);
            if (levels.isEmpty()) {
                execution.setVariable(DISCOUNT_OUTCOME, ApprovalState.APPROVED);
                opportunities.note(opportunityId, TimelineEvent.DISCOUNT_APPROVED, Actors.of(execution),
                        "优惠在课程顾问权限内，无需审批");
            } else {
                opportunities.note(opportunityId, TimelineEvent.APPROVAL_REQUESTED, Actors.of(execution),
                        "需审批：" + String.join(" → ", levels.stream().map(StaffRole::labelOf).toList()));
            }
        };
    }

    /** Task_ApproveDiscount (审批优惠), on create: what the approver sees, and a mail to that role at the campus. */
    @Bean("approvalTaskPrepare")
    TaskListener approvalTaskPrepare() {
        return task -> {
            long quoteId = id(task, QUOTE_ID);
            String level = (String) task.getVariable(APPROVAL_LEVEL);
            // each level decides afresh: a submission without a decision or comment must not inherit the previous
            // level's (the variables live on the process instance)
            task.removeVariable(DISCOUNT_DECISION);
            task.removeVariable(APPROVAL_COMMENT);
            // a renewal says so: the approver weighs a discount for a family that stays differently
            Object renewal = task.getVariable(ProcessConstants.RENEWAL_NO);
            String quote = (renewal == null ? "" : "续费 " + renewal + "（续接合同 "
                    + task.getVariable(ProcessConstants.OLD_CONTRACT_NO)
                    + "）\n") + QuoteText.summary(pricing.find(quoteId).orElseThrow());
            task.setVariableLocal(QUOTE_SUMMARY, quote);
            task.setVariableLocal(APPROVAL_HISTORY, history(approvals.state(quoteId).orElseThrow(), staff));
            task.setVariableLocal("approvalLevelLabel", StaffRole.labelOf(level));
            // only the approvers of this campus (校区数据范围): the task's tenant is the quote's campus
            approvalRequests.notifyApprovers(id(task, ProcessConstants.OPPORTUNITY_ID), quoteId, level,
                    task.getTenantId(), (String) task.getVariable(ProcessConstants.CUSTOMER_NAME), quote);
        };
    }

    /** Task_ApproveDiscount, on complete: the decision of this level, refused for anyone outside the level's role. */
    @Bean("approvalDecisionInput")
    TaskListener approvalDecisionInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String decision = input.oneOf(DISCOUNT_DECISION, true, "APPROVE", "REJECT");
            String comment = input.text(APPROVAL_COMMENT, 1000, "REJECT".equals(decision));
            input.check(APPROVAL_COMMENT);
            String user = decider(task);
            Set<String> groups = new HashSet<>();
            identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).forEach(groups::add);
            int levelNo = ((Number) task.getExecution().getVariable("loopCounter")).intValue();
            try {
                ApprovalState state = approvals.decide(id(task, QUOTE_ID), levelNo, user, groups, decision, comment);
                TaskFormRecord.told(task, decided(task, state, levelNo));
            } catch (InvalidInputException e) {
                throw TaskInput.rejected(e);
            } catch (ConflictException e) {
                throw InputRefusal.submission(e.getMessage());
            }
            opportunities.note(id(task, ProcessConstants.OPPORTUNITY_ID), "APPROVE".equals(decision)
                    ? TimelineEvent.DISCOUNT_APPROVED : TimelineEvent.DISCOUNT_REJECTED, user,
                    StaffRole.labelOf((String) task.getVariable(APPROVAL_LEVEL))
                            + (comment == null ? "" : "：" + comment));
        };
    }

    /** What an approver of 审批优惠 is told: where the family's plan stands after their decision. */
    private String decided(DelegateTask task, ApprovalState state, int levelNo) {
        Object family = task.getVariable(ProcessConstants.CUSTOMER_NAME);
        String plan = family == null ? "方案" : family + " 的方案";
        if (ApprovalState.REJECTED.equals(state.outcome())) {
            String owner = opportunities.get(id(task, ProcessConstants.OPPORTUNITY_ID)).ownerUser();
            return plan + "优惠已驳回：方案退回课程顾问" + (owner == null ? "" : " " + staff.displayName(owner))
                    + "，按您的意见修改";
        }
        if (state.complete()) {
            return plan + "优惠已批准：成交价 " + Money.yuan(pricing.find(state.quoteId()).orElseThrow().finalPrice())
                    + "，合同随后生成，由前台收费";
        }
        return plan + "：" + TaskFormRecord.passedOn(levelNo, state.requiredLevels());
    }

    /** ServiceTask_ConcludeApproval (汇总审批结果). */
    @Bean("concludeApproval")
    JavaDelegate concludeApproval() {
        return execution -> {
            ApprovalState state = approvals.state(id(execution, QUOTE_ID)).orElseThrow();
            execution.setVariable(DISCOUNT_OUTCOME, state.complete() ? ApprovalState.APPROVED : ApprovalState.REJECTED);
            execution.setVariable(REJECTION_COMMENT, state.complete() ? null : state.lastComment());
        };
    }

    /** The person completing the task: the logged-in user (Tasklist, REST), else the assignee. */
    private static String decider(DelegateTask task) {
        Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return auth != null && auth.getUserId() != null ? auth.getUserId() : Actors.of(task);
    }

    static String history(ApprovalState state, StaffDirectory staff) {
        if (state.decisions().isEmpty()) {
            return "需审批：" + String.join(" → ", state.requiredLevels().stream().map(StaffRole::labelOf).toList())
                    + "；尚无审批意见";
        }
        Map<String, String> names = staff.displayNames(
                state.decisions().stream().map(ApprovalDecision::decidedBy).toList());
        StringBuilder s = new StringBuilder();
        for (ApprovalDecision d : state.decisions()) {
            s.append(d.levelNo() + 1).append(". ").append(StaffRole.labelOf(d.approvalGroup())).append(" ")
                    .append(names.get(d.decidedBy())).append("：").append(d.approved() ? "同意" : "驳回")
                    .append(d.comment() == null ? "" : "（" + d.comment() + "）").append("\n");
        }
        return s.toString().strip();
    }
}
