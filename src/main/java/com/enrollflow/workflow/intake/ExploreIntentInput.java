package com.enrollflow.workflow.intake;

import static com.enrollflow.workflow.ProcessConstants.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.enrollflow.opportunity.Budget;
import com.enrollflow.opportunity.ProductInterest;
import com.enrollflow.opportunity.StartPlan;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.workflow.TaskInput;

/** Checks the 了解客户意向 form (Task_ExploreIntent): a reason without intent, the DMN inputs with it. */
@Component("exploreIntentInput")
class ExploreIntentInput implements TaskListener {

    private final Campuses campuses;

    ExploreIntentInput(Campuses campuses) {
        this.campuses = campuses;
    }

    @Override
    public void notify(DelegateTask task) {
        TaskInput input = new TaskInput(task);
        String decision = input.oneOf(INTENT_DECISION, true, "YES", "NO");
        if ("NO".equals(decision)) {
            input.text(NO_INTENT_REASON, 400, true);
            input.check();
            return;
        }
        input.code("grade", Grade.class, false);
        input.code("subject", Subject.class, false);
        input.text("goal", 500, false);
        input.text("studyHabits", 500, false);
        input.code("budget", Budget.class, true);
        input.code("startPlan", StartPlan.class, true);
        input.campus(CAMPUS, campuses, true);
        input.code(PRODUCT_INTEREST, ProductInterest.class, true);
        input.check("grade", "subject", "goal", "studyHabits", NO_INTENT_REASON);
    }
}
