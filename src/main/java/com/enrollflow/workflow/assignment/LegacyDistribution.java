package com.enrollflow.workflow.assignment;

import static com.enrollflow.workflow.ProcessConstants.*;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.StaffRole;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.OptionLists;
import com.enrollflow.workflow.TaskInput;

/**
 * The beans of the first {@code enrollment} version's stand-in task 分配商机 (Task_DistributeOpportunity): instances
 * started before opportunity-assignment.bpmn existed still wait there, and the supervisor must be able to finish
 * them. Remove once Cockpit shows no instance of that version at 分配商机.
 */
@Configuration
class LegacyDistribution {

    /** Task_DistributeOpportunity, on create: the consultants to choose from. */
    @Bean("consultantOptions")
    TaskListener consultantOptions(IdentityService identity, OptionLists optionLists) {
        return task -> {
            var options = identity.createUserQuery().memberOfGroup(StaffRole.CONSULTANT.groupId()).orderByUserId()
                    .asc().list().stream().map(u -> Map.of("label", OptionLists.displayName(u), "value", u.getId()))
                    .toList();
            optionLists.put(task, "consultantOptions", options);
        };
    }

    /** Task_DistributeOpportunity, on complete: the chosen person must be a consultant. */
    @Bean("distributionInput")
    TaskListener distributionInput(IdentityService identity) {
        return task -> {
            TaskInput input = new TaskInput(task);
            String consultant = input.text(CONSULTANT_ID, 64, true);
            if (consultant != null && identity.createUserQuery().userId(consultant)
                    .memberOfGroup(StaffRole.CONSULTANT.groupId()).count() == 0) {
                input.problem(CONSULTANT_ID, "“" + consultant + "”不是课程顾问");
            }
            input.check();
        };
    }

    /** ServiceTask_RecordAssignment (记录商机归属): the designated consultant owns the opportunity. */
    @Bean("assignOpportunity")
    JavaDelegate assignOpportunity(OpportunityService opportunities) {
        return execution -> opportunities.assign(AssignmentVariables.opportunityId(execution),
                (String) execution.getVariable(CONSULTANT_ID), StaffRole.CONSULTANT.groupId(), Actors.of(execution));
    }
}
