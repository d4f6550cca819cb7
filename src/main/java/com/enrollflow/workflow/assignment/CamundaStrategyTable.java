package com.enrollflow.workflow.assignment;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.stereotype.Component;

import com.enrollflow.assignment.AssignmentStrategy;
import com.enrollflow.assignment.StrategyRule;
import com.enrollflow.assignment.StrategyTable;
import com.enrollflow.identity.SystemLookups;

/**
 * Evaluates the latest deployed bpmn/assignment-strategy.dmn (人员分配策略) in the caller's transaction, inside
 * ServiceTask_ChooseOwner (按团队策略选择负责人) and a hand-over: a redeployed table applies from the next
 * distribution on. Evaluated as the application, not as the logged-in supervisor (who needs no right on decisions).
 */
@Component
class CamundaStrategyTable implements StrategyTable {

    private final DecisionService decisions;
    private final SystemLookups system;

    CamundaStrategyTable(DecisionService decisions, SystemLookups system) {
        this.decisions = decisions;
        this.system = system;
    }

    @Override
    public StrategyRule ruleFor(AssignmentStrategy strategy, boolean redistribution) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put(StrategyRule.STRATEGY, strategy.name());
        inputs.put(StrategyRule.REDISTRIBUTION, redistribution);
        DmnDecisionResult result;
        try {
            result = system.unrestricted(() -> decisions.evaluateDecisionByKey(StrategyRule.DECISION_KEY)
                    .decisionDefinitionWithoutTenantId().variables(inputs).evaluate());
        } catch (ProcessEngineException | DmnEngineException e) {
            throw StrategyRule.unreadable(strategy, e);
        }
        if (result.isEmpty()) {
            throw StrategyRule.noRule(strategy, redistribution);
        }
        // UNIQUE: at most one row; an empty output cell is absent from the map or null
        return StrategyRule.fromTable(strategy, result.getFirstResult().getEntryMap());
    }
}
