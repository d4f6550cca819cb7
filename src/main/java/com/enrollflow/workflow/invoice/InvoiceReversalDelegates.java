package com.enrollflow.workflow.invoice;

import static com.enrollflow.workflow.FormValues.text;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.common.Money;
import com.enrollflow.invoice.Invoice;
import com.enrollflow.invoice.Invoices;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.engine.StartFormRecord;

/** invoice-reversal.bpmn (登记发票红冲): the start form's fields to {@link Invoices}, what finance is told back. */
@Configuration
class InvoiceReversalDelegates {

    /** The fields of the start form register-invoice-reversal. */
    static final String INVOICE = "invoice";
    static final String REASON = "reason";

    private final Invoices invoices;

    InvoiceReversalDelegates(Invoices invoices) {
        this.invoices = invoices;
    }

    /**
     * ServiceTask_ReverseInvoice (登记红冲): the same as POST /api/invoices/{id}/reversal; an invoice not found among
     * the caller's campuses is refused under 发票, one not issued (or reversed already) with the reason.
     */
    @Bean("reverseInvoice")
    JavaDelegate reverseInvoice() {
        return execution -> {
            Invoice i = FormValues.lookupRequest(INVOICE, () -> invoices.reverseAsked(
                    text(execution.getVariable(INVOICE)), text(execution.getVariable(REASON)), Actors.of(execution)));
            StartFormRecord.file(execution, i.campusCode(), String.valueOf(i.opportunityId()));
            StartFormRecord.told(execution, "发票号码 " + i.invoiceNumber() + "（开票申请 " + i.invoiceNo() + "，"
                    + Money.yuan(i.amount()) + "）已登记红冲；这笔金额可以重新申请开票");
        };
    }
}
