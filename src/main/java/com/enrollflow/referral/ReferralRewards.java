package com.enrollflow.referral;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.Coded;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.Money;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.common.RecordRowMapper;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractService;
import com.enrollflow.contract.ContractStatus;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.customer.Vouchers;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.refund.Refunds;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.teaching.HoursLedger;

/**
 * 转介绍奖励: one reward per referral, started by the referred family's first paid contract (the database refuses a
 * second: uq_referral_reward_referral), decided by referral-reward.dmn, approved by the sales supervisor of the
 * referrer's campus when the table says so, and granted once: gifted lessons on the referrer's newest contract in
 * force, or a voucher when the policy says so or the referrer has no contract in force.
 */
@Service
public class ReferralRewards {

    public static final String APPROVE = "APPROVE";
    public static final String REJECT = "REJECT";

    private static final String SELECT = "select w.id, w.referral_id, r.referrer_customer_id, rc.name as referrer_name, "
            + "r.referred_customer_id, dc.name as referred_name, w.paid_contract_id, pc.number as paid_contract_number, "
            + "w.campus_code, w.status, w.reward_kind, w.lessons, w.amount, w.approval_needed, w.approved_by, "
            + "w.approval_comment, w.granted_as, w.granted_contract_id, w.granted_line_no, w.created_at, w.granted_at "
            + "from referral_reward w join referral r on r.id = w.referral_id "
            + "join customer rc on rc.id = r.referrer_customer_id join customer dc on dc.id = r.referred_customer_id "
            + "join contract pc on pc.id = w.paid_contract_id ";

    private static final RowMapper<ReferralReward> ROWS = RecordRowMapper.of(ReferralReward.class);

    private final JdbcClient jdbc;
    private final OpportunityRepository opportunityRecords;
    private final OpportunityService opportunities;
    private final ContractService contracts;
    private final HoursLedger ledger;
    private final NotificationService notifications;
    private final Families families;
    private final ReferralRewardProcess process;
    private final Refunds refunds;
    private final Vouchers vouchers;
    private final PaymentService payments;
    private final Clock clock;
    private final int voucherValidDays;

    ReferralRewards(JdbcClient jdbc, OpportunityRepository opportunityRecords, OpportunityService opportunities,
            ContractService contracts, HoursLedger ledger, NotificationService notifications, Families families,
            ReferralRewardProcess process, Refunds refunds, Vouchers vouchers, PaymentService payments, Clock clock,
            @Value("${enrollflow.referral.voucher-valid-days:365}") int voucherValidDays) {
        this.jdbc = jdbc;
        this.payments = payments;
        this.refunds = refunds;
        this.vouchers = vouchers;
        this.opportunityRecords = opportunityRecords;
        this.opportunities = opportunities;
        this.contracts = contracts;
        this.ledger = ledger;
        this.notifications = notifications;
        this.families = families;
        this.process = process;
        this.clock = clock;
        this.voucherValidDays = voucherValidDays;
    }

    /**
     * The referred family paid (成单缴费): a referred customer's first paid contract stores the referrer's reward and
     * starts its process. Nothing for a family nobody referred; the stored reward, and no second process, when the
     * family was rewarded already (a rerun, or their next contract).
     */
    @Transactional
    public Optional<ReferralReward> referredFamilyPaid(long opportunityId, long contractId) {
        Opportunity paid = opportunityRecords.get(opportunityId);
        Optional<Long[]> referral = jdbc.sql("select id, referrer_customer_id from referral where "
                + "referred_customer_id = ?").param(paid.customerId())
                .query((rs, n) -> new Long[] {rs.getLong(1), rs.getLong(2)}).optional();
        if (referral.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> existing = jdbc.sql("select id from referral_reward where referral_id = ?")
                .param(referral.get()[0]).query(Long.class).optional();
        if (existing.isPresent()) {
            return Optional.of(get(existing.get()));
        }
        Opportunity referrer = referrerOpportunity(referral.get()[1]);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into referral_reward (referral_id, paid_contract_id, campus_code, status, created_at) "
                + "values (?, ?, ?, 'DECIDING', ?)").params(referral.get()[0], contractId, referrer.campusCode(),
                        OffsetDateTime.now(clock)).update(keys, "id");
        ReferralReward reward = get(keys.getKey().longValue());
        Contract contract = contracts.find(contractId).orElseThrow();
        process.start(reward, referrer.id(), paid.productLine(), contract.finalPrice());
        return Optional.of(reward);
    }

