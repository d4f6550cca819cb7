package com.enrollflow.workflow.invoice;

/** The variables of invoice.bpmn (开具发票) and invoice-request.bpmn (申请开具发票), and of their forms. */
final class InvoiceVariables {

    static final String INVOICE_ID = "invoiceId";
    static final String INVOICE_NO = "invoiceNo";
    static final String DUE_DATE = "invoiceDueDate";
    /** The start form request-invoice: the API's names. */
    static final String CONTRACT = "contract";
    static final String TITLE_TYPE = "titleType";
    static final String TITLE = "title";
    static final String TAX_ID = "taxId";
    static final String AMOUNT = "amount";
    static final String EMAIL = "email";
    static final String NOTE = "note";
    /** The task form issue-invoice. */
    static final String CONTRACT_NUMBER = "contractNumber";
    static final String SUMMARY = "invoiceSummary";
    static final String DECISION = "invoiceDecision";
    static final String ISSUED = "ISSUED";
    static final String REFUSED = "REFUSED";
    static final String NUMBER = "invoiceNumber";
    static final String ISSUED_ON = "issuedOn";
    static final String REFUSAL_REASON = "refusalReason";

    private InvoiceVariables() {
    }
}
