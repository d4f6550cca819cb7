/** opportunity-assignment.bpmn (商机分配与跟进): distribution, claims, recycling, hand-over, the strategy table. */
package com.enrollflow.workflow.assignment;
