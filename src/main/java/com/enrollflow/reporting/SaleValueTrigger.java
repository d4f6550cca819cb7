package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;

/**
 * H2's side of migration V29: keeps the money of a sale on its opportunity (V28: order_count, order_value,
 * order_lessons, refunded_value) on every write to {@code payment_order} and {@code refund_payout}, as the PostgreSQL
 * triggers of the same migration (and V81) do. An order not cancelled adds what it charges as it stands (its total:
 * since V81/V82 no longer its quote's final price, decision 580) and the lessons that total pays for at the quote's
 * price, a refund paid out adds its amount to the refund's opportunity (not an overpayment paid back, 多付款退还:
 * V65/V66); a change takes the old row's part off and puts the new one's on. The opportunity's update then moves funnel_day through
 * {@link FunnelDayTrigger}. Runs in the writing transaction.
 */
public class SaleValueTrigger extends RowTrigger {

    /** Whether the trigger is on payment_order (else on the other table it keeps). */
    private boolean orders() {
        return table().equals("PAYMENT_ORDER");
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (oldRow != null && newRow != null && !changed(oldRow, newRow)) {
            return;
        }
        if (oldRow != null) {
            apply(conn, oldRow, -1);
        }
        if (newRow != null) {
            apply(conn, newRow, 1);
        }
    }

    /** Whether an update changed what counts (an OPEN order becoming PAID does not; its total lowered does). */
    private boolean changed(Object[] oldRow, Object[] newRow) {
        if (orders()) {
            return cancelled(oldRow) != cancelled(newRow)
                    || !Objects.equals(value(oldRow, "QUOTE_ID"), value(newRow, "QUOTE_ID"))
                    || !Objects.equals(value(oldRow, "OPPORTUNITY_ID"), value(newRow, "OPPORTUNITY_ID"))
                    || ((BigDecimal) value(oldRow, "TOTAL")).compareTo((BigDecimal) value(newRow, "TOTAL")) != 0;
        }
        return !Objects.equals(value(oldRow, "AMOUNT"), value(newRow, "AMOUNT"))
                || !Objects.equals(value(oldRow, "REFUND_ID"), value(newRow, "REFUND_ID"));
    }

    private boolean cancelled(Object[] row) {
        return "CANCELLED".equals(value(row, "STATUS"));
    }

    private void apply(Connection conn, Object[] row, int delta) throws SQLException {
        if (orders()) {
            if (cancelled(row)) {
                return;
            }
            // an order without its quote counts nothing, as the reports always joined it
            try (PreparedStatement update = conn.prepareStatement("update opportunity o set "
                    + "order_count = o.order_count + ?, "
                    + "order_value = o.order_value + ?, "
                    + "order_lessons = o.order_lessons + ? * (select case when q.final_price > 0 "
                    + "then cast(round(q.lessons * ? / q.final_price) as integer) else q.lessons end "
                    + "from quote q where q.id = ?) "
                    + "where o.id = ? and exists (select 1 from quote q where q.id = ?)")) {
                Object quote = value(row, "QUOTE_ID");
                BigDecimal total = (BigDecimal) value(row, "TOTAL");
                update.setInt(1, delta);
                update.setBigDecimal(2, total.multiply(BigDecimal.valueOf(delta)));
                update.setInt(3, delta);
                update.setBigDecimal(4, total);
                update.setObject(5, quote);
                update.setObject(6, value(row, "OPPORTUNITY_ID"));
                update.setObject(7, quote);
                update.executeUpdate();
            }
            return;
        }
        try (PreparedStatement update = conn.prepareStatement("update opportunity o set "
                + "refunded_value = o.refunded_value + ? where o.id = (select f.opportunity_id from refund f "
                + "where f.id = ? and f.reason <> 'OVERPAYMENT')")) {
            update.setBigDecimal(1, ((BigDecimal) value(row, "AMOUNT")).multiply(BigDecimal.valueOf(delta)));
            update.setObject(2, value(row, "REFUND_ID"));
            update.executeUpdate();
        }
    }

}
