package com.enrollflow.refund;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractStatus;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.teaching.Classes;
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
    private final Classes classes;

    RefundQuotes(PaymentService payments, HoursLedger ledger, RefundFees fees, RefundRepository refunds,
            Classes classes) {
        this.classes = classes;
        this.payments = payments;
        this.refunds = refunds;
        this.ledger = ledger;
        this.fees = fees;
    }

    /**
     * What the family has paid on the contract and not had back: its confirmed payments less what refunds paid back
     * (a transfer's difference, 转课差价, or a 退班, while the contract is in force) and the fees a 退班 kept.
     */
    @Transactional(readOnly = true)
    public BigDecimal paid(Contract contract) {
        return payments.forContract(contract.id()).map(PaymentOrder::confirmed).orElse(BigDecimal.ZERO)
                .subtract(refunds.paidBackOn(contract.id())).subtract(refunds.keptByLineRefunds(contract.id()));
    }

    /**
     * What a refund in the works on the contract (asked, approving or approved, not all paid out) would still pay
     * back at its amount as it stands; zero without one.
     */
    @Transactional(readOnly = true)
    public BigDecimal goingBack(Contract contract) {
        return refunds.openOn(contract.id()).map(r -> r.amount().subtract(refunds.payoutTotal(r.id()))
                .max(BigDecimal.ZERO)).orElse(BigDecimal.ZERO);
    }

    /** What the contract's refunds have paid back, of every kind (what the family no longer paid). */
    @Transactional(readOnly = true)
    public BigDecimal paidBack(Contract contract) {
        return refunds.paidBackOn(contract.id());
    }

    /**
     * The contract's balance (账户余额): what the family has paid beyond what its lessons are worth now, consumed
     * and still to come, on every line (less what was moved or refunded away). Negative while installments are
     * unpaid.
     */
    @Transactional(readOnly = true)
    public BigDecimal balance(Contract contract) {
        return paid(contract).subtract(held(contract));
    }

    /** What the family's lessons on every line are worth while they stand (the balance's other side). */
    private BigDecimal held(Contract contract) {
        return ledger.accounts(contract.id()).stream().map(HoursLedger::valueHeld)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * A refund of one ledger line, the rest of the contract going on: 退班 (decision 574), every lesson left in one
     * class, or 退部分课时 (decision 579), some of the 1:1 lessons. {@code leaving} is what the {@code lessons} given back
     * are worth at the price the family paid for them; of it, what the family has actually paid comes back
     * ({@code back}, less the fee), and the rest is taken off the installments still unpaid ({@code owedLess}). A
     * balance the family already had stays a balance. {@code lineText}: the class as staff read it, or 一对一课时.
     */
    public record LineRefund(RefundQuote quote, HoursLedger.Line line, String lineText, int lessons,
            BigDecimal leaving, BigDecimal balance, BigDecimal back, BigDecimal owedLess, String computation) {
    }

    /**
     * The class line a 退班 of the contract leaves ({@code leaveClass}: its code or name). Refused by field (400 on
     * {@code leaveClass}): a class the contract has no lessons left in, naming those it has, or the contract's last
     * lessons (that is a refund of the whole contract, 申请退费); 409 when no class has lessons left.
     */
    public HoursLedger.Line classToLeave(Contract contract, String leaveClass, InputRules rules) {
        List<HoursLedger.Line> lines = ledger.accounts(contract.id());
        HoursLedger.Line line = HoursLedger.classLine(rules, "leaveClass", HoursLedger.classesWithLessons(lines),
                leaveClass, "");
        rules.throwIfAny();
        if (line == null) {
            throw new ConflictException(409, "合同 " + contract.number() + " 没有剩余的班课课时，无法退班");
        }
        if (!othersLeft(lines, line)) {
            throw new InvalidInputException("leaveClass", "合同除" + line.description()
                    + "外没有其他剩余课时，请用“申请退费”办理整份合同的退费");
        }
        return line;
    }

    /**
     * The 1:1 line a 退部分课时 of {@code lessons} takes from: the contract's one 1:1 line with lessons left. 400 on
     * {@code lessons}: none given, fewer than one, more than the line has left, or every lesson the contract has left
     * (that is a refund of the whole contract, 申请退费); 409 when no 1:1 lessons are left, or when they lie on several
     * lines (after a 转课 back and forth), which only a refund of the whole contract sorts out.
     */
    public HoursLedger.Line lessonsToGiveBack(Contract contract, Integer lessons, InputRules rules) {
        if (lessons == null) {
            rules.problem("lessons", "必填：要退回的一对一课时数");
        } else if (lessons < 1) {
            rules.problem("lessons", "至少退回 1 课时");
        }
        rules.throwIfAny();
        List<HoursLedger.Line> lines = ledger.accounts(contract.id());
        List<HoursLedger.Line> oneToOne = lines.stream().filter(l -> "LESSONS".equals(l.kind()) && l.remaining() > 0)
                .toList();
        if (oneToOne.isEmpty()) {
            throw new ConflictException(409, "合同 " + contract.number() + " 没有剩余的一对一课时，无法退部分课时");
        }
        if (oneToOne.size() > 1) {
            throw new ConflictException(409, "合同 " + contract.number() + " 的一对一课时分在" + oneToOne.size()
                    + "行（" + String.join("、", oneToOne.stream().map(HoursLedger.Line::description).toList())
                    + "），无法只退一部分，请用“申请退费”办理");
        }
        HoursLedger.Line line = oneToOne.get(0);
        // gifted lessons are consumed after the bought ones and never paid out
        int left = Math.max(0, line.remaining() - line.gifted());
        if (left == 0) {
            throw new ConflictException(409, "合同 " + contract.number() + " 剩余的一对一课时都是赠送课时，不退款");
        }
        if (lessons > left) {
            throw new InvalidInputException("lessons", "一对一课时只剩 " + left + " 课时可退"
                    + (line.gifted() > 0 ? "（赠送课时不退款）" : "") + "，不能退回 " + lessons + " 课时");
        }
        if (lessons == line.remaining() && !othersLeft(lines, line)) {
            throw new InvalidInputException("lessons", "退回 " + lessons + " 课时后合同没有剩余课时，请用“申请退费”办理整份合同的退费");
        }
        return line;
    }

    /** Whether the contract has paid lessons left beside {@code line}. */
    private static boolean othersLeft(List<HoursLedger.Line> lines, HoursLedger.Line line) {
        return lines.stream().anyMatch(l -> l.lineNo() != line.lineNo() && !"GIFT".equals(l.kind())
                && l.remaining() > 0);
    }

    /** The quote of a 退班 of the contract's ledger line {@code lineNo}, as it stands now: every lesson left. */
    @Transactional(readOnly = true)
    public LineRefund classLeaving(Contract contract, RefundReason reason, int lineNo) {
        return lineRefund(contract, reason, lineNo, null);
    }

    /**
     * The quote of a 退部分课时 of {@code lessons} of the contract's 1:1 line {@code lineNo}, as it stands now; fewer if
     * fewer are left (lessons taught during the approval).
     */
    @Transactional(readOnly = true)
    public LineRefund someLessons(Contract contract, RefundReason reason, int lineNo, int lessons) {
        return lineRefund(contract, reason, lineNo, lessons);
    }

    private LineRefund lineRefund(Contract contract, RefundReason reason, int lineNo, Integer some) {
        HoursLedger.Line line = ledger.accounts(contract.id()).stream().filter(l -> l.lineNo() == lineNo).findFirst()
                .orElseThrow();
        boolean whole = some == null;
        int lessons = whole ? line.remaining() : Math.min(some, Math.max(0, line.remaining() - line.gifted()));
        String lineText = !whole ? HoursLedger.kindLabel(line.kind()) : line.classCode() == null ? line.description()
                : classes.find(line.classCode()).map(Classes.ClassInfo::text).orElse(line.description());
        BigDecimal paid = paid(contract);
        BigDecimal balance = paid.subtract(held(contract));
        BigDecimal leaving = whole ? HoursLedger.valueLeft(line) : HoursLedger.valueOfNext(line, lessons);
        BigDecimal back = leaving.add(balance.min(BigDecimal.ZERO)).max(BigDecimal.ZERO).setScale(2);
        BigDecimal owedLess = leaving.subtract(back).setScale(2);
        RefundFees.Fee fee = fees.feeFor(reason, line.consumed());
        BigDecimal feeAmount = back.multiply(fee.percent()).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        BigDecimal amount = back.subtract(feeAmount);
        RefundCalculator.Result c = new RefundCalculator.Result(back, List.of(), BigDecimal.ZERO.setScale(2),
                feeAmount, amount, BigDecimal.ZERO.setScale(2), line.consumed(), line.basis());
        RefundQuote quote = new RefundQuote(contract.id(), contract.number(), reason, reason.label(), c,
                fee.percent(), fee.name());
        StringBuilder s = new StringBuilder();
        s.append("退费原因：").append(reason.label()).append("\n");
        if (whole) {
            s.append("退班：").append(lineText).append("，合同其他课程照常上课\n");
            s.append("班级课时：购买 ").append(line.basis()).append(" 课时，已上 ").append(line.consumed())
                    .append(" 课时，剩余 ").append(line.remaining()).append(" 课时；成交价 ")
                    .append(Money.yuan(line.finalAmount())).append("\n");
            s.append("剩余课时按成交价折算：").append(Money.yuan(leaving)).append("\n");
        } else {
            s.append("退部分课时：退回一对一课时 ").append(lessons).append(" 课时，其余 ").append(line.remaining() - lessons)
                    .append(" 课时照常上课\n");
            s.append("一对一课时：购买 ").append(line.basis()).append(" 课时").append(line.gifted() > 0
                    ? "，赠送 " + line.gifted() + " 课时（不退款）" : "").append("，已上 ").append(line.consumed())
                    .append(" 课时，剩余 ").append(line.remaining()).append(" 课时；成交价 ")
                    .append(Money.yuan(line.finalAmount())).append("\n");
            s.append("退回课时按成交价折算：").append(Money.yuan(leaving)).append("\n");
        }
        s.append("合同账户：已缴 ").append(Money.yuan(paid)).append("，").append(balance.signum() < 0
                ? "尚有未缴款 " + Money.yuan(balance.negate()) : "余额 " + Money.yuan(balance)).append("\n");
        s.append("可退金额：").append(Money.yuan(back)).append(owedLess.signum() > 0
                ? "（其余 " + Money.yuan(owedLess) + " 抵减未缴分期款）" : "").append("\n");
        s.append("手续费（").append(fee.name()).append("，").append(fee.percent().stripTrailingZeros().toPlainString())
                .append("%）：").append(Money.yuan(feeAmount)).append("\n");
        s.append("退费金额 = 可退金额 － 手续费 = ").append(Money.yuan(amount));
        return new LineRefund(quote, line, lineText, lessons, leaving, balance, back, owedLess, s.toString());
    }

    /** The contract's order while its first installment is not covered by confirmed money: the sale waits for it. */
    public Optional<PaymentOrder> firstInstallmentUnpaid(Contract contract) {
        return collecting(contract).filter(o -> !o.firstInstallmentPaid());
    }

    /** The contract's order once the sale is made (its first installment paid), while it is not cancelled. */
    Optional<PaymentOrder> sold(Contract contract) {
        return collecting(contract).filter(PaymentOrder::firstInstallmentPaid);
    }

    private Optional<PaymentOrder> collecting(Contract contract) {
        return payments.forContract(contract.id()).filter(o -> !"CANCELLED".equals(o.status()));
    }

    /**
     * What a refund of the whole contract would no longer ask for once approved (decision 580): the unpaid part of its
     * order, once the first installment is paid; zero otherwise.
     */
    public BigDecimal unpaidToForgo(Contract contract) {
        return sold(contract).map(PaymentOrder::outstanding).orElse(BigDecimal.ZERO);
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
        if (!contract.inForce()) {
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
