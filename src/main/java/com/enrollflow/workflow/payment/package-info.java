/**
 * contract-and-payment.bpmn (签约与缴费) and installment-reminder.bpmn (分期缴费提醒), and the collection-limit table
 * (collection-limit.dmn, 确定单次收费上限) the plan is priced under.
 */
package com.enrollflow.workflow.payment;
