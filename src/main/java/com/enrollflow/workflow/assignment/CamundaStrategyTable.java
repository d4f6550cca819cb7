package com.enrollflow.workflow.assignment;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.enrollflow.assignment.AssignmentStrategy;
import com.enrollflow.assignment.StrategyRule;
import com.enrollflow.assignment.StrategyTable;
import com.enrollflow.workflow.LatestDecisions;

/**
 * Evaluates the latest deployed bpmn/assignment-strategy.dmn (人员分配策略) in the caller's transaction, inside
 * ServiceTask_ChooseOwner (按团队策略选择负责人) and a hand-over: a redeployed table applies from the next
 * distribution on. Evaluated as the application, not as the logged-in supervisor (who needs no right on decisions).
 */
@Component
class CamundaStrategyTable implements StrategyTable {

    private final LatestDecisions decisions;

    CamundaStrategyTable(LatestDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public StrategyRule ruleFor(AssignmentStrategy strategy, boolean redistribution) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put(StrategyRule.STRATEGY, strategy.name());
        inputs.put(StrategyRule.REDISTRIBUTION, redistribution);
        // UNIQUE: at most one row; an empty output cell is absent from the map or null
        return StrategyRule.fromTable(strategy, decisions.firstRow(StrategyRule.DECISION_KEY, inputs,
                e -> StrategyRule.unreadable(strategy, e))
                .orElseThrow(() -> StrategyRule.noRule(strategy, redistribution)));
    }
}
