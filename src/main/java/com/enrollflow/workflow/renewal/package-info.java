/** The engine side of 续费: renewal.bpmn's delegates, its start, and renewal-policy.dmn read by the application. */
package com.enrollflow.workflow.renewal;
