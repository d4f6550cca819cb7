package com.enrollflow.refund;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The refund tables (V13): refund, refund_approval, refund_payout. */
@Repository
public class RefundRepository {

    private static final String COLUMNS = "id, refund_no, contract_id, opportunity_id, customer_id, campus_code, "
            + "reason, note, status, paid, consumed_value, fees, fee_name, amount, shortfall, consumed_lessons, "
            + "purchased_lessons, unit_price, computation, required_levels, requested_by, requested_at, concluded_at, "
            + "rejection_comment, paid_out_at, agreement_no, agreement_sha256, withdrawal, cancelled_by, cancel_reason, "
            + "transfer_id, class_code, class_line_no, owed_less, lessons_back, unpaid_forgone";

    private final JdbcClient jdbc;

    RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The new request, open on its contract; the unique open contract refuses a second (DuplicateKeyException). */
    long insert(long contractId, long opportunityId, long customerId, String campusCode, RefundReason reason,
            String note, boolean withdrawal, RefundQuotes.RefundQuote quote, BigDecimal unitPrice, String computation,
            String by, OffsetDateTime at) {
        RefundCalculator.Result c = quote.computation();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into refund (refund_no, contract_id, open_contract_id, opportunity_id, customer_id, "
                + "campus_code, reason, note, status, paid, consumed_value, fees, fee_name, amount, shortfall, "
                + "consumed_lessons, purchased_lessons, unit_price, computation, requested_by, requested_at, withdrawal) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params("N" + contractId, contractId, contractId, opportunityId, customerId, campusCode,
                        reason.name(), note, c.paid(), c.consumedValue(), c.fees(), quote.feeName(), c.amount(),
                        c.shortfall(), c.consumedLessons(), c.purchasedLessons(), unitPrice, computation, by, at,
                        withdrawal)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        jdbc.sql("update refund set refund_no = ? where id = ?").params(Refund.number(id), id).update();
        return id;
    }

    /** What the contract's refunds have paid back so far (only transfers' differences while it is in force). */
    BigDecimal paidBackOn(long contractId) {
        return jdbc.sql("select coalesce(sum(x.amount), 0) from refund_payout x join refund r on r.id = x.refund_id "
                + "where r.contract_id = ?").param(contractId).query(BigDecimal.class).single();
    }

    /** What refunds of one reason paid back on a contract (多付款退还: the overpayment already returned). */
    BigDecimal paidBackOn(long contractId, RefundReason reason) {
        return jdbc.sql("select coalesce(sum(x.amount), 0) from refund_payout x join refund r on r.id = x.refund_id "
                + "where r.contract_id = ? and r.reason = ?").params(contractId, reason.name())
                .query(BigDecimal.class).single();
    }

    /**
     * What the contract's settled refunds kept of what they counted as paid: the lessons consumed and the fee, a
     * shortfall (more consumed than paid) included. Zero for refunds that value no lessons (转课差价, 多付款退还: their
     * amount is what they counted).
     */
    BigDecimal keptOn(long contractId) {
        return jdbc.sql("select coalesce(sum(paid - amount + shortfall), 0) from refund where contract_id = ? "
                + "and status = 'PAID'").param(contractId).query(BigDecimal.class).single();
    }

    /** A 退班 names its class and the ledger line it refunds. */
    void forClass(long refundId, String classCode, int lineNo) {
        jdbc.sql("update refund set class_code = ?, class_line_no = ? where id = ?").params(classCode, lineNo, refundId)
                .update();
    }

    /** A 退部分课时 names the 1:1 ledger line and how many of its lessons it gives back. */
    void forLessons(long refundId, int lineNo, int lessons) {
        jdbc.sql("update refund set class_line_no = ?, lessons_back = ? where id = ?").params(lineNo, lessons, refundId)
                .update();
    }

    /** A 退部分课时 whose lessons came down during the approval gives back only what was left. */
    void lessonsBack(long refundId, int lessons) {
        jdbc.sql("update refund set lessons_back = ? where id = ?").params(lessons, refundId).update();
    }

    /** What a 退班 or a 退部分课时 took off unpaid installments when its lessons stopped. */
    void owedLess(long refundId, BigDecimal amount) {
        jdbc.sql("update refund set owed_less = ? where id = ?").params(amount, refundId).update();
    }

