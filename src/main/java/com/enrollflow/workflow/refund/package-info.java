/**
 * The engine side of refunds (退费): refund.bpmn and refund-request.bpmn's delegates and listeners, the process
 * start, and the fee table (refund-fees.dmn).
 */
package com.enrollflow.workflow.refund;
