package com.enrollflow.consultation;

import java.time.OffsetDateTime;

import org.springframework.stereotype.Component;

import com.enrollflow.notification.NotificationService;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.scheduling.PreferredTimes;

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

    /**
     * What the consultant reads after 预约到访: 王小明：到访已约在 2026-12-12 10:00（周六），到时由前台登记到访；
     * 2026-12-11 10:00 系统将发邮件提醒家长（…）。 A family without an e-mail gets no reminder (its mail is skipped), so
     * the consultant is asked to phone the day before instead.
     */
    public String booked(long opportunityId, OffsetDateTime visitAt, OffsetDateTime now) {
        FamilyContact f = families.of(opportunityId);
        OffsetDateTime remind = remindAt(visitAt, now);
        String reminder = !f.mailable()
                ? "家长没有登记邮箱，系统不会发到访提醒，请在到访前一天电话提醒家长。"
                : (remind.equals(now) ? "系统随即" : BusinessTime.shown(remind) + " 系统将") + "发邮件提醒家长（" + f.email()
                        + "）。";
        return f.name() + "：到访已约在 " + shown(visitAt) + "，到时由前台登记到访；" + reminder;
    }

    /** 2026-12-12 10:00（周六）: a visit's time as staff read it, in Beijing time with the weekday. */
    public static String shown(OffsetDateTime visitAt) {
        return BusinessTime.shown(visitAt) + "（"
                + PreferredTimes.shown(visitAt.atZoneSameInstant(BusinessTime.ZONE).getDayOfWeek()) + "）";
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
