package com.enrollflow.assignment;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.customer.TimelineRepository;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.opportunity.OpportunityStatus;
import com.enrollflow.reference.BusinessTime;

/**
 * Ownership changes of an opportunity (商机归属): to a team, to a person, into a pool, back by recycle or
 * return, over on hand-over. Each is decided by the database (row locks, conditional updates), writes one
 * assignment event and one timeline entry in the same transaction, and changes nothing when run again.
 */
@Service
@Transactional
public class AssignmentService {

    static final String SYSTEM = "system";
    private static final int ASSIGN_ATTEMPTS = 3;

    private final TeamRepository teams;
    private final OwnershipRepository ownership;
    private final AssignmentEventRepository events;
    private final TimelineRepository timeline;
    private final OpportunityService opportunities;
    private final StaffDirectory staff;
    private final StrategyTable strategies;
    private final Clock clock;

    AssignmentService(TeamRepository teams, OwnershipRepository ownership, AssignmentEventRepository events,
            TimelineRepository timeline, OpportunityService opportunities, StaffDirectory staff,
            StrategyTable strategies, Clock clock) {
        this.teams = teams;
        this.ownership = ownership;
        this.events = events;
        this.timeline = timeline;
        this.opportunities = opportunities;
        this.staff = staff;
        this.strategies = strategies;
        this.clock = clock;
    }

    public Ownership get(long opportunityId) {
        return ownership.find(opportunityId)
                .orElseThrow(() -> new NotFoundException("商机 " + opportunityId + " 不存在"));
    }

    /**
     * The team the routing table chose (分配到团队); null when no rule matched, and the supervisor designates.
     * An unknown team id fails: the lead waits as an incident until the team exists or the table is fixed.
     */
    public void joinTeam(long opportunityId, String teamId, String actor) {
        Ownership o = get(opportunityId);
        if (teamId == null) {
            ownership.joinTeam(opportunityId, null, "salesSupervisor");
            return;
        }
        if (teamId.equals(o.teamId())) {
            return;
        }
        Team team = teams.find(teamId).orElseThrow(() -> new IllegalStateException("team-routing.dmn 指向的销售团队 "
                + teamId + " 不存在：请用 PUT /api/teams/" + teamId + " 建立该团队，或修改 team-routing.dmn，然后重试"));
        if (!team.active()) {
            // a team the supervisors stopped takes no new leads: the supervisor designates, as without a team
            ownership.joinTeam(opportunityId, null, "salesSupervisor");
            timeline.add(o.customerId(), opportunityId, TimelineEvent.ROUTED, actor, team.name()
                    + "已停用，不再接收新商机：由销售主管指定负责人", now());
            return;
        }
        ownership.joinTeam(opportunityId, teamId, team.memberGroup());
        record(o, teamId, AssignmentEventKind.ROUTED, null, null, team.strategy(),
                "按产品线与意向校区分配到" + team.name(), null, actor);
        timeline.add(o.customerId(), opportunityId, TimelineEvent.ROUTED, actor,
                team.name() + "（分配策略：" + team.strategy().label() + "）", now());
    }

    /**
     * Assign to a person (分配到个人) by the team's strategy, as its row of the strategy table says. {@code takenFrom}
     * is the person the opportunity was just taken from (recycle, return): skipped, unless the row gives the lead
     * back to its first owner and that is them. A table the distribution cannot read fails (see StrategyTable).
     */
    public Choice distribute(long opportunityId, String takenFrom, String actor) {
        Ownership o = get(opportunityId);
        if (o.ownerUser() != null) {
            return new Choice(Choice.Outcome.ASSIGN, o.ownerUser(), null, "已有负责人", List.of());
        }
        if (o.teamId() == null) {
            return new Choice(Choice.Outcome.SUPERVISOR, null, AssignmentStrategy.SUPERVISOR_DESIGNATES,
                    "没有与产品线和意向校区匹配的销售团队，请主管指定", List.of());
        }
        Team team = team(o.teamId());
        StrategyRule rule = strategies.ruleFor(team.strategy(), takenFrom != null);
        for (int attempt = 0; attempt < ASSIGN_ATTEMPTS; attempt++) {
            Choice choice = OwnerSelection.choose(team.strategy(), rule, candidates(team, o, takenFrom));
            switch (choice.outcome()) {
                case ASSIGN -> {
                    if (tryAssign(o, team, choice.userId(), AssignmentEventKind.ASSIGNED, choice.reason(),
                            String.join("\n", choice.considered()), actor)) {
                        return choice;
                    }
                    // another assignment took the member's last place between choice and lock: choose again
                }
                case TEAM_POOL -> {
                    ownership.setPool(opportunityId, "TEAM", team.memberGroup());
                    record(o, team.id(), AssignmentEventKind.TEAM_POOL, takenFrom, null, team.strategy(),
                            choice.reason(), String.join("\n", choice.considered()), actor);
                    timeline.add(o.customerId(), opportunityId, TimelineEvent.TEAM_POOL, actor,
                            team.name() + "：" + choice.reason(), now());
                    return choice;
                }
                case SUPERVISOR -> {
                    record(o, team.id(), AssignmentEventKind.TO_SUPERVISOR, takenFrom, null, team.strategy(),
                            choice.reason(), String.join("\n", choice.considered()), actor);
                    return choice;
                }
            }
        }
        return new Choice(Choice.Outcome.SUPERVISOR, null, team.strategy(), "同时分配的商机过多，请主管指定",
                List.of());
    }