    /** A refund of the whole contract: {@code owed} taken off what the family owes, {@code forgone} of it unpaid. */
    void owedLess(long refundId, BigDecimal owed, BigDecimal forgone) {
        jdbc.sql("update refund set owed_less = ?, unpaid_forgone = ? where id = ?").params(owed, forgone, refundId)
                .update();
    }

    /**
     * What the settled refunds of one line (退班, 退部分课时) of a contract still in force kept (their fees): money the
     * family paid that is no longer theirs, though no lesson holds it.
     */
    BigDecimal keptByLineRefunds(long contractId) {
        return jdbc.sql("select coalesce(sum(paid - amount), 0) from refund where contract_id = ? and status = 'PAID' "
                + "and class_line_no is not null").param(contractId).query(BigDecimal.class).single();
    }

    /** A transfer's difference refund (转课差价) points to its transfer. */
    void forTransfer(long refundId, long transferId) {
        jdbc.sql("update refund set transfer_id = ? where id = ?").params(transferId, refundId).update();
    }

    /** Serializes everything done to one contract's refunds (and the first opening of its hours ledger). */
    void lockContract(long contractId) {
        jdbc.sql("select id from contract where id = ? for update").param(contractId).query(Long.class).optional();
    }

    Optional<Refund> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from refund where id = ?").param(id).query(this::row).optional();
    }

    Optional<Refund> byNumber(String refundNo) {
        return jdbc.sql("select " + COLUMNS + " from refund where refund_no = ?").param(refundNo).query(this::row)
                .optional();
    }

    Optional<Refund> lock(long id) {
        jdbc.sql("select id from refund where id = ? for update").param(id).query(Long.class).optional();
        return find(id);
    }

    Optional<Refund> openOn(long contractId) {
        return jdbc.sql("select " + COLUMNS + " from refund where open_contract_id = ?").param(contractId)
                .query(this::row).optional();
    }

    List<Refund> forContract(long contractId) {
        return jdbc.sql("select " + COLUMNS + " from refund where contract_id = ? order by id").param(contractId)
                .query(this::row).list();
    }

    void levels(long id, List<String> levels, RefundStatus status) {
        jdbc.sql("update refund set required_levels = ?, status = ? where id = ?")
                .params(String.join(",", levels), status.name(), id).update();
    }

    /** Ends or advances the request; an ended one frees its contract for a new request. */
    void status(long id, RefundStatus status, OffsetDateTime concludedAt, String rejectionComment) {
        jdbc.sql("update refund set status = ?, concluded_at = coalesce(?, concluded_at), "
                + "rejection_comment = coalesce(?, rejection_comment), "
                + "open_contract_id = case when ? then contract_id else null end where id = ?")
                .params(status.name(), concludedAt, rejectionComment, status.open(), id).update();
    }

    /** Lessons consumed between request and approval: the computation follows the ledger. */
    void recomputed(long id, RefundQuotes.RefundQuote quote, String computation) {
        RefundCalculator.Result c = quote.computation();
        jdbc.sql("update refund set paid = ?, consumed_value = ?, fees = ?, amount = ?, shortfall = ?, "
                + "consumed_lessons = ?, computation = ? where id = ?").params(c.paid(), c.consumedValue(), c.fees(),
                        c.amount(), c.shortfall(), c.consumedLessons(), computation, id).update();
    }

    /** Withdrawn before a decision: the contract is free for a new request. */
    void cancelled(long id, String by, String reason, OffsetDateTime at) {
        jdbc.sql("update refund set status = 'CANCELLED', cancelled_by = ?, cancel_reason = ?, concluded_at = ?, "
                + "open_contract_id = null where id = ?").params(by, reason, at, id).update();
    }

    void paidOut(long id, OffsetDateTime at) {
        jdbc.sql("update refund set status = 'PAID', paid_out_at = ?, open_contract_id = null where id = ?")
                .params(at, id).update();
    }

    void agreement(long id, String agreementNo, String sha256, byte[] pdf) {
        jdbc.sql("update refund set agreement_no = ?, agreement_sha256 = ? where id = ?").params(agreementNo, sha256, id)
                .update();
        jdbc.sql("insert into refund_document (refund_id, pdf) values (?, ?)").params(id, pdf).update();
    }

    Optional<byte[]> document(long id) {
        return jdbc.sql("select pdf from refund_document where refund_id = ?").param(id)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }

    void approval(long id, int levelNo, String group, String decision, String comment, String by,
            OffsetDateTime at) {
        jdbc.sql("insert into refund_approval (refund_id, level_no, approval_group, decision, comment, decided_by, "
                + "decided_at) values (?, ?, ?, ?, ?, ?, ?)").params(id, levelNo, group, decision, comment, by, at)
                .update();
    }

    List<Refund.Approval> approvals(long id) {
        return jdbc.sql("select level_no, approval_group, decision, comment, decided_by, decided_at "
                + "from refund_approval where refund_id = ? order by level_no").param(id)
                .query((rs, n) -> new Refund.Approval(rs.getInt(1), rs.getString(2), "APPROVE".equals(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class)))
                .list();
    }

    void payout(long id, long paymentId, PayoutChannel channel, BigDecimal amount, String voucher,
            String bankAccount, String by, OffsetDateTime at) {
        jdbc.sql("insert into refund_payout (refund_id, payment_id, channel, amount, voucher, bank_account, paid_by, "
                + "paid_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, paymentId, channel.name(), amount, voucher, bankAccount, by, at).update();
    }

    /** What the refund's payouts have paid back so far. */
    BigDecimal payoutTotal(long id) {
        return payouts(id).stream().map(Refund.Payout::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    List<Refund.Payout> payouts(long id) {
        return jdbc.sql("select payment_id, channel, amount, voucher, bank_account, paid_by, paid_at "
                + "from refund_payout where refund_id = ? order by paid_at, id").param(id)
                .query((rs, n) -> new Refund.Payout(rs.getLong(1), PayoutChannel.valueOf(rs.getString(2)),
                        rs.getBigDecimal(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class)))
                .list();
    }

    /** What earlier refunds of the contract already paid back from one payment. */
    BigDecimal refundedFrom(long paymentId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from refund_payout where payment_id = ?").param(paymentId)
                .query(BigDecimal.class).single();
    }

    /** The gateway's id of a payment (its external reference). */
    String externalRef(long paymentId) {
        return jdbc.sql("select external_ref from payment where id = ?").param(paymentId).query(String.class).single();
    }

    private Refund row(ResultSet rs, int n) throws SQLException {
        String levels = rs.getString("required_levels");
        return new Refund(rs.getLong("id"), rs.getString("refund_no"), rs.getLong("contract_id"),
                rs.getLong("opportunity_id"), rs.getLong("customer_id"), rs.getString("campus_code"),
                RefundReason.valueOf(rs.getString("reason")), rs.getString("note"),
                RefundStatus.valueOf(rs.getString("status")), rs.getBigDecimal("paid"),
                rs.getBigDecimal("consumed_value"), rs.getBigDecimal("fees"), rs.getString("fee_name"),
                rs.getBigDecimal("amount"), rs.getBigDecimal("shortfall"), rs.getInt("consumed_lessons"),
                rs.getInt("purchased_lessons"), rs.getBigDecimal("unit_price"), rs.getString("computation"),
                levels == null || levels.isBlank() ? List.of() : Arrays.asList(levels.split(",")),
                rs.getString("requested_by"), rs.getObject("requested_at", OffsetDateTime.class),
                rs.getObject("concluded_at", OffsetDateTime.class), rs.getString("rejection_comment"),
                rs.getObject("paid_out_at", OffsetDateTime.class), rs.getString("agreement_no"),
                rs.getString("agreement_sha256"), rs.getBoolean("withdrawal"), rs.getString("cancelled_by"),
                rs.getString("cancel_reason"), (Long) rs.getObject("transfer_id", Long.class),
                rs.getString("class_code"), (Integer) rs.getObject("class_line_no", Integer.class),
                rs.getBigDecimal("owed_less"), (Integer) rs.getObject("lessons_back", Integer.class),
                rs.getBigDecimal("unpaid_forgone"));
    }

    /** The kind of the transfer whose difference a refund pays back (LESSONS 转课, CLASS 转班); null if none. */
    public String transferKind(long transferId) {
        return jdbc.sql("select kind from transfer where id = ?").param(transferId).query(String.class).optional()
                .orElse(null);
    }
}
