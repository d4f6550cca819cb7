package com.enrollflow.contract;

import java.util.Optional;

/**
 * Work that runs on a contract for a while — a refund request (退费申请), a suspension (停课), a transfer (转课), a
 * teacher change (更换教师), a renewal the family agreed to (续费) — and that other work on the contract waits for.
 * Each feature says what of its own runs on a contract; {@link ContractWorks} asks them, so no feature reads
 * another's tables.
 */
public interface ContractWork {

    /**
     * The kinds of work, one implementation each. {@code OVERPAYMENT_REFUND} is a refund of money paid beyond the
     * order (多付款退还): it ends nothing, so only what counts the money paid (a transfer) waits for it.
     */
    enum Kind {
        REFUND, OVERPAYMENT_REFUND, SUSPENSION, TRANSFER, TEACHER_CHANGE, AGREED_RENEWAL
    }

    Kind kind();

    /**
     * What of this kind runs on the contract now, as a refusal says it before the action it blocks
     * ({@code 正在转课（ZK000012），转课完成后才能} + 停课); empty when none does.
     */
    Optional<String> runningOn(long contractId);
}
