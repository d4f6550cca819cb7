package com.enrollflow.refund;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.Money;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.payment.GatewayRefunds;
import com.enrollflow.payment.PaymentMethod;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.reference.CampusScope;

/**
 * Paying an approved refund back (退款): through the channels the money came in by, newest payment first, each
 * payment's share computed, never typed. Finance records each payout's voucher; the unique source payment per refund
 * makes a double click, a retried job or a repeated gateway answer pay nothing twice.
 */
@Service
public class RefundPayouts {

    /** One payment's share of the refund: where it goes back and how much; {@code paid}: what the payment was. */
    public record Allocation(long paymentId, PaymentMethod method, PayoutChannel channel, BigDecimal amount,
            OffsetDateTime receivedAt, String receiptNo, BigDecimal paid) {
    }

    /** A recorded payout, and whether it had been recorded before (a repeat changes nothing). */
    public record Recorded(Refund.Payout payout, boolean duplicate) {
    }

    private static final Pattern VOUCHER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]{3,63}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12,30}");

    private final RefundRepository refunds;
    private final PaymentService payments;
    private final CampusScope scope;
    private final GatewayRefunds gateway;
    private final Clock clock;

    RefundPayouts(RefundRepository refunds, PaymentService payments, CampusScope scope, GatewayRefunds gateway,
            Clock clock) {
        this.refunds = refunds;
        this.payments = payments;
        this.scope = scope;
        this.gateway = gateway;
        this.clock = clock;
    }

    /**
     * What is still to be paid back, by payment: the contract's confirmed payments, newest first, each up to what it
     * brought in less what earlier refunds already took from it, until the refund's amount is covered.
     */
    @Transactional(readOnly = true)
    public List<Allocation> plan(long refundId) {
        Refund r = refunds.find(refundId).orElseThrow();
        BigDecimal left = r.amount().subtract(r.status() == RefundStatus.PAID ? r.amount() : paidOut(refundId));
        List<Long> done = refunds.payouts(refundId).stream().map(Refund.Payout::paymentId).toList();
        List<Allocation> plan = new ArrayList<>();
        for (PaymentOrder.Payment p : confirmedNewestFirst(r)) {
            if (left.signum() <= 0) {
                break;
            }
            if (done.contains(p.id())) {
                continue;
            }
            BigDecimal available = p.amount().subtract(refunds.refundedFrom(p.id()));
            BigDecimal share = available.min(left);
            if (share.signum() > 0) {
                PaymentMethod method = PaymentMethod.valueOf(p.method());
                plan.add(new Allocation(p.id(), method, PayoutChannel.of(method, gateway.configured()), share,
                        p.receivedAt(), p.receiptNo(), p.amount()));
                left = left.subtract(share);
            }
        }
        return plan;
    }

    /** The allocation of one payment, as the finance task shows it; empty once paid back. */
    public Optional<Allocation> allocation(long refundId, long paymentId) {
        return plan(refundId).stream().filter(a -> a.paymentId() == paymentId).findFirst();
    }

    /**
     * Finance records one payout: the voucher (the console's refund number, the cash voucher, the bank's transfer
     * number) and, for a bank transfer, the family's account. The amount is the plan's. 400 naming the field for a bad
     * voucher or account; 409 for a refund not approved or a voucher used for another payout.
     */
    @Transactional
    public Recorded record(long refundId, long paymentId, String voucher, String bankAccount, String by) {
        Refund r = refunds.lock(refundId).orElseThrow(() -> new NotFoundException("退费申请不存在：" + refundId));
        if (!scope.current().seesCampus(r.campusCode())) {
            throw new NotFoundException("您负责的校区中没有退费申请 " + r.refundNo());
        }
        Optional<Refund.Payout> earlier = payout(refundId, paymentId);
        if (earlier.isPresent()) {
            return new Recorded(earlier.get(), true);
        }
        if (r.status() != RefundStatus.APPROVED) {
            throw new ConflictException(409, "退费申请 " + r.refundNo() + " 当前" + r.status().label() + "，不能退款");
        }
        Allocation a = allocation(refundId, paymentId).orElseThrow(() -> new ConflictException(409,
                "付款 " + paymentId + " 不在退费申请 " + r.refundNo() + " 的退款计划中"));
        InputRules rules = new InputRules();
        String v = rules.required("payoutVoucher", voucher, 64);
        if (v != null && !VOUCHER.matcher(v).matches()) {
            rules.problem("payoutVoucher", a.channel().voucherName() + "应为 4–64 位字母、数字、- 或 _");
        }
        String account = null;
        if (a.channel() == PayoutChannel.BANK_TRANSFER) {
            account = rules.required("bankAccount", bankAccount == null ? null : bankAccount.replaceAll("[\\s-]", ""),
                    30);
            if (account != null && !ACCOUNT.matcher(account).matches()) {
                rules.problem("bankAccount", "收款银行账号应为 12–30 位数字");
            }
        }
        rules.throwIfAny();
        return store(r, a, v, account, by);
    }

    /**
     * An online payment paid back through the gateway's refund call. The idempotency key is the refund and the
     * payment (TF000012-P34): a retried job, or a commit lost after the gateway refunded, asks again and the gateway
     * answers its first refund; the refund number it gives is the voucher. A refusal propagates (the job retries,
     * then Cockpit shows the gateway's reason).
     */
    @Transactional
    public Recorded payThroughGateway(long refundId, long paymentId) {
        Refund r = refunds.lock(refundId).orElseThrow();
        Optional<Refund.Payout> earlier = payout(refundId, paymentId);
        if (earlier.isPresent()) {
            return new Recorded(earlier.get(), true);
        }
        Allocation a = allocation(refundId, paymentId).orElseThrow(() -> new ConflictException(409,
                "付款 " + paymentId + " 不在退费申请 " + r.refundNo() + " 的退款计划中"));
        String transaction = refunds.externalRef(paymentId).replaceFirst("^GW:", "");
        GatewayRefunds.GatewayRefund done = gateway.refund(r.refundNo() + "-P" + paymentId, transaction, orderNo(r),
                a.amount());
        return store(r, a, done.gatewayRefundNo(), null, "system");
    }

    /** The total paid back so far. */
    public BigDecimal paidOut(long refundId) {
        return refunds.payoutTotal(refundId);
    }

    private String orderNo(Refund r) {
        return payments.forContract(r.contractId()).map(PaymentOrder::orderNo).orElseThrow();
    }

    /** How finance reads one allocation in the task. */
    public static String describe(Allocation a) {
        // the payment as its receipt says it, not the share of it that goes back
        return "原付款：" + a.method().label() + " " + Money.yuan(a.paid()) + (a.receiptNo() == null ? ""
                : "（收据 " + a.receiptNo() + "）") + "\n退款渠道：" + a.channel().label() + "\n本笔退款金额："
                + Money.yuan(a.amount()) + "\n请填写：" + a.channel().voucherName()
                + (a.channel() == PayoutChannel.BANK_TRANSFER ? "、收款银行账号" : "");
    }

    private Recorded store(Refund r, Allocation a, String voucher, String account, String by) {
        try {
            refunds.payout(r.id(), a.paymentId(), a.channel(), a.amount(), voucher, account, by,
                    OffsetDateTime.now(clock));
        } catch (DuplicateKeyException e) {
            // the refund row is locked, so this is never the same payout twice: the voucher belongs to another
            throw new ConflictException(409, a.channel().voucherName() + " " + voucher + " 已用于另一笔退款，请核对");
        }
        return new Recorded(payout(r.id(), a.paymentId()).orElseThrow(), false);
    }

    private Optional<Refund.Payout> payout(long refundId, long paymentId) {
        return refunds.payouts(refundId).stream().filter(p -> p.paymentId() == paymentId).findFirst();
    }

    private List<PaymentOrder.Payment> confirmedNewestFirst(Refund r) {
        return payments.forContract(r.contractId()).stream()
                .flatMap(o -> o.payments().stream()).filter(p -> "CONFIRMED".equals(p.status()))
                .sorted(Comparator.comparing(PaymentOrder.Payment::receivedAt).thenComparing(PaymentOrder.Payment::id)
                        .reversed())
                .toList();
    }
}
