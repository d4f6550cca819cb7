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

/**
 * The seven strategies as the shipped table bpmn/assignment-strategy.dmn defines them, applied by OwnerSelection:
 * who gets the lead, who is skipped and why, fair tie-breaks; and a changed row changing the choice.
 */
class OwnerSelectionTests {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 2, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    private static final BigDecimal RATE = new BigDecimal("0.25");

    /** The choice by the strategy's row of the shipped table; a redistribution when the lead was taken from someone. */
    private static Choice choose(AssignmentStrategy strategy, List<Candidate> candidates) {
        boolean redistribution = candidates.stream().anyMatch(Candidate::takenFrom);
        return OwnerSelection.choose(strategy, StrategyTableFile.SHIPPED.ruleFor(strategy, redistribution), candidates);
    }

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
        Choice choice = choose(SUPERVISOR_DESIGNATES, List.of(member("liwei", 0), member("chenjing", 9)));
        assertThat(choice.outcome()).isEqualTo(Choice.Outcome.SUPERVISOR);
        assertThat(choice.userId()).isNull();
        assertThat(choice.reason()).isEqualTo("本组由主管指定负责人");
        assertThat(choice.considered()).hasSize(2);
    }

    @Test
    void shouldPutTheLeadInTheTeamPoolWhenMembersClaimRoundRobin() {
        Choice choice = choose(ROUND_ROBIN_CLAIM, List.of(member("zhangli", 0)));
        assertThat(choice.outcome()).isEqualTo(Choice.Outcome.TEAM_POOL);
        assertThat(choice.userId()).isNull();
        assertThat(choice.reason()).isEqualTo("本组采用轮询申领：放入团队池，由成员领取");
    }

    @Test
    void shouldGiveTheLeadToTheMemberWithFewestOpenOpportunities() {
        Choice choice = choose(FEWEST_OPEN, List.of(member("liwei", 4), member("chenjing", 2),
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
        Choice choice = choose(BATCH_AVERAGE, List.of(busyButFewToday, idleButManyToday,
                sameBatchMoreOpen));
        assertThat(choice.userId()).isEqualTo("liwei");
        assertThat(choice.reason()).contains("本批次分得最少（1）");
    }

    @Test
    void shouldGiveAMemberWhoConvertsTwiceAsWellTwiceTheLoad() {
        Candidate strong = with(member("zhoujie", 3), null, null, null, null, new BigDecimal("0.40"), null, null, null);
        Candidate weak = with(member("wuyan", 1), null, null, null, null, new BigDecimal("0.20"), null, null, null);
        // (3 + 1) / 0.4 = 10 and (1 + 1) / 0.2 = 10: a tie, broken fairly (same last assignment: lower id)
        assertThat(choose(ABILITY_AVERAGE, List.of(strong, weak)).userId()).isEqualTo("wuyan");
        // (2 + 1) / 0.4 = 7.5 beats (1 + 1) / 0.2 = 10
        Candidate strongWithTwo = new Candidate("zhoujie", null, MemberStatus.ACTIVE, 30, 2, 0, T0,
                new BigDecimal("0.40"), false, false, false);
        assertThat(choose(ABILITY_AVERAGE, List.of(strongWithTwo, weak)).userId()).isEqualTo("zhoujie");
    }

    @Test
    void shouldNotStarveAMemberWhoHasNotConvertedYet() {
        Candidate zero = with(member("newbie", 0), null, null, null, null, BigDecimal.ZERO, null, null, null);
        Candidate star = with(member("star", 10), null, null, null, null, new BigDecimal("0.50"), null, null, null);
        // zero counts as 5 %: (0 + 1) / 0.05 = 20 beats (10 + 1) / 0.5 = 22
        assertThat(choose(ABILITY_AVERAGE, List.of(zero, star)).userId()).isEqualTo("newbie");
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
        Choice choice = choose(strategy, team);
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
        Choice choice = choose(strategy, team);
        assertThat(choice.outcome()).isEqualTo(Choice.Outcome.SUPERVISOR);
        assertThat(choice.reason()).contains("请主管指定");
        assertThat(choose(strategy, List.of()).outcome()).isEqualTo(Choice.Outcome.SUPERVISOR);
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
            assertThat(choose(FEWEST_OPEN, team).userId()).isEqualTo("mmm");
        }
        Candidate never = new Candidate("yyy", null, MemberStatus.ACTIVE, 30, 1, 0, null, RATE, false, false, false);
        team.add(never);
        Collections.shuffle(team, random);
        assertThat(choose(FEWEST_OPEN, team).userId()).as("never assigned waits longest").isEqualTo("yyy");
    }

    @Test
    void shouldSkipEveryoneWhoOwnedTheLeadBeforeAndAskTheSupervisorWhenAllHave() {
        Candidate before = with(member("liwei", 0), null, null, null, null, null, true, null, null);
        Candidate fresh = member("xuming", 6);
        Choice choice = choose(NEVER_SAME_PERSON, List.of(before, fresh));
        assertThat(choice.userId()).isEqualTo("xuming");
        assertThat(choice.reason()).isEqualTo("不重复分配：xuming在跟商机最少（6），未跟进过此商机");
        assertThat(choice.considered().get(0)).endsWith("曾跟进过，跳过");

        Candidate alsoBefore = with(fresh, null, null, null, null, null, true, null, null);
        Choice none = choose(NEVER_SAME_PERSON, List.of(before, alsoBefore));
        assertThat(none.outcome()).isEqualTo(Choice.Outcome.SUPERVISOR);
        assertThat(none.reason()).isEqualTo("所有可分配成员都曾跟进过此商机，请主管指定");
    }

    @Test
    void shouldGiveARecycledLeadBackToItsFirstOwnerEvenIfItWasTakenFromThem() {
        Candidate original = with(member("sunli", 8), null, null, null, null, null, true, true, true);
        Candidate other = member("zhaolei", 0);
        Choice choice = choose(BACK_TO_SAME_PERSON, List.of(original, other));
        assertThat(choice.userId()).isEqualTo("sunli");
        assertThat(choice.reason()).isEqualTo("回收后分配给原负责人 sunli");
    }

    @Test
    void shouldFallBackToFewestOpenWhenTheFirstOwnerCannotTakeItBack() {
        Candidate onLeave = with(member("sunli", 0), MemberStatus.ON_LEAVE, null, null, null, null, true, true, null);
        Choice choice = choose(BACK_TO_SAME_PERSON, List.of(onLeave, member("zhaolei", 4),
                member("wuyan", 2)));
        assertThat(choice.userId()).isEqualTo("wuyan");
        assertThat(choice.reason()).isEqualTo("原负责人 sunli休假，改按在跟商机数少者优先：wuyan在跟商机最少（2）");
    }

    @Test
    void shouldNameMembersByTheirDisplayNameInReasons() {
        Candidate named = new Candidate("liwei", "李伟", MemberStatus.ACTIVE, 30, 3, 2, T0, RATE, false, false, false);
        Choice choice = choose(FEWEST_OPEN, List.of(named));
        assertThat(choice.reason()).isEqualTo("平均分批：李伟在跟商机最少（3）");
        assertThat(choice.considered()).containsExactly("李伟（liwei）：在跟 3/30，今日已分 2，转化率 25%");
    }

    @Test
    void shouldKeepThreeEqualMembersWithinOneLeadOfEachOtherOverAThousandAssignments() {
        List<Candidate> team = new ArrayList<>(List.of(member("a", 0), member("b", 0), member("c", 0)));
        for (int i = 0; i < 1000; i++) {
            String chosen = choose(FEWEST_OPEN, team).userId();
            OffsetDateTime now = T0.plusMinutes(i + 1);
            team.replaceAll(c -> c.userId().equals(chosen) ? new Candidate(c.userId(), null, c.status(), 10_000,
                    c.openCount() + 1, 0, now, RATE, false, false, false) : c);
        }
        int max = team.stream().mapToInt(Candidate::openCount).max().orElseThrow();
        int min = team.stream().mapToInt(Candidate::openCount).min().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
        assertThat(team.stream().mapToInt(Candidate::openCount).sum()).isEqualTo(1000);
    }

    // a process owner changes a row of the table: the choice follows, no Java changed

    @Test
    void shouldPreferTheBetterConverterAmongEquallyLoadedMembersWhenTheRowSaysConversionRateSecond() {
        Candidate weak = with(member("chenjing", 2), null, null, null, null, new BigDecimal("0.20"), null, null, null);
        Candidate strong = with(member("liwei", 2), null, null, null, null, new BigDecimal("0.40"), null, null, null);
        Candidate busy = with(member("aaa", 3), null, null, null, null, new BigDecimal("0.90"), null, null, null);
        List<Candidate> team = List.of(weak, strong, busy);
        assertThat(choose(FEWEST_OPEN, team).userId()).as("shipped: a tie on load goes to the lower id").isEqualTo("chenjing");

        StrategyTable changed = StrategyTableFile.edited("Rule_FewestOpen", 2, "\"转化率高者优先\"");
        Choice choice = OwnerSelection.choose(FEWEST_OPEN, changed.ruleFor(FEWEST_OPEN, false), team);
        assertThat(choice.userId()).isEqualTo("liwei");
        assertThat(choice.reason()).isEqualTo("平均分批：liwei在跟商机最少（2）");
    }

    @Test
    void shouldDealInTurnsWhenTheRowRanksByLongestWaitFirst() {
        Candidate idleButRecent = with(member("chenjing", 0), null, null, null, T0.plusHours(3), null, null, null, null);
        Candidate busyButWaiting = with(member("liwei", 8), null, null, null, T0.minusHours(5), null, null, null, null);
        StrategyTable changed = StrategyTableFile.edited("Rule_FewestOpen", 1, "\"最久未分配者优先\"");
        Choice choice = OwnerSelection.choose(FEWEST_OPEN, changed.ruleFor(FEWEST_OPEN, false),
                List.of(idleButRecent, busyButWaiting));
        assertThat(choice.userId()).isEqualTo("liwei");
        assertThat(choice.reason()).isEqualTo("平均分批：liwei最久未分到商机（上次 2026-11-02 04:00）");
        assertThat(choose(FEWEST_OPEN, List.of(idleButRecent, busyButWaiting)).userId()).isEqualTo("chenjing");
    }

    @Test
    void shouldGiveARecycledLeadBackToItsFirstOwnerBeforeThePoolWhenAClaimRowPrefersTheFirstOwner() {
        Candidate original = with(member("zhangli", 1), null, null, null, null, null, true, true, true);
        Candidate other = member("wangfang", 0);
        StrategyTable changed = StrategyTableFile.edited("Rule_RoundRobinClaim", 5, "true");
        StrategyRule rule = changed.ruleFor(ROUND_ROBIN_CLAIM, true);
        assertThat(OwnerSelection.choose(ROUND_ROBIN_CLAIM, rule, List.of(original, other)).userId())
                .isEqualTo("zhangli");
        Candidate originalOnLeave = with(original, MemberStatus.ON_LEAVE, null, null, null, null, null, null, null);
        assertThat(OwnerSelection.choose(ROUND_ROBIN_CLAIM, rule, List.of(originalOnLeave, other)).outcome())
                .isEqualTo(Choice.Outcome.TEAM_POOL);
    }

    @Test
    void shouldAskTheSupervisorWithTheTeamsStrategyNamedWhenTheRowSaysSupervisor() {
        StrategyTable changed = StrategyTableFile.edited("Rule_BatchAverage", 0, "\"SUPERVISOR\"");
        Choice choice = OwnerSelection.choose(BATCH_AVERAGE, changed.ruleFor(BATCH_AVERAGE, false),
                List.of(member("liwei", 0)));
        assertThat(choice.outcome()).isEqualTo(Choice.Outcome.SUPERVISOR);
        assertThat(choice.reason()).isEqualTo("本组采用批次平均：由主管指定负责人");
    }

    @Test
    void shouldLetTheSupervisorDecideARecycledLeadWhenARowForRedistributionsSaysSo() {
        // docs/distribution.md: the 平均分批 row for first distributions only, and a second row for redistributions
        String xml = StrategyTableFile.xml();
        int start = xml.indexOf("<rule id=\"Rule_FewestOpen\">");
        int end = xml.indexOf("</rule>", start) + "</rule>".length();
        String firstOnly = xml.substring(start, end).replaceFirst("<text>-</text>", "<text>false</text>");
        String redistribution = firstOnly.replace("FewestOpen", "FewestOpenAgain")
                .replace("<text>false</text>\n        </inputEntry>", "<text>true</text>\n        </inputEntry>")
                .replace("<text>\"ASSIGN\"</text>", "<text>\"SUPERVISOR\"</text>");
        StrategyTable changed = StrategyTableFile.fromXml(xml.substring(0, start) + firstOnly + "\n      "
                + redistribution + xml.substring(end));

        List<Candidate> firstTime = List.of(member("liwei", 0), member("chenjing", 1));
        assertThat(OwnerSelection.choose(FEWEST_OPEN, changed.ruleFor(FEWEST_OPEN, false), firstTime).userId())
                .isEqualTo("liwei");
        List<Candidate> recycled = List.of(with(member("chenjing", 1), null, null, null, null, null, true, true, true),
                member("liwei", 0));
        Choice choice = OwnerSelection.choose(FEWEST_OPEN, changed.ruleFor(FEWEST_OPEN, true), recycled);
        assertThat(choice.outcome()).isEqualTo(Choice.Outcome.SUPERVISOR);
        assertThat(choice.reason()).isEqualTo("本组采用平均分批：由主管指定负责人");
        assertThat(choose(FEWEST_OPEN, recycled).userId()).as("shipped: by load").isEqualTo("liwei");
    }
}
