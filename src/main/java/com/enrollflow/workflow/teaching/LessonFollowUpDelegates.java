package com.enrollflow.workflow.teaching;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.renewal.Renewals;
import com.enrollflow.survey.Surveys;
import com.enrollflow.teaching.RemainingLessons;

/**
 * lesson-follow-ups.bpmn (课消后续跟进): each step asks one feature whether the lesson just consumed calls for it;
 * each runs as a job of its own, so a failed step is retried alone and the others stand.
 */
@Configuration
class LessonFollowUpDelegates {

    private final Renewals renewals;
    private final Surveys surveys;
    private final RemainingLessons remaining;

    LessonFollowUpDelegates(Renewals renewals, Surveys surveys, RemainingLessons remaining) {
        this.renewals = renewals;
        this.surveys = surveys;
        this.remaining = remaining;
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

    private static long contractId(DelegateExecution execution) {
        return ((Number) execution.getVariable(LessonFollowUps.CONTRACT_ID)).longValue();
    }
}
