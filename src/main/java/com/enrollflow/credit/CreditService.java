package com.enrollflow.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who worked a deal, and the credit (业绩) each gets when it is paid. */
@Service
public class CreditService {

    public record Share(String userId, BigDecimal amount, String policy) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    CreditService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Everyone who owned the opportunity, in the order they first got it (assigned, designated, claimed, handed
     * over), ending with the owner at payment.
     */
    public List<String> workedBy(long opportunityId) {
        List<String> people = new ArrayList<>(jdbc.sql("select to_user from assignment_event where opportunity_id = ? "
                + "and to_user is not null and kind in ('ASSIGNED', 'DESIGNATED', 'CLAIMED', 'HANDED_OVER') "
                + "group by to_user order by min(occurred_at), min(id)").param(opportunityId).query(String.class).list());
        jdbc.sql("select owner_user from opportunity where id = ?").param(opportunityId).query(String.class).optional()
                .ifPresent(owner -> {
                    people.remove(owner);
                    people.add(owner);
                });
        return people;
    }

    /** Records the split once; a rerun (job retry) returns what was recorded. */
    @Transactional
    public List<Share> credit(long opportunityId, CreditPolicy policy, BigDecimal amount) {
        List<Share> recorded = shares(opportunityId);
        if (!recorded.isEmpty()) {
            return recorded;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Map.Entry<String, BigDecimal> e : policy.split(amount, workedBy(opportunityId)).entrySet()) {
            jdbc.sql("insert into sales_credit (opportunity_id, user_id, amount, policy, credited_at) "
                    + "values (?, ?, ?, ?, ?)").params(opportunityId, e.getKey(), e.getValue(), policy.name(), now)
                    .update();
        }
        return shares(opportunityId);
    }

    /**
     * 业绩冲减: a refund takes back from each person who was credited the same share of their credit as the refund
     * is of the contract's price (a whole refund takes everything back), to the fen. Recorded once per refund; a
     * rerun returns what was recorded.
     */
    @Transactional
    public List<Share> reverse(long refundId, long opportunityId, BigDecimal refunded, BigDecimal contractPrice) {
        List<Share> recorded = reversals(refundId);
        if (!recorded.isEmpty() || refunded.signum() <= 0 || contractPrice.signum() <= 0) {
            return recorded;
        }
        BigDecimal fraction = refunded.min(contractPrice);
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (Share share : shares(opportunityId)) {
            BigDecimal back = share.amount().multiply(fraction).divide(contractPrice, 2, RoundingMode.HALF_UP);
            jdbc.sql("insert into sales_credit_reversal (refund_id, user_id, amount, reversed_at) values (?, ?, ?, ?)")
                    .params(refundId, share.userId(), back, now).update();
        }
        return reversals(refundId);
    }

    public List<Share> reversals(long refundId) {
        return jdbc.sql("select user_id, amount from sales_credit_reversal where refund_id = ? order by user_id")
                .param(refundId).query((rs, n) -> new Share(rs.getString(1), rs.getBigDecimal(2), "REFUND")).list();
    }

    public List<Share> shares(long opportunityId) {
        return jdbc.sql("select user_id, amount, policy from sales_credit where opportunity_id = ? order by user_id")
                .param(opportunityId)
                .query((rs, n) -> new Share(rs.getString(1), rs.getBigDecimal(2), rs.getString(3))).list();
    }
}
