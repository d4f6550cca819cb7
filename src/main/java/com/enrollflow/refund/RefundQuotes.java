package com.enrollflow.refund;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.contract.Contract;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.teaching.HoursLedger;

/** 退费试算: what a family would get back from a contract now, with the whole computation. */
@Service
public class RefundQuotes {

    /** The computation and the fee applied, as the requester and every approver see it. */
    public record RefundQuote(long contractId, String contractNumber, RefundReason reason, String reasonLabel,
            RefundCalculator.Result computation, BigDecimal feePercent, String feeName) {
    }

    private final PaymentService payments;
    private final HoursLedger ledger;
    private final RefundFees fees;

    private final RefundRepository refunds;

    RefundQuotes(PaymentService payments, HoursLedger ledger, RefundFees fees, RefundRepository refunds) {
        this.payments = payments;
        this.refunds = refunds;
        this.ledger = ledger;
        this.fees = fees;
    }

    /**
     * What the family has paid on the contract and not had back: its confirmed payments less what refunds paid back
     * (a transfer's difference, 转课差价退费, while the contract is in force).
     */
    @Transactional(readOnly = true)
    public BigDecimal paid(Contract contract) {
        return payments.forContract(contract.id()).map(PaymentOrder::confirmed).orElse(BigDecimal.ZERO)
                .subtract(refunds.paidBackOn(contract.id()));
    }

    /** Phone and bank-transfer payments of the contract that finance has not confirmed or rejected yet. */
    public BigDecimal awaitingFinance(Contract contract) {
        return payments.forContract(contract.id()).map(PaymentOrder::pending).orElse(BigDecimal.ZERO);
    }

    @Transactional
    public RefundQuote quote(Contract contract, RefundReason reason) {
        if (!"ISSUED".equals(contract.status())) {
            throw new ConflictException(409, "合同 " + contract.number() + " 已作废，没有可退的费用");
        }
        BigDecimal paid = paid(contract);
        List<RefundCalculator.Line> lines = ledger.accounts(contract.id()).stream()
                .map(RefundCalculator.Line::of).toList();
        int consumedLessons = lines.stream().mapToInt(RefundCalculator.Line::consumed).sum();
        RefundFees.Fee fee = fees.feeFor(reason, consumedLessons);
        RefundCalculator.Result withoutFee = RefundCalculator.compute(paid, lines, BigDecimal.ZERO);
        BigDecimal feeAmount = withoutFee.amount().multiply(fee.percent())
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        return new RefundQuote(contract.id(), contract.number(), reason, reason.label(),
                RefundCalculator.compute(paid, lines, feeAmount), fee.percent(), fee.name());
    }
}
