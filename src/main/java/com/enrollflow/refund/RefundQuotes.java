package com.enrollflow.refund;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.Money;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractStatus;
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
        if (reason == RefundReason.OVERPAYMENT) {
            return overpayment(contract);
        }
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

    /** An overpayment: how much, and how it was arrived at (the figures, then the formula), as everyone reads it. */
    public record Surplus(BigDecimal amount, String figures, String formula) {
    }

    /**
     * 多付款退还: the confirmed money the family is owed beyond what it owes, less what earlier overpayment refunds paid
     * back. No lesson is valued and no fee kept: the money was never owed. Refused (409) when nothing is overpaid.
     */
    @Transactional(readOnly = true)
    public RefundQuote overpayment(Contract contract) {
        return overpayment(contract, surplus(contract));
    }

    /** The quote of an overpayment whose {@link #surplus} the caller already read (a request also stores its text). */
    RefundQuote overpayment(Contract contract, Surplus surplus) {
        if (surplus.amount().signum() <= 0) {
            throw new ConflictException(409, "合同 " + contract.number() + " 没有多付的款项：" + surplus.figures());
        }
        RefundCalculator.Result c = RefundCalculator.compute(surplus.amount(), List.of(), BigDecimal.ZERO);
        return new RefundQuote(contract.id(), contract.number(), RefundReason.OVERPAYMENT,
                RefundReason.OVERPAYMENT.label(), c, BigDecimal.ZERO, "无");
    }

    /**
     * What the family is owed beyond what it owes, by the contract's state:
     * <ul>
     * <li>in force or cancelled: the order's confirmed payments − its total (nothing once cancelled);</li>
     * <li>部分退费/已退费: the confirmed payments − what refunds paid back − what the settled refund kept (the lessons
     * consumed and its fee, its shortfall included): a payment that arrived after the refund;</li>
     * </ul>
     * less the overpayments already returned, never below zero.
     */
    @Transactional(readOnly = true)
    public Surplus surplus(Contract contract) {
        Optional<PaymentOrder> order = payments.forContract(contract.id());
        if (order.isEmpty()) {
            return new Surplus(BigDecimal.ZERO.setScale(2), "没有缴费单", "");
        }
        PaymentOrder o = order.get();
        BigDecimal returned = refunds.paidBackOn(contract.id(), RefundReason.OVERPAYMENT);
        String status = contract.status();
        if ("ISSUED".equals(status) || "CANCELLED".equals(status)) {
            BigDecimal amount = o.overpaid().subtract(returned).max(BigDecimal.ZERO).setScale(2);
            String owed = "CANCELLED".equals(o.status()) ? "缴费单 " + o.orderNo() + " 已作废，应收 "
                    + Money.yuan(BigDecimal.ZERO) : "缴费单 " + o.orderNo() + " 应收 " + Money.yuan(o.total());
            return new Surplus(amount, owed + "，已确认收款 " + Money.yuan(o.confirmed()) + "，已退还多付款 "
                    + Money.yuan(returned), "退费金额 = 已确认收款 − 应收 − 已退还多付款 = " + Money.yuan(amount));
        }
        BigDecimal paidBack = refunds.paidBackOn(contract.id()).subtract(returned);
        BigDecimal kept = refunds.keptOn(contract.id());
        BigDecimal amount = o.confirmed().subtract(paidBack).subtract(kept).subtract(returned).max(BigDecimal.ZERO)
                .setScale(2);
        return new Surplus(amount, "合同已" + ContractStatus.valueOf(status).label() + "：缴费单 " + o.orderNo()
                + " 已确认收款 " + Money.yuan(o.confirmed()) + "，退费已退 " + Money.yuan(paidBack)
                + "，退费时扣除（已消课时价值、手续费）" + Money.yuan(kept) + "，已退还多付款 " + Money.yuan(returned),
                "退费金额 = 已确认收款 − 退费已退 − 退费时扣除 − 已退还多付款 = " + Money.yuan(amount));
    }
}
