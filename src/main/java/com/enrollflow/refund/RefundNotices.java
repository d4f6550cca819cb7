package com.enrollflow.refund;

import org.springframework.stereotype.Service;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.Money;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.notification.StaffContacts;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.StaffRole;

/** The refund's mails: to the approvers of a level, to the requester on a rejection, to the directors, to the family. */
@Service
public class RefundNotices {

    private final NotificationService notifications;
    private final StaffContacts staff;
    private final Families families;
    private final OpportunityService opportunities;
    private final Refunds refunds;
    private final StaffDirectory directory;

    RefundNotices(NotificationService notifications, StaffContacts staff, Families families,
            OpportunityService opportunities, Refunds refunds, StaffDirectory directory) {
        this.notifications = notifications;
        this.staff = staff;
        this.families = families;
        this.opportunities = opportunities;
        this.refunds = refunds;
        this.directory = directory;
    }

    /** The members of the level's role at the contract's campus (head-office roles: the head-office members). */
    public void approvers(long refundId, String level, String campusTenantId) {
        Refund r = refunds.get(refundId);
        String customer = families.of(r.opportunityId()).name();
        for (StaffContacts.Contact approver : staff.ofRoleAtCampus(level, campusTenantId)) {
            notifications.enqueue(r.opportunityId(), "refund-approval:" + r.refundNo() + ":" + level + ":"
                    + approver.userId(), "REFUND_APPROVAL_REQUEST", approver.email(), "【待审批】" + customer + " 的退费申请 "
                    + r.refundNo(), approver.name() + "，您好：\n\n" + customer + " 的退费申请需要您（"
                            + StaffRole.labelOf(level) + "）审批：\n" + r.computation()
                            + "\n\n请登录 Tasklist 处理“审批退费”任务。\n\nEnrollFlow");
        }
    }

    /** 驳回: the requester learns by whom and why; the customer's timeline keeps it. */
    public void rejected(long refundId) {
        Refund r = refunds.get(refundId);
        Refund.Approval last = refunds.approvals(refundId).stream().reduce((a, b) -> b).orElseThrow();
        // by name, as the approval record reads (校区校长 周华（zhouhua） 驳回：…), not by login
        String why = StaffRole.labelOf(last.approvalGroup()) + " " + directory.displayName(last.decidedBy()) + " 驳回："
                + last.comment();
        opportunities.note(r.opportunityId(), TimelineEvent.REFUND_REJECTED, last.decidedBy(), r.refundNo() + "，" + why);
        staff.user(r.requestedBy()).ifPresent(requester -> notifications.enqueue(r.opportunityId(),
                "refund-rejected:" + r.refundNo(), "REFUND_REJECTED", requester.email(), "【退费驳回】" + r.refundNo(),
                requester.name() + "，您好：\n\n您提交的退费申请 " + r.refundNo() + "（"
                        + families.of(r.opportunityId()).name() + "，" + Money.yuan(r.amount()) + "）被驳回。\n" + why
                        + "\n\n如需再次申请，请在 Tasklist 中重新发起“申请退费”。\n\nEnrollFlow"));
    }

    /** 督办: the campus's directors, before the legal limit. */
    public void urge(long refundId, String campusTenantId, String progress) {
        Refund r = refunds.get(refundId);
        for (StaffContacts.Contact director : staff.ofRoleAtCampus("campusDirector", campusTenantId)) {
            notifications.enqueue(r.opportunityId(), "refund-urge:" + r.refundNo() + ":" + director.userId(),
                    "REFUND_URGE", director.email(), "【退款即将逾期】" + r.refundNo(), director.name()
                            + "，您好：\n\n退费申请 " + r.refundNo() + " 已批准但尚未退清，即将超过法定退款期限。\n" + progress
                            + "\n\n请督促财务尽快退款，并在 Tasklist 中处理“督办退款”任务。\n\nEnrollFlow");
        }
    }

    /** 退费完成: the family's mail. */
    public void paid(long refundId) {
        Refund r = refunds.get(refundId);
        FamilyContact family = families.of(r.opportunityId());
        notifications.enqueue(r.opportunityId(), "refund-paid:" + r.refundNo(), "REFUND_PAID", family.email(),
                family.campusName() + "：退费已办理（" + r.refundNo() + "）", family.name() + "家长，您好：\n\n"
                        + (r.overpayment() ? "您多付的款项已办理退还，" : r.classOnly()
                                ? "您申请的退班已办理完成，孩子的其他课程照常进行；" : r.someLessons()
                                ? "您申请的退部分课时已办理完成（退回一对一课时 " + r.lessonsBack()
                                        + " 课时），其余课时照常上课；" : "您申请的退费已办理完成，"
                                + (r.forgaveInstallments() ? "尚未缴纳的分期款 " + Money.yuan(r.unpaidForgone())
                                        + " 不再收取；" : ""))
                        + "退款金额 " + Money.yuan(r.amount()) + "，按原付款方式退回，到账时间以银行或支付平台为准。\n\n"
                        + r.computation() + "\n\n退费确认书编号：" + (r.agreementNo() == null ? "－" : r.agreementNo())
                        + "。如有疑问请联系" + family.campusName() + "。\n\n" + family.campusName());
    }
}