    /** The sales supervisor designates a person (主管指定); a bad choice names the field consultantId. */
    public void designate(long opportunityId, String userId, String actor) {
        Ownership o = get(opportunityId);
        if (userId.equals(o.ownerUser())) {
            return;
        }
        if (o.ownerUser() != null) {
            throw new ConflictException(409, "商机 " + opportunityId + " 已由 " + staff.displayName(o.ownerUser()) + " 负责");
        }
        if (o.teamId() == null) {
            if (!staff.isMember(userId, "consultant")) {
                throw new InvalidInputException("consultantId", "“" + userId + "”不是课程顾问");
            }
            if (o.campusCode() != null && !staff.worksAt(userId, o.campusCode())) {
                throw new InvalidInputException("consultantId", staff.displayName(userId) + "不在本商机的校区工作");
            }
            ownership.setOwner(opportunityId, userId, "consultant", now(), true);
            record(o, null, AssignmentEventKind.DESIGNATED, null, userId, null, "主管指定", null, actor);
            timeline.add(o.customerId(), opportunityId, TimelineEvent.ASSIGNED, actor,
                    "主管指定：" + staff.displayName(userId), now());
            return;
        }
        Team team = team(o.teamId());
        String refusal = refusal(team, userId);
        if (refusal != null) {
            throw new InvalidInputException("consultantId", refusal);
        }
        tryAssign(o, team, userId, AssignmentEventKind.DESIGNATED, "主管指定", null, actor);
    }

    /**
     * A member claims a lead from the team pool or the campus public pool (领取). Decided under the row lock of
     * the opportunity: of two claims at once one wins, the other gets a clear 409.
     */
    public void claim(long opportunityId, String userId) {
        claim(opportunityId, userId, userId);
    }

    /** As {@link #claim(long, String)}, recorded as done by {@code actor}, the logged-in user (who may claim for another). */
    public void claim(long opportunityId, String userId, String actor) {
        Ownership o = ownership.lock(opportunityId)
                .orElseThrow(() -> new NotFoundException("商机 " + opportunityId + " 不存在"));
        if (userId.equals(o.ownerUser())) {
            return;
        }
        if (!o.isOpen() || o.pool() == null || o.ownerUser() != null) {
            throw new ConflictException(409, o.ownerUser() != null
                    ? "商机 " + opportunityId + " 已被 " + staff.displayName(o.ownerUser()) + " 领取"
                    : "商机 " + opportunityId + " 不在待领取的池中");
        }
        Team team = "PUBLIC".equals(o.pool()) ? claimingTeamOnCampus(o, userId) : team(o.teamId());
        // refusal() takes the member's row lock, held to the end of the transaction: capacity stays true
        String refusal = refusal(team, userId);
        if (refusal != null) {
            throw new ConflictException(409, refusal);
        }
        int held = teams.heldUncontacted(team.id(), userId);
        if (held >= team.claimHoldCap()) {
            throw new ConflictException(409, "您已持有 " + held + " 条尚未首次联系的商机，达到领取上限 "
                    + team.claimHoldCap() + "，请先联系已领取的客户");
        }
        if (!team.id().equals(o.teamId())) {
            ownership.moveToTeam(opportunityId, team.id());
        }
        ownership.setOwner(opportunityId, userId, team.memberGroup(), now(), false);
        teams.touchLastAssigned(team.id(), userId, now());
        String from = "PUBLIC".equals(o.pool()) ? "从公海领取" : "从团队池领取";
        record(o, team.id(), AssignmentEventKind.CLAIMED, null, userId, team.strategy(), from, null, actor);
        timeline.add(o.customerId(), opportunityId, TimelineEvent.CLAIMED, actor,
                staff.displayName(userId) + from, now());
    }

