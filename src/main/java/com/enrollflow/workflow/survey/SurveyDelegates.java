package com.enrollflow.workflow.survey;

import static com.enrollflow.workflow.SalesVariables.id;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.survey.Survey;
import com.enrollflow.survey.SurveyNotices;
import com.enrollflow.survey.Surveys;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.TaskInput;

/** satisfaction-survey.bpmn (满意度调查): each bean reads the survey id, calls one service and writes its result. */
@Configuration
class SurveyDelegates {

    static final String SURVEY_ID = "surveyId";
    static final String CALL_OUTCOME = "careCallOutcome";

    private final SurveyNotices notices;
    private final Surveys surveys;
    private final OpportunityService opportunities;

    SurveyDelegates(SurveyNotices notices, Surveys surveys, OpportunityService opportunities) {
        this.notices = notices;
        this.surveys = surveys;
        this.opportunities = opportunities;
    }

    /** ServiceTask_SendSurvey (发送问卷). */
    @Bean("sendSurvey")
    JavaDelegate sendSurvey() {
        return execution -> notices.send(id(execution, SURVEY_ID));
    }

    /** Task_SurveyCareCall (满意度回访), on create: what the family said, for the caller. */
    @Bean("surveyCareCallPrepare")
    TaskListener surveyCareCallPrepare() {
        return task -> {
            Survey s = surveys.get(id(task, SURVEY_ID));
            task.setVariableLocal("surveySummary", s.occasionLabel() + "满意度：老师" + (s.teacherName() == null ? ""
                    : "（" + s.teacherName() + "）") + " " + s.teacherRating() + " 分，课程 " + s.courseRating()
                    + " 分，服务 " + s.serviceRating() + " 分\n家长意见：" + (s.comment() == null ? "（无）" : s.comment())
                    + "\n回访原因：" + task.getVariable("careReason"));
        };
    }

    /** Task_SurveyCareCall, on complete: what the call found, required, onto the customer's timeline. */
    @Bean("surveyCareCallInput")
    TaskListener surveyCareCallInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String outcome = input.text(CALL_OUTCOME, 1000, true);
            input.check();
            opportunities.note(id(task, "opportunityId"), TimelineEvent.SURVEY_CARE_CALL, Actors.of(task), outcome);
        };
    }
}
