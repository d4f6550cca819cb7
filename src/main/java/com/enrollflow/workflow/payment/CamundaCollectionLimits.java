package com.enrollflow.workflow.payment;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.enrollflow.common.ConflictException;
import com.enrollflow.payment.CollectionLimit;
import com.enrollflow.payment.CollectionLimits;
import com.enrollflow.workflow.LatestDecisions;

/**
 * Evaluates the latest bpmn/collection-limit.dmn (确定单次收费上限) as the application; a city without a rule is
 * refused rather than sold without a limit.
 */
@Component
class CamundaCollectionLimits implements CollectionLimits {

    private static final String TABLE = "单次收费上限规则（确定单次收费上限）";

    private final LatestDecisions decisions;

    CamundaCollectionLimits(LatestDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public CollectionLimit forCity(String city) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("city", city);
        Map<String, Object> row = decisions.firstRow(DECISION_KEY, inputs,
                e -> new ConflictException(409, TABLE + "无法执行：" + e.getMessage()))
                .orElseThrow(() -> new ConflictException(409, TABLE + "没有适用于城市“" + city
                        + "”的规则，不能报价；请流程负责人补充该城市的规则"));
        Integer lessons = whole(row.get("maxLessons"), "单次最多课时");
        Integer months = whole(row.get("maxMonths"), "单次最多月数");
        return new CollectionLimit(lessons, months);
    }

    private static Integer whole(Object value, String label) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1) {
            throw new ConflictException(409, TABLE + "给出的" + label + "“" + value + "”不是正整数");
        }
        return n.intValue();
    }
}
