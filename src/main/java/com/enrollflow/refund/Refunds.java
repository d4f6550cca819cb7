package com.enrollflow.refund;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractLookup;
import com.enrollflow.contract.ContractService;
import com.enrollflow.contract.ContractStatus;
import com.enrollflow.contract.ContractWork;
import com.enrollflow.contract.ContractWorks;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.teaching.Attendance;
import com.enrollflow.teaching.ClassDays;
import com.enrollflow.teaching.HoursLedger;

/**
 * Refund requests (退费申请): taken by customer service or the front desk of the contract's campus, through
 * POST /api/refunds or the Tasklist start form 申请退费. The amount is computed, never typed ({@link RefundQuotes});
 * the request, its computation and its process start in one transaction; one open refund per contract.
 */
@Service
public class Refunds {

    static final int MAX_NOTE = 1000;

    /**
     * What the requester gives: the contract (by id, or its number or the family's phone as typed), why, a note, and
     * whether the student leaves (退学: everything remaining refunded and the schedule closed), or only one class
     * ({@code leaveClass}, 退班: its code or name; the rest of the contract goes on), or only some of the 1:1 lessons
     * ({@code lessons}, 退部分课时: how many; the rest go on).
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "RefundRequest")
    public record Request(Long contractId, String contract, String reason, String note, Boolean withdrawal,
            String leaveClass, Integer lessons) {

        public Request(Long contractId, String contract, String reason, String note) {
            this(contractId, contract, reason, note, null, null, null);
        }

        public Request(Long contractId, String contract, String reason, String note, Boolean withdrawal) {
            this(contractId, contract, reason, note, withdrawal, null, null);
        }

        public Request(Long contractId, String contract, String reason, String note, Boolean withdrawal,
                String leaveClass) {
            this(contractId, contract, reason, note, withdrawal, leaveClass, null);
        }
    }

    /** Why a request is withdrawn (撤销退费申请). */
    public record Cancellation(String reason) {
    }

    private final RefundRepository refunds;
    private final RefundQuotes quotes;
    private final ContractService contracts;
    private final ContractLookup lookup;
    private final CampusScope scope;
    private final RefundProcess process;
    private final OpportunityService opportunities;
    private final Attendance attendance;
    private final SchedulingService scheduling;
    private final Clock clock;
    private final ContractWorks works;
    private final ClassDays classDays;

    Refunds(RefundRepository refunds, RefundQuotes quotes, ContractService contracts, ContractLookup lookup,
            CampusScope scope, RefundProcess process, OpportunityService opportunities, Attendance attendance,
            Clock clock, ContractWorks works, SchedulingService scheduling, ClassDays classDays) {
        this.classDays = classDays;
        this.works = works;
        this.scheduling = scheduling;
        this.attendance = attendance;
        this.refunds = refunds;
        this.quotes = quotes;
        this.contracts = contracts;
        this.lookup = lookup;
        this.scope = scope;
        this.process = process;
        this.opportunities = opportunities;
        this.clock = clock;
    }

    /**
     * Stores the request with its computation and starts its process. Bad fields: 400 naming each; a contract outside
     * the caller's campuses: 404; a contract not in force or with an open refund: 409. Nothing is stored then. The
     * reason 多付款退还 takes its own path ({@link #requestOverpayment}): a cancelled contract's money may come back.
     */
    @Transactional
    public Refund request(Request r, String by) {
        return request(r, Part.ANY, by);
    }

    /** 申请退班: a request that must name the class ({@code leaveClass}), as {@link #request(Request, String)}. */
    @Transactional
    public Refund requestClassLeaving(Request r, String by) {
        return request(r, Part.CLASS, by);
    }

    /**
     * 申请退部分课时: a request that must say how many 1:1 lessons come back ({@code lessons}), as
     * {@link #request(Request, String)}.
     */
    @Transactional
    public Refund requestSomeLessons(Request r, String by) {
        return request(r, Part.LESSONS, by);
    }

    /** What a request must name: nothing (a refund of the whole contract unless it names a part), a class, lessons. */
    private enum Part {
        ANY, CLASS, LESSONS
    }

