package com.enrollflow.opportunity;

import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;

/** What intent exploration (意向挖掘) found out, as confirmed by the agent. */
public record IntentAnswers(
        Grade grade,
        Subject subject,
        String goal,
        String studyHabits,
        String budget,
        String startPlan,
        String campusCode,
        ProductLine productLine,
        IntentLevel suggestedLevel,
        IntentLevel confirmedLevel) {
}
