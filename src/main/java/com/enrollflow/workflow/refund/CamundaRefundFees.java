package com.enrollflow.workflow.refund;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.stereotype.Component;

import com.enrollflow.common.ConflictException;
import com.enrollflow.identity.SystemLookups;
import com.enrollflow.refund.RefundFees;
import com.enrollflow.refund.RefundReason;

/** Evaluates the latest bpmn/refund-fees.dmn (确定退费手续费) as the application; no rule is no fee. */
@Component
class CamundaRefundFees implements RefundFees {

    private final DecisionService decisions;
    private final SystemLookups system;

    CamundaRefundFees(DecisionService decisions, SystemLookups system) {
        this.decisions = decisions;
        this.system = system;
    }

    @Override
    public Fee feeFor(RefundReason reason, int consumedLessons) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("reason", reason.name());
        inputs.put("consumedLessons", consumedLessons);
        DmnDecisionResult result;
        try {
            result = system.unrestricted(() -> decisions.evaluateDecisionByKey(DECISION_KEY)
                    .decisionDefinitionWithoutTenantId().variables(inputs).evaluate());
        } catch (ProcessEngineException | DmnEngineException e) {
            throw new ConflictException(409, "退费手续费规则（确定退费手续费）无法执行：" + e.getMessage());
        }
        if (result.isEmpty()) {
            return new Fee(BigDecimal.ZERO, "无手续费");
        }
        Map<String, Object> row = result.getFirstResult().getEntryMap();
        Object percent = row.get("feePercent");
        BigDecimal p = percent == null ? BigDecimal.ZERO : new BigDecimal(percent.toString());
        if (p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new ConflictException(409, "退费手续费规则（确定退费手续费）给出的比例 " + p + "% 不在 0 到 100 之间");
        }
        Object name = row.get("feeName");
        return new Fee(p, name == null ? "手续费" : name.toString());
    }
}
