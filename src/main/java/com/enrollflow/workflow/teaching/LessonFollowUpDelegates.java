package com.enrollflow.workflow.teaching;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.renewal.Renewals;
import com.enrollflow.survey.Surveys;
import com.enrollflow.teaching.ConsumptionNotices;
import com.enrollflow.teaching.RemainingLessons;
import com.enrollflow.workflow.ProcessConstants;

/**
 * lesson-follow-ups.bpmn (课消后续跟进): each step asks one feature whether the lesson just consumed calls for it;
 * each runs as a job of its own, so a failed step is retried alone and the others stand.
 */
@Configuration
class LessonFollowUpDelegates {

    private final Renewals renewals;
    private final Surveys surveys;
    private final RemainingLessons remaining;
    private final ConsumptionNotices notices;

    LessonFollowUpDelegates(Renewals renewals, Surveys surveys, RemainingLessons remaining,
            ConsumptionNotices notices) {
        this.notices = notices;
        this.renewals = renewals;
        this.surveys = surveys;
        this.remaining = remaining;
    }

    /** ServiceTask_NotifyLessonConsumed (通知家长课消): the family's mail of the 1:1 lesson taken off its hours. */
    @Bean("notifyLessonConsumed")
    JavaDelegate notifyLessonConsumed() {
        return execution -> notices.lessonConsumed(opportunityId(execution),
                ((Number) execution.getVariable(LessonFollowUps.LESSON_ID)).longValue());
    }

    /** ServiceTask_NotifyLessonRestored (通知家长课时退回): the family told of a deduction a correction took back. */
    @Bean("notifyLessonRestored")
    JavaDelegate notifyLessonRestored() {
        return execution -> notices.lessonRestored(opportunityId(execution),
                ((Number) execution.getVariable(LessonFollowUps.LESSON_ID)).longValue(),
                ((Number) execution.getVariable(LessonFollowUps.CORRECTED_MARK_ID)).longValue());
    }

    /** ServiceTask_NotifyClassLessonConsumed (通知家长班课课消): the same for a class lesson of a roll call. */
    @Bean("notifyClassLessonConsumed")
    JavaDelegate notifyClassLessonConsumed() {
        return execution -> notices.classLessonConsumed(opportunityId(execution), contractId(execution),
                ((Number) execution.getVariable(LessonFollowUps.CLASS_SESSION_ID)).longValue());
    }

    /** ServiceTask_NotifyClassLessonRestored (通知家长班课课时退回): a roll call's correction that gave the lesson back. */
    @Bean("notifyClassLessonRestored")
    JavaDelegate notifyClassLessonRestored() {
        return execution -> notices.classLessonRestored(opportunityId(execution), contractId(execution),
                ((Number) execution.getVariable(LessonFollowUps.CLASS_SESSION_ID)).longValue(),
                (String) execution.getVariable(LessonFollowUps.PREVIOUS_STATUS));
    }

    /** ServiceTask_RemindRenewal (检查续费提醒): the renewal when the lessons left reached the policy's line. */
    @Bean("remindRenewalIfDue")
    JavaDelegate remindRenewalIfDue() {
        return execution -> renewals.remindIfDue(contractId(execution));
    }

    /** ServiceTask_OpenSurvey (检查满意度调查): after the 3rd lesson and at the contract's last. */
    @Bean("openSurveyIfDue")
    JavaDelegate openSurveyIfDue() {
        return execution -> surveys.openIfDue(contractId(execution),
                ((Number) execution.getVariable(LessonFollowUps.LESSON_ID)).longValue(),
                ((Number) execution.getVariable(LessonFollowUps.CONSUMED_LESSONS)).intValue());
    }

    /** ServiceTask_AskRemainingLessons (检查剩余课时): 剩余课时待排 when the schedule is used up with hours left. */
    @Bean("askRemainingLessonsIfUsedUp")
    JavaDelegate askRemainingLessonsIfUsedUp() {
        return execution -> remaining.askIfUsedUp(contractId(execution));
    }

    private static long opportunityId(DelegateExecution execution) {
        return ((Number) execution.getVariable(ProcessConstants.OPPORTUNITY_ID)).longValue();
    }

    private static long contractId(DelegateExecution execution) {
        return ((Number) execution.getVariable(LessonFollowUps.CONTRACT_ID)).longValue();
    }
}
