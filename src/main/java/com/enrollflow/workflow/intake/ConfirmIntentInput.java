package com.enrollflow.workflow.intake;

import static com.enrollflow.workflow.ProcessConstants.*;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.enrollflow.opportunity.IntentLevel;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.workflow.LatestDecisions;
import com.enrollflow.workflow.TaskInput;

/**
 * Checks the 确认意向等级 form (Task_ConfirmIntent): overriding the suggestion needs a reason. The suggestion is the
 * decision table's answer for the lead's own answers and its channel as stored, evaluated again here: the form shows
 * it read-only, but a form submission may send any variable, and one that sent a suggestion equal to its level (and
 * a reason of its own) escaped the override's reason and the audit of overrides (decision 609).
 */
@Component("confirmIntentInput")
class ConfirmIntentInput implements TaskListener {

    private final LatestDecisions decisions;
    private final OpportunityService opportunities;

    ConfirmIntentInput(LatestDecisions decisions, OpportunityService opportunities) {
        this.decisions = decisions;
        this.opportunities = opportunities;
    }

    @Override
    public void notify(DelegateTask task) {
        TaskInput input = new TaskInput(task);
        IntentLevel level = input.code(INTENT_LEVEL, IntentLevel.class, true);
        String reason = input.text(OVERRIDE_REASON, 400, false);
        Map<String, Object> suggestion = suggestion(task);
        Object suggested = suggestion.get(SUGGESTED_INTENT_LEVEL);
        if (level != null && !level.name().equals(suggested) && reason == null) {
            input.problem(OVERRIDE_REASON, "与系统建议不同时，请填写调整理由");
        }
        input.check(OVERRIDE_REASON);
        // what is stored with the intent is the table's suggestion, whatever the submission said
        task.setVariable(SUGGESTED_INTENT_LEVEL, suggested);
        task.setVariable("suggestionReason", suggestion.get("suggestionReason"));
    }

    /** intent-level.dmn for the answers of 了解客户意向 and the channel the lead came in by (the opportunity's). */
    private Map<String, Object> suggestion(DelegateTask task) {
        long opportunityId = Long.parseLong(task.getExecution().getProcessBusinessKey());
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("startPlan", task.getVariable("startPlan"));
        inputs.put("budget", task.getVariable("budget"));
        inputs.put("channel", opportunities.get(opportunityId).channel());
        return decisions.firstRow("intentLevel", inputs, e -> e).orElseGet(() -> {
            Map<String, Object> none = new HashMap<>();
            none.put(SUGGESTED_INTENT_LEVEL, task.getVariable(SUGGESTED_INTENT_LEVEL));
            none.put("suggestionReason", task.getVariable("suggestionReason"));
            return none;
        });
    }
}
