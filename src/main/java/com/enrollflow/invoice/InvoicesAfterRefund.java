package com.enrollflow.invoice;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.common.Money;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractService;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.notification.StaffContacts;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.Campus;
import com.enrollflow.refund.Refund;
import com.enrollflow.refund.RefundPaidFollowUp;

/**
 * 退费完成 → 红冲: when a refund leaves the family having paid less than the invoices issued on the contract, finance of
 * the campus is told which invoices to reverse, and the customer's timeline says so. Nothing is reversed by itself:
 * finance reverses on the tax platform and records it (POST /api/invoices/{id}/reversal).
 */
@Component
class InvoicesAfterRefund implements RefundPaidFollowUp {

    private final JdbcClient jdbc;
    private final ContractService contracts;
    private final Invoices invoices;
    private final StaffContacts staff;
    private final NotificationService notifications;
    private final OpportunityService opportunities;

    InvoicesAfterRefund(JdbcClient jdbc, ContractService contracts, Invoices invoices, StaffContacts staff,
            NotificationService notifications, OpportunityService opportunities) {
        this.jdbc = jdbc;
        this.contracts = contracts;
        this.invoices = invoices;
        this.staff = staff;
        this.notifications = notifications;
        this.opportunities = opportunities;
    }

    private record Issued(String invoiceNo, String invoiceNumber, BigDecimal amount) {
    }

    @Override
    public void refundPaid(Refund refund) {
        Contract contract = contracts.find(refund.contractId()).orElseThrow();
        List<Issued> issued = jdbc.sql("select invoice_no, invoice_number, amount from invoice_request "
                + "where contract_id = ? and status = 'ISSUED' order by id").param(contract.id())
                .query((rs, n) -> new Issued(rs.getString(1), rs.getString(2), rs.getBigDecimal(3))).list();
        BigDecimal invoiced = issued.stream().map(Issued::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal kept = invoices.paidAndKept(contract);
        if (invoiced.compareTo(kept) <= 0) {
            return;
        }
        String list = String.join("\n", issued.stream().map(i -> i.invoiceNo() + "：发票号码 " + i.invoiceNumber() + "，"
                + Money.yuan(i.amount())).toList());
        String what = "合同 " + contract.number() + " 退费 " + refund.refundNo() + " 已退款 " + Money.yuan(refund.amount())
                + "；已开具的发票 " + Money.yuan(invoiced) + " 超出家长实际支付 " + Money.yuan(kept.max(BigDecimal.ZERO))
                + "，请在开票平台红冲后，在 Tasklist 的“登记发票红冲”中登记（如需要，按实际支付重新开票）";
        opportunities.note(refund.opportunityId(), TimelineEvent.INVOICE_REVERSAL_DUE, "system", what);
        for (StaffContacts.Contact finance : staff.ofRoleAtCampus("finance", Campus.tenantId(contract.campusCode()))) {
            notifications.enqueue(refund.opportunityId(), "invoice-reversal-due:" + refund.refundNo() + ":"
                    + finance.userId(), "INVOICE_REVERSAL_DUE", finance.email(), "【发票需红冲】" + contract.number(),
                    finance.name() + "，您好：\n\n" + what + "。\n\n" + list + "\n\nEnrollFlow");
        }
    }
}
