package com.enrollflow.privacy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.assignment.AssignmentService;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.opportunity.OpportunityStatus;

/**
 * Erases a customer's personal data (PIPL) when the retention period is over or the customer asks, and keeps the
 * audit record. One erasure is one transaction: our tables, the cancelled process instances and the deleted
 * engine history are committed together or not at all, and a customer is erased once (a second request answers
 * the first record).
 */
@Service
public class PrivacyService {

    public static final String SYSTEM = "system";
    static final String REQUEST_CLOSE_REASON = "客户要求删除个人信息";
    private static final Logger log = LoggerFactory.getLogger(PrivacyService.class);
    private static final int MAX_ATTEMPTS = 3;

    private final RetentionPolicy retention;
    private final PersonalData personalData;
    private final ProcessRecords processes;
    private final ErasureRepository erasures;
    private final AssignmentService assignment;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int maxPerRun;

    PrivacyService(RetentionPolicy retention, PersonalData personalData, ProcessRecords processes,
            ErasureRepository erasures, AssignmentService assignment, JdbcClient jdbc, TransactionTemplate tx,
            Clock clock, @Value("${enrollflow.privacy.max-per-run:1000}") int maxPerRun) {
        this.retention = retention;
        this.personalData = personalData;
        this.processes = processes;
        this.erasures = erasures;
        this.assignment = assignment;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.maxPerRun = maxPerRun;
    }

    /** The answer to a deletion request: the audit record, and whether this request did the erasure. */
    public record Outcome(Erasure erasure, boolean erasedNow) {
    }

    /** Customers whose retention period is over (lowest id first, at most enrollflow.privacy.max-per-run). */
    @Transactional(readOnly = true)
    public List<Long> dueForRetention() {
        return retention.due(maxPerRun);
    }

    /**
     * Erases one customer found by the retention run, if still due: a customer who enquired again since the run
     * looked is left alone. Joins the caller's transaction (the retention job's). Empty when nothing was done.
     */
    @Transactional
    public Optional<Erasure> eraseForRetention(long customerId) {
        if (!lock(customerId)) {
            return Optional.empty();
        }
        if (erasures.forCustomer(customerId).isPresent()) {
            return Optional.empty();
        }
        Optional<String> reason = retention.dueReason(customerId);
        if (reason.isEmpty()) {
            log.info("customer {} is no longer due for erasure (new business since the retention run looked)",
                    customerId);
            return Optional.empty();
        }
        return Optional.of(erase(customerId, ErasureTrigger.RETENTION, reason.get(), SYSTEM));
    }

