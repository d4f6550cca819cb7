package com.enrollflow.workflow.refund;

import static com.enrollflow.workflow.FormValues.text;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.common.Money;
import com.enrollflow.refund.Refund;
import com.enrollflow.refund.Refunds;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.engine.StartFormRecord;

/** refund-cancellation.bpmn (撤销退费申请): the start form's fields to {@link Refunds}, what the desk is told back. */
@Configuration
class RefundCancellationDelegates {

    /** The fields of the start form cancel-refund. */
    static final String REFUND = "refund";
    static final String REASON = "reason";

    private final Refunds refunds;

    RefundCancellationDelegates(Refunds refunds) {
        this.refunds = refunds;
    }

    /**
     * ServiceTask_CancelRefund (撤销退费申请): the same as POST /api/refunds/{id}/cancellation; a request not found among
     * the caller's campuses is refused under 退费申请编号, one decided already with its state.
     */
    @Bean("cancelRefundRequest")
    JavaDelegate cancelRefundRequest() {
        return execution -> {
            Refund r = FormValues.lookupRequest(REFUND, () -> refunds.cancelAsked(text(execution.getVariable(REFUND)),
                    text(execution.getVariable(REASON)), Actors.of(execution)));
            StartFormRecord.file(execution, r.campusCode(), String.valueOf(r.opportunityId()));
            StartFormRecord.told(execution, "退费申请 " + r.refundNo() + "（应退 " + Money.yuan(r.amount())
                    + "）已撤销：审批已停止，合同可以再次申请退费");
        };
    }
}
