package com.enrollflow.workflow.teaching;

import static com.enrollflow.workflow.FormValues.amount;
import static com.enrollflow.workflow.FormValues.day;
import static com.enrollflow.workflow.FormValues.text;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.teaching.RemainingLessons;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.engine.StartFormRecord;

/**
 * remaining-lessons.bpmn (安排剩余课时): the start form's fields go to {@link RemainingLessons} as typed; a problem
 * names the form's field, a refused request (a contract being refunded or suspended, nothing left to book) refuses
 * the submission, and nothing is stored then. The form is filed under the student's opportunity and campus.
 */
@Configuration
class RemainingLessonsDelegates {

    private final RemainingLessons remaining;

    RemainingLessonsDelegates(RemainingLessons remaining) {
        this.remaining = remaining;
    }

    /** ServiceTask_BookRemainingLessons (排入课表). */
    @Bean("bookRemainingLessonsAsked")
    JavaDelegate bookRemainingLessonsAsked() {
        return execution -> {
            RemainingLessons.Asked asked = new RemainingLessons.Asked(
                    text(execution.getVariable(RemainingLessons.CONTRACT)),
                    amount(execution.getVariable(RemainingLessons.COUNT)),
                    day(execution.getVariable(RemainingLessons.START_ON)),
                    text(execution.getVariable(RemainingLessons.NOTE)));
            RemainingLessons.Booked booked = FormValues.contractRequest(RemainingLessons.CONTRACT,
                    () -> remaining.book(asked, Actors.of(execution)));
            StartFormRecord.file(execution, booked.campusCode(), String.valueOf(booked.opportunityId()));
            StartFormRecord.told(execution, booked.told());
        };
    }
}
