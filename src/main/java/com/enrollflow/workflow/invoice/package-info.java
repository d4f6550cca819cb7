/**
 * The engine side of invoices (发票): invoice.bpmn and invoice-request.bpmn's delegates and listeners, and the process
 * start.
 */
package com.enrollflow.workflow.invoice;
