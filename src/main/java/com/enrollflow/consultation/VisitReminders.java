package com.enrollflow.consultation;

import java.time.OffsetDateTime;

import org.springframework.stereotype.Component;

import com.enrollflow.notification.NotificationService;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.reference.BusinessTime;

/** 到访提醒: the family is reminded of a booked visit the day before. */
@Component
public class VisitReminders {

    /** How long before the visit the reminder goes out. */
    public static final int DAYS_BEFORE = 1;

    private final Families families;
    private final NotificationService notifications;

    VisitReminders(Families families, NotificationService notifications) {
        this.families = families;
        this.notifications = notifications;
    }

    /** The day before the visit; a visit booked for tomorrow morning is reminded at once. */
    public static OffsetDateTime remindAt(OffsetDateTime visitAt, OffsetDateTime now) {
        OffsetDateTime remind = visitAt.minusDays(DAYS_BEFORE);
        return remind.isBefore(now) ? now : remind;
    }

    /** The reminder mail, once per visit time. */
    public void send(long opportunityId, OffsetDateTime visitAt) {
        FamilyContact f = families.of(opportunityId);
        String at = BusinessTime.shown(visitAt);
        notifications.enqueue(opportunityId, "visit-reminder:" + opportunityId + ":" + at, "VISIT_REMINDER", f.email(),
                "【" + f.campusName() + "】到访提醒", f.name() + "，您好：\n\n提醒您明天（" + at + "）到" + f.campusName()
                        + "参加课程咨询与入学测试。如需改期请联系您的课程顾问。\n");
    }
}
