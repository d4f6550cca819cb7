package com.enrollflow.contract;

/** The archived PDF of a contract, checked against its stored SHA-256 (hex) before it is handed out. */
public record ContractDocument(long contractId, String number, byte[] pdf, String sha256) {

    /** File name for downloads: the contract number. */
    public String fileName() {
        return number + ".pdf";
    }
}
