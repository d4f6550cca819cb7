package com.enrollflow.assignment;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.Coded;
import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.ProductLine;

/**
 * What sales supervisors change about their teams: members, their standing and capacity, and the hand-over of
 * a leaving member's opportunities and after-sales work. All or nothing: a hand-over that cannot place one
 * opportunity, renewal or chase moves none.
 */
@Service
@Transactional
public class TeamAdministration {

    private final TeamRepository teams;
    private final AssignmentService assignments;
    private final AssignmentTasks tasks;
    private final StaffDirectory staff;
    private final CampusRepository campuses;
    private final List<MemberWork> afterSales;
    private final Clock clock;

    TeamAdministration(TeamRepository teams, AssignmentService assignments, AssignmentTasks tasks,
            StaffDirectory staff, CampusRepository campuses, List<MemberWork> afterSales, Clock clock) {
        this.afterSales = afterSales;
        this.teams = teams;
        this.assignments = assignments;
        this.tasks = tasks;
        this.staff = staff;
        this.campuses = campuses;
        this.clock = clock;
    }

    /**
     * One piece of work moved by a hand-over: an opportunity (商机), a renewal (续费 XF000012) or an overdue installment
     * to chase (催缴逾期分期款), named in {@code work}; {@code opportunityId} is the one its tasks belong to.
     */
    public record Moved(long opportunityId, String from, String to, int tasksMoved, String work) {

        static final String OPPORTUNITY = "商机";
    }

    public void saveTeam(Team team) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!campuses.exists(team.campusCode())) {
            problems.add(new FieldProblem("campus", "未知的校区代码“" + team.campusCode() + "”"));
        }
        if (Coded.parse(ProductLine.class, team.productLine()).filter(p -> p.name().equals(team.productLine()))
                .isEmpty()) {
            problems.add(new FieldProblem("productLine", Coded.unknown(ProductLine.class, team.productLine())));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        teams.save(team);
    }

    public void saveMember(String teamId, String userId, MemberStatus status, int capacity) {
        Team team = assignments.team(teamId);
        if (!staff.isMember(userId, team.memberGroup())) {
            throw new InvalidInputException("userId", "“" + userId + "”不是" + staff.groupName(team.memberGroup())
                    + "组的用户");
        }
        if (!staff.worksAt(userId, team.campusCode())) {
            throw new InvalidInputException("userId", staff.displayName(userId) + "不在" + team.campusCode()
                    + "校区工作，不能加入本校区的团队（先在 Camunda Admin 的租户中加入该校区）");
        }
        if (status == MemberStatus.LEFT) {
            // a member who left keeps nothing: their open opportunities (recycle-exempt ones would never come back)
            // go to the team through the hand-over, which sets LEFT itself
            int open = assignments.openOwnedBy(teamId, userId).size();
            if (open > 0) {
                throw new InvalidInputException("status", staff.displayName(userId) + "还有 " + open
                        + " 个跟进中的商机，请用“离职转交”（POST /api/teams/" + teamId + "/members/" + userId
                        + "/hand-over）把商机交给其他成员，转交后状态即为离职");
            }
        }
        teams.saveMember(teamId, userId, status, capacity, OffsetDateTime.now(clock));
    }

    /**
     * A member leaves or goes on leave (离职转交): every open opportunity they own in the team, with its open
     * tasks, moves to the named members in turn, or, with none named, to whom the team's strategy chooses; then
     * their after-sales work at the team's campus ({@link MemberWork}: renewals, installment chases) to the named
     * members in turn, or to the team's other active members in turn (decision 538).
     */
    public List<Moved> handOver(String teamId, String userId, List<String> to, MemberStatus newStatus, String actor) {
        Team team = assignments.team(teamId);
        if (teams.member(teamId, userId).isEmpty()) {
            throw new InvalidInputException("userId", "“" + userId + "”不是" + team.name() + "的成员");
        }
        if (newStatus == MemberStatus.ACTIVE) {
            throw new InvalidInputException("status", "转交后成员状态应为离职（LEFT）或休假（ON_LEAVE）");
        }
        List<String> targets = to == null ? List.of() : to;
        if (targets.contains(userId)) {
            throw new InvalidInputException("to", "不能转交给离开的成员本人");
        }
        // a member since moved to another role (a consultant who now teaches) is not handed families to sell to
        for (String target : targets) {
            if (!staff.isMember(target, team.memberGroup())) {
                throw new InvalidInputException("to", staff.displayName(target) + "已不是"
                        + staff.groupName(team.memberGroup()) + "，不能接收转交的商机");
            }
        }
        // two hand-overs of the team take turns: each locks receiving members in the order of its own leads, and two
        // members handing to the same colleagues in opposite orders would otherwise deadlock (decision 532)
        teams.lockTeam(teamId);
        teams.lockMember(teamId, userId);
        teams.setStatus(teamId, userId, newStatus);
        List<Moved> moved = new ArrayList<>();
        // the member's open opportunities are locked before any receiving member (decision 529)
        List<Ownership> open = assignments.lockOpenOwnedBy(teamId, userId);
        for (int i = 0; i < open.size(); i++) {
            Ownership o = open.get(i);
            String named = targets.isEmpty() ? null : targets.get(i % targets.size());
            String target = assignments.handOver(o, team, userId, named, actor);
            moved.add(new Moved(o.opportunityId(), userId, target, tasks.moveOwnerTasks(o.opportunityId(), userId,
                    target), Moved.OPPORTUNITY));
        }
        Receivers receivers = new Receivers(targets.isEmpty() ? colleagues(team, userId) : targets);
        for (MemberWork work : afterSales) {
            moved.addAll(work.handOver(team, userId, newStatus, receivers, actor));
        }
        return moved;
    }

    /** The team's other members who may take work now: active, still in its role, working at its campus. */
    private List<String> colleagues(Team team, String leaving) {
        return teams.members(team.id()).stream()
                .filter(m -> m.status() == MemberStatus.ACTIVE && !m.userId().equals(leaving))
                .map(TeamMember::userId)
                .filter(u -> staff.isMember(u, team.memberGroup()) && staff.worksAt(u, team.campusCode()))
                .sorted().toList();
    }
}
