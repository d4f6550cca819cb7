package com.enrollflow.invoice;

/** Starts an invoice request's process (invoice.bpmn, 开具发票): finance's task, then the family's mail. */
public interface InvoiceProcess {

    void start(Invoice invoice);
}
