package com.enrollflow.payment;

/** Wakes the process that waits for an opportunity's payment (implemented by the workflow adapter). */
public interface PaymentSignal {

    void paymentArrived(long opportunityId);
}
