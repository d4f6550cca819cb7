package com.enrollflow.workflow.payment;

import static com.enrollflow.workflow.ProcessConstants.*;
import static com.enrollflow.workflow.SalesVariables.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

import com.enrollflow.assignment.MemberStatus;
import com.enrollflow.assignment.MemberWork;
import com.enrollflow.assignment.Receivers;
import com.enrollflow.assignment.Team;
import com.enrollflow.assignment.TeamAdministration.Moved;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.Campus;

/**
 * 离职转交 of the installment reminders (分期提醒) a leaving consultant would chase at the team's campus and product
 * line (decision 538): 催缴逾期分期款 waiting for them, and the reminders whose due day has not come yet, so the chase
 * is created for the receiver. One family's instalments go to one receiver.
 */
@Component
class InstallmentChaseHandOver implements MemberWork {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final OpportunityService opportunities;

    InstallmentChaseHandOver(RuntimeService runtime, TaskService tasks, OpportunityService opportunities) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.opportunities = opportunities;
    }

    @Override
    public List<Moved> handOver(Team team, String from, MemberStatus status, Receivers receivers, String actor) {
        Map<Long, List<ProcessInstance>> byFamily = new LinkedHashMap<>();
        // unlimitedList: one consultant's running reminders at one campus
        for (ProcessInstance pi : runtime.createProcessInstanceQuery()
                .processDefinitionKey(InstallmentDelegates.INSTALLMENT_REMINDER)
                .tenantIdIn(Campus.tenantId(team.campusCode())).variableValueEquals(CONSULTANT_ID, from).active()
                .orderByProcessInstanceId().asc().unlimitedList()) {
            long opportunityId = ((Number) runtime.getVariable(pi.getId(), OPPORTUNITY_ID)).longValue();
            if (team.productLine().equals(opportunities.get(opportunityId).productLine())) {
                byFamily.computeIfAbsent(opportunityId, k -> new ArrayList<>()).add(pi);
            }
        }
        List<Moved> moved = new ArrayList<>();
        byFamily.forEach((opportunityId, reminders) -> {
            String work = "催缴分期款 第 " + reminders.stream().map(pi -> runtime.getVariable(pi.getId(), INSTALLMENT_SEQ))
                    .map(String::valueOf).collect(Collectors.joining("、")) + " 期";
            String to = receivers.next(work);
            int taskCount = 0;
            for (ProcessInstance pi : reminders) {
                runtime.setVariable(pi.getId(), CONSULTANT_ID, to);
                for (var task : tasks.createTaskQuery().processInstanceId(pi.getId()).taskAssignee(from).list()) {
                    tasks.setAssignee(task.getId(), to);
                    taskCount++;
                }
            }
            moved.add(new Moved(opportunityId, from, to, taskCount, work));
        });
        return moved;
    }
}
