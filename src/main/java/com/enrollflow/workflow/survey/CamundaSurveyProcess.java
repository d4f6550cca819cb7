package com.enrollflow.workflow.survey;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.SystemLookups;
import com.enrollflow.opportunity.Families;
import com.enrollflow.survey.Survey;
import com.enrollflow.survey.SurveyProcess;
import com.enrollflow.workflow.ProcessConstants;

/**
 * Starts satisfaction-survey.bpmn (满意度调查; business key = the opportunity id) and wakes it with the answer
 * (message SurveyAnswered, correlated by the survey id), giving the table its inputs.
 */
@Component
class CamundaSurveyProcess implements SurveyProcess {

    static final String PROCESS = "satisfactionSurvey";
    static final String ANSWERED = "SurveyAnswered";

    private final RuntimeService runtime;
    private final SystemLookups system;
    private final Families families;

    CamundaSurveyProcess(RuntimeService runtime, SystemLookups system, Families families) {
        this.runtime = runtime;
        this.system = system;
        this.families = families;
    }

    @Override
    public void start(Survey s) {
        Map<String, Object> v = new HashMap<>();
        v.put(SurveyDelegates.SURVEY_ID, s.id());
        v.put(ProcessConstants.OPPORTUNITY_ID, s.opportunityId());
        v.put(ProcessConstants.CUSTOMER_NAME, families.of(s.opportunityId()).name());
        v.put(ProcessConstants.CAMPUS, s.campusCode());
        v.put("surveyOccasion", s.occasionLabel());
        v.put("surveyExpiresAt", Date.from(s.expiresAt().toInstant()));
        system.unrestricted(() -> runtime.startProcessInstanceByKey(PROCESS, String.valueOf(s.opportunityId()), v));
    }

    /** The answer's ratings are the inputs of survey-follow-up.dmn; a survey no longer waiting is left alone. */
    @Override
    public void answered(Survey s) {
        int lowest = Math.min(s.teacherRating(), Math.min(s.courseRating(), s.serviceRating()));
        double average = (s.teacherRating() + s.courseRating() + s.serviceRating()) / 3.0;
        system.unrestricted(() -> runtime.createMessageCorrelation(ANSWERED)
                .processInstanceVariableEquals(SurveyDelegates.SURVEY_ID, s.id())
                .setVariable("teacherRating", s.teacherRating()).setVariable("courseRating", s.courseRating())
                .setVariable("serviceRating", s.serviceRating()).setVariable("lowestRating", lowest)
                .setVariable("averageRating", Math.round(average * 100) / 100.0)
                .setVariable("surveyComment", s.comment() == null ? "" : s.comment()).correlateAllWithResult());
    }
}
