package com.enrollflow.workflow.invoice;

import static com.enrollflow.workflow.FormValues.amount;
import static com.enrollflow.workflow.FormValues.day;
import static com.enrollflow.workflow.FormValues.text;
import static com.enrollflow.workflow.SalesVariables.id;
import static com.enrollflow.workflow.invoice.InvoiceVariables.*;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.contract.ContractHolders;
import com.enrollflow.invoice.Invoice;
import com.enrollflow.invoice.InvoiceNotices;
import com.enrollflow.invoice.Invoices;
import com.enrollflow.opportunity.Families;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.InputRefusal;
import com.enrollflow.workflow.TaskInput;
import com.enrollflow.workflow.engine.StartFormRecord;
import com.enrollflow.workflow.engine.TaskFormRecord;

/**
 * invoice.bpmn (开具发票) and invoice-request.bpmn (申请开具发票): each bean reads the ids, calls one invoice service
 * and writes its result.
 */
@Configuration
class InvoiceDelegates {

    private final Invoices invoices;
    private final InvoiceNotices notices;
    private final StaffDirectory staff;
    private final Families families;
    private final ContractHolders holders;

    InvoiceDelegates(Invoices invoices, InvoiceNotices notices, StaffDirectory staff, Families families,
            ContractHolders holders) {
        this.holders = holders;
        this.invoices = invoices;
        this.notices = notices;
        this.staff = staff;
        this.families = families;
    }

    /**
     * ServiceTask_SubmitInvoiceRequest (提交开票申请): the start form goes through the same request as
     * POST /api/invoices; every refusal that concerns a field names the form's field.
     */
    @Bean("submitInvoiceRequest")
    JavaDelegate submitInvoiceRequest() {
        return execution -> {
            Invoices.Request request = new Invoices.Request(null, text(execution.getVariable(CONTRACT)),
                    text(execution.getVariable(TITLE_TYPE)), text(execution.getVariable(TITLE)),
                    text(execution.getVariable(TAX_ID)), amount(execution.getVariable(AMOUNT)),
                    text(execution.getVariable(EMAIL)), text(execution.getVariable(NOTE)));
            Invoice invoice = FormValues.contractRequest(CONTRACT,
                    () -> invoices.request(request, Actors.of(execution)));
            execution.setVariable(INVOICE_NO, invoice.invoiceNo());
            StartFormRecord.file(execution, invoice.campusCode(), invoice.invoiceNo());
            StartFormRecord.told(execution, holders.of(invoice.opportunityId(), invoice.contractId()) + "：开票申请 "
                    + invoice.invoiceNo() + " 已提交：开票金额 "
                    + Money.yuan(invoice.amount()) + "，等待财务开具；开具后电子发票发送至 " + invoice.email() + "。");
        };
    }

    /** Task_IssueInvoice (开具发票), on create: what finance issues, as the request gave it. */
    @Bean("invoiceTaskPrepare")
    TaskListener invoiceTaskPrepare() {
        return task -> {
            Invoice i = invoices.get(id(task, INVOICE_ID));
            task.setVariableLocal(CONTRACT_NUMBER, invoices.contractNumber(i));
            task.setVariableLocal(SUMMARY, "抬头类型：" + i.titleType().label() + "\n发票抬头：" + i.title()
                    + (i.taxId() == null ? "" : "\n纳税人识别号：" + i.taxId()) + "\n开票金额：" + Money.yuan(i.amount())
                    + "\n接收邮箱：" + i.email() + (i.note() == null ? "" : "\n备注：" + i.note()) + "\n申请人："
                    + staff.displayName(i.requestedBy()));
        };
    }

    /** Task_IssueInvoice, on complete: 已开具 with its number and day, or 不能开具 with the reason. */
    @Bean("invoiceDecisionInput")
    TaskListener invoiceDecisionInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String decision = input.oneOf(DECISION, true, ISSUED, REFUSED);
            input.check(NUMBER, ISSUED_ON, REFUSAL_REASON);
            long invoiceId = id(task, INVOICE_ID);
            try {
                if (ISSUED.equals(decision)) {
                    Invoice i = invoices.issue(invoiceId, text(task.getVariable(NUMBER)),
                            day(task.getVariable(ISSUED_ON)), Actors.of(task));
                    TaskFormRecord.told(task, request(i) + "已开具：发票号码 " + i.invoiceNumber() + "，"
                            + Money.yuan(i.amount()) + "；开具通知将发送至 " + i.email());
                } else {
                    Invoice i = invoices.refuse(invoiceId, text(task.getVariable(REFUSAL_REASON)), Actors.of(task));
                    TaskFormRecord.told(task, request(i) + "不能开具：" + i.refusalReason() + "；将邮件告知申请人 "
                            + staff.displayName(i.requestedBy()));
                }
            } catch (InvalidInputException e) {
                throw TaskInput.rejected(e);
            } catch (ConflictException e) {
                throw InputRefusal.submission(e.getMessage());
            }
        };
    }

    /** 孙开票 的开票申请 FP000001（抬头 北京某某科技有限公司）: the family first, as in every notice after 完成. */
    private String request(Invoice i) {
        return families.of(i.opportunityId()).name() + " 的开票申请 " + i.invoiceNo() + "（抬头 " + i.title() + "）";
    }

    /** ServiceTask_NotifyInvoiceIssued (通知家长发票已开具). */
    @Bean("notifyInvoiceIssued")
    JavaDelegate notifyInvoiceIssued() {
        return execution -> notices.issued(id(execution, INVOICE_ID));
    }

    /** ServiceTask_NotifyInvoiceRefused (通知申请人未能开具). */
    @Bean("notifyInvoiceRefused")
    JavaDelegate notifyInvoiceRefused() {
        return execution -> notices.refused(id(execution, INVOICE_ID));
    }
}
