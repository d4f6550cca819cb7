package com.enrollflow.workflow.assignment;

import static com.enrollflow.workflow.ProcessConstants.*;
import static com.enrollflow.workflow.assignment.AssignmentVariables.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.AssignmentService;
import com.enrollflow.assignment.Choice;
import com.enrollflow.assignment.RecycleKind;
import com.enrollflow.assignment.RecycleOutcome;
import com.enrollflow.assignment.RecycleWarnings;
import com.enrollflow.opportunity.OpportunityStatus;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.ProcessConstants;

/**
 * The service tasks of opportunity-assignment.bpmn (商机分配与跟进). Each is a thin adapter: read the
 * opportunity id and decision inputs, call {@link AssignmentService}, write the result the next gateway reads.
 */
@Configuration
class AssignmentDelegates {

    private final AssignmentService assignments;

    private final RecycleWarnings recycleWarnings;

    AssignmentDelegates(AssignmentService assignments, RecycleWarnings recycleWarnings) {
        this.assignments = assignments;
        this.recycleWarnings = recycleWarnings;
    }

    /** ServiceTask_JoinTeam (记录所属团队): the team team-routing.dmn chose. */
    @Bean("joinTeam")
    JavaDelegate joinTeam() {
        return execution -> assignments.joinTeam(opportunityId(execution), (String) execution.getVariable(TEAM_ID),
                Actors.SYSTEM);
    }

    /** ServiceTask_ChooseOwner (按团队策略选择负责人). */
    @Bean("chooseOwner")
    JavaDelegate chooseOwner() {
        return execution -> {
            long id = opportunityId(execution);
            Choice choice = assignments.distribute(id, (String) execution.getVariable(TAKEN_FROM), Actors.SYSTEM);
            Map<String, Object> v = new HashMap<>();
            v.put(DISTRIBUTION_OUTCOME, choice.outcome().name());
            v.put(DISTRIBUTION_REASON, choice.reason());
            v.put(CONSULTANT_ID, choice.userId());
            v.put(POOL_CANDIDATES, choice.outcome() == Choice.Outcome.TEAM_POOL
                    ? String.join(",", assignments.teamPoolMembers(assignments.get(id).teamId())) : null);
            execution.setVariables(v);
        };
    }

    /** ServiceTask_RecordFirstContact (记录首次联系). */
    @Bean("recordFirstContact")
    JavaDelegate recordFirstContact() {
        return execution -> assignments.recordFirstContact(opportunityId(execution),
                (String) execution.getVariable(CONSULTANT_ID), (String) execution.getVariable(CONTACT_NOTE));
    }

    /**
     * ServiceTask_WarnFirstContact, ServiceTask_WarnNoProgress (回收预警): on the timeline, and on the owner's task
     * card: high priority and the deadline (the task's due date, which is the recycle limit); and an e-mail to the
     * owner.
     */
    @Bean("warnOwner")
    JavaDelegate warnOwner(TaskService tasks) {
        return execution -> {
            RecycleKind kind = RecycleKind.valueOf((String) execution.getVariableLocal(RECYCLE_KIND));
            Task task = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                    .taskDefinitionKey((String) execution.getVariableLocal(WARNED_TASK)).singleResult();
            if (task == null || task.getDueDate() == null) {
                return;
            }
            var deadline = task.getDueDate().toInstant().atOffset(java.time.ZoneOffset.UTC);
            String text = assignments.warn(opportunityId(execution), kind, deadline);
            tasks.setPriority(task.getId(), 90);
            tasks.setVariableLocal(task.getId(), RECYCLE_WARNING, kind.label() + "预警：请在到期前处理");
            recycleWarnings.mailOwner(opportunityId(execution), task.getId(), task.getName(), kind, task.getAssignee(),
                    (String) execution.getVariable(ProcessConstants.CUSTOMER_NAME), text);
        };
    }

    /** ServiceTask_RecycleUnhandled, ServiceTask_RecycleNotConverted (回收). */
    @Bean("recycleOpportunity")
    JavaDelegate recycleOpportunity() {
        return execution -> {
            RecycleOutcome outcome = assignments.recycle(opportunityId(execution),
                    RecycleKind.valueOf((String) execution.getVariableLocal(RECYCLE_KIND)));
            Map<String, Object> v = new HashMap<>();
            v.put(RECYCLED, outcome.recycled());
            v.put(RECYCLE_COUNT, outcome.recycleCount());
            if (outcome.recycled()) {
                v.put(TAKEN_FROM, outcome.takenFrom());
                v.put(CONSULTANT_ID, null);
            }
            execution.setVariables(v);
        };
    }

    /** ServiceTask_RecordReturn (记录退回). */
    @Bean("returnOpportunity")
    JavaDelegate returnOpportunity() {
        return execution -> {
            String returnedBy = (String) execution.getVariable(RETURNED_BY);
            assignments.returnLead(opportunityId(execution), returnedBy, (String) execution.getVariable(RETURN_REASON));
            execution.setVariable(TAKEN_FROM, returnedBy);
            execution.setVariable(CONSULTANT_ID, null);
        };
    }

    /** ServiceTask_MoveToPublicPool (移入公海): who may claim it there goes to poolCandidates. */
    @Bean("moveToPublicPool")
    JavaDelegate moveToPublicPool() {
        return execution -> {
            String reason = "PUBLIC_POOL".equals(execution.getVariable(RETURN_DECISION))
                    ? "主管将退回的商机移入公海：" + execution.getVariable(RETURN_REASON)
                    : "已被回收 " + execution.getVariable(RECYCLE_COUNT) + " 次，移入校区公海";
            List<String> members = assignments.moveToPublicPool(opportunityId(execution), reason, Actors.of(execution));
            execution.setVariable(POOL_CANDIDATES, String.join(",", members));
            execution.setVariable(RETURN_DECISION, null);
        };
    }

    /** ServiceTask_CloseLost, ServiceTask_CloseReturned (关单): status and reason are the element's inputs. */
    @Bean("closeAssignedOpportunity")
    JavaDelegate closeAssignedOpportunity() {
        return execution -> {
            assignments.close(opportunityId(execution),
                    OpportunityStatus.valueOf((String) execution.getVariableLocal("closeStatus")),
                    (String) execution.getVariableLocal(CLOSE_REASON), Actors.of(execution));
            execution.getProcessInstance().setVariable(ASSIGNMENT_OUTCOME, "CLOSED");
        };
    }
}
