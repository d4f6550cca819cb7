package com.enrollflow.workflow.enrollment;

import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.enrollflow.notification.NotificationDispatch;
import com.enrollflow.payment.PaymentSignal;
import com.enrollflow.workflow.SalesVariables;

/** The engine side of the payment and notification ports. */
@Component
class CamundaSalesSignals implements PaymentSignal, NotificationDispatch {

    static final String PAYMENT_RECEIVED = "PaymentReceived";
    static final String NOTIFICATION = "notification";

    private static final Logger log = LoggerFactory.getLogger(CamundaSalesSignals.class);

    private final RuntimeService runtime;

    CamundaSalesSignals(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /**
     * Wakes the contract-and-payment instance waiting at 收取学费. None waiting (the payment came first, or the
     * instance is elsewhere) is fine: the process reads stored payments when it gets there.
     *
     * <p>A callback and its duplicate arriving at once (two nodes, or two threads) both try to wake the same wait;
     * the loser's correlation fails inside the engine (an optimistic lock, a vanished subscription, even a
     * NullPointerException in the execution tree, all seen in the two-node test). The loser then checks whether the
     * instance still waits: if not, the other woke it and nothing is left to do; if so, it tries again.
     */
    @Override
    public void paymentArrived(long opportunityId) {
        String key = String.valueOf(opportunityId);
        for (int attempt = 1;; attempt++) {
            try {
                runtime.createMessageCorrelation(PAYMENT_RECEIVED).processInstanceBusinessKey(key)
                        .correlateAllWithResult();
                return;
            } catch (RuntimeException raced) {
                if (!waitingForPayment(key)) {
                    log.debug("payment wake-up of {} raced with another one, which woke it: {}", key,
                            raced.getMessage());
                    return;
                }
                if (attempt == 3) {
                    throw raced;
                }
            }
        }
    }

    private boolean waitingForPayment(String businessKey) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(businessKey)
                .messageEventSubscriptionName(PAYMENT_RECEIVED).count() > 0;
    }

    @Override
    public void dispatch(long notificationId) {
        runtime.createProcessInstanceByKey(NOTIFICATION).businessKey("notification-" + notificationId)
                .setVariable(SalesVariables.NOTIFICATION_ID, notificationId).execute();
    }
}
