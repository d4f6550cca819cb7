package com.enrollflow.workflow.planning;

import static com.enrollflow.workflow.FormValues.amount;
import static com.enrollflow.workflow.FormValues.text;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.common.Money;
import com.enrollflow.planning.SalesTarget;
import com.enrollflow.planning.SalesTargets;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.engine.StartFormRecord;

/** sales-target-setting.bpmn (设定销售目标): the start form's fields to {@link SalesTargets}, the target's id back. */
@Configuration
class SalesTargetDelegates {

    static final String TARGET_ID = "salesTargetId";
    /** The fields of the start form set-sales-target: the names of PUT /api/sales-targets. */
    static final String CAMPUS = "campus";
    static final String TEAM = "team";
    static final String PRODUCT_LINE = "productLine";
    static final String PERIOD = "period";
    static final String REVENUE = "revenue";
    static final String ORDERS = "orders";

    private final SalesTargets targets;

    SalesTargetDelegates(SalesTargets targets) {
        this.targets = targets;
    }

    /**
     * ServiceTask_SaveSalesTarget (保存销售目标): the same rules as PUT /api/sales-targets — the target of that campus,
     * team, product line and period is set or replaced; every refusal names the form's field, nothing is stored.
     */
    @Bean("saveSalesTarget")
    JavaDelegate saveSalesTarget() {
        return execution -> {
            SalesTargets.Request request = new SalesTargets.Request(text(execution.getVariable(CAMPUS)),
                    text(execution.getVariable(TEAM)), text(execution.getVariable(PRODUCT_LINE)),
                    text(execution.getVariable(PERIOD)), amount(execution.getVariable(REVENUE)),
                    amount(execution.getVariable(ORDERS)));
            SalesTarget saved = FormValues.request(() -> targets.set(request, Actors.of(execution)));
            execution.setVariable(TARGET_ID, saved.id());
            StartFormRecord.told(execution, "销售目标已保存：" + saved.campusName() + " · "
                    + (saved.teamName() == null ? "全部团队" : saved.teamName()) + " · " + saved.productLineLabel()
                    + " · " + saved.period() + (saved.revenue() == null ? "" : "，目标收入 " + Money.yuan(saved.revenue()))
                    + (saved.orders() == null ? "" : "，目标 " + saved.orders() + " 单") + "。");
        };
    }
}
