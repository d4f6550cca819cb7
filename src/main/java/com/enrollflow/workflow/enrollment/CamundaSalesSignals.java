package com.enrollflow.workflow.enrollment;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import com.enrollflow.notification.NotificationDispatch;
import com.enrollflow.payment.PaymentSignal;
import com.enrollflow.workflow.SalesVariables;

/** The engine side of the payment and notification ports. */
@Component
class CamundaSalesSignals implements PaymentSignal, NotificationDispatch {

    static final String PAYMENT_RECEIVED = "PaymentReceived";
    static final String NOTIFICATION = "notification";

    private final RuntimeService runtime;

    CamundaSalesSignals(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /**
     * Wakes the contract-and-payment instance waiting at 收取学费. None waiting (the payment came first, or the
     * instance is elsewhere) is fine: the process reads stored payments when it gets there.
     */
    @Override
    public void paymentArrived(long opportunityId) {
        runtime.createMessageCorrelation(PAYMENT_RECEIVED).processInstanceBusinessKey(String.valueOf(opportunityId))
                .correlateAllWithResult();
    }

    @Override
    public void dispatch(long notificationId) {
        runtime.createProcessInstanceByKey(NOTIFICATION).businessKey("notification-" + notificationId)
                .setVariable(SalesVariables.NOTIFICATION_ID, notificationId).execute();
    }
}
