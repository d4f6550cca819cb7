package com.enrollflow.workflow.assignment;

import static com.enrollflow.workflow.ProcessConstants.*;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import com.enrollflow.assignment.AssignmentTasks;

/**
 * Moves an opportunity's open tasks between owners (hand-over), in the caller's transaction: every instance
 * with the opportunity id as business key (enrollment and its call activities) is searched.
 */
@Component
class CamundaAssignmentTasks implements AssignmentTasks {

    private final TaskService tasks;
    private final RuntimeService runtime;

    CamundaAssignmentTasks(TaskService tasks, RuntimeService runtime) {
        this.tasks = tasks;
        this.runtime = runtime;
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
        // the owner the assignment process continues with (re-created tasks, loops after an exempt recycle)
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(key)
                .processDefinitionKey(AssignmentVariables.OPPORTUNITY_ASSIGNMENT).active().unlimitedList()
                .forEach(pi -> runtime.setVariable(pi.getId(), CONSULTANT_ID, to));
        return open.size();
    }
}
