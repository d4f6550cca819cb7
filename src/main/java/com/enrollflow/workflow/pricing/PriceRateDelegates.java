package com.enrollflow.workflow.pricing;

import static com.enrollflow.workflow.FormValues.amount;
import static com.enrollflow.workflow.FormValues.day;
import static com.enrollflow.workflow.FormValues.text;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.pricing.PriceRateChanges;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.engine.StartFormRecord;

/** price-rate-change.bpmn (调整课时单价): the start form's fields to {@link PriceRateChanges}, the change back. */
@Configuration
class PriceRateDelegates {

    /** The fields of the start form change-price-rate: the API's names. */
    static final String CAMPUS = "campus";
    static final String TEACHER_LEVEL = "teacherLevel";
    static final String GRADE = "grade";
    static final String SUBJECT = "subject";
    static final String LESSON_PRICE = "lessonPrice";
    static final String VALID_FROM = "validFrom";
    /** What changed, kept in the instance's history. */
    static final String SUMMARY = "rateSummary";

    private final PriceRateChanges changes;

    PriceRateDelegates(PriceRateChanges changes) {
        this.changes = changes;
    }

    /** ServiceTask_ChangeRate (保存课时单价): the rules of POST /api/price-list/rates; a refusal names the field. */
    @Bean("changePriceRate")
    JavaDelegate changePriceRate() {
        return execution -> {
            var asked = new PriceRateChanges.Request(text(execution.getVariable(CAMPUS)),
                    text(execution.getVariable(TEACHER_LEVEL)), text(execution.getVariable(GRADE)),
                    text(execution.getVariable(SUBJECT)), amount(execution.getVariable(LESSON_PRICE)),
                    day(execution.getVariable(VALID_FROM)));
            var changed = FormValues.request(() -> changes.change(asked, Actors.of(execution)));
            execution.setVariable(SUMMARY, changed.summary());
            // the campus's price list is the record: its campus sees the change in Cockpit
            StartFormRecord.file(execution, changed.campusCode(), null);
        };
    }
}
