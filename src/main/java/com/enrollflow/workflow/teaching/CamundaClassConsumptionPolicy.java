package com.enrollflow.workflow.teaching;

import java.util.Map;

import org.springframework.stereotype.Component;

import com.enrollflow.teaching.AttendanceStatus;
import com.enrollflow.teaching.ClassConsumptionPolicy;
import com.enrollflow.workflow.LatestDecisions;

/**
 * Evaluates the latest deployed bpmn/class-consumption.dmn (确定班课是否课消) in the caller's transaction, as the
 * application. A redeployed table applies from the next roll call on.
 */
@Component
class CamundaClassConsumptionPolicy implements ClassConsumptionPolicy {

    private final LatestDecisions decisions;

    CamundaClassConsumptionPolicy(LatestDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public boolean consumed(AttendanceStatus status) {
        Map<String, Object> row = decisions.firstRow(DECISION_KEY, Map.of("attendance", status.name()),
                ClassConsumptionPolicy::unreadable).orElseThrow(() -> ClassConsumptionPolicy.noRule(status));
        return Boolean.TRUE.equals(row.get("consumed"));
    }
}