    /** The claimer gave the pool task back before confirming (取消认领): the lead is in the pool again. */
    public void releaseClaim(long opportunityId, String userId) {
        releaseClaim(opportunityId, userId, userId);
    }

    /** As {@link #releaseClaim(long, String)}, recorded as done by {@code actor}, the logged-in user. */
    public void releaseClaim(long opportunityId, String userId, String actor) {
        Ownership o = get(opportunityId);
        if (o.pool() != null && ownership.clearOwner(opportunityId, userId, false)) {
            timeline.add(o.customerId(), opportunityId, TimelineEvent.CLAIMED, actor,
                    staff.displayName(userId) + "取消领取，商机回到池中", now());
        }
    }

    /** The claim is confirmed: the lead leaves the pool. */
    public void leavePool(long opportunityId) {
        ownership.leavePool(opportunityId);
    }

    /** First contact made by the owner (首次联系): the 未处理 limit no longer applies. */
    public void recordFirstContact(long opportunityId, String userId, String note) {
        Ownership o = get(opportunityId);
        if (o.firstContactAt() == null && ownership.recordFirstContact(opportunityId, userId, now())) {
            record(o, o.teamId(), AssignmentEventKind.FIRST_CONTACT, null, userId, null, note, null, userId);
            timeline.add(o.customerId(), opportunityId, TimelineEvent.FIRST_CONTACT, userId, note, now());
        }
    }

    /** The owner is warned that the limit is near (回收预警). */
    /** Records the warning on the history and the timeline; returns its text for the owner. */
    public String warn(long opportunityId, RecycleKind kind, OffsetDateTime deadline) {
        Ownership o = get(opportunityId);
        String text = kind.label() + "预警：请在 " + deadline.atZoneSameInstant(BusinessTime.ZONE).toLocalDateTime()
                .toString().replace('T', ' ') + " 前" + (kind == RecycleKind.UNHANDLED ? "完成首次联系" : "推进商机阶段")
                + "，否则商机将被收回";
        record(o, o.teamId(), AssignmentEventKind.WARNED, null, o.ownerUser(), null, text, null, SYSTEM);
        timeline.add(o.customerId(), opportunityId, TimelineEvent.RECYCLE_WARNING, SYSTEM, text, now());
        return text;
    }

    /**
     * The limit passed (回收): takes the opportunity from whoever holds it. Not recycled when the opportunity is
     * exempt (locked or VIP) or nobody holds it any more; then nothing changes.
     */
    public RecycleOutcome recycle(long opportunityId, RecycleKind kind) {
        Ownership o = ownership.lock(opportunityId)
                .orElseThrow(() -> new NotFoundException("商机 " + opportunityId + " 不存在"));
        if (!o.recyclable()) {
            return new RecycleOutcome(false, null, o.recycleCount());
        }
        ownership.clearOwner(opportunityId, o.ownerUser(), true);
        String reason = kind == RecycleKind.UNHANDLED ? "超过时限未首次联系" : "超过时限商机无阶段进展";
        record(o, o.teamId(), kind.event(), o.ownerUser(), null, null, reason, null, SYSTEM);
        timeline.add(o.customerId(), opportunityId, TimelineEvent.RECYCLED, SYSTEM,
                kind.label() + "：从 " + staff.displayName(o.ownerUser()) + " 收回（" + reason + "）", now());
        return new RecycleOutcome(true, o.ownerUser(), o.recycleCount() + 1);
    }

    /** The owner hands the lead back with a reason (退回); the supervisor decides what happens next. */
    public void returnLead(long opportunityId, String userId, String reason) {
        Ownership o = get(opportunityId);
        if (ownership.clearOwner(opportunityId, userId, false)) {
            record(o, o.teamId(), AssignmentEventKind.RETURNED, userId, null, null, reason, null, userId);
            timeline.add(o.customerId(), opportunityId, TimelineEvent.RETURNED, userId, reason, now());
        }
    }

    /** Into the campus-wide public pool (公海); returns who may claim it there. */
    public List<String> moveToPublicPool(long opportunityId, String reason, String actor) {
        Ownership o = get(opportunityId);
        if (!"PUBLIC".equals(o.pool())) {
            ownership.setPool(opportunityId, "PUBLIC", "consultant");
            record(o, o.teamId(), AssignmentEventKind.PUBLIC_POOL, o.ownerUser(), null, null, reason, null, actor);
            timeline.add(o.customerId(), opportunityId, TimelineEvent.PUBLIC_POOL, actor, reason, now());
        }
        var campusStaff = staff.campusStaff(o.campusCode());
        return teams.activeCampusMembers(o.campusCode()).stream().filter(campusStaff::contains).toList();
    }

