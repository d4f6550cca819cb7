package com.enrollflow.payment;

/**
 * Confirms a bank transfer that waits for finance as received, the way finance's 确认到账 does: the process waiting
 * on it goes on (receipt, timeline, the next installment or the sale's credit). Implemented on the engine side
 * ({@code workflow.payment}); {@link BankStatements} calls it for every line of a statement it matched.
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
}
