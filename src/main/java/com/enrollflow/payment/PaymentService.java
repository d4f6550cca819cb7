package com.enrollflow.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.GaplessCounter;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.contract.ContractStatus;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.teaching.HoursLedger;

/** Orders, installments and payments; every change to an order's money happens under a lock on the order row. */
@Service
public class PaymentService {

    public record Recorded(long paymentId, String status, String receiptNo, boolean duplicate) {
    }

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;
    private final GaplessCounter receiptNumbers;
    private final SupervisedAccounts accounts;
    private final HoursLedger ledger;
    private final Clock clock;

    PaymentService(JdbcClient jdbc, PlatformTransactionManager transactions, SupervisedAccounts accounts,
            HoursLedger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.accounts = accounts;
        this.receiptNumbers = new GaplessCounter(jdbc, transactions, "receipt_counter", "receipt_year");
        this.clock = clock;
    }

    /** The order for a contract in the chosen installments, without a collection limit. */
    @Transactional
    public PaymentOrder openOrder(long opportunityId, long quoteId, long contractId, String campusCode,
            BigDecimal total, InstallmentPlan plan, LocalDate firstDue) {
        return openOrder(opportunityId, quoteId, contractId, campusCode, total, PaymentSchedule.asChosen(plan),
                firstDue);
    }

    /**
     * The order for a contract, with its payments as the schedule splits them (预收费监管: never more than the limit
     * in one payment); a rerun for the same contract returns the first order.
     */
    @Transactional
    public PaymentOrder openOrder(long opportunityId, long quoteId, long contractId, String campusCode,
            BigDecimal total, PaymentSchedule schedule, LocalDate firstDue) {
        Optional<Long> existing = jdbc.sql("select id from payment_order where contract_id = ?").param(contractId)
                .query(Long.class).optional();
        if (existing.isPresent()) {
            return get(existing.get());
        }
        String orderNo = String.format("ORD%010d", contractId);
        jdbc.sql("insert into payment_order (order_no, opportunity_id, quote_id, contract_id, campus_code, total, "
                + "status, created_at, collection_note, collection_cap) values (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)")
                .params(orderNo, opportunityId, quoteId, contractId, campusCode, total, now(),
                        schedule.regulated() ? schedule.text() : null, schedule.cap(total).orElse(null))
                .update();
        long id = jdbc.sql("select id from payment_order where order_no = ?").param(orderNo).query(Long.class).single();
        for (InstallmentPlan.Due due : schedule.split(total, firstDue)) {
            jdbc.sql("insert into installment (order_id, seq, due_date, amount) values (?, ?, ?, ?)")
                    .params(id, due.seq(), due.dueDate(), due.amount()).update();
        }
        return get(id);
    }

