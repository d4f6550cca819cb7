package com.enrollflow.workflow.invoice;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.SystemLookups;
import com.enrollflow.invoice.Invoice;
import com.enrollflow.invoice.InvoiceProcess;
import com.enrollflow.opportunity.Families;
import com.enrollflow.workflow.ProcessConstants;

/**
 * Starts invoice.bpmn (开具发票) for a stored request: business key = the request's number (FP000012); the
 * opportunity id gives the instance its campus's tenant, so only that campus's finance sees the task.
 */
@Component
class CamundaInvoiceProcess implements InvoiceProcess {

    static final String PROCESS = "invoice";
    /** Finance issues within three days of the request. */
    static final Duration ISSUE_WITHIN = Duration.ofDays(3);

    private final RuntimeService runtime;
    private final SystemLookups system;
    private final Families families;
    private final Clock clock;

    CamundaInvoiceProcess(RuntimeService runtime, SystemLookups system, Families families, Clock clock) {
        this.runtime = runtime;
        this.system = system;
        this.families = families;
        this.clock = clock;
    }

    /** As the application: the requester may ask for an invoice, not start engine processes herself. */
    @Override
    public void start(Invoice invoice) {
        Map<String, Object> v = new HashMap<>();
        v.put(InvoiceVariables.INVOICE_ID, invoice.id());
        v.put(InvoiceVariables.INVOICE_NO, invoice.invoiceNo());
        v.put(InvoiceVariables.DUE_DATE, Date.from(clock.instant().plus(ISSUE_WITHIN)));
        v.put(ProcessConstants.OPPORTUNITY_ID, invoice.opportunityId());
        v.put(ProcessConstants.CUSTOMER_NAME, families.of(invoice.opportunityId()).name());
        system.unrestricted(() -> runtime.startProcessInstanceByKey(PROCESS, invoice.invoiceNo(), v));
    }
}
