package com.enrollflow.refund;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.enrollflow.contract.ContractWork;

/**
 * A refund request in the works on a contract (asked, approving or approved, not yet paid): the rest waits. An
 * overpayment paid back (多付款退还) is {@link RunningOverpaymentRefund}: it ends nothing, and only a transfer waits.
 */
@Component
class RunningRefund implements ContractWork {

    private final RefundRepository refunds;

    RunningRefund(RefundRepository refunds) {
        this.refunds = refunds;
    }

    @Override
    public Kind kind() {
        return Kind.REFUND;
    }

    @Override
    public Optional<String> runningOn(long contractId) {
        return refunds.openOn(contractId).filter(r -> !r.overpayment())
                .map(r -> "有进行中的退费申请 " + r.refundNo() + "（" + r.status().label() + "），不能");
    }
}
