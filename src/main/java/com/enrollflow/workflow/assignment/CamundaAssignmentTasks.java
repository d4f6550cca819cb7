package com.enrollflow.workflow.assignment;

import static com.enrollflow.workflow.ProcessConstants.*;

import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import com.enrollflow.assignment.AssignmentTasks;

/**
 * Moves an opportunity's open tasks between owners (hand-over), in the caller's transaction: every instance
 * with the opportunity id as business key (enrollment and its call activities, a renewal, its reminders) is searched,
 * and each of them that names the old owner as the one it continues with names the new one (decision 537).
 */
@Component
class CamundaAssignmentTasks implements AssignmentTasks {

    /** The variables that name the person a process gives its next task to: its assignee expressions. */
    private static final List<String> OWNER_VARIABLES = List.of(CONSULTANT_ID, RENEWAL_OWNER);

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final RepositoryService repository;

    CamundaAssignmentTasks(TaskService tasks, RuntimeService runtime, RepositoryService repository) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.repository = repository;
    }

    @Override
    public int moveOwnerTasks(long opportunityId, String from, String to) {
        String key = String.valueOf(opportunityId);
        // unlimitedList: one opportunity's tasks and instances are a handful; the engine's queryMaxResultsLimit guards
        // the REST API, and a hand-over may run while a user is authenticated (docs/security.md, item 2)
        List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(key).taskAssignee(from).unlimitedList();
        for (Task task : open) {
            tasks.setAssignee(task.getId(), to);
        }
        // the owner each process continues with: the assignment's loops after an exempt recycle, and the tasks created
        // later by the enrollment, consultation, contract and payment or renewal (预约到访 again, 制定方案与报价,
        // 处理缴费超时, 续费沟通 after a follow-up day) — each instance keeps its own copy of the variable
        for (ProcessInstance pi : runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).active()
                .unlimitedList()) {
            if (AssignmentVariables.OPPORTUNITY_ASSIGNMENT.equals(definitionKey(pi))) {
                runtime.setVariable(pi.getId(), CONSULTANT_ID, to);
                continue;
            }
            for (String name : OWNER_VARIABLES) {
                if (from.equals(runtime.getVariableLocal(pi.getId(), name))) {
                    runtime.setVariableLocal(pi.getId(), name, to);
                }
            }
        }
        return open.size();
    }

    private String definitionKey(ProcessInstance pi) {
        return repository.getProcessDefinition(pi.getProcessDefinitionId()).getKey();
    }
}
