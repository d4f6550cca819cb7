package com.enrollflow.assignment;

import static com.enrollflow.assignment.AssignmentStrategy.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The seven strategies (OwnerSelection): who gets the lead, who is skipped and why, and fair tie-breaks. */
class OwnerSelectionTests {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 2, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    private static final BigDecimal RATE = new BigDecimal("0.25");

    /** A member with the figures that matter; the rest neutral. */
    private static Candidate member(String id, int open) {
        return new Candidate(id, null, MemberStatus.ACTIVE, 30, open, 0, T0, RATE, false, false, false);
    }

    private static Candidate with(Candidate c, MemberStatus status, Integer capacity, Integer batch,
            OffsetDateTime last, BigDecimal rate, Boolean previous, Boolean original, Boolean takenFrom) {
        return new Candidate(c.userId(), c.displayName(), status == null ? c.status() : status,
                capacity == null ? c.capacity() : capacity, c.openCount(), batch == null ? c.assignedInBatch() : batch,
                last == null ? c.lastAssignedAt() : last, rate == null ? c.conversionRate() : rate,
                previous == null ? c.previousOwner() : previous, original == null ? c.originalOwner() : original,
                takenFrom == null ? c.takenFrom() : takenFrom);
    }

    @Test
    void shouldLeaveTheChoiceToTheSupervisorWhenTheTeamDesignates() {
        Choice choice = OwnerSelection.choose(SUPERVISOR_DESIGNATES, List.of(member("liwei", 0), member("chenjing", 9)));
        assertThat(choice.outcome()).isEqualTo(Choice.Outcome.SUPERVISOR);
        assertThat(choice.userId()).isNull();
        assertThat(choice.reason()).isEqualTo("本组由主管指定负责人");
        assertThat(choice.considered()).hasSize(2);
    }

    @Test
    void shouldPutTheLeadInTheTeamPoolWhenMembersClaimRoundRobin() {
        Choice choice = OwnerSelection.choose(ROUND_ROBIN_CLAIM, List.of(member("zhangli", 0)));
        assertThat(choice.outcome()).isEqualTo(Choice.Outcome.TEAM_POOL);
        assertThat(choice.userId()).isNull();
    }

    @Test
    void shouldGiveTheLeadToTheMemberWithFewestOpenOpportunities() {
        Choice choice = OwnerSelection.choose(FEWEST_OPEN, List.of(member("liwei", 4), member("chenjing", 2),
                member("liuyang", 3)));
        assertThat(choice.outcome()).isEqualTo(Choice.Outcome.ASSIGN);
        assertThat(choice.userId()).isEqualTo("chenjing");
        assertThat(choice.reason()).isEqualTo("平均分批：chenjing在跟商机最少（2）");
    }

    @Test
    void shouldDealTodaysBatchEvenlyBeforeLookingAtLoad() {
        Candidate busyButFewToday = with(member("liwei", 9), null, null, 1, null, null, null, null, null);
        Candidate idleButManyToday = with(member("chenjing", 0), null, null, 3, null, null, null, null, null);
        Candidate sameBatchMoreOpen = with(member("liuyang", 12), null, null, 1, null, null, null, null, null);
        Choice choice = OwnerSelection.choose(BATCH_AVERAGE, List.of(busyButFewToday, idleButManyToday,
                sameBatchMoreOpen));
        assertThat(choice.userId()).isEqualTo("liwei");
        assertThat(choice.reason()).contains("本批次分得最少（1）");
    }

    @Test
    void shouldGiveAMemberWhoConvertsTwiceAsWellTwiceTheLoad() {
        Candidate strong = with(member("zhoujie", 3), null, null, null, null, new BigDecimal("0.40"), null, null, null);
        Candidate weak = with(member("wuyan", 1), null, null, null, null, new BigDecimal("0.20"), null, null, null);
        // (3 + 1) / 0.4 = 10 and (1 + 1) / 0.2 = 10: a tie, broken fairly (same last assignment: lower id)
        assertThat(OwnerSelection.choose(ABILITY_AVERAGE, List.of(strong, weak)).userId()).isEqualTo("wuyan");
        // (2 + 1) / 0.4 = 7.5 beats (1 + 1) / 0.2 = 10
        Candidate strongWithTwo = new Candidate("zhoujie", null, MemberStatus.ACTIVE, 30, 2, 0, T0,
                new BigDecimal("0.40"), false, false, false);
        assertThat(OwnerSelection.choose(ABILITY_AVERAGE, List.of(strongWithTwo, weak)).userId()).isEqualTo("zhoujie");
    }

