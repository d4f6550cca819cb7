package com.enrollflow.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who is acting: the user who completes a task (Tasklist, REST), or "system" for jobs. */
final class Actors {

    static final String SYSTEM = "system";

    private Actors() {
    }

    static String of(DelegateExecution execution) {
        Authentication auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return auth != null && auth.getUserId() != null ? auth.getUserId() : SYSTEM;
    }

    /** The task's assignee (Tasklist makes staff claim before completing), else the authenticated user. */
    static String of(DelegateTask task) {
        if (task.getAssignee() != null) {
            return task.getAssignee();
        }
        return of(task.getExecution());
    }
}
