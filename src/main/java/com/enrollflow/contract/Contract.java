package com.enrollflow.contract;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** An issued contract (合同); {@code status} is ISSUED or CANCELLED (see {@link ContractStatus}). */
public record Contract(long id, String number, String campusCode, int year, int seq, long quoteId,
        long opportunityId, long customerId, BigDecimal finalPrice, String status, OffsetDateTime issuedAt,
        String issuedBy, String sha256, int pdfSize) {
}
