package com.enrollflow.assignment;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.Coded;
import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.CampusScope;
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
    private final CampusScope scope;
    private final HandOverNotices notices;
    private final Clock clock;

    TeamAdministration(TeamRepository teams, AssignmentService assignments, AssignmentTasks tasks,
            StaffDirectory staff, CampusRepository campuses, List<MemberWork> afterSales, CampusScope scope,
            HandOverNotices notices, Clock clock) {
        this.notices = notices;
        this.afterSales = afterSales;
        this.scope = scope;
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
        Optional<Team> existing = teams.find(team.id());
        if (existing.isPresent()) {
            // a member added at the same moment waits for this change, or this change for it (the team's row lock);
            // read again under the lock, as that member's commit left it
            teams.lockTeam(team.id());
            existing = teams.find(team.id());
        } else {
            // bjhd1v1 beside BJHD1V1 would be a second team that staff and team-routing.dmn cannot tell apart
            teams.findAll().stream().filter(t -> t.id().equalsIgnoreCase(team.id())).findFirst()
                    .ifPresent(other -> problems.add(new FieldProblem("teamId", "已有团队 " + other.id() + "（"
                            + other.name() + "），编号只差大小写：修改该团队请用 " + other.id() + "，新建团队请换一个编号")));
        }
        existing.filter(current -> teams.inUse(current.id()))
                .ifPresent(current -> problems.addAll(fixedOnceInUse(current, team)));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        teams.save(team);
    }

    /**
     * A team with members or opportunities keeps its campus, product line and member group: its members work there
     * and are of that group, its opportunities are that campus's and line's (decision 660). A new team is made instead.
     */
    private List<FieldProblem> fixedOnceInUse(Team existing, Team team) {
        List<FieldProblem> problems = new ArrayList<>();
        String newTeam = "，已有成员或商机的团队不能更改；如需调整请新建团队";
        if (!existing.campusCode().equals(team.campusCode())) {
            problems.add(new FieldProblem("campus", "团队现属" + campuses.findActive(existing.campusCode())
                    .map(com.enrollflow.reference.Campus::name).orElse(existing.campusCode()) + "（"
                    + existing.campusCode() + "）" + newTeam));
        }
        if (!existing.productLine().equals(team.productLine())) {
            problems.add(new FieldProblem("productLine", "团队现为" + Coded.parse(ProductLine.class,
                    existing.productLine()).map(ProductLine::label).orElse(existing.productLine()) + "产品线" + newTeam));
        }
        if (!existing.memberGroup().equals(team.memberGroup())) {
            problems.add(new FieldProblem("memberGroup", "团队成员现为" + staff.groupName(existing.memberGroup())
                    + "（" + existing.memberGroup() + "）" + newTeam));
        }
        return problems;
    }

    public void saveMember(String teamId, String userId, MemberStatus status, int capacity) {
        // the team as it is once a change of it at the same moment has committed (saveTeam takes the same lock)
        teams.lockTeam(teamId);
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
        // a member since moved to another role (a consultant who now teaches) is not handed families to sell to; nor
        // is anyone outside the team, on leave, or no longer at its campus: renewals and chases check nothing else
        for (String target : targets) {
            if (!staff.isMember(target, team.memberGroup())) {
                throw new InvalidInputException("to", staff.displayName(target) + "已不是"
                        + staff.groupName(team.memberGroup()) + "，不能接收转交的商机");
            }
            MemberStatus standing = teams.member(teamId, target).map(TeamMember::status).orElse(null);
            if (standing != MemberStatus.ACTIVE || !staff.worksAt(target, team.campusCode())) {
                throw new InvalidInputException("to", staff.displayName(target) + (standing == null ? "不是"
                        + team.name() + "的成员" : standing != MemberStatus.ACTIVE ? "当前状态为" + standing.label()
                        : "不在本校区工作") + "，不能接收转交的工作");
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
        notices.send(team, userId, newStatus, moved, actor);
        return moved;
    }

    /**
     * 离职转交 as the Tasklist start form asks it, with the team, the member and the receivers as staff type them: a
     * team of the caller's campuses by its id or name, people by login or name among the team's members. Each refusal
     * names its field ({@code team}, {@code member}, {@code status}, {@code to}); nothing moves then.
     */
    public HandedOver handOver(HandOverAsked asked, String actor) {
        InputRules rules = new InputRules();
        String teamText = rules.required("team", asked.team(), 40);
        String memberText = rules.required("member", asked.member(), 64);
        MemberStatus status = rules.code("status", asked.status(), MemberStatus.class, true);
        String toText = rules.optional("to", asked.to(), 500);
        Team team = teamText == null ? null : visibleTeamNamed(rules, teamText);
        rules.throwIfAny();
        Map<String, String> members = staff.displayNames(teams.members(team.id()).stream()
                .map(TeamMember::userId).toList());
        String member = person(rules, "member", memberText, members, team);
        List<String> to = new ArrayList<>();
        for (String given : toText == null ? new String[0] : toText.strip().split("[,，、;；\\s]+")) {
            String receiver = person(rules, "to", given, members, team);
            if (receiver != null && !to.contains(receiver)) {
                to.add(receiver);
            }
        }
        rules.throwIfAny();
        List<Moved> moved = handOver(team.id(), member, to, status, actor);
        return new HandedOver(team.campusCode(), moved, team.name() + "的" + staff.displayName(member) + "已改为"
                + status.label() + "；" + (moved.isEmpty() ? "没有需要转交的工作" : "已转交给 " + describe(moved)));
    }

    /** The most open opportunities a member may hold (上限), as the API's member request allows. */
    public static final int MAX_CAPACITY = 10_000;

    /**
     * 团队成员设置 as the Tasklist start form asks it: a team of the caller's campuses by its id or name; a person by
     * login or name among the team's members or, to add a new colleague, the campus's staff of the team's role; 在职
     * or 休假 (离职 only through 离职转交, which hands the work over); the capacity, kept when left empty for a member
     * and required for a new one. Each refusal names its field ({@code team}, {@code member}, {@code status},
     * {@code capacity}); nothing changes then.
     */
    public MemberSaved saveMember(MemberAsked asked) {
        InputRules rules = new InputRules();
        String teamText = rules.required("team", asked.team(), 40);
        String memberText = rules.required("member", asked.member(), 64);
        MemberStatus status = rules.code("status", asked.status(), MemberStatus.class, true);
        if (status == MemberStatus.LEFT) {
            rules.problem("status", "成员离职请用“离职转交”：手上的商机、续费和催缴会一并转交，转交后状态即为离职");
        }
        if (asked.capacity() != null && (asked.capacity() < 0 || asked.capacity() > MAX_CAPACITY)) {
            rules.problem("capacity", "应在 0 到 " + MAX_CAPACITY + " 之间");
        }
        Team team = teamText == null ? null : visibleTeamNamed(rules, teamText);
        rules.throwIfAny();
        Map<String, String> members = staff.displayNames(teams.members(team.id()).stream()
                .map(TeamMember::userId).toList());
        // a new colleague: the campus's own staff in the team's role, not yet in the team
        Map<String, String> colleagues = new HashMap<>(staff.displayNames(staff.campusStaff(
                team.campusCode()).stream().filter(u -> !members.containsKey(u))
                .filter(u -> staff.isMember(u, team.memberGroup())).toList()));
        colleagues.putAll(members);
        String member = person(rules, "member", memberText, colleagues, "“" + memberText + "”既不是" + team.name()
                + "的成员，也不是本校区的" + staff.groupName(team.memberGroup()));
        rules.throwIfAny();
        Optional<TeamMember> before = teams.member(team.id(), member);
        if (asked.capacity() == null && before.isEmpty()) {
            throw new InvalidInputException("capacity", "新成员须填写负责商机上限（同时跟进中的商机最多多少个）");
        }
        int capacity = asked.capacity() != null ? asked.capacity() : before.get().capacity();
        try {
            saveMember(team.id(), member, status, capacity);
        } catch (InvalidInputException refused) {
            // a member since moved to another role or campus: named under the form's field, not the API's path
            throw new InvalidInputException(refused.problems().stream().map(p -> "userId".equals(p.field())
                    ? new FieldProblem("member", p.message()) : p).toList());
        }
        String who = team.name() + "的" + staff.displayName(member);
        return new MemberSaved(team.campusCode(), before.isEmpty() ? who + "已加入团队：" + status.label()
                + "，负责商机上限 " + capacity + " 个" : who + "已改为" + status.label() + "，负责商机上限 "
                + capacity + " 个（原为" + before.get().status().label() + "，" + before.get().capacity() + " 个）");
    }

    /** The most leads a member of a claim team may hold not yet contacted (领取上限), as the API allows. */
    public static final int MAX_CLAIM_HOLD = 1000;

    /**
     * 销售团队设置 as the Tasklist start form asks it: a team of the caller's campuses by its id or name, the person
     * strategy staff choose by its Chinese name (empty: as it is) and the claim hold cap (empty: as it is); at least
     * one of the two. Campus, product line and members stay (those are set up once). Each refusal names its field
     * ({@code team}, {@code strategy}, {@code claimHoldCap}); nothing changes then.
     */
    public TeamSaved saveSettings(TeamAsked asked) {
        InputRules rules = new InputRules();
        String teamText = rules.required("team", asked.team(), 40);
        AssignmentStrategy strategy = rules.code("strategy", asked.strategy(), AssignmentStrategy.class, false);
        if (asked.claimHoldCap() != null && (asked.claimHoldCap() < 1 || asked.claimHoldCap() > MAX_CLAIM_HOLD)) {
            rules.problem("claimHoldCap", "应在 1 到 " + MAX_CLAIM_HOLD + " 之间");
        }
        Boolean active = activeAsked(rules, asked.teamStatus());
        if ((asked.strategy() == null || asked.strategy().isBlank()) && asked.claimHoldCap() == null
                && (asked.teamStatus() == null || asked.teamStatus().isBlank())) {
            rules.problem("strategy", "请选择新的分配策略、填写领取上限，或选择团队状态");
        }
        Team team = teamText == null ? null : visibleTeamNamed(rules, teamText);
        rules.throwIfAny();
        AssignmentStrategy chosen = strategy != null ? strategy : team.strategy();
        int cap = asked.claimHoldCap() != null ? asked.claimHoldCap() : team.claimHoldCap();
        boolean nowActive = active != null ? active : team.active();
        saveTeam(new Team(team.id(), team.name(), team.campusCode(), team.productLine(), chosen, team.memberGroup(),
                cap, nowActive));
        String strategyText = chosen == team.strategy() ? "分配策略仍为" + chosen.label()
                : "分配策略已改为" + chosen.label() + "（原为" + team.strategy().label() + "）";
        String capText = cap == team.claimHoldCap() ? "领取上限仍为 " + cap + " 条"
                : "领取上限已改为 " + cap + " 条（原为 " + team.claimHoldCap() + " 条）";
        String statusText = nowActive == team.active() ? "" : nowActive
                ? "；团队已启用：之后按分配规则分到本团队的新商机再由本团队分配"
                : "；团队已停用：之后按分配规则分到本团队的新商机交由校区销售主管指定负责人，"
                        + "已分配的商机和团队池中的商机不变，成员照常跟进和领取";
        return new TeamSaved(team.campusCode(), team.name() + "：" + strategyText + "，之后分配的商机按此策略；"
                + capText + statusText + "。");
    }

    /** 团队状态 of 销售团队设置: 启用 (ACTIVE) or 停用 (INACTIVE), code or word; empty: as it is (null). */
    private static Boolean activeAsked(InputRules rules, String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        return switch (given.strip()) {
            case "ACTIVE", "启用" -> true;
            case "INACTIVE", "停用" -> false;
            default -> {
                rules.problem("teamStatus", "“" + given.strip() + "”不是团队状态；可选：启用、停用");
                yield null;
            }
        };
    }

    /**
     * The start form 销售团队设置's fields: 团队, 分配策略 (a code or its label), 领取上限, 团队状态 (启用/停用, code or
     * word); each null: as it is.
     */
    public record TeamAsked(String team, String strategy, Integer claimHoldCap, String teamStatus) {
    }

    /** A team's settings saved: its campus, and what the supervisor is told. */
    public record TeamSaved(String campusCode, String told) {
    }

    /** The start form 团队成员设置's fields: 团队, 成员, 状态, 负责商机上限 (null: as it is). */
    public record MemberAsked(String team, String member, String status, Integer capacity) {
    }

    /** A member saved: the team's campus, and what the supervisor is told. */
    public record MemberSaved(String campusCode, String told) {
    }

    /** A hand-over done: the team's campus, what moved, and what the supervisor is told (团队的谁改为什么，转交了什么). */
    public record HandedOver(String campusCode, List<Moved> moved, String told) {
    }

    /** The start form's fields: 团队, 离开的成员, 转交后状态, 接收人. */
    public record HandOverAsked(String team, String member, String status, String to) {
    }

    /** What moved, per receiver, as the supervisor reads it: 陈静（chenjing）：商机 2 项、续费 1 项；辅导改进取消 1 项. */
    public String describe(List<Moved> moved) {
        return notices.summary(moved);
    }

    private Team visibleTeamNamed(InputRules rules, String given) {
        List<Team> named = teams.findAll().stream().filter(t -> scope.current().seesCampus(t.campusCode()))
                .filter(t -> t.id().equalsIgnoreCase(given) || t.name().equals(given)).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        rules.problem("team", named.isEmpty() ? "您负责的校区没有销售团队“" + given + "”"
                : "有多个名为“" + given + "”的团队，请填写团队编号（" + String.join("、",
                        named.stream().map(Team::id).toList()) + "）");
        return null;
    }

    /** A member of the team by login or by name (李伟, or 李伟（liwei） as the system shows it). */
    private String person(InputRules rules, String field, String given, Map<String, String> members,
            Team team) {
        return person(rules, field, given, members, "“" + given + "”不是" + team.name() + "的成员");
    }

    private String person(InputRules rules, String field, String given, Map<String, String> members,
            String unknown) {
        if (given == null || given.isBlank()) {
            return null;
        }
        List<String> found = members.entrySet().stream().filter(m -> m.getKey().equalsIgnoreCase(given)
                || m.getValue().equals(given) || m.getValue().startsWith(given + "（")).map(Map.Entry::getKey)
                .sorted().toList();
        if (found.size() == 1) {
            return found.get(0);
        }
        rules.problem(field, found.isEmpty() ? unknown
                : "“" + given + "”有重名，请填写登录名（" + String.join("、", found) + "）");
        return null;
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