    private Refund request(Request r, Part part, String by) {
        InputRules rules = new InputRules();
        RefundReason reason = rules.code("reason", r.reason(), RefundReason.class, true);
        if (reason == RefundReason.TRANSFER) {
            rules.problem("reason", "转课差价的退费由转课流程发起，请选择其他退费原因");
        }
        if (reason == RefundReason.OVERPAYMENT && Boolean.TRUE.equals(r.withdrawal())) {
            rules.problem("withdrawal", "退还多付款时学员照常上课，不能同时退学；要退学请选择其他退费原因");
        }
        String note = rules.optional("note", r.note(), MAX_NOTE);
        String leaveClass = part == Part.CLASS ? rules.required("leaveClass", r.leaveClass(), 64)
                : rules.optional("leaveClass", r.leaveClass(), 64);
        Integer lessons = r.lessons();
        if (part == Part.LESSONS && lessons == null) {
            rules.problem("lessons", "必填：要退回的一对一课时数");
        }
        if (leaveClass != null && reason == RefundReason.OVERPAYMENT) {
            rules.problem("leaveClass", "退还多付款不退课时，不能同时退班");
        } else if (leaveClass != null && Boolean.TRUE.equals(r.withdrawal())) {
            rules.problem("withdrawal", "退班只退一个班，学员的其他课程照常上课，不能同时退学；要退整份合同请用“申请退费”");
        } else if (lessons != null && leaveClass != null) {
            rules.problem("lessons", "退班与退部分课时请分别申请");
        } else if (lessons != null && reason == RefundReason.OVERPAYMENT) {
            rules.problem("lessons", "退还多付款不退课时，不能同时退部分课时");
        } else if (lessons != null && Boolean.TRUE.equals(r.withdrawal())) {
            rules.problem("withdrawal", "退部分课时后学员继续上其余的课，不能同时退学；要退整份合同请用“申请退费”");
        }
        Contract asked = contract(r, rules);
        rules.throwIfAny();
        // requests on one contract at the same moment queue here: the next sees the first's open request
        refunds.lockContract(asked.id());
        Contract contract = contracts.find(asked.id()).orElseThrow();
        // one refund of either kind at a time per contract
        refunds.openOn(contract.id()).ifPresent(open -> {
            throw alreadyOpen(contract, open);
        });
        if (reason == RefundReason.OVERPAYMENT) {
            return requestOverpayment(contract, note, by);
        }
        if (leaveClass != null) {
            return requestClassLeaving(contract, reason, leaveClass, note, rules, by);
        }
        if (lessons != null) {
            return requestSomeLessons(contract, reason, lessons, note, rules, by);
        }
        requireInForce(contract, "申请退费");
        works.refuseWhileRunning(contract, "申请退费", ContractWork.Kind.TRANSFER, ContractWork.Kind.TEACHER_CHANGE,
                ContractWork.Kind.AGREED_RENEWAL);
        requireLessonsMarked(contract.opportunityId(), "申请退费");
        classDays.requireMarked(contract.id(), "申请退费");
        // approved, the refund closes the schedule: a 确认排课 still open would be left for a schedule that is gone
        scheduling.refuseWhileUnconfirmed(contract.opportunityId(), contract.number(), "申请退费");
        refuseAwaitingFinance(contract, "申请退费");
        RefundQuotes.RefundQuote quote = quotes.quote(contract, reason);
        long id = insert(contract, reason, note, Boolean.TRUE.equals(r.withdrawal()), quote, unitPrice(quote),
                computation(contract, quote), by);
        Refund refund = refunds.find(id).orElseThrow();
        opportunities.note(contract.opportunityId(), TimelineEvent.REFUND_REQUESTED, by, refund.refundNo() + "，"
                + (refund.withdrawal() ? "退学，" : "") + reason.label() + "，试算退费 " + Money.yuan(refund.amount()));
        process.start(refund, RefundApprovals.decisionInputs(refund, contract));
        return refund;
    }

