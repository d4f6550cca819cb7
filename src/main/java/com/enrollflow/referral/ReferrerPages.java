package com.enrollflow.referral;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.Coded;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.customer.CustomerRecords;
import com.enrollflow.customer.Vouchers;

/**
 * A referrer's page of the customer record (介绍的客户与转介绍奖励): the families the customer recommended to us, whether
 * each has paid, the reward it earned and where that reward stands, and the referrer's vouchers with their expiry and
 * whether each was used. Only families of the caller's campuses are listed, as the record itself shows only those
 * campuses' opportunities.
 */
@Service
public class ReferrerPages {

    /** One referred family: when it came, whether it paid, and its reward (null until it pays). */
    public record ReferredFamily(long customerId, String name, OffsetDateTime referredAt, boolean paid,
            Reward reward) {
    }

    /** The referrer's reward for one family, in the words the supervisor and the family read. */
    public record Reward(String rewardNo, String status, String statusLabel, String described, String grantedAs,
            String grantedAsLabel, OffsetDateTime grantedAt) {
    }

    /**
     * A voucher (代金券) the referrer holds, and where it stands: AVAILABLE 可用, RESERVED 已用于报价，待签约 (usedBy: the
     * quote), USED 已使用 (usedBy: the contract number), EXPIRED 已过期.
     */
    public record Voucher(String code, BigDecimal amount, LocalDate validUntil, boolean expired, String rewardNo,
            String state, String stateLabel, String usedBy) {
    }

    public record ReferrerPage(long customerId, int referred, int paid, List<ReferredFamily> families,
            List<Voucher> vouchers) {
    }

    private final JdbcClient jdbc;
    private final CustomerRecords records;
    private final Vouchers vouchers;

    ReferrerPages(JdbcClient jdbc, CustomerRecords records, Vouchers vouchers) {
        this.jdbc = jdbc;
        this.records = records;
        this.vouchers = vouchers;
    }

    /** The page of a customer of the caller's campuses; 404 for any other. */
    @Transactional(readOnly = true)
    public ReferrerPage of(long customerId, LocalDate today) {
        if (!records.visible(customerId)) {
            throw new NotFoundException("您负责的校区没有客户 " + customerId);
        }
        List<ReferredFamily> families = jdbc.sql("select r.referred_customer_id, c.name, r.recorded_at, "
                + "exists (select 1 from opportunity o where o.customer_id = r.referred_customer_id "
                + "and o.paid_at is not null) as paid, w.id as reward_id, w.status, w.reward_kind, w.lessons, "
                + "w.amount, w.granted_as, w.granted_at from referral r "
                + "join customer c on c.id = r.referred_customer_id "
                + "left join referral_reward w on w.referral_id = r.id where r.referrer_customer_id = ? "
                + "order by r.recorded_at, r.id").param(customerId)
                .query((rs, n) -> {
                    Reward reward = null;
                    long rewardId = rs.getLong("reward_id");
                    if (!rs.wasNull()) {
                        String status = rs.getString("status");
                        String grantedAs = rs.getString("granted_as");
                        reward = new Reward(ReferralReward.number(rewardId), status, statusLabel(status),
                                ReferralReward.described(rs.getString("reward_kind"),
                                        rs.getObject("lessons", Integer.class), rs.getBigDecimal("amount")),
                                grantedAs, grantedAs == null ? null
                                        : Coded.parse(RewardKind.class, grantedAs).map(RewardKind::label).orElse(null),
                                rs.getObject("granted_at", OffsetDateTime.class));
                    }
                    // a reward is started by the family's first paid contract: it has paid, whatever the opportunity
                    return new ReferredFamily(rs.getLong("referred_customer_id"), rs.getString("name"),
                            rs.getObject("recorded_at", OffsetDateTime.class), rs.getBoolean("paid") || reward != null,
                            reward);
                }).list().stream().filter(f -> records.visible(f.customerId())).toList();
        List<Voucher> vouchers = this.vouchers.of(customerId, today).stream()
                .map(v -> new Voucher(v.code(), v.amount(), v.validUntil(), v.validUntil().isBefore(today),
                        v.referralRewardId() == null ? null : ReferralReward.number(v.referralRewardId()),
                        v.state().name(), v.state().label(), v.usedBy()))
                .toList();
        return new ReferrerPage(customerId, families.size(), (int) families.stream().filter(ReferredFamily::paid)
                .count(), families, vouchers);
    }

    static String statusLabel(String status) {
        return switch (status) {
            case "DECIDING" -> "确定奖励中";
            case "AWAITING_APPROVAL" -> "待销售主管审批";
            case "APPROVED" -> "已批准，发放中";
            case "GRANTED" -> "已发放";
            case "REJECTED" -> "未批准";
            default -> status;
        };
    }
}
