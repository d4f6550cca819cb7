package com.enrollflow.payment;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What was agreed with a quote besides its price: the installment plan and the preferred lesson times. */
@Repository
public class SaleTerms {

    public record Terms(long quoteId, InstallmentPlan installmentPlan, String preferredTimes) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    SaleTerms(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void save(long quoteId, InstallmentPlan plan, String preferredTimes) {
        if (find(quoteId).isEmpty()) {
            jdbc.sql("insert into sale_terms (quote_id, installment_plan, preferred_times, created_at) "
                    + "values (?, ?, ?, ?)").params(quoteId, plan.name(), preferredTimes, OffsetDateTime.now(clock))
                    .update();
        }
    }

    public void changePreferredTimes(long quoteId, String preferredTimes) {
        jdbc.sql("update sale_terms set preferred_times = ? where quote_id = ?").params(preferredTimes, quoteId)
                .update();
    }

    public Optional<Terms> find(long quoteId) {
        return jdbc.sql("select installment_plan, preferred_times from sale_terms where quote_id = ?").param(quoteId)
                .query((rs, n) -> new Terms(quoteId, InstallmentPlan.valueOf(rs.getString(1)), rs.getString(2)))
                .optional();
    }
}