    /**
     * Refused (409) while a lesson of the opportunity has begun and is not marked: the ledger does not yet say whether
     * it is consumed, so the refund would pay back a lesson taught and the teacher could no longer mark it (转课 refuses
     * the same). {@code action} is what waits for the marks (申请退费, 批准退费 …).
     */
    public void requireLessonsMarked(long opportunityId, String action) {
        attendance.requireBegunMarked(opportunityId, OffsetDateTime.now(clock), action);
    }

    /**
     * The same for the class lessons the refund stops (decision 650): refused (409) while a class it takes the
     * student out of (the one class of a 退班, every class of a whole refund) met on an earlier day with them on its
     * roster and that day's 班课点名 is still open. A refund that leaves the lessons alone (转课差价, 多付款退还) or gives
     * back 1:1 lessons only waits for none.
     */
    public void requireClassDaysMarked(Refund r, String action) {
        if (r.classOnly()) {
            classDays.requireMarked(r.contractId(), List.of(r.classCode()), action);
        } else if (!r.leavesContractAsItIs() && !r.someLessons()) {
            classDays.requireMarked(r.contractId(), action);
        }
    }

    /**
     * 转课差价退费: a transfer ({@code what}: 转课 or 转班) left the family {@code amount} in its favour and the policy
     * pays it back. It goes through the same approval gate and payout as any refund; it takes nothing off the ledger
     * and leaves the contract in force. Runs inside the transfer's transaction, the contract already locked; an open
     * refund: 409.
     */
    @Transactional
    public Refund requestTransferDifference(Contract contract, long transferId, String transferNo, String what,
            BigDecimal amount, String computation, String by) {
        refunds.lockContract(contract.id());
        refunds.openOn(contract.id()).ifPresent(open -> {
            throw alreadyOpen(contract, open);
        });
        RefundCalculator.Result c = new RefundCalculator.Result(amount, List.of(), BigDecimal.ZERO.setScale(2),
                BigDecimal.ZERO.setScale(2), amount, BigDecimal.ZERO.setScale(2), 0, 0);
        RefundQuotes.RefundQuote quote = new RefundQuotes.RefundQuote(contract.id(), contract.number(),
                RefundReason.TRANSFER, RefundReason.TRANSFER.label(), c, BigDecimal.ZERO, "无");
        String reason = what + "差价";
        String text = "退费原因：" + reason + "（" + transferNo + "）\n" + computation + "\n退费金额：" + Money.yuan(amount);
        long id = insert(contract, RefundReason.TRANSFER, transferNo + " " + reason, false, quote,
                BigDecimal.ZERO.setScale(2), text, by);
        refunds.forTransfer(id, transferId);
        Refund refund = refunds.find(id).orElseThrow();
        opportunities.note(contract.opportunityId(), TimelineEvent.REFUND_REQUESTED, by, refund.refundNo() + "，"
                + reason + "（" + transferNo + "），退费 " + Money.yuan(amount));
        process.start(refund, RefundApprovals.decisionInputs(refund, contract));
        return refund;
    }

    /**
     * 多付款退还: the money confirmed beyond what the order asks goes back through the same approval gate and payout as
     * any refund (newest payment first, so a second online payment goes back through the gateway). The lessons, the
     * ledger, the sales credit and the contract's status stay as they are; a cancelled contract's money is all
     * surplus, a refunded one's what arrived after its refund. The caller has locked the contract and refused an
     * open refund; nothing overpaid: 409.
     */
    private Refund requestOverpayment(Contract contract, String note, String by) {
        // only a transfer counts the money paid; a teacher change or a renewal the family agreed to goes on
        works.refuseWhileRunning(contract, "申请退还多付款", ContractWork.Kind.TRANSFER);
        RefundQuotes.Surplus surplus = quotes.surplus(contract);
        RefundQuotes.RefundQuote quote = quotes.overpayment(contract, surplus);
        BigDecimal amount = quote.computation().amount();
        String text = "退费原因：" + RefundReason.OVERPAYMENT.label() + "\n" + surplus.figures() + "\n" + surplus.formula()
                + "\n不计课时，不收手续费；合同" + (contract.inForce()
                        ? "继续有效，课时不变" : "状态不变（" + ContractStatus.valueOf(contract.status()).label() + "）");
        long id = insert(contract, RefundReason.OVERPAYMENT, note, false, quote, BigDecimal.ZERO.setScale(2), text, by);
        Refund refund = refunds.find(id).orElseThrow();
        opportunities.note(contract.opportunityId(), TimelineEvent.REFUND_REQUESTED, by, refund.refundNo() + "，"
                + RefundReason.OVERPAYMENT.label() + " " + Money.yuan(amount));
        process.start(refund, RefundApprovals.decisionInputs(refund, contract));
        return refund;
    }

