package com.enrollflow.workflow.intake;

import static com.enrollflow.workflow.ProcessConstants.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.enrollflow.opportunity.IntentLevel;
import com.enrollflow.workflow.TaskInput;

/** Checks the 确认意向等级 form (Task_ConfirmIntent): overriding the suggestion needs a reason. */
@Component("confirmIntentInput")
class ConfirmIntentInput implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        TaskInput input = new TaskInput(task);
        IntentLevel level = input.code(INTENT_LEVEL, IntentLevel.class, true);
        String reason = input.text(OVERRIDE_REASON, 400, false);
        Object suggested = task.getVariable(SUGGESTED_INTENT_LEVEL);
        if (level != null && !level.name().equals(suggested) && reason == null) {
            input.problem(OVERRIDE_REASON, "与系统建议不同时，请填写调整理由");
        }
        input.check(OVERRIDE_REASON);
    }
}
