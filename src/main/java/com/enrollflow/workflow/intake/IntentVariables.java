package com.enrollflow.workflow.intake;

import static com.enrollflow.workflow.ProcessConstants.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import com.enrollflow.common.Coded;
import com.enrollflow.opportunity.IntentAnswers;
import com.enrollflow.opportunity.IntentLevel;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;

/** Reads the confirmed intent answers (checked by the form listeners) from the process variables. */
final class IntentVariables {

    private IntentVariables() {
    }

    static IntentAnswers read(DelegateExecution e, ProductLine productLine) {
        return new IntentAnswers(
                Coded.parse(Grade.class, (String) e.getVariable("grade")).orElse(null),
                Coded.parse(Subject.class, (String) e.getVariable("subject")).orElse(null),
                (String) e.getVariable("goal"),
                (String) e.getVariable("studyHabits"),
                (String) e.getVariable("budget"),
                (String) e.getVariable("startPlan"),
                (String) e.getVariable(CAMPUS),
                productLine,
                IntentLevel.valueOf((String) e.getVariable(SUGGESTED_INTENT_LEVEL)),
                IntentLevel.valueOf((String) e.getVariable(INTENT_LEVEL)));
    }

    /** The product line this opportunity keeps: "both" keeps 1:1 here and splits the class off. */
    static ProductLine ownLine(DelegateExecution e) {
        String interest = (String) e.getVariable(PRODUCT_INTEREST);
        return "BOTH".equals(interest) ? ProductLine.ONE_ON_ONE : ProductLine.valueOf(interest);
    }
}
