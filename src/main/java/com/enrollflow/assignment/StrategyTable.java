package com.enrollflow.assignment;

/**
 * The table bpmn/assignment-strategy.dmn (人员分配策略) as the distribution reads it: what the team's strategy
 * does. Implemented by the engine adapter ({@code com.enrollflow.workflow.CamundaStrategyTable}), which evaluates
 * the latest deployed version; the domain never imports the engine.
 */
public interface StrategyTable {

    /**
     * The rule for the strategy. {@code redistribution}: the lead was just taken from someone (recycle, return,
     * hand-over). Throws {@link IllegalStateException} with a Chinese message when the table has no rule for it or
     * gives a value it cannot mean.
     */
    StrategyRule ruleFor(AssignmentStrategy strategy, boolean redistribution);
}
