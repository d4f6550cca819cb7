package com.enrollflow.refund;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.Money;
import com.enrollflow.contract.Contract;
import com.enrollflow.credit.CreditService;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.payment.PaymentSignal;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.teaching.HoursLedger;

/**
 * What an approved refund does to the rest of the institution (退费生效): the lessons not yet begun are cancelled and
 * their slots freed, what remains on the hours ledger is refunded; once everything is paid back the contract becomes
 * 部分退费 / 已退费 and the sales credit is reversed in proportion. Each step is idempotent (jobs retry).
 */
@Service
public class RefundSettlement {

    private static final Logger log = LoggerFactory.getLogger(RefundSettlement.class);

    /** What stopping the teaching did, for the timeline and the finance task. */
    public record Stopped(List<Long> lessonsCancelled, int lessonsRefunded, BigDecimal amountBefore,
            BigDecimal amountNow) {
    }

    private final RefundRepository refunds;
    private final Refunds requests;
    private final RefundQuotes quotes;
    private final SchedulingService scheduling;
    private final HoursLedger ledger;
    private final com.enrollflow.contract.ContractService contracts;
    private final CreditService credit;
    private final OpportunityService opportunities;
    private final RefundPayouts payouts;
    private final RefundNotices notices;
    private final RefundAgreements agreements;
    private final PaymentSignal signal;
    private final PaymentService payments;
    private final List<RefundPaidFollowUp> followUps;
    private final Clock clock;

    RefundSettlement(RefundRepository refunds, Refunds requests, RefundQuotes quotes, SchedulingService scheduling,
            HoursLedger ledger, com.enrollflow.contract.ContractService contracts, CreditService credit,
            OpportunityService opportunities, RefundPayouts payouts, RefundNotices notices, RefundAgreements agreements,
            PaymentSignal signal, PaymentService payments, List<RefundPaidFollowUp> followUps, Clock clock) {
        this.signal = signal;
        this.followUps = followUps;
        this.payments = payments;
        this.refunds = refunds;
        this.requests = requests;
        this.quotes = quotes;
        this.scheduling = scheduling;
        this.ledger = ledger;
        this.contracts = contracts;
        this.credit = credit;
        this.opportunities = opportunities;
        this.payouts = payouts;
        this.notices = notices;
        this.agreements = agreements;
        this.clock = clock;
    }

    /**
     * On approval: no more lessons (those not begun are cancelled, their slots freed) and nothing left on the ledger.
     * Lessons marked between the request and now count: the computation is taken again from the ledger and the
     * amount follows it down; it never rises above what the approvers approved.
     */
    @Transactional
    public Stopped stopTeaching(long refundId, String actor) {
        Refund r = refunds.lock(refundId).orElseThrow();
        if (r.status() != RefundStatus.APPROVED) {
            throw new ConflictException(409, "退费申请 " + r.refundNo() + " 未批准（" + r.status().label() + "）");
        }
        if (r.leavesContractAsItIs()) {
            // 转课差价: the lessons were moved by the transfer; 多付款退还: the money was never the lessons' — nothing
            // is stopped, nothing taken off the ledger
            return new Stopped(List.of(), 0, r.amount(), r.amount());
        }
        if (r.owedLess() != null) {
            // done (owed_less is written by every kind of refund below): a second run changes nothing
            return new Stopped(List.of(), 0, r.amount(), r.amount());
        }
        // approved with every earlier class day marked; one met since then waits for its roll call (the job retries)
        requests.requireClassDaysMarked(r, "停课退费");
        if (r.classOnly()) {
            return leaveClass(r, actor);
        }
        if (r.someLessons()) {
            return giveLessonsBack(r, actor);
        }
        // approved with every begun lesson marked; one begun since then waits for its mark (the job retries)
        requests.requireLessonsMarked(r.opportunityId(), "停课退费");
        Contract contract = requests.contractOf(r);
        List<Long> cancelled = scheduling.releaseLessonsAfter(r.opportunityId(), OffsetDateTime.now(clock), actor);
        BigDecimal before = r.amount();
        if (payouts.paidOut(refundId).signum() == 0) {
            RefundQuotes.RefundQuote now = quotes.quote(contract, r.reason());
            if (now.computation().amount().compareTo(before) < 0) {
                refunds.recomputed(refundId, now, requests.computation(contract, now)
                        + "\n（审批期间又消耗课时，退费金额由 " + Money.yuan(before) + " 调整为 "
                        + Money.yuan(now.computation().amount()) + "）");
            }
        }
        int refundedLessons = ledger.refundRemaining(contract.id(), actor);
        Refund after = refunds.find(refundId).orElseThrow();
        Owed owed = forgoUnpaid(after, contract);
        refunds.owedLess(refundId, owed.total(), owed.installments());
        opportunities.note(r.opportunityId(), TimelineEvent.REFUND_APPROVED, actor, r.refundNo() + "：取消未上课时 "
                + cancelled.size() + " 节，退回剩余课时 " + refundedLessons + " 课时，退费金额 " + Money.yuan(after.amount())
                + owed.text(true));
        // a later installment's chase (催缴逾期分期款) rechecks and ends: the order is collected no more
        signal.paymentArrived(r.opportunityId());
        return new Stopped(cancelled, refundedLessons, before, after.amount());
    }

