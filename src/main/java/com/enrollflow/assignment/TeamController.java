package com.enrollflow.assignment;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.common.Coded;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.opportunity.OpportunityAccess;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Scope;

import io.swagger.v3.oas.annotations.Operation;

/** Sales teams, their members and hand-over (销售团队管理); changes by sales supervisors and admins. */
@RestController
class TeamController {

    private final TeamRepository teams;
    private final TeamAdministration administration;
    private final AssignmentService assignments;
    private final AssignmentEventRepository events;
    private final CampusScope scope;
    private final OpportunityAccess access;
    private final Campuses campuses;

    TeamController(TeamRepository teams, TeamAdministration administration, AssignmentService assignments,
            AssignmentEventRepository events, CampusScope scope, OpportunityAccess access,
            Campuses campuses) {
        this.campuses = campuses;
        this.scope = scope;
        this.access = access;
        this.teams = teams;
        this.administration = administration;
        this.assignments = assignments;
        this.events = events;
    }

    record MemberView(String userId, MemberStatus status, String statusLabel, int capacity, int openCount,
            java.time.OffsetDateTime lastAssignedAt) {
    }

    record TeamView(String id, String name, String campus, String campusName, String productLine,
            String productLineLabel, AssignmentStrategy strategy, String strategyLabel, String memberGroup,
            int claimHoldCap, boolean active, List<MemberView> members) {
    }

    /** Bean Validation's messages come from ValidationMessages.properties (必填, 不能小于 0 …) but where they say more. */
    record TeamRequest(@NotBlank @Size(max = 64, message = "不能超过 64 个字符") String name, String campus,
            String productLine, @NotNull AssignmentStrategy strategy,
            @Pattern(regexp = "consultant|callCenter", message = "可选：consultant（课程顾问）、callCenter（呼叫中心）")
            String memberGroup, @Min(1) @Max(TeamAdministration.MAX_CLAIM_HOLD) Integer claimHoldCap, Boolean active) {
    }

    record MemberRequest(@NotNull MemberStatus status,
            @NotNull @Min(0) @Max(TeamAdministration.MAX_CAPACITY) Integer capacity) {
    }

    record HandOverRequest(List<@NotBlank(message = "不能为空") @Size(max = 64, message = "不能超过 64 个字符") String> to,
            MemberStatus status) {
    }

    record ExemptRequest(@NotNull Boolean exempt, @Size(max = 200, message = "不能超过 200 个字符") String reason) {
    }

    @Operation(summary = "销售团队及成员（状态、上限、在跟商机数）")
    @GetMapping("/api/teams")
    List<TeamView> list() {
        Scope visible = scope.current();
        return teams.findAll().stream().filter(t -> visible.seesCampus(t.campusCode())).map(this::view).toList();
    }

    @Operation(summary = "一个销售团队")
    @GetMapping("/api/teams/{teamId}")
    TeamView get(@PathVariable String teamId) {
        return view(visibleTeam(teamId));
    }

    /** A team of a campus the caller works for; any other answers as if it did not exist (校区数据范围). */
    private Team visibleTeam(String teamId) {
        Team team = teams.find(teamId).orElse(null);
        if (team == null || !scope.current().seesCampus(team.campusCode())) {
            throw OpportunityAccess.notFound("销售团队 " + teamId);
        }
        return team;
    }