    /**
     * 退班 (decision 574): the lessons left in one class come back through the same approval gate and payout as any
     * refund; the contract stays in force for its other lessons. What the family has not paid yet of them is taken off
     * its unpaid installments instead, on approval. The caller has locked the contract and refused an open refund.
     * 400 on {@code leaveClass}: a class the contract has no lessons left in, or the contract's only lessons left (a
     * refund of the whole contract is 申请退费); 409 for a contract not in force, a running 转课 or 转班, or money
     * finance has not confirmed.
     */
    private Refund requestClassLeaving(Contract contract, RefundReason reason, String leaveClass, String note,
            InputRules rules, String by) {
        requireInForce(contract, "退班");
        HoursLedger.Line line = quotes.classToLeave(contract, leaveClass, rules);
        // a transfer counts the money paid; the 1:1 lessons, a teacher change and a renewal go on beside a 退班
        works.refuseWhileRunning(contract, "退班", ContractWork.Kind.TRANSFER);
        classDays.requireMarked(contract.id(), List.of(line.classCode()), "退班");
        refuseAwaitingFinance(contract, "退班");
        refuseBeforeFirstPayment(contract, "退班");
        RefundQuotes.LineRefund leaving = quotes.classLeaving(contract, reason, line.lineNo());
        long id = insert(contract, reason, note, false, leaving.quote(), unitPrice(leaving.line()),
                leaving.computation(), by);
        refunds.forClass(id, line.classCode(), line.lineNo());
        Refund refund = refunds.find(id).orElseThrow();
        opportunities.note(contract.opportunityId(), TimelineEvent.REFUND_REQUESTED, by, refund.refundNo() + "，退班 "
                + leaving.lineText() + "，" + reason.label() + "，试算退费 " + Money.yuan(refund.amount()));
        process.start(refund, RefundApprovals.decisionInputs(refund, contract));
        return refund;
    }

    /**
     * 退部分课时 (decision 579): {@code lessons} of the 1:1 lessons come back through the same approval gate and payout
     * as any refund, at the price the family paid for them; the rest go on and the contract stays in force. What the
     * family has not paid yet of them is taken off its unpaid installments instead, on approval, as a 退班 does. The
     * caller has locked the contract and refused an open refund. 400 on {@code lessons}: fewer than one, more than
     * are left, or every lesson left (申请退费); 409 for a contract not in force, no 1:1 lessons left, lessons begun
     * and not marked, a running 转课, 更换教师 or renewal, or money finance has not confirmed.
     */
    private Refund requestSomeLessons(Contract contract, RefundReason reason, int lessons, String note,
            InputRules rules, String by) {
        requireInForce(contract, "退部分课时");
        HoursLedger.Line line = quotes.lessonsToGiveBack(contract, lessons, rules);
        works.refuseWhileRunning(contract, "退部分课时", ContractWork.Kind.TRANSFER, ContractWork.Kind.TEACHER_CHANGE,
                ContractWork.Kind.AGREED_RENEWAL);
        requireLessonsMarked(contract.opportunityId(), "退部分课时");
        scheduling.refuseWhileUnconfirmed(contract.opportunityId(), contract.number(), "退部分课时");
        refuseAwaitingFinance(contract, "退部分课时");
        refuseBeforeFirstPayment(contract, "退部分课时");
        RefundQuotes.LineRefund some = quotes.someLessons(contract, reason, line.lineNo(), lessons);
        long id = insert(contract, reason, note, false, some.quote(), unitPrice(some.line()), some.computation(), by);
        refunds.forLessons(id, line.lineNo(), lessons);
        Refund refund = refunds.find(id).orElseThrow();
        opportunities.note(contract.opportunityId(), TimelineEvent.REFUND_REQUESTED, by, refund.refundNo()
                + "，退部分课时：一对一课时 " + lessons + " 课时，" + reason.label() + "，试算退费 "
                + Money.yuan(refund.amount()));
        process.start(refund, RefundApprovals.decisionInputs(refund, contract));
        return refund;
    }

