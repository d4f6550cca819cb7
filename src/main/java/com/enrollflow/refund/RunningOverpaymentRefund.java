package com.enrollflow.refund;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.enrollflow.contract.ContractWork;

/**
 * An overpayment being paid back on a contract (多付款退还, not yet paid): a transfer waits, because it counts the money
 * paid; a suspension, a teacher change and a renewal go on, as the overpayment ends nothing.
 */
@Component
class RunningOverpaymentRefund implements ContractWork {

    private final RefundRepository refunds;

    RunningOverpaymentRefund(RefundRepository refunds) {
        this.refunds = refunds;
    }

    @Override
    public Kind kind() {
        return Kind.OVERPAYMENT_REFUND;
    }

    @Override
    public Optional<String> runningOn(long contractId) {
        return refunds.openOn(contractId).filter(Refund::overpayment)
                .map(r -> "有进行中的多付款退还 " + r.refundNo() + "（" + r.status().label() + "），退还完成后才能");
    }
}
