package com.enrollflow.workflow.teaching;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.SystemLookups;
import com.enrollflow.teaching.AttendanceStatus;
import com.enrollflow.teaching.Consumption;
import com.enrollflow.teaching.ConsumptionPolicy;

/**
 * Evaluates the latest deployed bpmn/lesson-consumption.dmn (确定是否课消) in the caller's transaction, as the
 * application: a teacher marking attendance needs no right on decisions. A redeployed table applies from the next
 * mark on.
 */
@Component
class CamundaConsumptionPolicy implements ConsumptionPolicy {

    private final DecisionService decisions;
    private final SystemLookups system;

    CamundaConsumptionPolicy(DecisionService decisions, SystemLookups system) {
        this.decisions = decisions;
        this.system = system;
    }

    @Override
    public Consumption decide(AttendanceStatus status, Integer noticeHours) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("attendance", status.name());
        inputs.put("noticeHours", noticeHours);
        DmnDecisionResult result;
        try {
            result = system.unrestricted(() -> decisions.evaluateDecisionByKey(DECISION_KEY)
                    .decisionDefinitionWithoutTenantId().variables(inputs).evaluate());
        } catch (ProcessEngineException | DmnEngineException e) {
            throw ConsumptionPolicy.unreadable(e);
        }
        if (result.isEmpty()) {
            throw ConsumptionPolicy.noRule(status, noticeHours);
        }
        Map<String, Object> row = result.getFirstResult().getEntryMap();
        Object rebookBy = row.get("rebookBy");
        return new Consumption(Boolean.TRUE.equals(row.get("consumed")), Boolean.TRUE.equals(row.get("rebook")),
                rebookBy == null || rebookBy.toString().isBlank() ? null : rebookBy.toString());
    }
}
