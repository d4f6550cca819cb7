/**
 * Opportunity distribution and recycling (商机分配与回收): sales teams and their members, the seven strategies that
 * choose a person, ownership changes decided by the database (claims, capacity), recycling, returns, hand-over and
 * the activity counts. What each strategy does is the table bpmn/assignment-strategy.dmn (人员分配策略), read through
 * {@link com.enrollflow.assignment.StrategyTable}; {@link com.enrollflow.assignment.OwnerSelection} applies a row.
 * The flow (timers, warnings, supervisor decisions) is drawn in {@code bpmn/opportunity-assignment.bpmn}; this
 * package holds the rules and never imports the engine ({@link AssignmentTasks} and {@link StrategyTable} are its
 * ports).
 */
package com.enrollflow.assignment;