    /**
     * 退班 on approval: the class's lessons left come off its ledger line (the student leaves its roster; the 1:1
     * lessons and other classes go on), the amount follows roll calls taken during the approval down, and what the
     * family had not paid of the class is taken off its unpaid installments. A second run changes nothing.
     */
    private Stopped leaveClass(Refund r, String actor) {
        Contract contract = requests.contractOf(r);
        BigDecimal before = r.amount();
        RefundQuotes.LineRefund now = quotes.classLeaving(contract, r.reason(), r.classLineNo());
        Owed owed = Owed.NONE;
        if (payouts.paidOut(r.id()).signum() == 0) {
            if (now.quote().computation().amount().compareTo(before) < 0) {
                refunds.recomputed(r.id(), now.quote(), now.computation() + "\n（审批期间又上了课，退费金额由 "
                        + Money.yuan(before) + " 调整为 " + Money.yuan(now.quote().computation().amount()) + "）");
            }
            owed = owedLess(r, contract, now);
        }
        refunds.owedLess(r.id(), owed.total());
        int refundedLessons = ledger.refundLine(contract.id(), r.classLineNo(), actor);
        Refund after = refunds.find(r.id()).orElseThrow();
        opportunities.note(r.opportunityId(), TimelineEvent.REFUND_APPROVED, actor, r.refundNo() + "：退班，退回"
                + now.lineText() + "剩余课时 " + refundedLessons + " 课时，退费金额 " + Money.yuan(after.amount())
                + owed.text());
        // an installment lowered may end its chase (催缴逾期分期款 rechecks)
        signal.paymentArrived(r.opportunityId());
        return new Stopped(List.of(), refundedLessons, before, after.amount());
    }

    /**
     * 退部分课时 on approval (decision 579): the lessons asked for come off the 1:1 line, fewer if lessons were taught
     * during the approval and fewer are left (the amount follows them down); the lessons booked beyond what is left
     * are cancelled, the latest first, and their slots freed; what the family had not paid of them is taken off its
     * unpaid installments. A second run changes nothing.
     */
    private Stopped giveLessonsBack(Refund r, String actor) {
        // approved with every begun lesson marked; one begun since then waits for its mark (the job retries)
        requests.requireLessonsMarked(r.opportunityId(), "停课退费");
        Contract contract = requests.contractOf(r);
        BigDecimal before = r.amount();
        RefundQuotes.LineRefund now = quotes.someLessons(contract, r.reason(), r.classLineNo(), r.lessonsBack());
        Owed owed = Owed.NONE;
        if (payouts.paidOut(r.id()).signum() == 0) {
            if (now.lessons() < r.lessonsBack()) {
                refunds.recomputed(r.id(), now.quote(), now.computation() + "\n（审批期间又上了课，只剩 "
                        + now.lessons() + " 课时可退，退回课时由 " + r.lessonsBack() + " 课时调整为 " + now.lessons()
                        + " 课时，退费金额由 " + Money.yuan(before) + " 调整为 "
                        + Money.yuan(now.quote().computation().amount()) + "）");
                refunds.lessonsBack(r.id(), now.lessons());
            }
            owed = owedLess(r, contract, now);
        }
        refunds.owedLess(r.id(), owed.total());
        if (now.lessons() > 0) {
            ledger.refundSome(contract.id(), r.classLineNo(), now.lessons(), actor);
        }
        int keep = ledger.oneOnOneLeft(contract.id());
        List<Long> cancelled = scheduling.keepLessons(r.opportunityId(), keep, actor);
        Refund after = refunds.find(r.id()).orElseThrow();
        opportunities.note(r.opportunityId(), TimelineEvent.REFUND_APPROVED, actor, r.refundNo() + "：退部分课时，退回"
                + "一对一课时 " + now.lessons() + " 课时，剩余 " + keep + " 课时照常上课" + (cancelled.isEmpty() ? ""
                        : "，取消多排的 " + cancelled.size() + " 节课") + "，退费金额 " + Money.yuan(after.amount())
                + owed.text());
        // an installment lowered may end its chase (催缴逾期分期款 rechecks)
        signal.paymentArrived(r.opportunityId());
        return new Stopped(cancelled, now.lessons(), before, after.amount());
    }

    /**
     * What a refund of one line takes off what the family owes, once approved: the value of its lessons not paid
     * back. It comes off the unpaid installments, the latest first. Money that arrived during the approval (an online
     * payment; the desk takes none then) never raises the amount approved: the lessons it had paid for come off the
     * order's total instead, and show as overpaid (多付) for 多付款退还 — never kept for lessons the family gave back.
     */
    private Owed owedLess(Refund r, Contract contract, RefundQuotes.LineRefund now) {
        return takeOff(contract, now.leaving().subtract(now.back().min(r.paid())).max(BigDecimal.ZERO).setScale(2));
    }

