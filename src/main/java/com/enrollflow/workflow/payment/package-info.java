/** contract-and-payment.bpmn (签约与缴费) and installment-reminder.bpmn (分期缴费提醒). */
package com.enrollflow.workflow.payment;
