/**
 * The engine side of 转课: transfer.bpmn's start, delegates and the settlement table's inputs, and the Tasklist start
 * form 申请转课 (transfer-request.bpmn), which submits the same request as the API.
 */
package com.enrollflow.workflow.transfer;
