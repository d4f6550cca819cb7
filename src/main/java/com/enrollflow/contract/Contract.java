package com.enrollflow.contract;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import com.enrollflow.common.ConflictException;

/** An issued contract (合同); {@code status} is ISSUED or CANCELLED (see {@link ContractStatus}). */
public record Contract(long id, String number, String campusCode, int year, int seq, long quoteId,
        long opportunityId, long customerId, BigDecimal finalPrice, String status, OffsetDateTime issuedAt,
        String issuedBy, String sha256, int pdfSize) {

    /** In force (有效): issued, neither cancelled nor refunded. */
    public boolean inForce() {
        return ContractStatus.ISSUED.name().equals(status);
    }

    /** 409 unless in force, as staff read it: 合同 BJ-HD-2026-00012 的状态是已退费，不能停课 ({@code action} 停课). */
    public void refuseUnlessInForce(String action) {
        if (!inForce()) {
            throw new ConflictException(409, "合同 " + number + " 的状态是" + ContractStatus.valueOf(status).label()
                    + "，不能" + action);
        }
    }
}
