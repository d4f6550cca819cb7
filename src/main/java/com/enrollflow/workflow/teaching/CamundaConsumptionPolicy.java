package com.enrollflow.workflow.teaching;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.enrollflow.teaching.AttendanceStatus;
import com.enrollflow.teaching.Consumption;
import com.enrollflow.teaching.ConsumptionPolicy;
import com.enrollflow.workflow.LatestDecisions;

/**
 * Evaluates the latest deployed bpmn/lesson-consumption.dmn (确定是否课消) in the caller's transaction, as the
 * application: a teacher marking attendance needs no right on decisions. A redeployed table applies from the next
 * mark on.
 */
@Component
class CamundaConsumptionPolicy implements ConsumptionPolicy {

    private final LatestDecisions decisions;

    CamundaConsumptionPolicy(LatestDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public Consumption decide(AttendanceStatus status, Integer noticeHours) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("attendance", status.name());
        inputs.put("noticeHours", noticeHours);
        Map<String, Object> row = decisions.firstRow(DECISION_KEY, inputs, ConsumptionPolicy::unreadable)
                .orElseThrow(() -> ConsumptionPolicy.noRule(status, noticeHours));
        Object rebookBy = row.get("rebookBy");
        return new Consumption(Boolean.TRUE.equals(row.get("consumed")), Boolean.TRUE.equals(row.get("rebook")),
                rebookBy == null || rebookBy.toString().isBlank() ? null : rebookBy.toString());
    }
}
