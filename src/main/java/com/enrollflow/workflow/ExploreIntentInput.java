package com.enrollflow.workflow;

import static com.enrollflow.workflow.ProcessConstants.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;

/** Checks the 了解客户意向 form (Task_ExploreIntent): a reason without intent, the DMN inputs with it. */
@Component("exploreIntentInput")
class ExploreIntentInput implements TaskListener {

    private final CampusRepository campuses;

    ExploreIntentInput(CampusRepository campuses) {
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
        input.oneOf("budget", true, "UNDER_5K", "FROM_5K_TO_15K", "FROM_15K_TO_30K", "OVER_30K", "UNKNOWN");
        input.oneOf("startPlan", true, "WITHIN_2_WEEKS", "WITHIN_MONTH", "WITHIN_TERM", "UNDECIDED");
        String campus = input.text(CAMPUS, 16, true);
        if (campus != null && !campuses.exists(campus)) {
            input.problem(CAMPUS, "未知的校区代码“" + campus + "”");
        }
        input.oneOf(PRODUCT_INTEREST, true, "ONE_ON_ONE", "CLASS", "BOTH");
        input.check("grade", "subject", "goal", "studyHabits", NO_INTENT_REASON);
    }
}
