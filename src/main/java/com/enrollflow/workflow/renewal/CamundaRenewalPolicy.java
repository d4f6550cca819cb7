package com.enrollflow.workflow.renewal;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.enrollflow.common.ConflictException;
import com.enrollflow.renewal.RenewalPolicy;
import com.enrollflow.workflow.LatestDecisions;

/** The latest renewal-policy.dmn (确定续费规则), evaluated as the application. */
@Component
class CamundaRenewalPolicy implements RenewalPolicy {

    private final LatestDecisions decisions;

    CamundaRenewalPolicy(LatestDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public Rules forLine(String productLine) {
        Map<String, Object> in = new HashMap<>();
        in.put("productLine", productLine);
        Map<String, Object> row = decisions.firstRow("renewalPolicy", in,
                e -> new ConflictException(409, "续费规则无法执行：" + e.getMessage()))
                .orElseThrow(() -> new ConflictException(409, "续费规则（renewal-policy.dmn）没有适用于产品线 " + productLine
                        + " 的规则"));
        return new Rules(number(row, "remindAtRemaining"), number(row, "maxRemainingToCollect"),
                number(row, "maxMonthsAhead"));
    }

    private static int number(Map<String, Object> row, String output) {
        if (row.get(output) instanceof Number n) {
            return n.intValue();
        }
        throw new ConflictException(409, "续费规则（renewal-policy.dmn）的 " + output + " 不是整数：" + row.get(output));
    }
}
