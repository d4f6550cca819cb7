package com.enrollflow.quality;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.notification.StaffContacts;
import com.enrollflow.reference.Campus;

/**
 * 辅导改进 not written within its seven days (decision 545): the staff member and the campus's sales supervisors get a
 * mail, once per review. The task stays with the staff member: nobody else can write their improvement.
 */
@Service
public class QualityOverdue {

    private final QualityReviews reviews;
    private final StaffContacts contacts;
    private final StaffDirectory staff;
    private final NotificationService notifications;

    QualityOverdue(QualityReviews reviews, StaffContacts contacts, StaffDirectory staff,
            NotificationService notifications) {
        this.reviews = reviews;
        this.contacts = contacts;
        this.staff = staff;
        this.notifications = notifications;
    }

    @Transactional
    public void coachingOverdue(long reviewId) {
        Optional<String> campus = reviews.coachingAwaitedAt(reviewId);
        if (campus.isEmpty()) {
            return;
        }
        QualityReviews.Item item = reviews.item(reviewId);
        String who = staff.displayName(item.ownerUser());
        String subject = "【辅导逾期】" + who + " 的辅导改进已超过 7 天未完成";
        String body = "质检条目：" + item.summary(who) + "\n当时的记录：" + item.note() + "\n主管评语：" + item.reviewComment()
                + "\n" + who + " 尚未写下改进措施，请在 Tasklist 的“我的任务”中完成“辅导改进”。\n";
        contacts.user(item.ownerUser()).ifPresent(c -> mail(item, reviewId, c, subject, body));
        for (StaffContacts.Contact supervisor : contacts.ofRoleAtCampus("salesSupervisor",
                Campus.tenantId(campus.get()))) {
            mail(item, reviewId, supervisor, subject, body);
        }
    }

    private void mail(QualityReviews.Item item, long reviewId, StaffContacts.Contact to, String subject, String body) {
        notifications.enqueue(item.opportunityId(), "coaching-overdue:" + reviewId + ":" + to.userId(),
                "COACHING_OVERDUE", to.email(), subject, body);
    }
}
