package com.enrollflow.assignment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses a person for an opportunity as the team's row of the strategy table says (分配到个人). Pure mechanics: the
 * caller gives the table's rule and every member with their figures, and gets back whom to assign, or the team
 * pool, or the supervisor, and why. What each strategy means lives in bpmn/assignment-strategy.dmn, not here.
 */
public final class OwnerSelection {

    /** Longest since the last assignment first (never = first of all), then the lower user id. */
    static final Comparator<Candidate> FAIR = Comparator
            .comparing(Candidate::lastAssignedAt, Comparator.nullsFirst(Comparator.<OffsetDateTime>naturalOrder()))
            .thenComparing(Candidate::userId);

    private OwnerSelection() {
    }

    /**
     * The choice for {@code strategy} (named in reasons and the history) by its {@code rule} from the table. Every
     * automatic choice skips members on leave, who left, at capacity, and the one the lead was just taken from.
     */
    public static Choice choose(AssignmentStrategy strategy, StrategyRule rule, List<Candidate> candidates) {
        if (!rule.preferFirstOwner()) {
            return byHandout(strategy, rule, candidates, strategy.label() + "：");
        }
        Optional<Candidate> original = candidates.stream().filter(Candidate::originalOwner).findFirst();
        if (original.isPresent() && original.get().hasRoom()) {
            Candidate c = original.get();
            return new Choice(Choice.Outcome.ASSIGN, c.userId(), strategy, "回收后分配给原负责人 " + c.name(),
                    describe(candidates, m -> m == c ? null : "非原负责人"));
        }
        String prefix = original.map(c -> "原负责人 " + c.name() + (c.status() != MemberStatus.ACTIVE
                ? c.status().label() : "已达上限") + "，改按" + (rule.order().isEmpty() ? strategy.label()
                        : rule.order().get(0).label()) + "：").orElse(strategy.label() + "：");
        return byHandout(strategy, rule, candidates, prefix);
    }

    private static Choice byHandout(AssignmentStrategy strategy, StrategyRule rule, List<Candidate> candidates,
            String reasonPrefix) {
        return switch (rule.handout()) {
            case SUPERVISOR -> new Choice(Choice.Outcome.SUPERVISOR, null, strategy,
                    strategy == AssignmentStrategy.SUPERVISOR_DESIGNATES ? "本组由主管指定负责人"
                            : "本组采用" + strategy.label() + "：由主管指定负责人",
                    describe(candidates, c -> null));
            case TEAM_POOL -> new Choice(Choice.Outcome.TEAM_POOL, null, strategy,
                    "本组采用" + strategy.label() + "：放入团队池，由成员领取", describe(candidates, c -> null));
            case ASSIGN -> assign(strategy, rule, candidates, reasonPrefix);
        };
    }

    /** Why an automatic choice skips the member, or null when they can take the lead. */
    private static String skip(Candidate c) {
        if (c.status() != MemberStatus.ACTIVE) {
            return c.status().label() + "，跳过";
        }
        if (c.openCount() >= c.capacity()) {
            return "已达上限，跳过";
        }
        return c.takenFrom() ? "刚被收回，跳过" : null;
    }

    /** Among the members nobody skips, the first by the rule's order, ties broken fairly. */
    private static Choice assign(AssignmentStrategy strategy, StrategyRule rule, List<Candidate> candidates,
            String reasonPrefix) {
        Function<Candidate, String> skip = rule.skipPreviousOwners() ? c -> {
            String s = skip(c);
            return s == null && c.previousOwner() ? "曾跟进过，跳过" : s;
        } : OwnerSelection::skip;
        List<String> considered = describe(candidates, skip);
        Comparator<Candidate> order = rule.order().stream().map(CandidateOrder::order)
                .reduce(Comparator::thenComparing).orElse((a, b) -> 0).thenComparing(FAIR);
        Optional<Candidate> best = candidates.stream().filter(c -> skip.apply(c) == null).min(order);
        if (best.isEmpty()) {
            boolean onlyPreviousOwnersLeft = rule.skipPreviousOwners()
                    && candidates.stream().anyMatch(c -> skip(c) == null);
            return new Choice(Choice.Outcome.SUPERVISOR, null, strategy, onlyPreviousOwnersLeft
                    ? "所有可分配成员都曾跟进过此商机，请主管指定"
                    : "本组没有可分配的成员（休假、离职或已达上限），请主管指定", considered);
        }
        Candidate c = best.get();
        String because = rule.order().isEmpty() ? CandidateOrder.LONGEST_WAITING.because(c)
                : rule.order().get(0).because(c);
        return new Choice(Choice.Outcome.ASSIGN, c.userId(), strategy, reasonPrefix + c.name() + because
                + (rule.skipPreviousOwners() ? "，未跟进过此商机" : ""), considered);
    }

    private static List<String> describe(List<Candidate> candidates, Function<Candidate, String> skip) {
        List<String> lines = new ArrayList<>();
        for (Candidate c : candidates.stream().sorted(Comparator.comparing(Candidate::userId)).toList()) {
            String s = skip.apply(c);
            lines.add(c.name() + "（" + c.userId() + "）：在跟 " + c.openCount() + "/" + c.capacity() + "，今日已分 "
                    + c.assignedInBatch() + "，转化率 " + percent(c.conversionRate()) + (s == null ? "" : "，" + s));
        }
        return lines;
    }

    static String percent(BigDecimal rate) {
        return rate.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP) + "%";
    }
}