    /** Who may claim from the team pool: its active members who work at its campus. */
    public List<String> teamPoolMembers(String teamId) {
        var campusStaff = staff.campusStaff(team(teamId).campusCode());
        return teams.members(teamId).stream().filter(m -> m.status() == MemberStatus.ACTIVE)
                .map(TeamMember::userId).filter(campusStaff::contains).toList();
    }

    /** Closes the opportunity (关单) with a reason. */
    public void close(long opportunityId, OpportunityStatus status, String reason, String actor) {
        Ownership o = get(opportunityId);
        if (opportunities.close(opportunityId, status, reason, actor)) {
            record(o, o.teamId(), AssignmentEventKind.CLOSED, o.ownerUser(), null, null, reason, null, actor);
        }
    }

    /** The sale is won (成单): the opportunity closes as WON and counts for its owner and team. Idempotent. */
    public void won(long opportunityId, String actor) {
        Ownership o = get(opportunityId);
        if (opportunities.close(opportunityId, OpportunityStatus.WON, "报名完成", actor)) {
            record(o, o.teamId(), AssignmentEventKind.WON, o.ownerUser(), null, null, null, null, actor);
        }
    }

    /** A supervisor locks an opportunity against recycling (锁定/VIP) or lifts the lock. */
    public void setRecycleExempt(long opportunityId, boolean exempt, String reason, String actor) {
        Ownership o = get(opportunityId);
        if (exempt && (reason == null || reason.isBlank())) {
            throw new InvalidInputException("reason", "必填：免回收的原因（如 VIP 客户、已锁定）");
        }
        ownership.setExempt(opportunityId, exempt, reason);
        String text = exempt ? "设为免回收：" + reason : "取消免回收";
        record(o, o.teamId(), AssignmentEventKind.EXEMPT, null, null, null, text, null, actor);
        timeline.add(o.customerId(), opportunityId, TimelineEvent.RECYCLE_EXEMPT, actor, text, now());
    }

    /**
     * Hands one opportunity over from a member who leaves to {@code to} (a named member) or, when null, to the
     * person the team's strategy chooses. Returns the new owner.
     */
    String handOver(Ownership o, Team team, String from, String to, String actor) {
        String target = to;
        String reason;
        if (target == null) {
            Choice choice = OwnerSelection.choose(team.strategy(), strategies.ruleFor(team.strategy(), true),
                    candidates(team, o, from));
            if (choice.outcome() != Choice.Outcome.ASSIGN) {
                throw new ConflictException(409, "商机 " + o.opportunityId() + " 无法按本组策略自动转交（"
                        + choice.reason() + "），请在 to 中指定接收人");
            }
            target = choice.userId();
            reason = "离职转交（按" + team.strategy().label() + "）：" + choice.reason();
        } else {
            reason = "离职转交：主管指定 " + staff.displayName(target);
        }
        String refusal = refusal(team, target);
        if (refusal != null) {
            throw new ConflictException(409, "商机 " + o.opportunityId() + " 无法转交：" + refusal);
        }
        teams.lockMember(team.id(), target);
        if (!ownership.clearOwner(o.opportunityId(), from, false)
                || !ownership.setOwner(o.opportunityId(), target, team.memberGroup(), now(), true)) {
            throw new ConflictException(409, "商机 " + o.opportunityId() + " 在转交时被其他操作修改，请重试");
        }
        teams.touchLastAssigned(team.id(), target, now());
        record(o, team.id(), AssignmentEventKind.HANDED_OVER, from, target, team.strategy().name(), reason, null,
                actor);
        timeline.add(o.customerId(), o.opportunityId(), TimelineEvent.HANDED_OVER, actor,
                "从 " + staff.displayName(from) + " 转交给 " + staff.displayName(target) + "（" + reason + "）", now());
        return target;
    }

    List<Ownership> openOwnedBy(String teamId, String userId) {
        return ownership.openOwnedBy(teamId, userId);
    }

    /**
     * The member's open opportunities in the team, each locked, in the order of their ids, and read again under the
     * lock: one that a recycle took meanwhile is no longer theirs and is left out (decision 529). A hand-over that
     * locks them all before it locks any receiving member takes its locks in the order a recycle does (the
     * opportunity, then the member who gets it), so the two wait for each other in turn instead of deadlocking.
     */
    List<Ownership> lockOpenOwnedBy(String teamId, String userId) {
        List<Ownership> locked = new ArrayList<>();
        for (Ownership seen : ownership.openOwnedBy(teamId, userId)) {
            ownership.lock(seen.opportunityId())
                    .filter(o -> o.isOpen() && userId.equals(o.ownerUser()) && teamId.equals(o.teamId()))
                    .ifPresent(locked::add);
        }
        return locked;
    }

