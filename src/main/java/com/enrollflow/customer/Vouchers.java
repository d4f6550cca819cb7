package com.enrollflow.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.Money;

/**
 * A customer's vouchers (代金券): issued (a referral reward), deducted from a later plan of the same customer, and
 * redeemed by the contract issued from that plan. A voucher is worth its value once:
 * <ul>
 * <li>it is <b>used</b> while a contract that redeemed it stands (issued, paid or refunded: a refund pays back money,
 * never the voucher); a contract cancelled (作废) gives it back;</li>
 * <li>it is <b>reserved</b> while a plan of another open opportunity of the customer deducts it and has no contract
 * yet (a draft, pending or approved quote): a second opportunity cannot spend it meanwhile. A plan superseded by a
 * new one, a rejected plan and a plan of an opportunity closed without a contract hold nothing;</li>
 * <li>it cannot be used after its last valid day (the plan's pricing day counts).</li>
 * </ul>
 * Reserving locks the voucher's row, so two plans naming it at once are decided one after the other; redeeming is a
 * conditional update, so two contracts can never both take it.
 */
@Service
public class Vouchers {

    /** Where a voucher stands, in the words staff read. */
    public enum State {
        AVAILABLE("可用"),
        RESERVED("已用于报价，待签约"),
        USED("已使用"),
        EXPIRED("已过期");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A voucher and where it stands on a day: {@code usedBy} names the contract that redeemed it (USED) or the quote
     * that reserves it (RESERVED), null otherwise.
     */
    public record Voucher(long id, String code, long customerId, BigDecimal amount, LocalDate validUntil,
            Long referralRewardId, OffsetDateTime issuedAt, State state, String usedBy) {

        /** DJQ000012（¥800.00，2027-11-30 前有效）. */
        public String described() {
            return code + "（" + Money.yuan(amount) + "，" + validUntil + " 前有效）";
        }
    }

    /** A voucher a plan may deduct, or why it may not (a message for the field {@code voucherCode}). */
    public record Check(Voucher voucher, String problem) {
    }

    private static final String COLUMNS = "v.id, v.code, v.customer_id, v.amount, v.valid_until, "
            + "v.referral_reward_id, v.issued_at";
    private static final RowMapper<Voucher> ROWS = (rs, n) -> {
        long rewardId = rs.getLong("referral_reward_id");
        Long reward = rs.wasNull() ? null : rewardId;
        return new Voucher(rs.getLong("id"), rs.getString("code"), rs.getLong("customer_id"),
                rs.getBigDecimal("amount"), rs.getObject("valid_until", LocalDate.class), reward,
                rs.getObject("issued_at", OffsetDateTime.class), State.AVAILABLE, null);
    };

    private final JdbcClient jdbc;

    Vouchers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Issues a voucher (numbered DJQ000012 by its id) in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Voucher issue(long customerId, BigDecimal amount, LocalDate validUntil, Long referralRewardId,
            OffsetDateTime at) {
        KeyHolder keys = new GeneratedKeyHolder();
        // the code follows from the id: a unique placeholder first, the number once the id is known
        jdbc.sql("insert into voucher (code, customer_id, amount, valid_until, referral_reward_id, issued_at) "
                + "values (?, ?, ?, ?, ?, ?)").params("N" + Long.toString(System.nanoTime(), 36), customerId, amount,
                        validUntil, referralRewardId, at).update(keys, "id");
        long id = keys.getKey().longValue();
        jdbc.sql("update voucher set code = ? where id = ?").params(String.format("DJQ%06d", id), id).update();
        return find(id).orElseThrow();
    }

    /** The customer's vouchers, oldest first, with where each stands on the day. */
    @Transactional(readOnly = true)
    public List<Voucher> of(long customerId, LocalDate today) {
        return standingFor(customerId, 0, today);
    }

    /**
     * The vouchers a plan of this opportunity may deduct on the day, the first to expire first: the customer's, not
     * used, not expired, and not reserved by a plan of another opportunity.
     */
    @Transactional(readOnly = true)
    public List<Voucher> usable(long customerId, long opportunityId, LocalDate on) {
        return standingFor(customerId, opportunityId, on).stream().filter(v -> v.state() == State.AVAILABLE)
                .sorted(Comparator.comparing(Voucher::validUntil).thenComparingLong(Voucher::id)).toList();
    }

