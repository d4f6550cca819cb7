package com.enrollflow.contract;

import java.time.LocalDate;

/** Port to pricing: the terms a contract is written from. Implemented where the quotes live. */
public interface ContractTermsSource {

    /**
     * The terms of a quote whose required approvals are all given; throws
     * {@link com.enrollflow.common.ConflictException} (409, Chinese message) when approvals are missing or the quote
     * is not in an approvable state. Installments fall due counting from {@code issueDate}, the day the contract
     * is issued, so that the payment order (opened from the same date) repeats the contract's schedule.
     */
    ContractTerms approvedTerms(long quoteId, LocalDate issueDate);
}
