package com.enrollflow.survey;

/** The survey process: started for a new survey, told when the family has answered. */
public interface SurveyProcess {

    void start(Survey survey);

    void answered(Survey survey);
}