    /**
     * The customer's deletion request (删除请求), made by customer service on the customer's behalf. Open leads are
     * closed (lost) and their processes cancelled; a customer with a contract still being performed (lessons ahead
     * or money owed) is refused (409) until the contract is finished, cancelled or refunded. A second request
     * answers the first record.
     */
    public Outcome requestErasure(long customerId, String reason, String requestedBy) {
        InputRules input = new InputRules();
        String why = input.required("reason", reason, 500);
        input.throwIfAny();
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(status -> {
                    if (!lock(customerId)) {
                        throw new NotFoundException("客户 " + customerId + " 不存在");
                    }
                    Optional<Erasure> done = erasures.forCustomer(customerId);
                    if (done.isPresent()) {
                        return new Outcome(done.get(), false);
                    }
                    refuseWhileContractRuns(customerId);
                    int closed = closeOpenOpportunities(customerId, requestedBy);
                    Erasure erasure = erase(customerId, ErasureTrigger.REQUEST, why, requestedBy,
                            Map.of("openOpportunitiesClosed", closed));
                    return new Outcome(erasure, true);
                });
            } catch (ConcurrencyFailureException race) {
                // a job of one of the customer's processes ran at the same moment: run the whole erasure again
                if (attempt == MAX_ATTEMPTS) {
                    throw new ConflictException(409, "客户 " + customerId + " 的资料正在被处理，请稍后重试");
                }
                log.debug("erasure of customer {} met a concurrent change (attempt {}), running again", customerId,
                        attempt, race);
                pause(attempt);
            }
        }
    }

    @Transactional(readOnly = true)
    public Optional<Erasure> find(long customerId) {
        return erasures.forCustomer(customerId);
    }

    private Erasure erase(long customerId, ErasureTrigger trigger, String reason, String by) {
        return erase(customerId, trigger, reason, by, Map.of());
    }

    private Erasure erase(long customerId, ErasureTrigger trigger, String reason, String by,
            Map<String, Integer> before) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Long> opportunities = jdbc.sql("select id from opportunity where customer_id = ? order by id")
                .param(customerId).query(Long.class).list();
        Map<String, Integer> counts = new LinkedHashMap<>(before);
        // the sales processes are keyed by the opportunity, the after-sales ones by their record's number
        List<String> keys = new java.util.ArrayList<>(opportunities.stream().map(String::valueOf).toList());
        keys.addAll(jdbc.sql("select refund_no from refund where customer_id = :c union select complaint_no from "
                + "complaint where customer_id = :c union select teacher_change_no from teacher_change where "
                + "opportunity_id in (select id from opportunity where customer_id = :c) union select invoice_no "
                + "from invoice_request where opportunity_id in (select id from opportunity where customer_id = :c)")
                .param("c", customerId)
                .query(String.class).list());
        // 转介绍奖励 (ZJS + id, ReferralReward.rewardNo()): the referrer's own, and the referrer's naming this family
        // (referredName, the approval's summary), whose history goes once it has ended
        List<String> ownRewards = rewards("r.referrer_customer_id = ?", customerId);
        keys.addAll(ownRewards);
        counts.put("processInstancesCancelled",
                processes.cancelRunning(keys, "个人信息删除（" + trigger.label() + "）"));
        counts.put("historicProcessInstancesDeleted", processes.deleteHistory(keys)
                + processes.deleteFinishedHistory(rewards("r.referred_customer_id = ?", customerId)));
        counts.putAll(personalData.erase(customerId, now));
        Erasure erasure = erasures.insert(customerId, trigger, reason, by, now, counts);
        log.info("customer {}: personal data erased ({}, by {}): {}", customerId, trigger, by, counts);
        return erasure;
    }

    private List<String> rewards(String condition, long customerId) {
        return jdbc.sql("select w.id from referral_reward w join referral r on r.id = w.referral_id where " + condition)
                .param(customerId).query(Long.class).list().stream().map(id -> String.format("ZJS%06d", id)).toList();
    }

    /** Lessons still to be taught or money still owed: the contract needs the person (PIPL art. 13 (2)). */
    private void refuseWhileContractRuns(long customerId) {
        int lessons = jdbc.sql("select count(*) from lesson where customer_id = ? and status <> 'CANCELLED' "
                + "and ends_at > ?").params(customerId, OffsetDateTime.now(clock)).query(Integer.class).single();
        int orders = jdbc.sql("select count(*) from payment_order p join opportunity o on o.id = p.opportunity_id "
                + "where o.customer_id = ? and p.status = 'OPEN'").param(customerId).query(Integer.class).single();
        // paid lessons not taught yet, booked or not (停课, a new teacher's schedule not confirmed, nothing booked):
        // the contract is still owed to the family; a contract whose hours were never opened has all of them left
        List<String> owed = jdbc.sql("select c.number from contract c where c.customer_id = ? and c.status in "
                + "('ISSUED', 'PARTIALLY_REFUNDED') and (not exists (select 1 from hours_ledger h where h.contract_id "
                + "= c.id) or exists (select 1 from hours_ledger h where h.contract_id = c.id and h.purchased "
                + "+ h.gifted + h.transferred_in - h.consumed - h.transferred_out - h.refunded > 0)) order by c.id")
                .param(customerId).query(String.class).list();
        if (lessons > 0 || orders > 0 || !owed.isEmpty()) {
            List<String> why = new java.util.ArrayList<>();
            if (lessons > 0) {
                why.add("尚有 " + lessons + " 节课未上");
            }
            if (orders > 0) {
                why.add(orders + " 张缴费单未结清");
            }
            if (!owed.isEmpty()) {
                why.add("合同 " + String.join("、", owed) + " 还有未上的课时");
            }
            throw new ConflictException(409, "客户 " + customerId + " 的合同仍在履行中（" + String.join("，", why)
                    + "）：请先结课、办理退费或作废合同，再提交删除请求");
        }
    }

    private int closeOpenOpportunities(long customerId, String actor) {
        List<Long> open = jdbc.sql("select id from opportunity where customer_id = ? and status = 'OPEN'")
                .param(customerId).query(Long.class).list();
        open.forEach(id -> assignment.close(id, OpportunityStatus.LOST, REQUEST_CLOSE_REASON, actor));
        return open.size();
    }

    /** Locks the customer row for the erasure (intake of the same phone waits); false when there is none. */
    private boolean lock(long customerId) {
        return jdbc.sql("select id from customer where id = ? for update").param(customerId).query(Long.class)
                .optional().isPresent();
    }

    private static void pause(int attempt) {
        long base = 20L << attempt;
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