    /** A line's price for one of its lessons, as the request records it. */
    private static BigDecimal unitPrice(HoursLedger.Line line) {
        return line.basis() == 0 ? BigDecimal.ZERO.setScale(2)
                : line.finalAmount().divide(BigDecimal.valueOf(line.basis()), 2, RoundingMode.HALF_UP);
    }

    /** 409 unless the contract is in force (已签发): {@code action} (申请退费, 退班 …) is refused naming its status. */
    private static void requireInForce(Contract contract, String action) {
        contract.refuseUnlessInForce("再" + action);
    }

    /**
     * 409 while phone or bank-transfer money of the contract waits for finance: the computation counts confirmed
     * money.
     */
    private void refuseAwaitingFinance(Contract contract, String action) {
        BigDecimal awaiting = quotes.awaitingFinance(contract);
        if (awaiting.signum() > 0) {
            // the desk takes none while the refund is open
            throw new ConflictException(409, "合同 " + contract.number() + " 有 " + Money.yuan(awaiting)
                    + " 待财务确认的款项（电话支付或银行转账），请财务确认到账或驳回后再" + action);
        }
    }

    /**
     * 409 while the first installment is unpaid (the sale still waits for it): what a 退班 or 退部分课时 takes off the
     * unpaid installments could lower the first to what was paid, and the sale would read it as paid and enroll.
     */
    private void refuseBeforeFirstPayment(Contract contract, String action) {
        quotes.firstInstallmentUnpaid(contract).ifPresent(order -> {
            throw new ConflictException(409, "合同 " + contract.number() + " 的首期款尚未缴清（首期 "
                    + Money.yuan(order.installments().get(0).amount()) + "，已缴 " + Money.yuan(order.confirmed())
                    + "），报名尚未完成，不能" + action + "；家长不再报名时，请在“收取学费”中选择“客户放弃报名，作废合同”");
        });
    }

    /** Stores a request; a request on the same contract at the same moment that won: 409. */
    private long insert(Contract contract, RefundReason reason, String note, boolean withdrawal,
            RefundQuotes.RefundQuote quote, BigDecimal unitPrice, String computation, String by) {
        try {
            return refunds.insert(contract.id(), contract.opportunityId(), contract.customerId(),
                    contract.campusCode(), reason, note, withdrawal, quote, unitPrice, computation, by,
                    OffsetDateTime.now(clock));
        } catch (DuplicateKeyException race) {
            throw new ConflictException(409, "合同 " + contract.number() + " 已有进行中的退费申请，不能重复申请");
        }
    }

    /**
     * 撤销: the request is withdrawn before its last approval (the family changed its mind), by customer service or
     * the front desk of its campus; its process ends and the contract is free again. 409 once it was decided.
     */
    @Transactional
    public Refund cancel(String idOrNumber, Cancellation c, String by) {
        InputRules rules = new InputRules();
        String reason = rules.required("reason", c == null ? null : c.reason(), 500);
        rules.throwIfAny();
        Refund r = refunds.lock(visible(idOrNumber).id()).orElseThrow();
        if (r.status() != RefundStatus.REQUESTED && r.status() != RefundStatus.APPROVING) {
            throw new ConflictException(409, "退费申请 " + r.refundNo() + " 已" + r.status().label() + "，不能撤销");
        }
        refunds.cancelled(r.id(), by, reason, OffsetDateTime.now(clock));
        opportunities.note(r.opportunityId(), TimelineEvent.REFUND_CANCELLED, by, r.refundNo() + "：" + reason);
        Refund cancelled = refunds.find(r.id()).orElseThrow();
        process.cancelled(cancelled);
        return cancelled;
    }