    /**
     * What referral-reward.dmn decided. A table that gives no known kind or no value is a process owner's mistake and
     * fails (an incident in Cockpit) rather than granting nothing. A rerun changes nothing once decided.
     */
    @Transactional
    public ReferralReward decided(long id, String kind, Number lessons, Number amount, boolean approvalNeeded) {
        RewardKind k = Coded.parse(RewardKind.class, kind).orElseThrow(() -> new IllegalStateException(
                "referral-reward.dmn gave no known reward kind: " + kind));
        int gifted = lessons == null ? 0 : lessons.intValue();
        BigDecimal value = amount == null ? BigDecimal.ZERO : new BigDecimal(amount.toString()).setScale(2,
                RoundingMode.HALF_UP);
        if (value.signum() <= 0 || k == RewardKind.GIFT_LESSONS && gifted <= 0) {
            throw new IllegalStateException("referral-reward.dmn gave " + k + " with " + gifted + " lessons and "
                    + value + " yuan: a gift needs lessons and a voucher value, a voucher its value");
        }
        jdbc.sql("update referral_reward set reward_kind = ?, lessons = ?, amount = ?, approval_needed = ?, "
                + "status = ?, decided_at = ? where id = ? and status = 'DECIDING'")
                .params(k.name(), k == RewardKind.GIFT_LESSONS ? gifted : null, value, approvalNeeded,
                        approvalNeeded ? "AWAITING_APPROVAL" : "APPROVED", OffsetDateTime.now(clock), id)
                .update();
        return get(id);
    }

    /**
     * 审批转介绍奖励: the sales supervisor's decision; a rejection needs a comment and stays on the referrer's
     * timeline. 409 once decided.
     */
    @Transactional
    public ReferralReward approve(long id, String decision, String comment, String by) {
        InputRules rules = new InputRules();
        if (!APPROVE.equals(decision) && !REJECT.equals(decision)) {
            rules.problem("rewardDecision", "必填，可选值：同意（APPROVE）、驳回（REJECT）");
        }
        String text = rules.optional("approvalComment", comment, 1000);
        if (REJECT.equals(decision) && text == null) {
            rules.problem("approvalComment", "驳回时必填：说明原因");
        }
        rules.throwIfAny();
        if (APPROVE.equals(decision)) {
            ReferralReward asked = get(id);
            refundedOrRefunding(asked).ifPresent(standing -> {
                throw new ConflictException(409, standing.why() + "，不能发放奖励，请驳回"
                        + (standing.pending() ? "或等退费结束后再审批" : ""));
            });
        }
        int changed = jdbc.sql("update referral_reward set status = ?, approved_by = ?, approval_comment = ? "
                + "where id = ? and status = 'AWAITING_APPROVAL'")
                .params(APPROVE.equals(decision) ? "APPROVED" : "REJECTED", by, text, id).update();
        ReferralReward r = get(id);
        if (changed == 0) {
            throw new ConflictException(409, "转介绍奖励 " + r.rewardNo() + " 已审批");
        }
        if (REJECT.equals(decision)) {
            opportunities.note(referrerOpportunity(r.referrerCustomerId()).id(),
                    TimelineEvent.REFERRAL_REWARD_REJECTED, by, r.rewardNo() + "（介绍 " + r.referredName() + "）"
                            + r.described() + "，驳回：" + text);
        }
        return r;
    }

    /** Locks the reward's row; false when its gifted lessons were booked already (赠送课时排课, once). */
    boolean lockGiftNotBooked(long id) {
        return jdbc.sql("select gift_lessons_booked_at from referral_reward where id = ? for update").param(id)
                .query((rs, n) -> rs.getObject(1) == null).single();
    }

    /** The reward's gifted lessons are on the family's schedule. */
    void giftBooked(long id) {
        jdbc.sql("update referral_reward set gift_lessons_booked_at = ? where id = ?")
                .params(OffsetDateTime.now(clock), id).update();
    }

    /** Whether the referrer's family has an e-mail address: the grant's thank-you mail reaches them, or staff phone. */
    public boolean mailsReferrer(ReferralReward r) {
        return families.of(referrerOpportunity(r.referrerCustomerId()).id()).mailable();
    }

