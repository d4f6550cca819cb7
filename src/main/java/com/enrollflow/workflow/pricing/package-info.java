/**
 * The engine side of the price list kept in Tasklist: price-rate-change.bpmn's and promotion-registration.bpmn's start
 * forms handed to the price list's services.
 */
package com.enrollflow.workflow.pricing;
