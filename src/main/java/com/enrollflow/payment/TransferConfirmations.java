package com.enrollflow.payment;

/**
 * Confirms a bank transfer that waits for finance as received, the way finance's 确认到账 does: the process waiting
 * on it goes on (receipt, timeline, the next installment or the sale's credit). Implemented on the engine side
 * ({@code workflow.payment}); {@link BankStatements} calls it for every line of a statement it matched, and the API's
 * confirmation for the payment it names.
 */
public interface TransferConfirmations {

    /**
     * The transfer {@code paymentId} received, confirmed by {@code by}, the acting user: in Tasklist the engine's logged-in
     * user, whose engine rights apply to the task; through /api (no engine user) the task is given to them first. The
     * caller has checked that the transfer is of the user's campuses (a transfer without a task, recorded through the
     * API, has no task whose rights would). Each
     * call is its own transaction. Refused with a {@link com.enrollflow.common.ConflictException} when it was decided
     * otherwise meanwhile.
     */
    PaymentService.Recorded confirmReceived(long paymentId, String by);

    /**
     * Finance's decision on a phone or bank-transfer payment through /api
     * ({@code POST /api/payments/{id}/confirmation}, the caller {@code by}): where 确认到账 waits for it (the desk
     * recorded it in Tasklist), that task is completed with the decision, as finance would in Tasklist — received,
     * the sale goes on; not received, back to the desk —; a payment without a task (recorded through the API) is
     * decided on the payment, and when received, the process waiting for its money is woken (an installment's chase). The same decision again answers as the first did; the other one is refused with a
     * {@link com.enrollflow.common.ConflictException}.
     */
    PaymentService.Recorded decide(long paymentId, boolean received, String by);
}