    /**
     * 发放: gifted lessons become a GIFT line of the referrer's newest contract in force; a voucher reward, or a gift
     * when the referrer has no contract in force (or only contracts a refund in the works is ending, which would take
     * the gift with them), becomes a voucher. The referrer's timeline and their family's mail
     * say what they got. Once: the reward row is locked and a granted reward is returned as it is.
     */
    @Transactional
    public Grant grant(long id, String actor) {
        String status = jdbc.sql("select status from referral_reward where id = ? for update").param(id)
                .query(String.class).optional().orElseThrow(() -> new NotFoundException("转介绍奖励不存在：" + id));
        if ("GRANTED".equals(status)) {
            ReferralReward r = get(id);
            return new Grant(r, grantedText(r), mailsReferrer(r));
        }
        if (!"APPROVED".equals(status)) {
            throw new IllegalStateException("reward " + id + " is " + status + ", not approved");
        }
        ReferralReward r = get(id);
        Optional<Standing> refunded = refundedOrRefunding(r);
        if (refunded.isPresent() && refunded.get().pending()) {
            // the refund may still be rejected: the step tries again (R3/PT5M), then waits as an incident in Cockpit
            throw new ConflictException(409, refunded.get().why() + "，退费结束后再发放奖励");
        }
        if (refunded.isPresent()) {
            // the reward thanks the referrer for a family that enrolled; one that took its money back earns none
            jdbc.sql("update referral_reward set status = 'REJECTED', approval_comment = ? where id = ?")
                    .params(refunded.get().why() + "，奖励不发放", id).update();
            opportunities.note(referrerOpportunity(r.referrerCustomerId()).id(),
                    TimelineEvent.REFERRAL_REWARD_REJECTED, actor, r.rewardNo() + "（介绍 " + r.referredName() + "）"
                            + r.described() + "，不发放：" + refunded.get().why());
            return new Grant(get(id), null, false);
        }
        // a contract the referrer's family is leaving (a refund of it in the works) would take the gift with it; a
        // contract of classes only has no 1:1 lessons to give them with (decision 719)
        Optional<Contract> inForce = contracts.forCustomer(r.referrerCustomerId()).stream()
                .filter(c -> c.inForce() && !refunds.endingOn(c.id()))
                .filter(c -> ledger.accounts(c.id()).stream().anyMatch(l -> "LESSONS".equals(l.kind())))
                .max(Comparator.comparing(Contract::issuedAt).thenComparing(Contract::id));
        OffsetDateTime now = OffsetDateTime.now(clock);
        String granted;
        long noteOpportunity;
        if (RewardKind.GIFT_LESSONS.name().equals(r.rewardKind()) && inForce.isPresent()) {
            Contract c = inForce.get();
            int line = ledger.gift(c.id(), r.lessons(), "转介绍赠送（" + r.rewardNo() + "，介绍 " + r.referredName() + "）",
                    actor);
            jdbc.sql("update referral_reward set status = 'GRANTED', granted_as = 'GIFT_LESSONS', "
                    + "granted_contract_id = ?, granted_line_no = ?, granted_at = ? where id = ?")
                    .params(c.id(), line, now, id).update();
            granted = giftText(c.number(), r.lessons());
            noteOpportunity = c.opportunityId();
        } else {
            Vouchers.Voucher voucher = vouchers.issue(r.referrerCustomerId(), r.amount(),
                    BusinessTime.dateOf(now).plusDays(voucherValidDays), id, now);
            jdbc.sql("update referral_reward set status = 'GRANTED', granted_as = 'VOUCHER', granted_at = ? "
                    + "where id = ?").params(now, id).update();
            granted = voucherText(voucher.code(), r.amount(), voucher.validUntil());
            noteOpportunity = referrerOpportunity(r.referrerCustomerId()).id();
        }
        opportunities.note(noteOpportunity, TimelineEvent.REFERRAL_REWARD_GRANTED, actor,
                r.rewardNo() + "（介绍 " + r.referredName() + "）：" + granted);
        FamilyContact family = families.of(noteOpportunity);
        notifications.enqueue(noteOpportunity, "referral-reward:" + r.rewardNo(), "REFERRAL_REWARD", family.email(),
                family.campusName() + "：感谢您的推荐（转介绍奖励）", family.name() + "家长，您好：\n\n感谢您向"
                        + family.campusName() + "推荐了 " + r.referredName() + " 家庭，对方已报名。作为感谢，我们为您送上：" + granted
                        + "。\n\n如有疑问请联系" + family.campusName() + "。\n\n" + family.campusName());
        return new Grant(get(id), granted, family.mailable());
    }

    /**
     * A grant: the reward as stored after it, what it gave in words (合同 BJ-HD-2026-00012 赠送 4 课时; null when
     * not granted) and whether the referrer's family was mailed; a family without an e-mail address is phoned.
     */
    public record Grant(ReferralReward reward, String granted, boolean mailed) {
    }

    /** A granted reward's words, as the grant wrote them on the timeline and in the mail. */
    private String grantedText(ReferralReward r) {
        if ("GIFT_LESSONS".equals(r.grantedAs())) {
            return giftText(contracts.find(r.grantedContractId()).orElseThrow().number(), r.lessons());
        }
        return jdbc.sql("select code, valid_until from voucher where referral_reward_id = ?").param(r.id())
                .query((rs, n) -> voucherText(rs.getString(1), r.amount(), rs.getObject(2, java.time.LocalDate.class)))
                .single();
    }