    /**
     * 转课补差价: the contract's order owes {@code amount} more, due on {@code dueDate}, as one more installment (the
     * installment reminder chases it like any other). A paid order opens again. A rerun for the same reason is the
     * caller's to prevent (it stores the installment's number). 409 when the contract has no open or paid order.
     */
    @Transactional
    public InstallmentPlan.Due addInstallment(long contractId, BigDecimal amount, LocalDate dueDate) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("an added installment is positive: " + amount);
        }
        long orderId = jdbc.sql("select id from payment_order where contract_id = ? and status in ('OPEN', 'PAID')")
                .param(contractId).query(Long.class).optional()
                .orElseThrow(() -> new ConflictException(409, "合同没有有效的缴费单，无法追加补缴款"));
        lock(orderId);
        int seq = jdbc.sql("select max(seq) from installment where order_id = ?").param(orderId).query(Integer.class)
                .single() + 1;
        jdbc.sql("insert into installment (order_id, seq, due_date, amount) values (?, ?, ?, ?)")
                .params(orderId, seq, dueDate, amount).update();
        jdbc.sql("update payment_order set total = total + ?, status = 'OPEN' where id = ?").params(amount, orderId)
                .update();
        markPaidIfCovered(orderId);
        return new InstallmentPlan.Due(seq, dueDate, amount);
    }

    /**
     * 转课差价 in the family's favour while installments are unpaid: it counts against what the family still owes.
     * The installments not covered by confirmed money are lowered, the latest first (one brought to ¥0.00 counts as
     * covered), and the order's total with them; at most what is still owed. The first installment is never lowered
     * while it is unpaid: the sale waits for it, and lowered to what was paid it would read as paid and enroll the
     * student. Returns how much was taken off (zero when nothing is owed, or the contract has no open order).
     */
    @Transactional
    public BigDecimal reduceUnpaid(long contractId, BigDecimal amount) {
        Optional<Long> open = jdbc.sql("select id from payment_order where contract_id = ? and status = 'OPEN'")
                .param(contractId).query(Long.class).optional();
        if (open.isEmpty() || amount.signum() <= 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        long orderId = open.get();
        PaymentOrder order = lockedState(orderId);
        BigDecimal left = amount.min(order.outstanding());
        BigDecimal taken = BigDecimal.ZERO.setScale(2);
        List<InstallmentPlan.Due> latestFirst = new java.util.ArrayList<>(order.installments());
        java.util.Collections.reverse(latestFirst);
        int covered = order.installmentsCovered();
        for (InstallmentPlan.Due due : latestFirst) {
            if (left.signum() <= 0 || due.seq() <= covered || due.seq() == 1 && !order.firstInstallmentPaid()) {
                break;
            }
            BigDecimal cut = due.amount().min(left);
            jdbc.sql("update installment set amount = amount - ? where order_id = ? and seq = ?")
                    .params(cut, orderId, due.seq()).update();
            left = left.subtract(cut);
            taken = taken.add(cut);
        }
        jdbc.sql("update payment_order set total = total - ? where id = ?").params(taken, orderId).update();
        markPaidIfCovered(orderId);
        return taken;
    }

    /**
     * Lessons given back that the family had paid for while their refund was being approved (the payout never rises
     * above what was approved): the order's total is lowered by {@code amount}, so that what was paid beyond it shows
     * as overpaid (多付) for 多付款退还. Nothing happens without an order that is not cancelled.
     */
    @Transactional
    public void lowerTotal(long contractId, BigDecimal amount) {
        Optional<Long> order = jdbc.sql("select id from payment_order where contract_id = ? and status <> "
                + "'CANCELLED'").param(contractId).query(Long.class).optional();
        if (order.isEmpty() || amount.signum() <= 0) {
            return;
        }
        lockedState(order.get());
        jdbc.sql("update payment_order set total = total - ? where id = ?").params(amount, order.get()).update();
        markPaidIfCovered(order.get());
    }

    /** The contract's order (one per contract), if it has one. */
    public Optional<PaymentOrder> forContract(long contractId) {
        return jdbc.sql("select id from payment_order where contract_id = ?").param(contractId).query(Long.class)
                .optional().map(this::get);
    }

    public PaymentOrder get(long orderId) {
        return find(orderId).orElseThrow(() -> new NotFoundException("缴费单 " + orderId + " 不存在"));
    }

    public Optional<PaymentOrder> find(long orderId) {
        return jdbc.sql("select id, order_no, opportunity_id, quote_id, contract_id, total, status, created_at, "
                + "collection_note, collection_cap from payment_order where id = ?").param(orderId)
                .query((rs, n) -> new PaymentOrder(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getBigDecimal(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class),
                        installments(rs.getLong(1)), payments(rs.getLong(1)), rs.getString(9), rs.getBigDecimal(10)))
                .optional();
    }

    public Optional<PaymentOrder> findByNo(String orderNo) {
        return jdbc.sql("select id from payment_order where order_no = ?").param(orderNo).query(Long.class)
                .optional().flatMap(this::find);
    }

    /**
     * Why an order still open is no longer chased: its contract's teaching was stopped by an approved refund (the
     * family is leaving), or the contract is no longer in force; empty while it collects. A transfer's difference
     * (转课差价) leaves the contract in force and does not count. The refund feature builds on this one, so its
     * refunds are read from their table.
     */
    @Transactional(readOnly = true)
    public Optional<String> collectionStopped(long orderId) {
        return stopped(orderId, false);
    }

    /**
     * {@link #collectionStopped}, and a refund asked for and not yet decided: the desk takes no money then, which
     * the refund's computation would miss (a rejected refund lets it take money again).
     */
    private Optional<String> stopped(long orderId, boolean whileAsked) {
        return jdbc.sql("select c.number, c.status, (select min(r.refund_no) from refund r where r.contract_id = c.id "
                + "and r.transfer_id is null and r.status in (" + (whileAsked ? "'REQUESTED', 'APPROVING', " : "")
                + "'APPROVED', 'PAID')) refund_no from payment_order o join contract c on c.id = o.contract_id "
                + "where o.id = ?").param(orderId)
                .query((rs, n) -> {
                    String contract = "合同 " + rs.getString("number");
                    if (rs.getString("refund_no") != null) {
                        return Optional.of(contract + " 已申请退费（" + rs.getString("refund_no") + "）");
                    }
                    String status = rs.getString("status");
                    return "ISSUED".equals(status) ? Optional.<String>empty()
                            : Optional.of(contract + " 的状态是" + ContractStatus.valueOf(status).label());
                }).optional().flatMap(o -> o);
    }

    /** The order a payment was made on. */
    public Optional<PaymentOrder> findByPayment(long paymentId) {
        return jdbc.sql("select order_id from payment where id = ?").param(paymentId).query(Long.class)
                .optional().flatMap(this::find);
    }

    public List<PaymentOrder> forOpportunity(long opportunityId) {
        return jdbc.sql("select id from payment_order where opportunity_id = ? order by id").param(opportunityId)
                .query(Long.class).list().stream().map(this::get).toList();
    }

    /** The order as it stands, read under a lock: a payment recorded concurrently is either seen or waits. */
    @Transactional
    public PaymentOrder lockedState(long orderId) {
        lock(orderId);
        return get(orderId);
    }

    /**
     * Records one payment, unique by its external reference (gateway transaction id or idempotency key): the same
     * reference again answers the first result and stores nothing. Card, cash, WeChat, Alipay and online payments
     * are confirmed at once and get a receipt; phone and bank transfer wait for finance. An online payment is
     * recorded whatever the order's state, since the money has already arrived.
     */
    @Transactional
    public Recorded record(long orderId, PaymentMethod method, BigDecimal amount, String externalRef,
            String reference, String recordedBy) {
        PaymentOrder order = lockedState(orderId);
        Optional<Recorded> earlier = byExternalRef(externalRef);
        if (earlier.isPresent()) {
            return answerEarlier(earlier.get(), orderId, method, amount);
        }
        if (amount == null || amount.signum() <= 0 || amount.scale() > 2) {
            throw new InvalidInputException("paymentAmount", "金额须为正数，最多两位小数");
        }
        // money the gateway has already taken is always recorded, even beyond what is owed or on a cancelled
        // order: refusing it would lose it; the surplus shows as overpaid (多付) for finance to refund
        boolean alreadyTaken = method == PaymentMethod.ONLINE;
        if (!alreadyTaken && !"OPEN".equals(order.status())) {
            throw new ConflictException(409, "缴费单 " + order.orderNo() + " 已" + ("PAID".equals(order.status())
                    ? "付清" : "作废") + "，不能再收款");
        }
        if (!alreadyTaken) {
            stopped(orderId, true).ifPresent(why -> {
                throw new ConflictException(409, why + "，不能再收款");
            });
        }
        if (!alreadyTaken && amount.compareTo(maxNow(order)) > 0) {
            throw new InvalidInputException("paymentAmount", tooMuch(order));
        }
        String status = method.needsConfirmation() ? "PENDING" : "CONFIRMED";
        OffsetDateTime now = now();
        // the money goes to the campus's supervised account (资金监管账户): the one in use when it is recorded
        Long account = accounts.current(campusOf(orderId)).map(SupervisedAccounts.Account::id).orElse(null);
        try {
            // in a savepoint with its receipt number: a refused insert gives the number back, and on PostgreSQL
            // leaves the transaction usable
            savepoint.executeWithoutResult(tx -> {
                String receipt = "CONFIRMED".equals(status) ? nextReceiptNo(orderId) : null;
                jdbc.sql("insert into payment (order_id, method, amount, status, external_ref, receipt_no, reference, "
                        + "recorded_by, received_at, confirmed_by, confirmed_at, supervised_account_id) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(orderId, method.name(), amount, status, externalRef, receipt, reference, recordedBy,
                                now, receipt == null ? null : recordedBy, receipt == null ? null : now, account)
                        .update();
            });
        } catch (DuplicateKeyException recordedMeanwhile) {
            // the order's lock keeps two recordings of one reference apart; on H2 a callback's duplicate arriving at
            // the same moment has still reached this insert after the first committed (CallbackRaceTests in CI,
            // 2026-12-04): the unique reference keeps the payment once, and this request answers the first one
            log.info("payment under {} recorded meanwhile by a concurrent request: answered as its duplicate",
                    externalRef);
            return answerEarlier(byExternalRef(externalRef).orElseThrow(() -> recordedMeanwhile), orderId, method,
                    amount);
        }
        markPaidIfCovered(orderId);
        Recorded r = byExternalRef(externalRef).orElseThrow();
        return new Recorded(r.paymentId(), r.status(), r.receiptNo(), false);
    }

    /**
     * Finance confirms (receipt issued) or rejects a phone or transfer payment. Deciding twice changes nothing: the
     * same decision again answers as the first did, as a duplicate; the other one is refused (409).
     */
    @Transactional
    public Recorded confirm(long paymentId, boolean received, String by) {
        long orderId = jdbc.sql("select order_id from payment where id = ?").param(paymentId).query(Long.class)
                .optional().orElseThrow(() -> new NotFoundException("收款记录 " + paymentId + " 不存在"));
        lock(orderId);
        // the decision is taken only from a payment still waiting, whatever this transaction read before: two
        // decisions at the same moment make one, and one receipt number (the order's lock alone let a second
        // confirmation through on H2 once, CI 2026-12-07: BankStatementTests reported it twice)
        String decided = received ? "CONFIRMED" : "REJECTED";
        boolean taken = jdbc.sql("update payment set status = ?, confirmed_by = ?, confirmed_at = ? where id = ? "
                + "and status = 'PENDING'").params(decided, by, now(), paymentId).update() == 1;
        if (taken) {
            if (received) {
                jdbc.sql("update payment set receipt_no = ? where id = ?").params(nextReceiptNo(orderId), paymentId)
                        .update();
            }
            markPaidIfCovered(orderId);
        } else {
            String status = jdbc.sql("select status from payment where id = ?").param(paymentId)
                    .query(String.class).single();
            if (!status.equals(decided)) {
                throw new ConflictException(409, "这笔款项已" + ("CONFIRMED".equals(status) ? "确认到账" : "驳回（未到账）")
                        + "，不能再" + (received ? "确认到账" : "驳回") + "；如确有差错，请联系财务经理处理");
            }
        }
        return jdbc.sql("select id, status, receipt_no from payment where id = ?").param(paymentId)
                .query((rs, n) -> new Recorded(rs.getLong(1), rs.getString(2), rs.getString(3), !taken)).single();
    }

    /** A cancelled contract's order takes no more money; what was paid stays recorded (refunds are their own process). */
    @Transactional
    public void cancel(long orderId) {
        lock(orderId);
        jdbc.sql("update payment_order set status = 'CANCELLED' where id = ? and status = 'OPEN'").param(orderId)
                .update();
    }

    private void markPaidIfCovered(long orderId) {
        if (get(orderId).outstanding().signum() <= 0) {
            jdbc.sql("update payment_order set status = 'PAID' where id = ? and status = 'OPEN'").param(orderId)
                    .update();
        }
    }

    private void lock(long orderId) {
        jdbc.sql("select id from payment_order where id = ? for update").param(orderId).query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("缴费单 " + orderId + " 不存在"));
    }

    private String campusOf(long orderId) {
        return jdbc.sql("select campus_code from payment_order where id = ?").param(orderId).query(String.class)
                .single();
    }

    /** Gapless per campus and year, drawn in this transaction (a rollback gives the number back). */
    private String nextReceiptNo(long orderId) {
        String campus = campusOf(orderId);
        int year = LocalDate.now(clock.withZone(BusinessTime.ZONE)).getYear();
        receiptNumbers.ensure(campus, year);
        return String.format("SJ-%s-%d-%06d", campus, year, receiptNumbers.next(campus, year));
    }

    /** Whether a payment is recorded under this external reference (a gateway transaction, an idempotency key). */
    public boolean recordedUnder(String externalRef) {
        return byExternalRef(externalRef).isPresent();
    }

    /**
     * The answer to a request whose reference was recorded before: the first payment (a duplicate), unless a desk
     * client reused the key for another payment (422: answering the first payment would leave this one unrecorded
     * while the desk believes it taken, and tell the caller another order's receipt).
     */
    private Recorded answerEarlier(Recorded earlier, long orderId, PaymentMethod method, BigDecimal amount) {
        if (method != PaymentMethod.ONLINE && !sameRequest(earlier.paymentId(), orderId, method, amount)) {
            throw new ConflictException(422, "Idempotency-Key 已用于另一笔收款（缴费单、方式或金额不同），本次未收款；"
                    + "新的一笔收款请使用新的 Idempotency-Key");
        }
        return earlier;
    }

    /** Whether the payment recorded under a reference is the one asked for now: same order, method and amount. */
    private boolean sameRequest(long paymentId, long orderId, PaymentMethod method, BigDecimal amount) {
        return jdbc.sql("select count(*) from payment where id = ? and order_id = ? and method = ? and amount = ?")
                .params(paymentId, orderId, method.name(), amount).query(Long.class).single() == 1;
    }

    private Optional<Recorded> byExternalRef(String externalRef) {
        return jdbc.sql("select id, status, receipt_no from payment where external_ref = ?").param(externalRef)
                .query((rs, n) -> new Recorded(rs.getLong(1), rs.getString(2), rs.getString(3), true)).optional();
    }

    private List<InstallmentPlan.Due> installments(long orderId) {
        return jdbc.sql("select seq, due_date, amount from installment where order_id = ? order by seq").param(orderId)
                .query((rs, n) -> new InstallmentPlan.Due(rs.getInt(1), rs.getObject(2, LocalDate.class),
                        rs.getBigDecimal(3)))
                .list();
    }

    private List<PaymentOrder.Payment> payments(long orderId) {
        return jdbc.sql("select p.id, p.method, p.amount, p.status, p.receipt_no, p.reference, p.recorded_by, "
                + "p.received_at, p.confirmed_by, a.bank_name, a.account_no, a.account_name from payment p "
                + "left join supervised_account a on a.id = p.supervised_account_id where p.order_id = ? order by p.id")
                .param(orderId)
                .query((rs, n) -> new PaymentOrder.Payment(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getObject(8, OffsetDateTime.class), rs.getString(9), rs.getString(11) == null ? null
                                : new SupervisedAccounts.Account(0, null, rs.getString(10), rs.getString(11),
                                        rs.getString(12)).text()))
                .list();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /**
     * The most the desk may take now: the open balance, and under the regulator's collection limit never more than
     * one payment may collect (预收费监管) — counted over what the family has already paid for lessons not taught yet,
     * so that two payments in a row do not collect more ahead than one may (decision 604).
     */
    public BigDecimal maxNow(PaymentOrder order) {
        return order.collectionCap() == null ? order.openBalance() : maxNow(order, paidAhead(order));
    }

    /** {@link #maxNow(PaymentOrder)} under a collection limit, {@code ahead} already paid ahead of the lessons. */
    private static BigDecimal maxNow(PaymentOrder order, BigDecimal ahead) {
        return order.openBalance().min(order.collectionCap().subtract(ahead).max(BigDecimal.ZERO));
    }

    /**
     * What the family has paid (confirmed or waiting for finance) beyond the value of the lessons taught so far: the
     * money the supervised account holds for lessons still to come.
     */
    public BigDecimal paidAhead(PaymentOrder order) {
        BigDecimal taught = ledger.accounts(order.contractId()).stream()
                .map(l -> HoursLedger.valueHeld(l).subtract(HoursLedger.valueLeft(l)))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return order.confirmed().add(order.pending()).subtract(taught).max(BigDecimal.ZERO);
    }

    /**
     * Why the desk cannot take more: 不能超过应收 ¥3,200.00, or the balance when the family pays ahead, or the limit
     * of one payment (按预收费监管规定，单次收费不超过 ¥6,916.00), less what is already paid ahead of the lessons; with
     * the transfers still waiting for finance, which the balance leaves out.
     */
    public String tooMuch(PaymentOrder order) {
        BigDecimal due = order.dueNow();
        BigDecimal open = order.openBalance();
        BigDecimal ahead = order.collectionCap() == null ? BigDecimal.ZERO : paidAhead(order);
        BigDecimal max = order.collectionCap() == null ? open : maxNow(order, ahead);
        if (max.compareTo(open) < 0) {
            return "按预收费监管规定，单次收费不超过 " + Money.yuan(order.collectionCap()) + (ahead.signum() == 0 ? ""
                    : "，尚未上课的已缴费用 " + Money.yuan(ahead) + " 计入其中，现在最多再收 " + Money.yuan(max))
                    + "（本期应收 " + Money.yuan(due) + "；未付余额 " + Money.yuan(open) + "）";
        }
        // a transfer waiting for finance explains an open balance of nothing (不能超过应收 ¥0.00) to the desk
        String waiting = order.pending().signum() > 0 ? "（另有 " + Money.yuan(order.pending()) + " 待财务确认到账）" : "";
        return due.compareTo(open) == 0 ? "不能超过应收 " + Money.yuan(open) + waiting
                : "不能超过未付余额 " + Money.yuan(open) + "（本期应收 " + Money.yuan(due) + "）" + waiting;
    }
}
