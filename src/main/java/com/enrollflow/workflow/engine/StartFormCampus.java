package com.enrollflow.workflow.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;

import com.enrollflow.reference.Campus;

/**
 * A Tasklist start form is about a record of one campus (a contract, a class, a customer, a team), which the engine
 * learns only when the form is submitted: its instance starts in the starter's call centre's scope (CampusTenants)
 * and, once the submit step has found the record, moves with what staff typed into it to that campus's scope, so its
 * campus sees it in Cockpit and nobody else does (decision 551).
 */
public final class StartFormCampus {

    private StartFormCampus() {
    }

    /** Moves the instance of {@code execution} to the campus {@code campusCode} (BJ-HD), if it is not there yet. */
    public static void follow(DelegateExecution execution, String campusCode) {
        if (campusCode == null) {
            return;
        }
        String tenant = Campus.tenantId(campusCode);
        if (!tenant.equals(execution.getTenantId())) {
            TenantMove.move(Context.getCommandContext(), execution.getProcessInstanceId(), tenant);
        }
    }
}