    /**
     * 撤销退费申请 as the Tasklist start form asks it: the request by its number (TF000012, as 申请退费 told the desk),
     * of the caller's campuses, and the reason; then {@link #cancel}. Each refusal names its field ({@code refund},
     * {@code reason}); a request decided already is refused with its state.
     */
    @Transactional
    public Refund cancelAsked(String refund, String reason, String by) {
        InputRules rules = new InputRules();
        String given = rules.required("refund", refund, 40);
        rules.required("reason", reason, 500);
        rules.throwIfAny();
        String number = given.replaceAll("\\s", "").toUpperCase();
        if (!number.matches("TF\\d{1,18}")) {
            throw new InvalidInputException("refund", "应为退费申请编号，如 TF000012：“" + InputRules.abbreviate(given)
                    + "”");
        }
        return cancel(number, new Cancellation(reason), by);
    }

    /** A refund of the caller's campuses, by its number (TF000012) or its numeric id; else 404. */
    @Transactional(readOnly = true)
    public Refund visible(String idOrNumber) {
        Optional<Refund> found = idOrNumber != null && idOrNumber.matches("\\d{1,18}")
                ? refunds.find(Long.parseLong(idOrNumber))
                : refunds.byNumber(idOrNumber == null ? "" : idOrNumber.strip().toUpperCase());
        return found.filter(f -> scope.current().seesCampus(f.campusCode()))
                .orElseThrow(() -> new NotFoundException("您负责的校区中没有退费申请 " + idOrNumber));
    }

    /**
     * The reason as staff read it: 转班差价 for a 转班's difference (its reason is the 转课's, TRANSFER), the reason's
     * label otherwise.
     */
    @Transactional(readOnly = true)
    public String reasonLabel(Refund r) {
        if (r.reason() == RefundReason.TRANSFER && r.transferId() != null
                && "CLASS".equals(refunds.transferKind(r.transferId()))) {
            return "转班差价";
        }
        return r.reason().label();
    }

    /** A refund by its number (TF000012), whatever the caller's campuses: for the system's own steps. */
    @Transactional(readOnly = true)
    public Optional<Refund> byNumber(String refundNo) {
        return refunds.byNumber(refundNo);
    }

    @Transactional(readOnly = true)
    public Refund get(long id) {
        return refunds.find(id).orElseThrow(() -> new NotFoundException("退费申请不存在：" + id));
    }

    public List<Refund.Approval> approvals(long id) {
        return refunds.approvals(id);
    }

    public List<Refund.Payout> payouts(long id) {
        return refunds.payouts(id);
    }

    /** Whether the contract has a refund request in the works (asked, approving or approved, not yet paid). */
    @Transactional(readOnly = true)
    public boolean openOn(long contractId) {
        return refunds.openOn(contractId).isPresent();
    }

    /**
     * Whether the contract has a refund in the works that ends it (申请退费, 退学): not a line's, a transfer
     * difference's or an overpayment's, which leave the contract in force.
     */
    @Transactional(readOnly = true)
    public boolean endingOn(long contractId) {
        return refunds.openOn(contractId).filter(r -> !r.lineOnly() && !r.leavesContractAsItIs()).isPresent();
    }

    /** A contract's refunds, oldest first (of the caller's campuses). */
    @Transactional(readOnly = true)
    public List<Refund> forContract(long contractId) {
        return refunds.forContract(contractId).stream().filter(f -> scope.current().seesCampus(f.campusCode()))
                .toList();
    }

    private Contract contract(Request r, InputRules rules) {
        return lookup.visible(r.contractId(), r.contract(), rules);
    }

    static ConflictException alreadyOpen(Contract contract, Refund open) {
        return new ConflictException(409, "合同 " + contract.number() + " 已有进行中的退费申请 " + open.refundNo() + "（"
                + open.status().label() + "），不能重复申请");
    }

