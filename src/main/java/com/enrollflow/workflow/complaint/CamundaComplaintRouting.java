package com.enrollflow.workflow.complaint;

import java.util.Map;

import org.springframework.stereotype.Component;

import com.enrollflow.common.ConflictException;
import com.enrollflow.complaint.ComplaintCategory;
import com.enrollflow.complaint.ComplaintRouting;
import com.enrollflow.complaint.ComplaintSeverity;
import com.enrollflow.workflow.LatestDecisions;

/** Evaluates the latest bpmn/complaint-routing.dmn (投诉分派与时限) as the application; no rule refuses the complaint. */
@Component
class CamundaComplaintRouting implements ComplaintRouting {

    private final LatestDecisions decisions;

    CamundaComplaintRouting(LatestDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public Route route(ComplaintCategory category, ComplaintSeverity severity) {
        Map<String, Object> row = decisions.firstRow(DECISION_KEY, Map.of("category", category.name(), "severity",
                severity.name()), e -> new ConflictException(409, "投诉分派规则（投诉分派与时限）无法执行：" + e.getMessage()))
                .orElseThrow(() -> new ConflictException(409, "投诉分派规则（投诉分派与时限）没有适用于" + category.label() + "、"
                        + severity.label() + "的规则，请流程负责人补充"));
        double response = number(row.get("responseHours"));
        double resolution = number(row.get("resolutionHours"));
        if (response <= 0 || resolution < response) {
            throw new ConflictException(409, "投诉分派规则给出的时限不合理：首次响应 " + response + " 小时，解决 " + resolution + " 小时");
        }
        return new Route(String.valueOf(row.get("handlerGroup")), response, resolution,
                String.valueOf(row.get("escalationGroup")));
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value));
    }
}
