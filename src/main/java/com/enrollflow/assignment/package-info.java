/**
 * Opportunity distribution and recycling (商机分配与回收): sales teams and their members, the seven
 * strategies that choose a person ({@link com.enrollflow.assignment.OwnerSelection}), ownership changes
 * decided by the database (claims, capacity), recycling, returns, hand-over and the activity counts.
 * The flow (timers, warnings, supervisor decisions) is drawn in {@code bpmn/opportunity-assignment.bpmn};
 * this package holds the rules and never imports the engine ({@link AssignmentTasks} is its port).
 */
package com.enrollflow.assignment;
