package com.enrollflow.renewal;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One renewal (续费) of a contract running out: who talks to the family ({@code ownerUser}; null while it waits for
 * the campus's customer service), what they heard, and where it led. {@code opportunityId} is the renewal's own
 * opportunity (the plan, contract and payment hang on it); {@code renewedContractId} the contract it sold.
 */
public record Renewal(long id, String renewalNo, long contractId, String contractNo, long opportunityId,
        long previousOpportunityId, long customerId, String campusCode, String productLine, String ownerUser,
        String consultantId, String teacherId, RenewalTrigger trigger, String triggerLabel, int remainingAtStart,
        RenewalStatus status, String statusLabel, LocalDate followUpOn, String declineReason, LocalDate newLessonsFrom,
        Long renewedContractId, String note, String createdBy, OffsetDateTime createdAt, String decidedBy,
        OffsetDateTime decidedAt) {

    /** "XF000012": never equal to an opportunity id. */
    static String number(long id) {
        return String.format("XF%06d", id);
    }
}
