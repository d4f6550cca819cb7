package com.enrollflow.workflow.payment;

import static com.enrollflow.workflow.FormValues.amount;
import static com.enrollflow.workflow.FormValues.text;
import static com.enrollflow.workflow.SalesVariables.*;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.opportunity.Families;
import com.enrollflow.payment.DeskCollections;
import com.enrollflow.payment.PaymentSignal;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.ProcessConstants;
import com.enrollflow.workflow.engine.StartFormRecord;

/**
 * installment-collection.bpmn (收取分期款, decision 578): the start form's fields to {@link DeskCollections}; a phone
 * or bank-transfer payment then waits for finance at 确认到账, whose listeners are 收取学费's own.
 */
@Configuration
class DeskCollectionDelegates {

    /** The start form's contract field, as 申请退费 takes it. */
    static final String CONTRACT = "contract";
    /** What was taken, kept in the instance's history. */
    static final String SUMMARY = "collectionSummary";

    private final DeskCollections collections;
    private final PaymentSignal signal;
    private final Families families;

    DeskCollectionDelegates(DeskCollections collections, PaymentSignal signal, Families families) {
        this.collections = collections;
        this.signal = signal;
        this.families = families;
    }

    /**
     * ServiceTask_CollectInstallment (登记收款): every refusal names the form's field, and nothing is stored then. The
     * instance is filed under the family's opportunity in the contract's campus, so that finance of that campus gets
     * its 确认到账.
     */
    @Bean("collectInstallment")
    JavaDelegate collectInstallment() {
        return execution -> {
            var collected = FormValues.contractRequest(CONTRACT, () -> collections.collect(
                    text(execution.getVariable(CONTRACT)), text(execution.getVariable(PAYMENT_METHOD)),
                    amount(execution.getVariable(PAYMENT_AMOUNT)), text(execution.getVariable(PAYMENT_REFERENCE)),
                    execution.getProcessInstanceId(), Actors.of(execution)));
            execution.setVariable(ORDER_ID, collected.order().id());
            execution.setVariable(ProcessConstants.OPPORTUNITY_ID, collected.order().opportunityId());
            execution.setVariable(DESK_PAYMENT_STATUS, collected.recorded().status());
            execution.setVariable(PENDING_PAYMENT_ID, "PENDING".equals(collected.recorded().status())
                    ? collected.recorded().paymentId() : null);
            execution.setVariable(SUMMARY, collected.summary());
            // what 确认到账 shows finance, as after 收取学费
            execution.setVariable(ORDER_NO, collected.order().orderNo());
            execution.setVariable(PAYMENT_SUMMARY, PaymentDelegates.summary(collected.order()));
            String family = families.of(collected.order().opportunityId()).name();
            execution.setVariable(ProcessConstants.CUSTOMER_NAME, family);
            StartFormRecord.file(execution, collected.campusCode(),
                    String.valueOf(collected.order().opportunityId()));
            // the family first, as after 收取学费: the desk may have another family's task open
            StartFormRecord.told(execution, PaymentDelegates.toFamily(family, "合同 " + collected.contractNumber(),
                    collected.order().told(collected.recorded().paymentId())));
        };
    }

    /** ServiceTask_WakeChase (通知催缴): money finance confirmed may end a chase of the installment. */
    @Bean("installmentConfirmed")
    JavaDelegate installmentConfirmed() {
        return execution -> signal.paymentArrived(((Number) execution.getVariable(ProcessConstants.OPPORTUNITY_ID))
                .longValue());
    }
}
