package com.enrollflow.workflow.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.SystemLookups;

/**
 * What a form's submit told the user who submitted it, read back for Tasklist: after 启动, what a start form's submit
 * step wrote ({@link StartFormRecord#told}); after 完成, what a task's complete listener wrote
 * ({@link TaskFormRecord#told}). The instance has usually ended by then, and the task always has, so it is read from
 * the history, which staff may not read themselves (no READ_HISTORY outside Cockpit's roles). Hence the one check
 * here: only the user the engine recorded as the instance's starter, or the listener as the task's completer, reads
 * it; anyone else, an unknown id alike, gets nothing.
 */
@Component
public class FormResults {

    private static final String ID = "[A-Za-z0-9-]{1,64}";

    private static volatile FormResults current;

    private final HistoryService history;
    private final IdentityService identity;
    private final SystemLookups system;

    FormResults(@Lazy HistoryService history, @Lazy IdentityService identity, SystemLookups system) {
        this.history = history;
        this.identity = identity;
        this.system = system;
        current = this;
    }

    /** For the Tasklist plugin's resource, which JAX-RS creates outside Spring. */
    public static FormResults get() {
        FormResults results = current;
        if (results == null) {
            throw new IllegalStateException("EnrollFlow 尚未就绪");
        }
        return results;
    }

    /** What the engine's logged-in user was told when they started {@code processInstanceId}; empty otherwise. */
    public Optional<String> startToldToCaller(String processInstanceId) {
        Optional<String> caller = caller(processInstanceId);
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        return system.asApplication(() -> {
            HistoricProcessInstance started = history.createHistoricProcessInstanceQuery()
                    .processInstanceId(processInstanceId).singleResult();
            if (started == null || !caller.get().equals(started.getStartUserId())) {
                return Optional.<String>empty();
            }
            HistoricVariableInstance told = history.createHistoricVariableInstanceQuery()
                    .processInstanceId(processInstanceId).variableName(StartFormRecord.RESULT).disableBinaryFetching()
                    .singleResult();
            return told != null && told.getValue() instanceof String text ? Optional.of(text) : Optional.empty();
        });
    }

    /** What the engine's logged-in user was told when they completed {@code taskId}; empty otherwise. */
    public Optional<String> taskToldToCaller(String taskId) {
        Optional<String> caller = caller(taskId);
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        return system.asApplication(() -> {
            // task-local: deleted with the task, kept in the history
            List<HistoricVariableInstance> told = history.createHistoricVariableInstanceQuery().taskIdIn(taskId)
                    .variableNameIn(TaskFormRecord.RESULT, TaskFormRecord.RESULT_FOR).includeDeleted()
                    .disableBinaryFetching().list();
            Map<String, Object> values = told.stream().filter(v -> taskId.equals(v.getTaskId())
                    && v.getValue() instanceof String).collect(Collectors.toMap(HistoricVariableInstance::getName,
                            HistoricVariableInstance::getValue, (a, b) -> a));
            return caller.get().equals(values.get(TaskFormRecord.RESULT_FOR))
                    ? Optional.ofNullable((String) values.get(TaskFormRecord.RESULT)) : Optional.<String>empty();
        });
    }

    private Optional<String> caller(String id) {
        Authentication caller = identity.getCurrentAuthentication();
        if (caller == null || caller.getUserId() == null || id == null || !id.matches(ID)) {
            return Optional.empty();
        }
        return Optional.of(caller.getUserId());
    }
}
