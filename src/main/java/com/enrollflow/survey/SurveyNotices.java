package com.enrollflow.survey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.opportunity.OpportunityService;

/**
 * 发送问卷: the family's mail with the survey link, once per survey (its dedupe key). SMS is out of scope: the text it
 * would carry is logged, without the link or the phone number.
 */
@Service
public class SurveyNotices {

    private static final Logger log = LoggerFactory.getLogger(SurveyNotices.class);

    private final Surveys surveys;
    private final NotificationService notifications;
    private final Families families;
    private final OpportunityService opportunities;

    SurveyNotices(Surveys surveys, NotificationService notifications, Families families,
            OpportunityService opportunities) {
        this.surveys = surveys;
        this.notifications = notifications;
        this.families = families;
        this.opportunities = opportunities;
    }

    @Transactional
    public void send(long surveyId) {
        Survey s = surveys.get(surveyId);
        FamilyContact family = families.of(s.opportunityId());
        notifications.enqueue(s.opportunityId(), "survey:" + s.id(), "SURVEY", family.email(),
                family.campusName() + "：请为" + s.occasionLabel() + "的学习体验打分", family.name() + "家长，您好：\n\n"
                        + "感谢您选择" + family.campusName() + "。请花 1 分钟为" + s.occasionLabel()
                        + "的老师、课程和服务打分，您的意见会直接交给校区负责人：\n\n" + surveys.link(s)
                        + "\n\n链接 14 天内有效，只能提交一次，请勿转发。\n\n" + family.campusName());
        log.info("SMS not sent (not configured): survey {} of opportunity {} ({}) would be announced by SMS too",
                s.id(), s.opportunityId(), s.occasionLabel());
        boolean mailed = family.mailable();
        if (mailed) {
            // only a survey a family received counts as sent in 满意度 (回收率 = answered ÷ sent)
            surveys.sent(s.id());
        }
        opportunities.note(s.opportunityId(), TimelineEvent.SURVEY_SENT, "system", s.occasionLabel()
                + (mailed ? "满意度问卷已发送" : "满意度问卷未能发送：家长没有邮箱（短信未接通）"));
    }
}
