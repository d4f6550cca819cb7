package com.enrollflow.refund;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.contract.Contract;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.StaffRole;

/**
 * The refund's approval gate (退费审批): the levels the policy table names (bpmn/refund-approval-levels.dmn), run in
 * order; each decided by a member of the level's group at the contract's campus (head office for its own levels),
 * never by the requester; the first rejection ends the request and frees the contract for a new one.
 */
@Service
public class RefundApprovals {

    public static final String APPROVE = "APPROVE";
    public static final String REJECT = "REJECT";

    private final RefundRepository refunds;
    private final StaffDirectory staff;
    private final Refunds requests;
    private final CampusScope scope;
    private final Clock clock;

    RefundApprovals(RefundRepository refunds, Refunds requests, CampusScope scope, StaffDirectory staff,
            Clock clock) {
        this.refunds = refunds;
        this.staff = staff;
        this.requests = requests;
        this.scope = scope;
        this.clock = clock;
    }

    /** The policy table's inputs: the amount (元), its share of the contract's price (%), the reason, lessons taken. */
    public static Map<String, Object> decisionInputs(Refund r, Contract c) {
        BigDecimal ratio = c.finalPrice().signum() == 0 ? BigDecimal.ZERO
                : r.amount().multiply(BigDecimal.valueOf(100)).divide(c.finalPrice(), 2, RoundingMode.HALF_UP);
        return Map.of("refundAmount", r.amount().doubleValue(), "refundRatio", ratio.doubleValue(),
                "refundReason", r.reason().name(), "consumedLessons", r.consumedLessons());
    }

    /**
     * Stores the levels (each once, in the table's order); none: approved at once. A rerun keeps what was stored.
     */
    @Transactional
    public Refund requireLevels(long refundId, List<String> levels) {
        Refund r = refunds.lock(refundId).orElseThrow();
        if (r.status() != RefundStatus.REQUESTED) {
            return r;
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(levels));
        refunds.levels(refundId, distinct, RefundStatus.APPROVING);
        if (distinct.isEmpty()) {
            refunds.status(refundId, RefundStatus.APPROVED, now(), null);
        }
        return refunds.find(refundId).orElseThrow();
    }

    /**
     * One approver decides the next open level. Refused (400, naming {@code refundDecision} or
     * {@code approvalComment}) for anyone outside the level's group or the contract's campus, for the requester, and
     * for a rejection without a comment; 409 when the level was decided already or the request ended.
     */
    @Transactional
    public Refund decide(long refundId, int levelNo, String user, Set<String> userGroups, String decision,
            String comment) {
        Refund r = refunds.lock(refundId).orElseThrow(() -> new com.enrollflow.common.NotFoundException("退费申请不存在：" + refundId));
        if (r.status() != RefundStatus.APPROVING) {
            throw new ConflictException(409, "退费申请 " + r.refundNo() + " 的审批已结束（" + r.status().label() + "）");
        }
        int next = refunds.approvals(refundId).size();
        if (levelNo != next || next >= r.requiredLevels().size()) {
            throw new ConflictException(409, "退费申请 " + r.refundNo() + " 当前待审批的是第 " + (next + 1) + " 级");
        }
        String group = r.requiredLevels().get(next);
        if (!userGroups.contains(group)) {
            throw new InvalidInputException("refundDecision", "无权审批：此级须由" + StaffRole.labelOf(group) + "审批");
        }
        if (!scope.current().seesCampus(r.campusCode())) {
            throw new InvalidInputException("refundDecision", "无权审批：只能审批本校区（" + r.campusCode() + "）的退费");
        }
        if (user.equals(r.requestedBy())) {
            throw new InvalidInputException("refundDecision", "无权审批：不能审批自己提交的退费申请");
        }
        if (refunds.approvals(refundId).stream().anyMatch(a -> user.equals(a.decidedBy()))) {
            throw new InvalidInputException("refundDecision", "无权审批：您已审批过此退费的上一级，每一级须由不同的人审批");
        }
        if (!APPROVE.equals(decision) && !REJECT.equals(decision)) {
            throw new InvalidInputException("refundDecision", "必填，可选值：同意（APPROVE）、驳回（REJECT）");
        }
        if (REJECT.equals(decision) && (comment == null || comment.isBlank())) {
            throw new InvalidInputException("approvalComment", "驳回时必须填写意见，申请人会收到");
        }
        try {
            refunds.approval(refundId, next, group, decision, comment, user, now());
        } catch (DuplicateKeyException e) {
            throw new ConflictException(409, "此级审批已有人处理");
        }
        if (REJECT.equals(decision)) {
            refunds.status(refundId, RefundStatus.REJECTED, now(), comment);
        } else if (next + 1 == r.requiredLevels().size()) {
            if (!r.leavesContractAsItIs() && !r.classOnly()) {
                // the last approval stops the teaching and refunds what the ledger has left
                requests.requireLessonsMarked(r.opportunityId(), "批准退费");
            }
            requests.requireClassDaysMarked(r, "批准退费");
            refunds.status(refundId, RefundStatus.APPROVED, now(), null);
        }
        return refunds.find(refundId).orElseThrow();
    }

    /** The approvals so far, as each approver reads them. */
    public String history(long refundId) {
        Refund r = requests.get(refundId);
        List<Refund.Approval> decisions = refunds.approvals(refundId);
        if (decisions.isEmpty()) {
            return "需审批：" + String.join(" → ", r.requiredLevels().stream().map(StaffRole::labelOf).toList())
                    + "；尚无审批意见";
        }
        Map<String, String> names = staff.displayNames(decisions.stream().map(Refund.Approval::decidedBy).toList());
        StringBuilder s = new StringBuilder();
        for (Refund.Approval d : decisions) {
            s.append(d.levelNo() + 1).append(". ").append(StaffRole.labelOf(d.approvalGroup())).append(" ")
                    .append(names.get(d.decidedBy())).append("：").append(d.approved() ? "同意" : "驳回")
                    .append(d.comment() == null ? "" : "（" + d.comment() + "）").append("\n");
        }
        return s.toString().strip();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