    /**
     * Whether the user has left the campus's sales (离职 or 休假 in every team of the campus they belong to): their
     * families' new work goes to someone else (decision 539), their coaching is withdrawn (540).
     */
    public boolean leftCampus(String campusCode, String userId) {
        return teams.leftCampus(campusCode, userId);
    }

    Team team(String teamId) {
        return teams.find(teamId).orElseThrow(() -> new NotFoundException("销售团队 " + teamId + " 不存在"));
    }

    /** Why the member cannot take one more opportunity now, or null when they can; locks the member row. */
    private String refusal(Team team, String userId) {
        TeamMember m = teams.lockMember(team.id(), userId).orElse(null);
        if (m == null) {
            return "“" + userId + "”不是" + team.name() + "的成员";
        }
        if (m.status() != MemberStatus.ACTIVE) {
            return staff.displayName(userId) + "当前状态为" + m.status().label() + "，不能接收商机";
        }
        if (!staff.worksAt(userId, team.campusCode())) {
            return staff.displayName(userId) + "不在本校区工作，不能接收本校区的商机";
        }
        int open = teams.openCount(team.id(), userId);
        if (open >= m.capacity()) {
            return staff.displayName(userId) + "已持有 " + open + " 个在跟商机，达到上限 " + m.capacity();
        }
        return null;
    }

    /** Gives the opportunity to the member if, under the member's row lock, they still have room. */
    private boolean tryAssign(Ownership o, Team team, String userId, AssignmentEventKind kind, String reason,
            String considered, String actor) {
        if (refusal(team, userId) != null) {
            return false;
        }
        if (!ownership.setOwner(o.opportunityId(), userId, team.memberGroup(), now(), true)) {
            throw new ConflictException(409, "商机 " + o.opportunityId() + " 已关闭，不能分配");
        }
        teams.touchLastAssigned(team.id(), userId, now());
        record(o, team.id(), kind, null, userId, team.strategy().name(), reason, considered, actor);
        timeline.add(o.customerId(), o.opportunityId(), TimelineEvent.ASSIGNED, actor,
                kind.label() + "：" + staff.displayName(userId) + "（" + reason + "）", now());
        return true;
    }

    private List<Candidate> candidates(Team team, Ownership o, String takenFrom) {
        // a batch (批次平均) is the campus's calendar day
        OffsetDateTime batchStart = LocalDate.now(clock.withZone(BusinessTime.ZONE)).atStartOfDay(BusinessTime.ZONE)
                .toOffsetDateTime();
        List<Candidate> result = new ArrayList<>();
        // only the campus's own staff: a member who no longer works there is never a candidate (校区数据范围)
        var campusStaff = staff.campusStaff(team.campusCode());
        List<TeamRepository.MemberFigures> figures = teams.figures(team.id(), o.opportunityId(), batchStart).stream()
                .filter(f -> campusStaff.contains(f.userId())).toList();
        var names = staff.displayNames(figures.stream().map(TeamRepository.MemberFigures::userId).toList());
        for (TeamRepository.MemberFigures f : figures) {
            result.add(new Candidate(f.userId(), names.get(f.userId()), f.status(), f.capacity(),
                    f.openCount(), f.assignedInBatch(), f.lastAssignedAt(), f.conversionRate(), f.ownedBefore(),
                    f.userId().equals(o.firstOwner()), f.userId().equals(takenFrom)));
        }
        return result;
    }

    /** The public pool's claimer joins the opportunity to their own team on the campus, same product line first. */
    private Team claimingTeamOnCampus(Ownership o, String userId) {
        return teams.findAll().stream()
                .filter(t -> t.active() && t.campusCode().equals(o.campusCode()))
                .filter(t -> teams.member(t.id(), userId).map(m -> m.status() == MemberStatus.ACTIVE).orElse(false))
                .min((a, b) -> Boolean.compare(!a.productLine().equals(o.productLine()),
                        !b.productLine().equals(o.productLine())))
                .orElseThrow(() -> new ConflictException(409, "只有本校区销售团队的在职成员可以从公海领取商机"));
    }

    private void record(Ownership o, String teamId, AssignmentEventKind kind, String from, String to,
            Object strategy, String reason, String considered, String actor) {
        String strategyName = strategy instanceof AssignmentStrategy s ? s.name() : (String) strategy;
        events.add(new AssignmentEventRepository.Entry(o.opportunityId(), teamId, kind, from, to, strategyName,
                reason, considered, actor, now()));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
