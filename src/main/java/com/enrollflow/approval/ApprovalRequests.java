package com.enrollflow.approval;

import org.springframework.stereotype.Component;

import com.enrollflow.notification.NotificationService;
import com.enrollflow.notification.StaffContacts;
import com.enrollflow.reference.StaffRole;

/** 审批通知: when a quote waits for a level, every approver of that role at the quote's campus gets a mail. */
@Component
public class ApprovalRequests {

    private final StaffContacts staff;
    private final NotificationService notifications;

    ApprovalRequests(StaffContacts staff, NotificationService notifications) {
        this.staff = staff;
        this.notifications = notifications;
    }

    /** Once per quote, level and approver; only the approvers of the quote's campus (校区数据范围). */
    public void notifyApprovers(long opportunityId, long quoteId, String level, String campusTenantId,
            String customerName, String quoteSummary) {
        for (StaffContacts.Contact approver : staff.ofRoleAtCampus(level, campusTenantId)) {
            notifications.enqueue(opportunityId, "approval:" + quoteId + ":" + level + ":" + approver.userId(),
                    "APPROVAL_REQUEST", approver.email(), "【待审批】" + customerName + " 的报价优惠",
                    approver.name() + "，您好：\n\n" + customerName + " 的报价需要您（" + StaffRole.labelOf(level)
                            + "）审批：\n" + quoteSummary + "\n\n请登录 Tasklist 处理“审批优惠”任务。\n\nEnrollFlow");
        }
    }
}
