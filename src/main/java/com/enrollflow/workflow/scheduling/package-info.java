/** one-on-one-scheduling.bpmn (一对一排课): proposal, confirmation, another proposal. */
package com.enrollflow.workflow.scheduling;
