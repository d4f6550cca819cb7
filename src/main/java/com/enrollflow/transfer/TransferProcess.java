package com.enrollflow.transfer;

/** Starts the transfer process (转课) for a transfer just stored. */
public interface TransferProcess {

    void start(Transfer transfer, long quoteId);
}
