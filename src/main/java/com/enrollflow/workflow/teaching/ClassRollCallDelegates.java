package com.enrollflow.workflow.teaching;

import static com.enrollflow.workflow.FormValues.text;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.teaching.ClassRollCalls;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.engine.StartFormRecord;

/** class-roll-call.bpmn (班课点名): the start form's fields to {@link ClassRollCalls}, the roll call's summary back. */
@Configuration
class ClassRollCallDelegates {

    /** The fields of the start form class-roll-call. */
    static final String CLASS_OFFERING = "classOffering";
    static final String HELD_ON = "heldOn";
    static final String ON_LEAVE = "onLeave";
    static final String ABSENT = "absent";
    static final String CORRECTION_REASON = "correctionReason";
    /** What was recorded, kept in the instance's history. */
    static final String SUMMARY = "rollCallSummary";

    private final ClassRollCalls rollCalls;

    ClassRollCallDelegates(ClassRollCalls rollCalls) {
        this.rollCalls = rollCalls;
    }

    /**
     * ServiceTask_RecordRollCall (登记出勤并课消): every refusal names the form's field, and nothing is recorded then.
     */
    @Bean("recordClassRollCall")
    JavaDelegate recordClassRollCall() {
        return execution -> {
            var asked = new ClassRollCalls.RollCall(text(execution.getVariable(CLASS_OFFERING)),
                    FormValues.day(execution.getVariable(HELD_ON)), text(execution.getVariable(ON_LEAVE)),
                    text(execution.getVariable(ABSENT)), text(execution.getVariable(CORRECTION_REASON)));
            var recorded = FormValues.request(() -> rollCalls.record(asked, Actors.of(execution)));
            execution.setVariable(SUMMARY, recorded.summary());
            // a roll call names several families: it keeps no business key, and its history ends with its time-to-live
            StartFormRecord.file(execution, recorded.campusCode(), null);
            StartFormRecord.told(execution, recorded.summary());
        };
    }
}
