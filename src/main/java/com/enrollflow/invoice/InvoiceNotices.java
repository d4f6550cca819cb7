package com.enrollflow.invoice;

import org.springframework.stereotype.Service;

import com.enrollflow.common.Money;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.notification.StaffContacts;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;

/** The invoice's mails: to the family once issued, to the requester when finance cannot issue it. */
@Service
public class InvoiceNotices {

    private final NotificationService notifications;
    private final Families families;
    private final StaffContacts staff;
    private final Invoices invoices;

    InvoiceNotices(NotificationService notifications, Families families, StaffContacts staff, Invoices invoices) {
        this.notifications = notifications;
        this.families = families;
        this.staff = staff;
        this.invoices = invoices;
    }

    /** 已开具: the family, at the address the request gave, learns the number, the amount and the title. */
    public void issued(long id) {
        Invoice i = invoices.get(id);
        FamilyContact family = families.of(i.opportunityId());
        notifications.enqueue(i.opportunityId(), "invoice-issued:" + i.invoiceNo(), "INVOICE_ISSUED", i.email(),
                family.campusName() + "：发票已开具（" + i.invoiceNo() + "）", family.name() + "家长，您好：\n\n"
                        + "您申请的发票已开具：\n发票抬头：" + i.title() + (i.taxId() == null ? "" : "（" + i.taxId() + "）")
                        + "\n金额：" + Money.yuan(i.amount()) + "\n发票号码：" + i.invoiceNumber() + "\n开票日期："
                        + i.issuedOn() + "\n合同编号：" + invoices.contractNumber(i)
                        + "\n\n电子发票由开票平台发送至本邮箱，也可在国家税务总局全国增值税发票查验平台按发票号码查验。如有疑问请联系"
                        + family.campusName() + "。\n\n" + family.campusName());
    }

    /** 未开具: the requester learns why, to tell the family and ask again. */
    public void refused(long id) {
        Invoice i = invoices.get(id);
        FamilyContact family = families.of(i.opportunityId());
        staff.user(i.requestedBy()).ifPresent(requester -> notifications.enqueue(i.opportunityId(),
                "invoice-refused:" + i.invoiceNo(), "INVOICE_REFUSED", requester.email(), "【发票未开具】" + i.invoiceNo(),
                requester.name() + "，您好：\n\n您为 " + family.name() + " 提交的开票申请 " + i.invoiceNo() + "（"
                        + i.title() + "，" + Money.yuan(i.amount()) + "）财务未能开具：" + i.refusalReason()
                        + "\n\n请与家长核实后在 Tasklist 中重新发起“申请开具发票”。\n\nEnrollFlow"));
    }
}
