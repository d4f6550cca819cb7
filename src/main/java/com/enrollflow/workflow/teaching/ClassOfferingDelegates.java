package com.enrollflow.workflow.teaching;

import static com.enrollflow.workflow.FormValues.amount;
import static com.enrollflow.workflow.FormValues.day;
import static com.enrollflow.workflow.FormValues.text;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.teaching.ClassChanges;
import com.enrollflow.teaching.ClassOfferings;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.engine.StartFormRecord;

/**
 * class-opening.bpmn (开设班课), class-closing.bpmn (停止班级招生) and class-change.bpmn (调整班级): the start forms'
 * fields to {@link ClassOfferings} and {@link ClassChanges}, the class's code and what was done back.
 */
@Configuration
class ClassOfferingDelegates {

    /** The fields of the start form open-class: the API's names. */
    static final String CAMPUS = "campus";
    static final String NAME = "name";
    static final String SUBJECT = "subject";
    static final String GRADE = "grade";
    static final String LESSONS = "lessons";
    static final String PRICE = "price";
    static final String STARTS_ON = "startsOn";
    static final String SCHEDULE = "schedule";
    /** 上课星期 (a checklist) and 任课教师 (decision 577). */
    static final String WEEKDAYS = "weekdays";
    static final String TEACHER = "teacher";
    /** The class opened: its code, and what was opened, kept in the instance's history. */
    static final String CLASS_CODE = "classCode";
    static final String SUMMARY = "classSummary";
    /** The fields of the start form close-class: the class by name or code, and why. */
    static final String CLASS_OFFERING = "classOffering";
    static final String REASON = "reason";

    private final ClassOfferings openings;
    private final ClassChanges changes;

    ClassOfferingDelegates(ClassOfferings openings, ClassChanges changes) {
        this.openings = openings;
        this.changes = changes;
    }

    /** ServiceTask_OpenClass (开设班级): the rules of POST /api/classes; a refusal names the form's field. */
    @Bean("openClass")
    JavaDelegate openClass() {
        return execution -> {
            var asked = new ClassOfferings.Request(text(execution.getVariable(CAMPUS)),
                    text(execution.getVariable(NAME)), text(execution.getVariable(SUBJECT)),
                    text(execution.getVariable(GRADE)), amount(execution.getVariable(LESSONS)),
                    amount(execution.getVariable(PRICE)), day(execution.getVariable(STARTS_ON)),
                    text(execution.getVariable(SCHEDULE)), FormValues.checked(execution.getVariable(WEEKDAYS)),
                    text(execution.getVariable(TEACHER)));
            var opened = FormValues.request(() -> openings.open(asked, Actors.of(execution)));
            execution.setVariable(CLASS_CODE, opened.opened().code());
            execution.setVariable(SUMMARY, opened.summary());
            // the class is the record: its campus sees the form in Cockpit, its code finds it
            StartFormRecord.file(execution, opened.opened().campusCode(), opened.opened().code());
            StartFormRecord.told(execution, opened.summary());
        };
    }

    /** ServiceTask_CloseClass (停止招生): the rules of POST /api/classes/{code}/enrolment-closing, by the form's fields. */
    @Bean("closeClassEnrolment")
    JavaDelegate closeClassEnrolment() {
        return execution -> {
            var asked = new ClassOfferings.Closing(text(execution.getVariable(CLASS_OFFERING)),
                    text(execution.getVariable(REASON)));
            var closed = FormValues.request(() -> openings.close(asked, Actors.of(execution)));
            execution.setVariable(CLASS_CODE, closed.closed().code());
            execution.setVariable(SUMMARY, closed.summary());
            StartFormRecord.file(execution, closed.closed().campusCode(), closed.closed().code());
            StartFormRecord.told(execution, closed.summary());
        };
    }

    /** ServiceTask_ChangeClass (调整班级): the rules of POST /api/classes/{code}/changes, by the form's fields. */
    @Bean("changeClass")
    JavaDelegate changeClass() {
        return execution -> {
            var asked = new ClassChanges.Request(text(execution.getVariable(CLASS_OFFERING)),
                    text(execution.getVariable(SCHEDULE)), amount(execution.getVariable(PRICE)),
                    day(execution.getVariable(STARTS_ON)), text(execution.getVariable(REASON)),
                    FormValues.checked(execution.getVariable(WEEKDAYS)), text(execution.getVariable(TEACHER)));
            var changed = FormValues.request(() -> changes.change(asked, Actors.of(execution)));
            execution.setVariable(CLASS_CODE, changed.changed().code());
            execution.setVariable(SUMMARY, changed.summary());
            StartFormRecord.file(execution, changed.changed().campusCode(), changed.changed().code());
            StartFormRecord.told(execution, changed.summary());
        };
    }
}
