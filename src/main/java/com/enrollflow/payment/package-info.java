/**
 * Payment (报名交费): the order a contract creates, its installments, and every payment by every channel (front desk,
 * online gateway callback, phone, bank transfer). A payment is stored before anything else happens and is unique by
 * its external reference (the gateway's transaction id or the request's idempotency key), so a retry, a duplicate or
 * an out-of-order callback is never lost and never counted twice. Receipt numbers are gapless per campus and year.
 * Online payments are refunded through the gateway's refund call ({@link com.enrollflow.payment.GatewayRefunds}),
 * signed like the callbacks and idempotent on our request id. 预收费监管: a sale is collected within the city's
 * collection limit ({@link com.enrollflow.payment.PaymentSchedule}, the limit read through
 * {@link com.enrollflow.payment.CollectionLimits}), and every payment names the campus's supervised account
 * ({@link com.enrollflow.payment.SupervisedAccounts}).
 */
package com.enrollflow.payment;
