package com.enrollflow.contract;

/** The archived PDF no longer matches the checksum taken when it was issued: it is not handed out. */
public class ContractIntegrityException extends RuntimeException {

    public ContractIntegrityException(String message) {
        super(message);
    }
}