    /** The bought lines' final price per purchased lesson, to the fen (shown; the computation works per line). */
    static BigDecimal unitPrice(RefundQuotes.RefundQuote quote) {
        RefundCalculator.Result c = quote.computation();
        BigDecimal bought = c.lines().stream().filter(l -> l.purchased() > 0).map(RefundCalculator.LineValue::finalAmount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return c.purchasedLessons() == 0 ? BigDecimal.ZERO.setScale(2)
                : bought.divide(BigDecimal.valueOf(c.purchasedLessons()), 2, RoundingMode.HALF_UP);
    }

    /** The computation as every approver reads it, line by line. */
    /**
     * A refund of the whole contract as approvers read it: the breakdown, and the installments approving it no longer
     * asks for (decision 580), so that nobody approves a write-off without seeing it.
     */
    String computation(Contract contract, RefundQuotes.RefundQuote quote) {
        BigDecimal unpaid = quotes.unpaidToForgo(contract);
        return breakdown(quote) + (unpaid.signum() > 0 ? "\n未缴分期款 " + Money.yuan(unpaid) + "：批准后不再收取" : "");
    }

    static String breakdown(RefundQuotes.RefundQuote quote) {
        RefundCalculator.Result c = quote.computation();
        StringBuilder s = new StringBuilder();
        s.append("退费原因：").append(quote.reasonLabel()).append("\n");
        s.append("已缴金额：").append(Money.yuan(c.paid())).append("\n");
        for (RefundCalculator.LineValue l : c.lines()) {
            s.append("第 ").append(l.lineNo()).append(" 行：购买 ").append(l.purchased()).append(" 课时，已消 ")
                    .append(l.consumed()).append(" 课时，成交价 ").append(Money.yuan(l.finalAmount()))
                    .append("，已消课时价值 ").append(Money.yuan(l.consumedValue())).append("\n");
        }
        s.append("已消课时价值合计：").append(Money.yuan(c.consumedValue())).append("\n");
        s.append("手续费（").append(quote.feeName()).append("，").append(quote.feePercent().stripTrailingZeros()
                .toPlainString()).append("%）：").append(Money.yuan(c.fees())).append("\n");
        s.append("退费金额 = 已缴金额 － 已消课时价值 － 手续费 = ").append(Money.yuan(c.amount()));
        if (c.shortfall().signum() > 0) {
            s.append("\n已消课时价值超出已缴金额 ").append(Money.yuan(c.shortfall())).append("，不退费");
        }
        return s.toString();
    }

    /** 督办退款: what the campus director did, on the customer's timeline. */
    public void noteUrged(Refund r, String director, String note) {
        opportunities.note(r.opportunityId(), TimelineEvent.REFUND_URGED, director, r.refundNo() + "：" + note);
    }

    /**
     * What approving {@code r} takes off the installments the family has not paid: for a refund of the whole
     * contract, what is no longer asked for (decision 580); for a 退班 or 退部分课时, the value of the lessons given
     * back beyond the money paid back (decision 579). As recorded once the teaching stopped; before that, as the
     * computation the approvers read says now. Zero for a refund that leaves the contract in force.
     */
    public BigDecimal offUnpaidInstallments(Refund r) {
        if (r.leavesContractAsItIs()) {
            return BigDecimal.ZERO;
        }
        if (r.classOnly() || r.someLessons()) {
            if (r.owedLess() != null) {
                return r.owedLess();
            }
            Contract c = contractOf(r);
            return (r.classOnly() ? quotes.classLeaving(c, r.reason(), r.classLineNo())
                    : quotes.someLessons(c, r.reason(), r.classLineNo(), r.lessonsBack())).owedLess();
        }
        return r.unpaidForgone() != null ? r.unpaidForgone() : quotes.unpaidToForgo(contractOf(r));
    }

    /** For the refund's own services: the contract a refund is about. */
    Contract contractOf(Refund refund) {
        return contracts.find(refund.contractId()).orElseThrow();
    }

    static InvalidInputException problem(String field, String message) {
        return new InvalidInputException(field, message);
    }
}
