package com.enrollflow.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who is acting, for every audit column (timeline actor, decided_by, recorded_by, issued_by …): the logged-in user
 * whenever there is one (Tasklist, Cockpit, /engine-rest, /api), "system" for jobs. A task's assignee is not the
 * actor: a supervisor or another candidate may complete a task assigned to someone else (docs/security.md, item 8).
 */
public final class Actors {

    public static final String SYSTEM = "system";

    private Actors() {
    }

    public static String of(DelegateExecution execution) {
        Authentication auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return auth != null && auth.getUserId() != null ? auth.getUserId() : SYSTEM;
    }

    /**
     * The logged-in user who completes (or assigns) the task. Only a call of our own Java code without a logged-in
     * user (tests, start-up) falls back to the assignee, then to "system".
     */
    public static String of(DelegateTask task) {
        Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (auth != null && auth.getUserId() != null) {
            return auth.getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : SYSTEM;
    }
}
