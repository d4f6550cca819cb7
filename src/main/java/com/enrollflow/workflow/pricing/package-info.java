/** The engine side of 调整课时单价: price-rate-change.bpmn's start form handed to the price list's service. */
package com.enrollflow.workflow.pricing;
