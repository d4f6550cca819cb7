/** lead-registration.bpmn (登记客户咨询) and lead-intent.bpmn (确定客户意向): delegates and form checks. */
package com.enrollflow.workflow.intake;
