package com.enrollflow.workflow.refund;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.enrollflow.common.ConflictException;
import com.enrollflow.refund.RefundFees;
import com.enrollflow.refund.RefundReason;
import com.enrollflow.workflow.LatestDecisions;

/** Evaluates the latest bpmn/refund-fees.dmn (确定退费手续费) as the application; no rule is no fee. */
@Component
class CamundaRefundFees implements RefundFees {

    private final LatestDecisions decisions;

    CamundaRefundFees(LatestDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public Fee feeFor(RefundReason reason, int consumedLessons) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("reason", reason.name());
        inputs.put("consumedLessons", consumedLessons);
        Map<String, Object> row = decisions.firstRow(DECISION_KEY, inputs,
                e -> new ConflictException(409, "退费手续费规则（确定退费手续费）无法执行：" + e.getMessage())).orElse(null);
        if (row == null) {
            return new Fee(BigDecimal.ZERO, "无手续费");
        }
        Object percent = row.get("feePercent");
        BigDecimal p = percent == null ? BigDecimal.ZERO : new BigDecimal(percent.toString());
        if (p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new ConflictException(409, "退费手续费规则（确定退费手续费）给出的比例 " + p + "% 不在 0 到 100 之间");
        }
        Object name = row.get("feeName");
        return new Fee(p, name == null ? "手续费" : name.toString());
    }
}
