package com.enrollflow.approval;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.pricing.QuoteStatus;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.StaffRole;

/** Requests, decisions and the approval guard for quotes. */
@Service
public class ApprovalService {

    static final String APPROVE = "APPROVE";
    static final String REJECT = "REJECT";

    private final JdbcClient jdbc;
    private final PricingService pricing;
    private final Clock clock;
    private final CampusScope scope;

    ApprovalService(JdbcClient jdbc, PricingService pricing, Clock clock, CampusScope scope) {
        this.scope = scope;
        this.jdbc = jdbc;
        this.pricing = pricing;
        this.clock = clock;
    }

    /**
     * Stores which levels (group ids, in order) the quote needs. None: the quote is approved at once. A rerun of
     * the same request keeps the first.
     */
    @Transactional
    public ApprovalState request(long quoteId, List<String> levels, String requestedBy) {
        Optional<ApprovalState> existing = state(quoteId);
        if (existing.isPresent()) {
            return existing.get();
        }
        String outcome = levels.isEmpty() ? ApprovalState.APPROVED : ApprovalState.PENDING;
        jdbc.sql("insert into quote_approval (quote_id, required_levels, requested_by, requested_at, outcome) "
                + "values (?, ?, ?, ?, ?)").params(quoteId, String.join(",", levels), requestedBy, now(), outcome)
                .update();
        pricing.transition(quoteId, QuoteStatus.DRAFT,
                levels.isEmpty() ? QuoteStatus.APPROVED : QuoteStatus.PENDING_APPROVAL);
        return state(quoteId).orElseThrow();
    }

    /**
     * One approver decides the next open level. The approver must belong to that level's group; a rejection needs a
     * comment. The first rejection ends the round; the last approval approves the quote.
     */
    @Transactional
    public ApprovalState decide(long quoteId, int levelNo, String user, Set<String> userGroups, String decision,
            String comment) {
        ApprovalState state = lockedState(quoteId)
                .orElseThrow(() -> new ConflictException(409, "报价 " + quoteId + " 未提交审批"));
        if (!ApprovalState.PENDING.equals(state.outcome())) {
            throw new ConflictException(409, "报价 " + quoteId + " 的审批已结束（" + state.outcome() + "）");
        }
        int next = state.decisions().size();
        if (levelNo != next || next >= state.requiredLevels().size()) {
            throw new ConflictException(409, "报价 " + quoteId + " 当前待审批的是第 " + (next + 1) + " 级");
        }
        String group = state.requiredLevels().get(next);
        if (!userGroups.contains(group)) {
            throw new InvalidInputException("discountDecision", "无权审批：此级须由" + StaffRole.labelOf(group) + "审批");
        }
        Quote quote = pricing.find(quoteId).orElseThrow();
        if (!scope.current().seesCampus(quote.campusCode())) {
            throw new InvalidInputException("discountDecision", "无权审批：只能审批本校区（" + quote.campusCode()
                    + "）的优惠");
        }
        if (user.equals(quote.createdBy())) {
            throw new InvalidInputException("discountDecision", "无权审批：不能审批自己制定的报价");
        }
        if (state.decisions().stream().anyMatch(d -> user.equals(d.decidedBy()))) {
            // a director who is also a supervisor would otherwise be both levels of one discount
            throw new InvalidInputException("discountDecision", "无权审批：您已审批过此报价的上一级，每一级须由不同的人审批");
        }
        if (!APPROVE.equals(decision) && !REJECT.equals(decision)) {
            throw new InvalidInputException("discountDecision", "必填，可选值：同意（APPROVE）、驳回（REJECT）");
        }
        if (REJECT.equals(decision) && (comment == null || comment.isBlank())) {
            throw new InvalidInputException("approvalComment", "驳回时必须填写意见");
        }
        try {
            jdbc.sql("insert into approval_decision (quote_id, level_no, approval_group, decision, comment, "
                    + "decided_by, decided_at) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(quoteId, next, group, decision, comment, user, now()).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException(409, "此级审批已有人处理");
        }
        String outcome = REJECT.equals(decision) ? ApprovalState.REJECTED
                : next + 1 == state.requiredLevels().size() ? ApprovalState.APPROVED : ApprovalState.PENDING;
        if (!ApprovalState.PENDING.equals(outcome)) {
            jdbc.sql("update quote_approval set outcome = ? where quote_id = ?").params(outcome, quoteId).update();
            pricing.transition(quoteId, QuoteStatus.PENDING_APPROVAL,
                    APPROVE.equals(decision) ? QuoteStatus.APPROVED : QuoteStatus.REJECTED);
        }
        return state(quoteId).orElseThrow();
    }

    public Optional<ApprovalState> state(long quoteId) {
        return jdbc.sql("select required_levels, outcome from quote_approval where quote_id = ?").param(quoteId)
                .query((rs, n) -> new ApprovalState(quoteId, levels(rs.getString(1)), rs.getString(2),
                        decisions(quoteId)))
                .optional();
    }

    /** The guard of every contract: throws unless every level the quote needs approved it. */
    public ApprovalState requireApproved(long quoteId) {
        ApprovalState state = state(quoteId)
                .orElseThrow(() -> new ConflictException(409, "报价 " + quoteId + " 未经审批流程，不能生成合同"));
        if (!state.complete()) {
            throw new ConflictException(409, "报价 " + quoteId + " 缺少必需的优惠审批，不能生成合同");
        }
        return state;
    }

    private Optional<ApprovalState> lockedState(long quoteId) {
        jdbc.sql("select quote_id from quote_approval where quote_id = ? for update").param(quoteId)
                .query(Long.class).optional();
        return state(quoteId);
    }

    private List<ApprovalDecision> decisions(long quoteId) {
        return jdbc.sql("select level_no, approval_group, decision, comment, decided_by, decided_at "
                + "from approval_decision where quote_id = ? order by level_no").param(quoteId)
                .query((rs, n) -> new ApprovalDecision(quoteId, rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class)))
                .list();
    }

    private static List<String> levels(String stored) {
        return stored == null || stored.isBlank() ? List.of() : Arrays.asList(stored.split(","));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
