package com.enrollflow.workflow.quality;

import java.util.Map;

import org.springframework.stereotype.Component;

import com.enrollflow.common.ConflictException;
import com.enrollflow.quality.QualityPolicy;
import com.enrollflow.workflow.LatestDecisions;

/** The latest quality-sample.dmn (FIRST), evaluated as the application. */
@Component
class CamundaQualityPolicy implements QualityPolicy {

    private final LatestDecisions decisions;

    CamundaQualityPolicy(LatestDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public Plan planFor(String campusCode, int itemCount) {
        Map<String, Object> row = decisions.firstRow("qualitySample", Map.of("campus", campusCode, "itemCount", itemCount),
                e -> new ConflictException(409, "质检抽样规则无法执行：" + e.getMessage()))
                .orElseThrow(() -> new ConflictException(409, "质检抽样规则没有适用于校区 " + campusCode + " 的规则"));
        return new Plan(number(row, "samplePercent"), number(row, "sampleMinimum"), number(row, "sampleMaximum"),
                number(row, "coachingScore"));
    }

    private static int number(Map<String, Object> row, String output) {
        if (row.get(output) instanceof Number n) {
            return n.intValue();
        }
        throw new ConflictException(409, "质检抽样规则的输出 " + output + " 应为整数");
    }
}
