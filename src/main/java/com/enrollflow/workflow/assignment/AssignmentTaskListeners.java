package com.enrollflow.workflow.assignment;

import static com.enrollflow.workflow.ProcessConstants.*;
import static com.enrollflow.workflow.assignment.AssignmentVariables.*;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.AssignmentService;
import com.enrollflow.assignment.MemberStatus;
import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.assignment.TeamRepository;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.opportunity.IntentSummary;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.OptionLists;
import com.enrollflow.workflow.TaskInput;

/**
 * The user tasks of opportunity-assignment.bpmn: what their forms submit is checked here (the form's own
 * validation is a convenience), and claims and designations are decided by {@link AssignmentService} in the
 * same transaction, so a refused claim or designation stores nothing and Tasklist shows why.
 */
@Configuration
class AssignmentTaskListeners {

    private final AssignmentService assignments;

    AssignmentTaskListeners(AssignmentService assignments) {
        this.assignments = assignments;
    }

    /**
     * Task_ClaimFromTeamPool, Task_ClaimFromPublicPool, on assignment (认领): the claim is the owner's claim on
     * the lead; a second claimer, or one at the hold cap, is refused. Unclaiming gives the lead back to the pool.
     */
    @Bean("poolClaim")
    TaskListener poolClaim() {
        return task -> {
            long id = opportunityId(task.getExecution());
            String assignee = task.getAssignee();
            try {
                if (assignee != null) {
                    assignments.claim(id, assignee, Actors.of(task));
                } else {
                    String owner = assignments.get(id).ownerUser();
                    if (owner != null) {
                        assignments.releaseClaim(id, owner, Actors.of(task));
                    }
                }
            } catch (ConflictException e) {
                throw InputRefusal.because("无法领取：" + e.getMessage());
            }
        };
    }

    /** Task_ClaimFromTeamPool, Task_ClaimFromPublicPool, on complete: the claimer owns the lead from now on. */
    @Bean("poolClaimConfirm")
    TaskListener poolClaimConfirm() {
        return task -> {
            long id = opportunityId(task.getExecution());
            String owner = assignments.get(id).ownerUser();
            if (owner == null || !owner.equals(task.getAssignee())) {
                throw InputRefusal.submission("请先认领（领取）此商机再提交");
            }
            assignments.leavePool(id);
            task.getExecution().setVariable(CONSULTANT_ID, owner);
        };
    }

    /**
     * Task_MakeFirstContact and Task_FollowUpOpportunity, on create: what the call centre learnt of the family's intent
     * (客户意向), for the consultant to read before calling. Task-local and, like 客户 and 电话, a copy of the
     * opportunity that the engine's history does not keep (enrollflow.history.unrecorded-variables).
     */
    @Bean("intentSummary")
    TaskListener intentSummary(OpportunityRepository opportunities) {
        return task -> task.setVariableLocal(INTENT_SUMMARY,
                IntentSummary.of(opportunities.get(opportunityId(task.getExecution()))));
    }

    /** Task_DesignateOwner and Task_HandleReturn, on create: the team's members with their load, for the select. */
    @Bean("teamMemberOptions")
    TaskListener teamMemberOptions(TeamRepository teams, StaffDirectory staff, OptionLists optionLists) {
        return task -> {
            String teamId = assignments.get(opportunityId(task.getExecution())).teamId();
            List<Map<String, String>> options = teamId == null ? List.of() : teams.members(teamId).stream()
                    .filter(m -> m.status() == MemberStatus.ACTIVE)
                    .map(m -> Map.of("label", staff.displayName(m.userId()) + " · 在跟 "
                            + teams.openCount(teamId, m.userId()) + "/" + m.capacity(), "value", m.userId()))
                    .toList();
            optionLists.put(task, MEMBER_OPTIONS, options);
        };
    }

    /** Task_DesignateOwner (指定负责人), on complete: the chosen member must be active and have room. */
    @Bean("designationInput")
    TaskListener designationInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String consultant = input.text(CONSULTANT_ID, 64, true);
            input.check();
            designate(task, consultant);
        };
    }

    /** Task_MakeFirstContact (首次联系客户), on complete. */
    @Bean("firstContactOutcomeInput")
    TaskListener firstContactOutcomeInput(StaffDirectory staff) {
        return task -> {
            TaskInput input = new TaskInput(task);
            String outcome = input.oneOf(FIRST_CONTACT_OUTCOME, true, "CONTACTED", "RETURN");
            input.text(CONTACT_NOTE, 500, "CONTACTED".equals(outcome));
            input.text(RETURN_REASON, 500, "RETURN".equals(outcome));
            input.check(CONTACT_NOTE, RETURN_REASON);
            task.getExecution().setVariable(RETURNED_BY, Actors.of(task));
            // what the supervisor reads in 处理退回商机: the name, not the login
            task.getExecution().setVariable(RETURNED_BY_NAME, staff.displayName(Actors.of(task)));
        };
    }

    /** Task_FollowUpOpportunity (跟进商机), on complete. */
    @Bean("followUpInput")
    TaskListener followUpInput(StaffDirectory staff) {
        return task -> {
            TaskInput input = new TaskInput(task);
            String outcome = input.oneOf(FOLLOW_UP_OUTCOME, true, "ADVANCED", "LOST", "RETURN");
            input.text(FOLLOW_UP_NOTE, 1000, "ADVANCED".equals(outcome));
            input.text(LOST_REASON, 500, "LOST".equals(outcome));
            input.text(RETURN_REASON, 500, "RETURN".equals(outcome));
            input.check(FOLLOW_UP_NOTE, LOST_REASON, RETURN_REASON);
            task.getExecution().setVariable(RETURNED_BY, Actors.of(task));
            // what the supervisor reads in 处理退回商机: the name, not the login
            task.getExecution().setVariable(RETURNED_BY_NAME, staff.displayName(Actors.of(task)));
        };
    }

    /** Task_HandleReturn (处理退回商机), on complete: a named member is designated right here, under lock. */
    @Bean("returnDecisionInput")
    TaskListener returnDecisionInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String decision = input.oneOf(RETURN_DECISION, true, "REASSIGN", "REDISTRIBUTE", "PUBLIC_POOL", "CLOSE");
            String consultant = input.text(CONSULTANT_ID, 64, "REASSIGN".equals(decision));
            input.text(CLOSE_REASON, 500, "CLOSE".equals(decision));
            input.check(CONSULTANT_ID, CLOSE_REASON);
            if ("REASSIGN".equals(decision)) {
                designate(task, consultant);
            }
        };
    }

    private void designate(DelegateTask task, String consultant) {
        try {
            assignments.designate(opportunityId(task.getExecution()), consultant, Actors.of(task));
        } catch (InvalidInputException e) {
            throw TaskInput.rejected(e);
        } catch (ConflictException e) {
            throw InputRefusal.submission(e.getMessage());
        }
        task.getExecution().setVariable(CONSULTANT_ID, consultant);
    }
}
