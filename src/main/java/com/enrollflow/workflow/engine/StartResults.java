package com.enrollflow.workflow.engine;

import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.SystemLookups;

/**
 * What a start form's submit step told its starter ({@link StartFormRecord#told}), read back for Tasklist after
 * 启动: the instance has usually ended by then, so it is read from the history, which staff may not read themselves
 * (no READ_HISTORY outside Cockpit's roles). Hence the one check here: only the user the engine recorded as the
 * instance's starter reads it; anyone else, an unknown id alike, gets nothing.
 */
@Component
public class StartResults {

    private static volatile StartResults current;

    private final HistoryService history;
    private final IdentityService identity;
    private final SystemLookups system;

    StartResults(@Lazy HistoryService history, @Lazy IdentityService identity, SystemLookups system) {
        this.history = history;
        this.identity = identity;
        this.system = system;
        current = this;
    }

    /** For the Tasklist plugin's resource, which JAX-RS creates outside Spring. */
    public static StartResults get() {
        StartResults results = current;
        if (results == null) {
            throw new IllegalStateException("EnrollFlow 尚未就绪");
        }
        return results;
    }

    /** What the engine's logged-in user was told when they started {@code processInstanceId}; empty otherwise. */
    public Optional<String> toldToCaller(String processInstanceId) {
        Authentication caller = identity.getCurrentAuthentication();
        if (caller == null || caller.getUserId() == null || processInstanceId == null
                || !processInstanceId.matches("[A-Za-z0-9-]{1,64}")) {
            return Optional.empty();
        }
        return system.asApplication(() -> {
            HistoricProcessInstance started = history.createHistoricProcessInstanceQuery()
                    .processInstanceId(processInstanceId).singleResult();
            if (started == null || !caller.getUserId().equals(started.getStartUserId())) {
                return Optional.<String>empty();
            }
            HistoricVariableInstance told = history.createHistoricVariableInstanceQuery()
                    .processInstanceId(processInstanceId).variableName(StartFormRecord.RESULT).disableBinaryFetching()
                    .singleResult();
            return told != null && told.getValue() instanceof String text ? Optional.of(text) : Optional.empty();
        });
    }
}
