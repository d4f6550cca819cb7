/** The engine side of 休学/停课: suspension.bpmn's delegates and listeners, and its start. */
package com.enrollflow.workflow.suspension;
