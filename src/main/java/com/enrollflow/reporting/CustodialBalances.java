package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.payment.SupervisedAccounts;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.Scope;
import com.enrollflow.refund.RefundCalculator;

/**
 * 监管余额 per campus, read in one transaction from the payments, the hours ledger, the refund payouts and the fees
 * of settled refunds of the campuses in scope. The value consumed is the refund's own formula
 * ({@link RefundCalculator#consumedValue}), so the balance and a refund never disagree on what the taught lessons are
 * worth.
 */
@Service
class CustodialBalances {

    private final JdbcClient jdbc;
    private final CampusRepository campuses;
    private final SupervisedAccounts accounts;
    private final Clock clock;

    CustodialBalances(JdbcClient jdbc, CampusRepository campuses, SupervisedAccounts accounts, Clock clock) {
        this.jdbc = jdbc;
        this.campuses = campuses;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The campuses the scope sees (all of them, or only {@code campusCode} when given), by campus code. */
    @Transactional(readOnly = true)
    CustodialBalance report(Scope scope, String campusCode) {
        List<Campus> shown = campuses.findActiveSeenBy(scope).stream()
                .filter(c -> campusCode == null || c.code().equals(campusCode)).toList();
        Map<String, BigDecimal> paid = sums("select o.campus_code, sum(p.amount) from payment p "
                + "join payment_order o on o.id = p.order_id where p.status = 'CONFIRMED' and "
                + scope.campusCondition("o.campus_code") + " group by o.campus_code", scope);
        Map<String, BigDecimal> refunded = sums("select r.campus_code, sum(x.amount) from refund_payout x "
                + "join refund r on r.id = x.refund_id where " + scope.campusCondition("r.campus_code")
                + " group by r.campus_code", scope);
        // a refund's fee is the institution's once the refund is settled (已退款): it leaves the custody then
        Map<String, BigDecimal> feesKept = sums("select r.campus_code, sum(r.fees) from refund r where r.status = "
                + "'PAID' and " + scope.campusCondition("r.campus_code") + " group by r.campus_code", scope);
        Map<String, List<RefundCalculator.Line>> taught = new HashMap<>();
        scope.bind(jdbc.sql("select c.campus_code, h.line_no, h.kind, h.purchased + h.transferred_in, h.consumed, h.final_amount "
                + "from hours_ledger h join contract c on c.id = h.contract_id where h.consumed > 0 and "
                + scope.campusCondition("c.campus_code"))).query((RowCallbackHandler) rs -> taught
                        .computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new RefundCalculator.Line(
                                rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getBigDecimal(6))));
        List<CustodialBalance.Row> rows = new ArrayList<>();
        CustodialBalance.Figures total = CustodialBalance.Figures.of(zero(), zero(), zero(), zero());
        for (Campus c : shown) {
            CustodialBalance.Figures f = CustodialBalance.Figures.of(paid.getOrDefault(c.code(), zero()),
                    RefundCalculator.consumedValue(taught.getOrDefault(c.code(), List.of())),
                    refunded.getOrDefault(c.code(), zero()), feesKept.getOrDefault(c.code(), zero()));
            Optional<SupervisedAccounts.Account> account = accounts.current(c.code());
            rows.add(CustodialBalance.Row.of(c.code(), c.name(), account.map(SupervisedAccounts.Account::bankName)
                    .orElse(null), account.map(SupervisedAccounts.Account::accountNo).orElse(null),
                    account.map(SupervisedAccounts.Account::accountName).orElse(null), f));
            total = total.plus(f);
        }
        return new CustodialBalance(OffsetDateTime.now(clock), rows, total);
    }

    private Map<String, BigDecimal> sums(String sql, Scope scope) {
        Map<String, BigDecimal> byCampus = new HashMap<>();
        scope.bind(jdbc.sql(sql)).query((RowCallbackHandler) rs -> byCampus.put(rs.getString(1),
                rs.getBigDecimal(2).setScale(2, RoundingMode.HALF_UP)));
        return byCampus;
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }
}
