package com.enrollflow.assignment;

import org.springframework.stereotype.Component;

import com.enrollflow.notification.NotificationService;
import com.enrollflow.notification.StaffContacts;

/** 回收预警: the owner of an opportunity about to be recycled gets a mail naming the task to finish. */
@Component
public class RecycleWarnings {

    private final StaffContacts staff;
    private final NotificationService notifications;

    RecycleWarnings(StaffContacts staff, NotificationService notifications) {
        this.staff = staff;
        this.notifications = notifications;
    }

    /** Once per task and kind; {@code warning} is what {@link AssignmentService#warn} wrote on the timeline. */
    public void mailOwner(long opportunityId, String taskId, String taskName, RecycleKind kind, String ownerId,
            String customerName, String warning) {
        notifications.enqueue(opportunityId, "recycle-warning:" + taskId + ":" + kind, "RECYCLE_WARNING",
                staff.user(ownerId).map(StaffContacts.Contact::email).orElse(null),
                "【回收预警】" + customerName + " 的商机即将被收回", warning + "\n\n请在 Tasklist 处理“" + taskName + "”任务。\n");
    }
}