    /**
     * A refund of the whole contract, once approved (decision 580): the family leaves, so the order charges no more
     * than the money the refund was computed from — the installments it had not paid are no longer asked for, and
     * money paid since the computation (an online payment during the approval; the desk takes none then) shows as
     * overpaid (多付) for 多付款退还 instead of being kept. The contract value (成交金额) and the sales credit follow.
     * Nothing while the first installment is unpaid: the sale still waits for it (its payment window cancels the
     * contract), and a first installment lowered to nothing would read as paid and enroll the student.
     */
    private Owed forgoUnpaid(Refund approved, Contract contract) {
        return quotes.sold(contract).map(order -> {
            BigDecimal since = quotes.paid(contract).subtract(approved.paid()).max(BigDecimal.ZERO);
            BigDecimal charged = order.total().min(order.confirmed().subtract(since)).max(BigDecimal.ZERO);
            return takeOff(contract, order.total().subtract(charged).setScale(2));
        }).orElse(Owed.NONE);
    }

    /** {@code owed} off what the family owes: off its unpaid installments first, the rest off the order's total. */
    private Owed takeOff(Contract contract, BigDecimal owed) {
        BigDecimal taken = payments.reduceUnpaid(contract.id(), owed);
        BigDecimal overpaid = owed.subtract(taken);
        if (overpaid.signum() > 0) {
            payments.lowerTotal(contract.id(), overpaid);
        }
        return new Owed(owed, taken, overpaid);
    }

    /** {@code total} taken off what the family owes: {@code installments} off them, {@code overpaid} now 多付. */
    private record Owed(BigDecimal total, BigDecimal installments, BigDecimal overpaid) {

        static final Owed NONE = new Owed(BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2),
                BigDecimal.ZERO.setScale(2));

        /** How the timeline says it. */
        String text() {
            return text(false);
        }

        /** How the timeline says it; {@code leaving}: the family leaves, what it has not paid is asked for no more. */
        String text(boolean leaving) {
            return (installments.signum() > 0 ? (leaving ? "，未缴分期款 " + Money.yuan(installments) + " 不再收取"
                    : "，抵减未缴分期款 " + Money.yuan(installments)) : "")
                    + (overpaid.signum() > 0 ? "，审批期间缴纳的 " + Money.yuan(overpaid) + " 计为多付款，可申请多付款退还" : "");
        }
    }

    /**
     * Once everything is paid back: the refund is 已退款, the contract 部分退费 or 已退费 (everything paid came back),
     * the credit reversed, the refund agreement (退费确认书) issued, the family mailed. Refused (409) while money is still to be paid back.
     */
    @Transactional
    public Refund settle(long refundId) {
        Refund r = refunds.lock(refundId).orElseThrow();
        if (r.status() == RefundStatus.PAID) {
            return r;
        }
        BigDecimal paidBack = payouts.paidOut(refundId);
        if (r.status() != RefundStatus.APPROVED || paidBack.compareTo(r.amount()) != 0) {
            throw new ConflictException(409, "退费申请 " + r.refundNo() + " 尚未退清：应退 " + Money.yuan(r.amount())
                    + "，已退 " + Money.yuan(paidBack));
        }
        refunds.paidOut(refundId, OffsetDateTime.now(clock));
        Contract contract = requests.contractOf(r);
        boolean whole = r.amount().compareTo(r.paid()) == 0 && r.paid().signum() > 0;
        if (!r.leavesContractAsItIs() && !r.lineOnly()) {
            contracts.markRefunded(contract.id(), whole);
        }
        if (!r.overpayment()) {
            // the sales credit was earned on the contract's price, never on money paid beyond it; a 退班 also gave up
            // what it took off the installments; so does a refund of the whole contract since decision 580
            credit.reverse(refundId, r.opportunityId(), r.owedLess() != null ? r.amount().add(r.owedLess())
                    : r.amount(), contract.finalPrice());
        }
        agreements.issue(refundId);
        if (r.withdrawal()) {
            scheduling.closeSchedule(r.opportunityId(), "退学（" + r.refundNo() + "）", "system");
            opportunities.note(r.opportunityId(), TimelineEvent.WITHDRAWN, r.requestedBy(), r.refundNo()
                    + "：学员退学，剩余课时全部退还，排课已结束");
        }
        opportunities.note(r.opportunityId(), TimelineEvent.REFUND_PAID, "system", r.refundNo() + "：已退款 "
                + Money.yuan(r.amount()) + (r.transferDifference() ? "（转课差价），合同继续有效"
                        : r.classOnly() ? "（退班），合同其他课程继续有效"
                        : r.someLessons() ? "（退部分课时 " + r.lessonsBack() + " 课时），合同其余课时继续有效"
                        : r.overpayment() ? "（多付款退还），合同状态不变"
                        : "，合同" + (whole ? "已退费" : "部分退费")));
        notices.paid(refundId);
        Refund paid = refunds.find(refundId).orElseThrow();
        followUps.forEach(f -> f.refundPaid(paid));
        log.info("refund {} of contract {} paid back: {}", r.refundNo(), contract.number(), r.amount());
        return refunds.find(refundId).orElseThrow();
    }
}