    @Test
    void shouldNotStarveAMemberWhoHasNotConvertedYet() {
        Candidate zero = with(member("newbie", 0), null, null, null, null, BigDecimal.ZERO, null, null, null);
        Candidate star = with(member("star", 10), null, null, null, null, new BigDecimal("0.50"), null, null, null);
        // zero counts as 5 %: (0 + 1) / 0.05 = 20 beats (10 + 1) / 0.5 = 22
        assertThat(OwnerSelection.choose(ABILITY_AVERAGE, List.of(zero, star)).userId()).isEqualTo("newbie");
    }

    @ParameterizedTest
    @EnumSource(value = AssignmentStrategy.class, names = {"FEWEST_OPEN", "BATCH_AVERAGE", "ABILITY_AVERAGE",
            "NEVER_SAME_PERSON", "BACK_TO_SAME_PERSON"})
    void shouldSkipMembersOnLeaveLeftOrAtCapacityAndTheOneItWasTakenFrom(AssignmentStrategy strategy) {
        List<Candidate> team = List.of(
                with(member("a1", 0), MemberStatus.ON_LEAVE, null, null, null, null, null, null, null),
                with(member("a2", 0), MemberStatus.LEFT, null, null, null, null, null, null, null),
                with(member("a3", 5), null, 5, null, null, null, null, null, null),
                with(member("a4", 0), null, null, null, null, null, null, null, true),
                member("a5", 7));
        Choice choice = OwnerSelection.choose(strategy, team);
        assertThat(choice.outcome()).isEqualTo(Choice.Outcome.ASSIGN);
        assertThat(choice.userId()).isEqualTo("a5");
        assertThat(choice.considered()).hasSize(5);
        assertThat(choice.considered().get(0)).contains("a1").endsWith("休假，跳过");
        assertThat(choice.considered().get(1)).contains("a2").endsWith("离职，跳过");
        assertThat(choice.considered().get(2)).contains("在跟 5/5").endsWith("已达上限，跳过");
        assertThat(choice.considered().get(3)).endsWith("刚被收回，跳过");
        assertThat(choice.considered().get(4)).doesNotContain("跳过");
    }

    @ParameterizedTest
    @EnumSource(value = AssignmentStrategy.class, names = {"FEWEST_OPEN", "BATCH_AVERAGE", "ABILITY_AVERAGE",
            "NEVER_SAME_PERSON", "BACK_TO_SAME_PERSON"})
    void shouldAskTheSupervisorWhenNobodyCanTakeTheLead(AssignmentStrategy strategy) {
        List<Candidate> team = List.of(with(member("a1", 0), MemberStatus.ON_LEAVE, null, null, null, null, null, null,
                null), with(member("a2", 3), null, 3, null, null, null, null, null, null));
        Choice choice = OwnerSelection.choose(strategy, team);
        assertThat(choice.outcome()).isEqualTo(Choice.Outcome.SUPERVISOR);
        assertThat(choice.reason()).contains("请主管指定");
        assertThat(OwnerSelection.choose(strategy, List.of()).outcome()).isEqualTo(Choice.Outcome.SUPERVISOR);
    }