    /** The customer's vouchers, oldest first, each as it stands for a plan of {@code opportunityId} on the day. */
    private List<Voucher> standingFor(long customerId, long opportunityId, LocalDate on) {
        return jdbc.sql("select " + COLUMNS + " from voucher v where v.customer_id = ? order by v.issued_at, v.id")
                .param(customerId).query(ROWS).list().stream().map(v -> standing(v, opportunityId, on)).toList();
    }

    /**
     * Whether a plan of the opportunity (of this customer) may deduct the voucher named by {@code code} on the day.
     * With {@code lock}, the voucher's row stays locked until the caller's transaction ends, so that the plan that
     * stores it is the only one deciding; a preview does not lock.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Check check(String code, Long customerId, long opportunityId, LocalDate on, boolean lock) {
        String given = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        if (customerId == null) {
            return new Check(null, "使用代金券须指定商机（opportunityId）：代金券只能用于其持有人的方案");
        }
        Optional<Voucher> found = jdbc.sql("select " + COLUMNS + " from voucher v where v.code = ?"
                + (lock ? " for update" : "")).param(given).query(ROWS).optional();
        if (found.isEmpty() || found.get().customerId() != customerId) {
            // another customer's voucher is as unknown here as a made-up code: it says nothing about its holder
            return new Check(null, "该客户没有代金券“" + InputRules.abbreviate(code) + "”");
        }
        Voucher v = standing(found.get(), opportunityId, on);
        return switch (v.state()) {
            case AVAILABLE -> new Check(v, null);
            case EXPIRED -> new Check(v, "代金券 " + v.code() + " 已于 " + v.validUntil() + " 过期");
            case USED -> new Check(v, "代金券 " + v.code() + " 已用于合同 " + v.usedBy() + "，每张只能使用一次");
            case RESERVED -> new Check(v, "代金券 " + v.code() + " 已用于另一商机的报价 " + v.usedBy()
                    + "（待签约）；该商机不签约或重新报价后方可使用");
        };
    }

    /**
     * The contract issued from a plan that deducted the voucher redeems it, in the caller's transaction: 409 when a
     * contract that still stands has redeemed it already (then nothing of the new contract may be kept).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void redeem(String code, long contractId, OffsetDateTime at) {
        int updated = jdbc.sql("update voucher set contract_id = ?, redeemed_at = ? where code = ? "
                + "and (contract_id is null or contract_id = ? or exists (select 1 from contract c "
                + "where c.id = voucher.contract_id and c.status = 'CANCELLED'))")
                .params(contractId, at, code, contractId).update();
        if (updated != 1) {
            String by = jdbc.sql("select c.number from voucher v join contract c on c.id = v.contract_id "
                    + "where v.code = ?").param(code).query(String.class).optional().orElse("另一份合同");
            throw new ConflictException(409, "代金券 " + code + " 已用于合同 " + by + "，不能再用于本合同；请重新制定方案");
        }
    }

    private Optional<Voucher> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from voucher v where v.id = ?").param(id).query(ROWS).optional();
    }

    /**
     * Where the voucher stands for a plan of {@code opportunityId} (0: for none in particular) on the day. A contract
     * that stands wins over a reservation; the opportunity's own open plans reserve nothing against it, since its
     * next plan replaces them.
     */
    private Voucher standing(Voucher v, long opportunityId, LocalDate on) {
        Optional<String> contract = jdbc.sql("select c.number from voucher v join contract c on c.id = v.contract_id "
                + "where v.id = ? and c.status <> 'CANCELLED'").param(v.id()).query(String.class).optional();
        if (contract.isPresent()) {
            return with(v, State.USED, contract.get());
        }
        Optional<Long> reservedBy = jdbc.sql("select q.id from quote q join opportunity o on o.id = q.opportunity_id "
                + "where q.voucher_id = ? and q.opportunity_id <> ? and o.status = 'OPEN' "
                + "and q.status in ('DRAFT', 'PENDING_APPROVAL', 'APPROVED') "
                + "and not exists (select 1 from contract c where c.quote_id = q.id) "
                + "order by q.id fetch first 1 rows only").params(v.id(), opportunityId).query(Long.class).optional();
        if (reservedBy.isPresent()) {
            return with(v, State.RESERVED, String.valueOf(reservedBy.get()));
        }
        return with(v, v.validUntil().isBefore(on) ? State.EXPIRED : State.AVAILABLE, null);
    }

    private static Voucher with(Voucher v, State state, String usedBy) {
        return new Voucher(v.id(), v.code(), v.customerId(), v.amount(), v.validUntil(), v.referralRewardId(),
                v.issuedAt(), state, usedBy);
    }
}
