package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The custodial balance (监管余额) of each campus's prepaid fees (预收费监管), in CNY: what the supervised account
 * must still hold for lessons not yet taught. balance = paid − value consumed − refunded − fees kept; the value
 * consumed is released in step with the teaching (消拨同步), a refund's fee when the refund is settled.
 */
public record CustodialBalance(OffsetDateTime asOf, List<Row> campuses, Figures total) {

    public CustodialBalance {
        campuses = List.copyOf(campuses);
    }

    /**
     * 已收 {@code paid}: confirmed payments; 已消课时价值 {@code consumedValue}: per contract line, its final price ×
     * consumed ÷ purchased lessons, rounded once per line; 已退 {@code refunded}: the refunds paid out; 已扣手续费
     * {@code feesKept}: the fees of the refunds paid out (the institution's once the family has its money back);
     * 监管余额 {@code balance}. Negative when more was taught than paid (a family paying in installments).
     */
    public record Figures(BigDecimal paid, BigDecimal consumedValue, BigDecimal refunded, BigDecimal feesKept,
            BigDecimal balance) {

        static Figures of(BigDecimal paid, BigDecimal consumedValue, BigDecimal refunded, BigDecimal feesKept) {
            return new Figures(paid, consumedValue, refunded, feesKept,
                    paid.subtract(consumedValue).subtract(refunded).subtract(feesKept));
        }

        Figures plus(Figures other) {
            return of(paid.add(other.paid), consumedValue.add(other.consumedValue), refunded.add(other.refunded),
                    feesKept.add(other.feesKept));
        }
    }

    /** One campus with its supervised account (资金监管账户); the account fields are null when none is registered. */
    public record Row(String campusCode, String campusName, String bankName, String accountNo, String accountName,
            BigDecimal paid, BigDecimal consumedValue, BigDecimal refunded, BigDecimal feesKept, BigDecimal balance) {

        static Row of(String campusCode, String campusName, String bankName, String accountNo, String accountName,
                Figures f) {
            return new Row(campusCode, campusName, bankName, accountNo, accountName, f.paid(), f.consumedValue(),
                    f.refunded(), f.feesKept(), f.balance());
        }

        Figures figures() {
            return new Figures(paid, consumedValue, refunded, feesKept, balance);
        }
    }
}