    @Test
    void shouldBreakTiesByLongestWaitThenUserIdWhateverTheOrderOfTheList() {
        Candidate recent = with(member("aaa", 1), null, null, null, T0.plusHours(2), null, null, null, null);
        Candidate waitedLongest = with(member("zzz", 1), null, null, null, T0.minusDays(1), null, null, null, null);
        Candidate alsoLongest = with(member("mmm", 1), null, null, null, T0.minusDays(1), null, null, null, null);
        List<Candidate> team = new ArrayList<>(List.of(recent, waitedLongest, alsoLongest));
        Random random = new Random(7);
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(team, random);
            assertThat(OwnerSelection.choose(FEWEST_OPEN, team).userId()).isEqualTo("mmm");
        }
        Candidate never = new Candidate("yyy", null, MemberStatus.ACTIVE, 30, 1, 0, null, RATE, false, false, false);
        team.add(never);
        Collections.shuffle(team, random);
        assertThat(OwnerSelection.choose(FEWEST_OPEN, team).userId()).as("never assigned waits longest").isEqualTo("yyy");
    }

    @Test
    void shouldSkipEveryoneWhoOwnedTheLeadBeforeAndAskTheSupervisorWhenAllHave() {
        Candidate before = with(member("liwei", 0), null, null, null, null, null, true, null, null);
        Candidate fresh = member("xuming", 6);
        Choice choice = OwnerSelection.choose(NEVER_SAME_PERSON, List.of(before, fresh));
        assertThat(choice.userId()).isEqualTo("xuming");
        assertThat(choice.considered().get(0)).endsWith("曾跟进过，跳过");

        Candidate alsoBefore = with(fresh, null, null, null, null, null, true, null, null);
        Choice none = OwnerSelection.choose(NEVER_SAME_PERSON, List.of(before, alsoBefore));
        assertThat(none.outcome()).isEqualTo(Choice.Outcome.SUPERVISOR);
        assertThat(none.reason()).isEqualTo("所有可分配成员都曾跟进过此商机，请主管指定");
    }

    @Test
    void shouldGiveARecycledLeadBackToItsFirstOwnerEvenIfItWasTakenFromThem() {
        Candidate original = with(member("sunli", 8), null, null, null, null, null, true, true, true);
        Candidate other = member("zhaolei", 0);
        Choice choice = OwnerSelection.choose(BACK_TO_SAME_PERSON, List.of(original, other));
        assertThat(choice.userId()).isEqualTo("sunli");
        assertThat(choice.reason()).isEqualTo("回收后分配给原负责人 sunli");
    }

    @Test
    void shouldFallBackToFewestOpenWhenTheFirstOwnerCannotTakeItBack() {
        Candidate onLeave = with(member("sunli", 0), MemberStatus.ON_LEAVE, null, null, null, null, true, true, null);
        Choice choice = OwnerSelection.choose(BACK_TO_SAME_PERSON, List.of(onLeave, member("zhaolei", 4),
                member("wuyan", 2)));
        assertThat(choice.userId()).isEqualTo("wuyan");
        assertThat(choice.reason()).startsWith("原负责人 sunli休假，改按平均分批");
    }

    @Test
    void shouldNameMembersByTheirDisplayNameInReasons() {
        Candidate named = new Candidate("liwei", "李伟", MemberStatus.ACTIVE, 30, 3, 2, T0, RATE, false, false, false);
        Choice choice = OwnerSelection.choose(FEWEST_OPEN, List.of(named));
        assertThat(choice.reason()).isEqualTo("平均分批：李伟在跟商机最少（3）");
        assertThat(choice.considered()).containsExactly("李伟（liwei）：在跟 3/30，今日已分 2，转化率 25%");
    }

    @Test
    void shouldKeepThreeEqualMembersWithinOneLeadOfEachOtherOverAThousandAssignments() {
        List<Candidate> team = new ArrayList<>(List.of(member("a", 0), member("b", 0), member("c", 0)));
        for (int i = 0; i < 1000; i++) {
            String chosen = OwnerSelection.choose(FEWEST_OPEN, team).userId();
            OffsetDateTime now = T0.plusMinutes(i + 1);
            team.replaceAll(c -> c.userId().equals(chosen) ? new Candidate(c.userId(), null, c.status(), 10_000,
                    c.openCount() + 1, 0, now, RATE, false, false, false) : c);
        }
        int max = team.stream().mapToInt(Candidate::openCount).max().orElseThrow();
        int min = team.stream().mapToInt(Candidate::openCount).min().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
        assertThat(team.stream().mapToInt(Candidate::openCount).sum()).isEqualTo(1000);
    }
}
