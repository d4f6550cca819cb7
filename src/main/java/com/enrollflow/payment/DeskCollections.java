package com.enrollflow.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractLookup;

/**
 * 收取分期款 (decision 578): money a family brings to the desk after its first payment — a later installment, the rest
 * of one, or an added one (转课 difference) — taken in Tasklist with the start form, the contract as staff type it
 * (number or the family's phone). The first payment stays 收取学费's, the task of the sale (refused here, 409). The
 * rules of POST /api/payment-orders/{orderNo}/payments: what is due now unless
 * the family pays another amount, never more than may be collected, a transfer reference for phone and bank
 * transfers (which then wait for finance). A second submission of the same payment by the same person within two
 * minutes (a double click) is refused, naming the first.
 */
@Service
public class DeskCollections {

    /** What was taken, on which order, and the sentence the form's history keeps. */
    public record Collected(PaymentOrder order, String campusCode, PaymentService.Recorded recorded, String summary,
            String contractNumber) {
    }

    static final int DOUBLE_SUBMIT_SECONDS = 120;

    private final PaymentService payments;
    private final ContractLookup lookup;
    private final PaymentSignal signal;
    private final JdbcClient jdbc;
    private final Clock clock;

    DeskCollections(PaymentService payments, ContractLookup lookup, PaymentSignal signal, JdbcClient jdbc,
            Clock clock) {
        this.payments = payments;
        this.lookup = lookup;
        this.signal = signal;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records the payment. Refused by field (contract, paymentMethod, paymentAmount, paymentReference) or as a whole
     * (409: no order, the order paid or cancelled, a refund open, a double submission); nothing is stored then.
     * {@code requestKey} makes a retried call of the same submission record it once.
     */
    @Transactional
    public Collected collect(String contract, String method, String amount, String reference, String requestKey,
            String by) {
        InputRules rules = new InputRules();
        Contract c = lookup.typed(contract, rules);
        PaymentMethod m = rules.code("paymentMethod", method, PaymentMethod.class, true);
        if (m == PaymentMethod.ONLINE) {
            rules.problem("paymentMethod", "线上支付由支付平台回调自动入账，前台无需登记");
        }
        BigDecimal given = null;
        if (amount != null && !amount.isBlank()) {
            try {
                given = new BigDecimal(amount.strip().replace(",", ""));
            } catch (NumberFormatException e) {
                rules.problem("paymentAmount", "须为金额，例如 3200.00");
            }
        }
        String ref = rules.plainText("paymentReference", reference, 200, m != null && m.needsConfirmation());
        rules.throwIfAny();
        long orderId = payments.forContract(c.id()).orElseThrow(() -> new ConflictException(409, "合同 "
                + c.number() + " 没有缴费单")).id();
        // two submissions of one payment queue here: the second sees the first
        jdbc.sql("select id from payment_order where id = ? for update").param(orderId).query(Long.class).single();
        PaymentOrder order = payments.get(orderId);
        if (!order.firstInstallmentPaid() && order.pending().signum() == 0) {
            // the sale's own task takes the first payment, and ends the sale with it
            throw new ConflictException(409, "合同 " + c.number() + " 还没有首付：请在前台待办的“收取学费”任务中收取");
        }
        BigDecimal paid = given == null ? order.dueNow() : given;
        if (paid.signum() <= 0) {
            throw new InvalidInputException("paymentAmount", given == null ? "合同 " + c.number() + " 现在没有应收的款项"
                    : "须大于 0");
        }
        Optional<String> twice = jdbc.sql("select coalesce(receipt_no, '待财务确认') from payment where order_id = ? "
                + "and method = ? and amount = ? and recorded_by = ? and received_at > ? and external_ref like 'DESK%' "
                + "and coalesce(reference, '') = ? order by id desc").params(order.id(), m.name(), paid, by,
                        OffsetDateTime.now(clock).minusSeconds(DOUBLE_SUBMIT_SECONDS), ref == null ? "" : ref)
                .query(String.class).list().stream().findFirst();
        if (twice.isPresent()) {
            throw new ConflictException(409, "您刚刚已登记同一笔收款（" + m.label() + " " + Money.yuan(paid) + "，"
                    + twice.get() + "）；如确实收了两笔，请两分钟后再登记第二笔");
        }
        PaymentService.Recorded r = payments.record(order.id(), m, paid, "DESK-FORM:" + requestKey, ref, by);
        if (!r.duplicate()) {
            signal.paymentArrived(order.opportunityId());
        }
        PaymentOrder after = payments.get(order.id());
        String summary = "合同 " + c.number() + "：" + after.told(r.paymentId());
        return new Collected(after, c.campusCode(), r, summary, c.number());
    }
}
