package com.enrollflow.workflow.assignment;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.enrollflow.assignment.RecycleLimitTable;
import com.enrollflow.workflow.LatestDecisions;

/**
 * The latest deployed bpmn/recycle-limits.dmn (FIRST), evaluated as the application: the board's 停滞商机 use the
 * limits a process owner put live, as the next assignment's timers will.
 */
@Component
class CamundaRecycleLimitTable implements RecycleLimitTable {

    private final LatestDecisions decisions;

    CamundaRecycleLimitTable(LatestDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public Limits limitsFor(String teamId, String productLine) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("teamId", teamId);
        inputs.put("productLine", productLine);
        Map<String, Object> row = decisions.firstRow(DECISION_KEY, inputs,
                e -> new IllegalStateException("回收时限决策表无法执行：" + e.getMessage(), e))
                .orElseThrow(() -> new IllegalStateException("回收时限决策表没有适用于团队 " + teamId + "、产品线 "
                        + productLine + " 的规则"));
        return new Limits(text(row.get("firstContactLimit")), text(row.get("progressLimit")));
    }

    private static String text(Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("回收时限决策表的时限为空");
        }
        return value.toString();
    }
}
