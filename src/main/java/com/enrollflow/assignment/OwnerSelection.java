package com.enrollflow.assignment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Chooses a person for an opportunity by the team's strategy (分配到个人). Pure rules: the caller gives every
 * member with their figures and gets back whom to assign, or the team pool, or the supervisor, and why.
 */
public final class OwnerSelection {

    /** Nobody is starved by a poor record, nor divided by zero. */
    static final BigDecimal MIN_RATE = new BigDecimal("0.05");

    /** Longest since the last assignment first (never = first of all), then the lower user id. */
    static final Comparator<Candidate> FAIR = Comparator
            .comparing(Candidate::lastAssignedAt, Comparator.nullsFirst(Comparator.<OffsetDateTime>naturalOrder()))
            .thenComparing(Candidate::userId);

    private OwnerSelection() {
    }

    public static Choice choose(AssignmentStrategy strategy, List<Candidate> candidates) {
        return switch (strategy) {
            case SUPERVISOR_DESIGNATES -> new Choice(Choice.Outcome.SUPERVISOR, null, strategy, "本组由主管指定负责人",
                    describe(candidates, c -> null));
            case ROUND_ROBIN_CLAIM -> new Choice(Choice.Outcome.TEAM_POOL, null, strategy,
                    "本组采用轮询申领：放入团队池，由成员领取", describe(candidates, c -> null));
            case FEWEST_OPEN -> lowest(strategy, candidates, OwnerSelection::skip,
                    Comparator.comparingInt(Candidate::openCount), c -> "在跟商机最少（" + c.openCount() + "）");
            case BATCH_AVERAGE -> lowest(strategy, candidates, OwnerSelection::skip,
                    Comparator.comparingInt(Candidate::assignedInBatch).thenComparingInt(Candidate::openCount),
                    c -> "本批次分得最少（" + c.assignedInBatch() + "）");
            case ABILITY_AVERAGE -> lowest(strategy, candidates, OwnerSelection::skip, OwnerSelection::byAbility,
                    c -> "按转化率 " + percent(c.conversionRate()) + " 折算的负荷最低（在跟 " + c.openCount() + "）");
            case NEVER_SAME_PERSON -> neverSamePerson(candidates);
            case BACK_TO_SAME_PERSON -> backToSamePerson(candidates);
        };
    }

    /** Why an automatic strategy skips the member, or null when they can take the lead. */
    private static String skip(Candidate c) {
        if (c.status() != MemberStatus.ACTIVE) {
            return c.status().label() + "，跳过";
        }
        if (c.openCount() >= c.capacity()) {
            return "已达上限，跳过";
        }
        return c.takenFrom() ? "刚被收回，跳过" : null;
    }

    private static Choice neverSamePerson(List<Candidate> candidates) {
        java.util.function.Function<Candidate, String> skip = c -> {
            String s = skip(c);
            return s == null && c.previousOwner() ? "曾跟进过，跳过" : s;
        };
        Choice choice = lowest(AssignmentStrategy.NEVER_SAME_PERSON, candidates, skip,
                Comparator.comparingInt(Candidate::openCount), c -> "未跟进过此商机且在跟最少（" + c.openCount() + "）");
        boolean onlyPreviousOwnersLeft = choice.outcome() == Choice.Outcome.SUPERVISOR
                && candidates.stream().anyMatch(c -> skip(c) == null);
        return onlyPreviousOwnersLeft ? new Choice(Choice.Outcome.SUPERVISOR, null,
                AssignmentStrategy.NEVER_SAME_PERSON, "所有可分配成员都曾跟进过此商机，请主管指定", choice.considered())
                : choice;
    }

    private static Choice backToSamePerson(List<Candidate> candidates) {
        AssignmentStrategy strategy = AssignmentStrategy.BACK_TO_SAME_PERSON;
        Optional<Candidate> original = candidates.stream().filter(Candidate::originalOwner).findFirst();
        if (original.isPresent() && original.get().hasRoom()) {
            Candidate c = original.get();
            return new Choice(Choice.Outcome.ASSIGN, c.userId(), strategy, "回收后分配给原负责人 " + c.name(),
                    describe(candidates, m -> m == c ? null : "非原负责人"));
        }
        String why = original.map(c -> "原负责人 " + c.name() + (c.status() != MemberStatus.ACTIVE
                ? c.status().label() : "已达上限") + "，").orElse("");
        Choice fallback = lowest(strategy, candidates, OwnerSelection::skip,
                Comparator.comparingInt(Candidate::openCount), c -> "在跟商机最少（" + c.openCount() + "）");
        return fallback.outcome() == Choice.Outcome.ASSIGN
                ? new Choice(fallback.outcome(), fallback.userId(), strategy, why + "改按平均分批：" + fallback.reason(),
                        fallback.considered())
                : fallback;
    }

    /** Among the members nobody skips, the lowest by the strategy's order, ties broken fairly. */
    private static Choice lowest(AssignmentStrategy strategy, List<Candidate> candidates,
            java.util.function.Function<Candidate, String> skip, Comparator<Candidate> order,
            java.util.function.Function<Candidate, String> because) {
        List<String> considered = describe(candidates, skip);
        Predicate<Candidate> eligible = c -> skip.apply(c) == null;
        Optional<Candidate> best = candidates.stream().filter(eligible).min(order.thenComparing(FAIR));
        if (best.isEmpty()) {
            return new Choice(Choice.Outcome.SUPERVISOR, null, strategy,
                    "本组没有可分配的成员（休假、离职或已达上限），请主管指定", considered);
        }
        Candidate c = best.get();
        return new Choice(Choice.Outcome.ASSIGN, c.userId(), strategy,
                strategy.label() + "：" + c.name() + because.apply(c), considered);
    }

    /** (open + 1) / rate, compared exactly by cross-multiplying: a member converting twice as well holds twice as many. */
    private static int byAbility(Candidate a, Candidate b) {
        BigDecimal left = BigDecimal.valueOf(a.openCount() + 1L).multiply(rate(b));
        BigDecimal right = BigDecimal.valueOf(b.openCount() + 1L).multiply(rate(a));
        return left.compareTo(right);
    }

    private static BigDecimal rate(Candidate c) {
        return c.conversionRate().max(MIN_RATE);
    }

    private static List<String> describe(List<Candidate> candidates,
            java.util.function.Function<Candidate, String> skip) {
        List<String> lines = new ArrayList<>();
        for (Candidate c : candidates.stream().sorted(Comparator.comparing(Candidate::userId)).toList()) {
            String s = skip.apply(c);
            lines.add(c.name() + "（" + c.userId() + "）：在跟 " + c.openCount() + "/" + c.capacity() + "，今日已分 "
                    + c.assignedInBatch() + "，转化率 " + percent(c.conversionRate()) + (s == null ? "" : "，" + s));
        }
        return lines;
    }

    private static String percent(BigDecimal rate) {
        return rate.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP) + "%";
    }
}
