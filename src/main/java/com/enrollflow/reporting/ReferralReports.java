package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.reference.ReportWindow;
import com.enrollflow.reference.Scope;

/**
 * 转介绍统计 read from the referral links, the referred families' opportunities and the rewards. A referral counts
 * where the referred family's opportunity is (campus, or call centre before intent): the caller sees the referrals
 * their campuses received, so a referrer known at two campuses shows at each with what each received.
 */
@Service
class ReferralReports {

    private final JdbcClient jdbc;
    private final Clock clock;

    ReferralReports(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Referrals recorded from {@code from} to {@code to} (business days, both included; null = open). */
    @Transactional(readOnly = true)
    ReferralReport report(Scope scope, String campusCode, LocalDate from, LocalDate to) {
        StringBuilder sql = new StringBuilder("select r.referrer_customer_id, c.name, count(*) as referred, "
                + "sum(case when exists (select 1 from opportunity p where p.customer_id = r.referred_customer_id "
                + "and p.paid_at is not null) then 1 else 0 end) as paid, "
                + "sum(case when w.status = 'GRANTED' then 1 else 0 end) as granted, "
                + "sum(case when w.granted_as = 'GIFT_LESSONS' then w.lessons else 0 end) as lessons, "
                + "sum(case when w.granted_as = 'VOUCHER' then w.amount else 0 end) as vouchers, "
                + "sum(case when k.id is not null then v.amount else 0 end) as redeemed "
                + "from referral r join customer c on c.id = r.referrer_customer_id "
                + "join opportunity o on o.id = r.referred_opportunity_id "
                + "left join referral_reward w on w.referral_id = r.id "
                // one voucher per reward; spent while the contract that redeemed it stands (decision 522)
                + "left join voucher v on v.referral_reward_id = w.id "
                + "left join contract k on k.id = v.contract_id and k.status <> 'CANCELLED' where ")
                .append(scope.opportunityCondition("o."));
        ReportWindow window = new ReportWindow(scope, campusCode, from, to);
        sql.append(window.where("o.campus_code", "r.recorded_at"));
        sql.append(" group by r.referrer_customer_id, c.name order by referred desc, paid desc, c.name, "
                + "r.referrer_customer_id");
        JdbcClient.StatementSpec statement = window.bind(jdbc.sql(sql.toString()));
        List<ReferralReport.Row> rows = new ArrayList<>(statement.query((rs, n) -> new ReferralReport.Row(
                rs.getLong(1), rs.getString(2), ReferralReport.Figures.of(rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6), orZero(rs.getBigDecimal(7)), orZero(rs.getBigDecimal(8))))).list());
        ReferralReport.Figures total = ReferralReport.Figures.of(0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO);
        for (ReferralReport.Row row : rows) {
            total = total.plus(row.figures());
        }
        return new ReferralReport(OffsetDateTime.now(clock), from, to, campusCode, rows, total);
    }

    private static BigDecimal orZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }
}
