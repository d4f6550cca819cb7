package com.enrollflow.payment;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.stereotype.Component;

import com.enrollflow.common.Money;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.notification.StaffContacts;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.BusinessTime;

/**
 * 分期缴费提醒: when an installment is reminded, when it is overdue, and what the family, the consultant and the
 * campus directors read. installment-reminder.bpmn owns the flow (timers, checks, the chase task).
 */
@Component
public class InstallmentReminders {

    /** The reminder goes out this many days before the due date, at 10:00 Beijing time. */
    public static final int REMIND_DAYS_BEFORE = 3;
    public static final LocalTime REMIND_AT = LocalTime.of(10, 0);

    private final Families families;
    private final StaffContacts staff;
    private final OpportunityService opportunities;
    private final NotificationService notifications;

    InstallmentReminders(Families families, StaffContacts staff, OpportunityService opportunities,
            NotificationService notifications) {
        this.families = families;
        this.staff = staff;
        this.opportunities = opportunities;
        this.notifications = notifications;
    }

    public static OffsetDateTime remindAt(LocalDate due) {
        return due.minusDays(REMIND_DAYS_BEFORE).atTime(REMIND_AT).atZone(BusinessTime.ZONE)
                .toOffsetDateTime();
    }

    /** The installments of an order that no confirmed money covers yet (none for a cancelled order). */
    public List<InstallmentPlan.Due> toRemind(PaymentOrder order) {
        if ("CANCELLED".equals(order.status())) {
            return List.of();
        }
        return order.installments().stream().filter(d -> d.seq() > order.installmentsCovered()).toList();
    }

    /** 第2期 ¥3,000.00，应于 2027-01-15 前缴纳（缴费单 PO-…） */
    public static String summary(InstallmentPlan.Due due, PaymentOrder order) {
        return "第" + due.seq() + "期 " + Money.yuan(due.amount()) + "，应于 " + due.dueDate() + " 前缴纳（缴费单 "
                + order.orderNo() + "）";
    }

    /** The reminder to the family; {@code once} keys it (one per reminder instance). */
    public void remindFamily(long opportunityId, String once, String summary) {
        FamilyContact f = families.of(opportunityId);
        notifications.enqueue(opportunityId, "payment-reminder:" + once, "PAYMENT_REMINDER", f.email(),
                "【" + f.campusName() + "】分期缴费提醒", f.name() + "，您好：\n\n提醒您：" + summary + "。可到前台缴费或线上支付。\n");
    }

    /** Not paid by the due date: on the timeline, and a mail to the owning consultant. */
    public void overdue(long opportunityId, String once, String consultantId, String customerName, String summary) {
        opportunities.note(opportunityId, TimelineEvent.INSTALLMENT_OVERDUE, "system", summary);
        notifications.enqueue(opportunityId, "overdue:" + once, "INSTALLMENT_OVERDUE",
                staff.user(consultantId).map(StaffContacts.Contact::email).orElse(null),
                "【逾期】" + customerName + " 的分期款未按期缴纳", summary + "\n\n请在 Tasklist 处理“催缴逾期分期款”任务。\n");
    }

    /** The consultant's chase failed: a mail to every director of the contract's campus (校区数据范围). */
    public void escalate(long opportunityId, String once, String campusTenantId, String customerName,
            String consultantId, String summary) {
        for (StaffContacts.Contact director : staff.ofRoleAtCampus("campusDirector", campusTenantId)) {
            notifications.enqueue(opportunityId, "escalated:" + once + ":" + director.userId(),
                    "INSTALLMENT_ESCALATED", director.email(), "【欠费上报】" + customerName + " 的分期款逾期未缴",
                    summary + "\n课程顾问 " + consultantId + " 已催缴未果，请校长处理。\n");
        }
    }
}
