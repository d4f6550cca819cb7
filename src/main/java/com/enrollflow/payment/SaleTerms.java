package com.enrollflow.payment;

import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.enrollflow.scheduling.PreferredTime;
import com.enrollflow.scheduling.PreferredTimes;
import com.enrollflow.teaching.WeeklyTimeMoved;

/**
 * What was agreed with a quote besides its price: the installment plan, the preferred lesson times and, since the
 * regulator's collection limit (预收费监管), the limit of the campus's city and the plan's lessons a week when it was
 * priced, from which its {@link PaymentSchedule} follows.
 */
@Repository
public class SaleTerms {

    /**
     * {@code collectionLimit} is {@link CollectionLimit#NONE} for a sale priced before the limit was recorded;
     * {@code lessonsPerWeek} 0 when the plan has no weekly frequency (classes only).
     */
    public record Terms(long quoteId, InstallmentPlan installmentPlan, String preferredTimes,
            CollectionLimit collectionLimit, int lessonsPerWeek) {

        /** How a sale of {@code lessons} lessons on these terms is collected. */
        public PaymentSchedule schedule(int lessons) {
            return new PaymentSchedule(installmentPlan, lessons, lessonsPerWeek, collectionLimit);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    SaleTerms(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Terms without a collection limit (as sales were before it was recorded). */
    public void save(long quoteId, InstallmentPlan plan, String preferredTimes) {
        save(quoteId, plan, preferredTimes, CollectionLimit.NONE, 0);
    }

    /** The terms of a plan priced under {@code limit}, with {@code lessonsPerWeek} lessons a week (0: none known). */
    public void save(long quoteId, InstallmentPlan plan, String preferredTimes, CollectionLimit limit,
            int lessonsPerWeek) {
        if (find(quoteId).isEmpty()) {
            jdbc.sql("insert into sale_terms (quote_id, installment_plan, preferred_times, created_at, "
                    + "limit_max_lessons, limit_max_months, lessons_per_week) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(quoteId, plan.name(), preferredTimes, OffsetDateTime.now(clock), limit.maxLessons(),
                            limit.maxMonths(), lessonsPerWeek)
                    .update();
        }
    }

    public void changePreferredTimes(long quoteId, String preferredTimes) {
        jdbc.sql("update sale_terms set preferred_times = ? where quote_id = ?").params(preferredTimes, quoteId)
                .update();
    }

    /**
     * 调课 of every week's lesson at one time: the family's weekly time follows, so that a later rescheduling books
     * the new one. A time not among the terms changes nothing, nor does a new time the forms do not offer (before
     * 08:00 or after 21:00: a rescheduling could book nobody then), which keeps the family's earlier time.
     */
    @EventListener
    void weeklyTimeMoved(WeeklyTimeMoved moved) {
        LocalTime start = moved.to().start();
        if (start.isBefore(PreferredTimes.FIRST_SLOT) || start.isAfter(PreferredTimes.LAST_SLOT)) {
            return;
        }
        find(moved.quoteId()).filter(t -> t.preferredTimes() != null).ifPresent(t -> {
            List<PreferredTime> times = PreferredTimes.parse(t.preferredTimes()).stream()
                    .map(time -> time.equals(moved.from()) ? moved.to() : time).distinct().toList();
            changePreferredTimes(moved.quoteId(), PreferredTimes.format(times));
        });
    }

    public Optional<Terms> find(long quoteId) {
        return jdbc.sql("select installment_plan, preferred_times, limit_max_lessons, limit_max_months, "
                + "lessons_per_week from sale_terms where quote_id = ?").param(quoteId)
                .query((rs, n) -> new Terms(quoteId, InstallmentPlan.valueOf(rs.getString(1)), rs.getString(2),
                        new CollectionLimit(rs.getObject(3, Integer.class), rs.getObject(4, Integer.class)),
                        rs.getInt(5)))
                .optional();
    }

    /** How the quote's sale is collected; as chosen (or in full) when it has no terms. */
    public PaymentSchedule schedule(long quoteId, int lessons) {
        return find(quoteId).map(t -> t.schedule(lessons)).orElse(PaymentSchedule.asChosen(InstallmentPlan.FULL));
    }
}
