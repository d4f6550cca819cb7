package com.enrollflow.assignment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;

import com.enrollflow.reference.BusinessTime;

/**
 * One way of ranking the members who can take a lead, named as a process owner writes it in the columns 第一排序 …
 * 第三排序 of bpmn/assignment-strategy.dmn. The first in each order is the one who gets the lead.
 */
public enum CandidateOrder {

    /** Fewest open (unclosed) opportunities in the team first. */
    FEWEST_OPEN("在跟商机数少者优先", Comparator.comparingInt(Candidate::openCount),
            c -> "在跟商机最少（" + c.openCount() + "）"),
    /** Fewest leads received in today's batch (the campus's calendar day) first. */
    FEWEST_IN_BATCH("本批次已分配数少者优先", Comparator.comparingInt(Candidate::assignedInBatch),
            c -> "本批次分得最少（" + c.assignedInBatch() + "）"),
    /** Lowest (open + 1) ÷ conversion rate first: a member who converts twice as well holds twice as many. */
    LOWEST_LOAD_BY_ABILITY("按能力折算负荷低者优先", CandidateOrder::byAbility,
            c -> "按转化率 " + OwnerSelection.percent(c.conversionRate()) + " 折算的负荷最低（在跟 " + c.openCount() + "）"),
    /** Highest conversion rate first. */
    HIGHEST_CONVERSION("转化率高者优先", Comparator.comparing(CandidateOrder::rate).reversed(),
            c -> "转化率最高（" + OwnerSelection.percent(c.conversionRate()) + "）"),
    /** Longest since the last assignment first; never assigned before anyone. */
    LONGEST_WAITING("最久未分配者优先", Comparator.comparing(Candidate::lastAssignedAt,
            Comparator.nullsFirst(Comparator.<OffsetDateTime>naturalOrder())),
            c -> c.lastAssignedAt() == null ? "从未分到商机" : "最久未分到商机（上次 "
                    + c.lastAssignedAt().atZoneSameInstant(BusinessTime.ZONE).format(Minutes.FORMAT) + "）");

    /** Nobody is starved by a poor record, nor divided by zero. */
    static final BigDecimal MIN_RATE = new BigDecimal("0.05");

    private final String label;
    private final Comparator<Candidate> order;
    private final Function<Candidate, String> because;

    CandidateOrder(String label, Comparator<Candidate> order, Function<Candidate, String> because) {
        this.label = label;
        this.order = order;
        this.because = because;
    }

    /** The value a process owner writes in the table, e.g. 在跟商机数少者优先. */
    public String label() {
        return label;
    }

    Comparator<Candidate> order() {
        return order;
    }

    /** Why the chosen member came first by this order, e.g. 在跟商机最少（2）. */
    String because(Candidate chosen) {
        return because.apply(chosen);
    }

    /** The order a table cell names; empty when the text names none. */
    public static Optional<CandidateOrder> byLabel(String text) {
        return Arrays.stream(values()).filter(o -> o.label.equals(text)).findFirst();
    }

    /** Beijing time to the minute, as staff read it (a holder: enum constants cannot name a later static field). */
    private static final class Minutes {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    }

    /** (open + 1) / rate, compared exactly by cross-multiplying. */
    private static int byAbility(Candidate a, Candidate b) {
        BigDecimal left = BigDecimal.valueOf(a.openCount() + 1L).multiply(rate(b));
        BigDecimal right = BigDecimal.valueOf(b.openCount() + 1L).multiply(rate(a));
        return left.compareTo(right);
    }

    private static BigDecimal rate(Candidate c) {
        return c.conversionRate().max(MIN_RATE);
    }
}