    @Operation(summary = "新建或修改销售团队（校区 × 产品线、分配策略）",
            description = "修改时未填的 memberGroup、claimHoldCap、active 保持原值；已有成员或商机的团队不能更改校区、产品线与成员组")
    @PutMapping("/api/teams/{teamId}")
    TeamView save(@PathVariable @Pattern(regexp = "[A-Za-z0-9]{1,32}", message = "团队编号只能由 1 到 32 个字母或数字组成")
            String teamId,
            @Valid @RequestBody TeamRequest r) {
        Optional<Team> current = teams.find(teamId);
        if (current.isPresent()) {
            visibleTeam(teamId);
        }
        InputRules rules = new InputRules();
        String campus = campuses.code(rules::problem, "campus", r.campus(), true);
        ProductLine productLine = rules.code("productLine", r.productLine(), ProductLine.class, true);
        rules.throwIfAny();
        if (!scope.current().seesCampus(campus)) {
            throw new InvalidInputException("campus", "您不负责校区“" + r.campus() + "”，不能"
                    + (current.isPresent() ? "把团队改到该校区" : "在该校区建立团队"));
        }
        // what a change leaves out stays as it is (a stopped 呼叫中心 team renamed stays stopped and 呼叫中心); a new
        // team is of 课程顾问, holds 5 unclaimed leads and is active
        String memberGroup = r.memberGroup() != null ? r.memberGroup()
                : current.map(Team::memberGroup).orElse("consultant");
        int claimHoldCap = r.claimHoldCap() != null ? r.claimHoldCap() : current.map(Team::claimHoldCap).orElse(5);
        boolean active = r.active() != null ? r.active() : current.map(Team::active).orElse(true);
        administration.saveTeam(new Team(teamId, r.name(), campus, productLine.name(), r.strategy(), memberGroup,
                claimHoldCap, active));
        return get(teamId);
    }

    @Operation(summary = "加入或修改团队成员：状态（在职/休假/离职）与最多在跟商机数")
    @PutMapping("/api/teams/{teamId}/members/{userId}")
    TeamView saveMember(@PathVariable String teamId, @PathVariable String userId,
            @Valid @RequestBody MemberRequest r) {
        visibleTeam(teamId);
        administration.saveMember(teamId, userId, r.status(), r.capacity());
        return get(teamId);
    }

    @Operation(summary = "离职或休假转交：成员的全部在跟商机及其待办任务一次转交给指定成员，或按团队策略重新分配；"
            + "本校区本产品线进行中的续费与分期催缴一并转交给指定成员，或由团队其他在职成员轮流接手")
    @PostMapping("/api/teams/{teamId}/members/{userId}/hand-over")
    List<TeamAdministration.Moved> handOver(@PathVariable String teamId, @PathVariable String userId,
            @Valid @RequestBody HandOverRequest r, Principal principal) {
        visibleTeam(teamId);
        return administration.handOver(teamId, userId, r.to(), r.status() == null ? MemberStatus.LEFT : r.status(),
                principal.getName());
    }

    @Operation(summary = "商机的分配历史：分配、领取、预警、回收、退回、转交")
    @GetMapping("/api/opportunities/{opportunityId}/assignments")
    List<AssignmentEventRepository.Entry> history(@PathVariable long opportunityId) {
        access.require(opportunityId);
        return events.forOpportunity(opportunityId);
    }

    @Operation(summary = "锁定或 VIP 商机免回收（主管）")
    @PutMapping("/api/opportunities/{opportunityId}/recycle-exempt")
    void exempt(@PathVariable long opportunityId, @Valid @RequestBody ExemptRequest r, Principal principal) {
        access.require(opportunityId);
        assignments.setRecycleExempt(opportunityId, r.exempt(), r.reason(), principal.getName());
    }

    private TeamView view(Team t) {
        var open = teams.openCounts(t.id());
        List<MemberView> members = teams.members(t.id()).stream()
                .map(m -> new MemberView(m.userId(), m.status(), m.status().label(), m.capacity(),
                        open.getOrDefault(m.userId(), 0), m.lastAssignedAt()))
                .toList();
        return new TeamView(t.id(), t.name(), t.campusCode(),
                campuses.nameOf(t.campusCode()),
                t.productLine(), Coded.parse(ProductLine.class, t.productLine()).map(ProductLine::label).orElse(null),
                t.strategy(), t.strategy().label(), t.memberGroup(), t.claimHoldCap(), t.active(), members);
    }
}
