package com.enrollflow.workflow;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.SystemLookups;

/**
 * A decision table the application reads for itself (strategy, consumption, refund fees): the latest deployed
 * version of the key, evaluated in the caller's transaction as the application — the staff member who happens to
 * be logged in needs no right on decisions — so a table a process owner put live applies from the next call on.
 */
@Component
public class LatestDecisions {

    private final DecisionService decisions;
    private final SystemLookups system;

    LatestDecisions(DecisionService decisions, SystemLookups system) {
        this.decisions = decisions;
        this.system = system;
    }

    /**
     * The first matching row's outputs (an empty output cell is absent or null), or empty when no rule matches; a
     * table that cannot be read or evaluated becomes what {@code unreadable} makes of the engine's exception.
     */
    public Optional<Map<String, Object>> firstRow(String key, Map<String, Object> inputs,
            Function<RuntimeException, RuntimeException> unreadable) {
        DmnDecisionResult result;
        try {
            result = system.unrestricted(() -> decisions.evaluateDecisionByKey(key).decisionDefinitionWithoutTenantId()
                    .variables(inputs).evaluate());
        } catch (ProcessEngineException | DmnEngineException e) {
            throw unreadable.apply(e);
        }
        return result.isEmpty() ? Optional.empty() : Optional.of(result.getFirstResult().getEntryMap());
    }

    /** Every matching row's outputs, in the table's order (a COLLECT table); empty when none matches. */
    public java.util.List<Map<String, Object>> allRows(String key, Map<String, Object> inputs,
            Function<RuntimeException, RuntimeException> unreadable) {
        try {
            return system.unrestricted(() -> decisions.evaluateDecisionByKey(key).decisionDefinitionWithoutTenantId()
                    .variables(inputs).evaluate()).getResultList();
        } catch (ProcessEngineException | DmnEngineException e) {
            throw unreadable.apply(e);
        }
    }
}