    /** 合同 BJ-HD-2026-00012 赠送 4 课时 */
    private static String giftText(String contractNumber, Integer lessons) {
        return "合同 " + contractNumber + " 赠送 " + lessons + " 课时";
    }

    /** 代金券 DJQ000012，¥800.00，有效期至 2027-12-07（报名或续费时抵扣） */
    private static String voucherText(String code, BigDecimal amount, java.time.LocalDate validUntil) {
        return "代金券 " + code + "，" + Money.yuan(amount) + "，有效期至 " + validUntil + "（报名或续费时抵扣）";
    }

    /**
     * 电话告知介绍人: customer service phoned a referrer's family that has no e-mail address about its reward; what
     * was said goes on the referrer's timeline. Refused by field: nothing said, or more than 1000 characters.
     */
    @Transactional
    public void referrerPhoned(long id, String outcome, String by) {
        InputRules rules = new InputRules();
        String said = rules.required("phoneOutcome", outcome, 1000);
        rules.throwIfAny();
        ReferralReward r = get(id);
        opportunities.note(referrerOpportunity(r.referrerCustomerId()).id(), TimelineEvent.REFERRAL_REWARD_TOLD, by,
                r.rewardNo() + "（介绍 " + r.referredName() + "）已电话告知：" + said);
    }

    /**
     * Why the referred family's paid contract no longer earns its referrer a reward, or may not any more: refunded or
     * cancelled (its status, {@code pending} false), or a refund asked for and not ended ({@code pending} true, it
     * may still be rejected).
     */
    private record Standing(String why, boolean pending) {
    }

    /** The referred family's paid contract as it stands: empty while it earns the reward. */
    private Optional<Standing> refundedOrRefunding(ReferralReward r) {
        Contract paid = contracts.find(r.paidContractId()).orElseThrow();
        if (!paid.inForce()) {
            return Optional.of(new Standing("被介绍家庭的合同 " + paid.number() + " 的状态是"
                    + ContractStatus.valueOf(paid.status()).label(), false));
        }
        if (refunds.openOn(paid.id())) {
            return Optional.of(new Standing("被介绍家庭的合同 " + paid.number() + " 有进行中的退费申请", true));
        }
        return Optional.empty();
    }

    /**
     * What the referred family has paid of its contract, as the approver reads it: 已缴清 ¥20,160.00, or 已缴
     * ¥10,080.00（合同金额 ¥20,160.00，其余分期未缴） while installments are still to come.
     */
    @Transactional(readOnly = true)
    public String paidSoFar(ReferralReward r) {
        return payments.forContract(r.paidContractId()).map(o -> {
            BigDecimal paid = o.confirmed();
            return paid.compareTo(o.total()) >= 0 ? "已缴清 " + Money.yuan(o.total())
                    : "已缴 " + Money.yuan(paid) + "（合同金额 " + Money.yuan(o.total()) + "，其余分期未缴）";
        }).orElse("尚无缴费单");
    }

    @Transactional(readOnly = true)
    public ReferralReward get(long id) {
        return jdbc.sql(SELECT + "where w.id = ?").param(id).query(ROWS).optional()
                .orElseThrow(() -> new NotFoundException("转介绍奖励不存在：" + id));
    }

    /** The voucher code of a reward granted as a voucher. */
    @Transactional(readOnly = true)
    public Optional<String> voucherCode(long rewardId) {
        return jdbc.sql("select code from voucher where referral_reward_id = ?").param(rewardId).query(String.class)
                .optional();
    }

    /**
     * The referrer's opportunity that speaks for them (campus, timeline, mail): the one of their newest contract in
     * force, else their newest with a campus, else their newest.
     */
    Opportunity referrerOpportunity(long referrerCustomerId) {
        Optional<Long> ofContract = contracts.forCustomer(referrerCustomerId).stream()
                .filter(Contract::inForce)
                .max(Comparator.comparing(Contract::issuedAt).thenComparing(Contract::id))
                .map(Contract::opportunityId);
        if (ofContract.isPresent()) {
            return opportunityRecords.get(ofContract.get());
        }
        return opportunityRecords.findByCustomer(referrerCustomerId).stream()
                .max(Comparator.comparing((Opportunity o) -> o.campusCode() != null)
                        .thenComparing(Opportunity::id))
                .orElseThrow(() -> new IllegalStateException("referrer " + referrerCustomerId + " has no opportunity"));
    }
}
