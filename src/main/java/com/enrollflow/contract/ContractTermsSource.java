package com.enrollflow.contract;

/** Port to pricing: the terms a contract is written from. Implemented where the quotes live. */
public interface ContractTermsSource {

    /**
     * The terms of a quote whose required approvals are all given; throws
     * {@link com.enrollflow.common.ConflictException} (409, Chinese message) when approvals are missing or the quote
     * is not in an approvable state.
     */
    ContractTerms approvedTerms(long quoteId);
}
