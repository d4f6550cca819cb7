package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * 业绩报表: the sales credit (业绩) each person and team earned in a period, net of what refunds took back. Credits
 * count on the day they were recorded (payment), reversals on the day the refund was paid out, so a refund this month
 * lowers this month's net credit, whenever the sale was. Renewals (续费) are inside every figure and shown apart too.
 * {@code kpiBand}: the revenue per order the institution aims for (每单收入, CNY), to read beside {@code perOrder}.
 */
public record CreditReport(OffsetDateTime asOf, LocalDate from, LocalDate to, String campus, String kpiBand,
        List<Row> people, List<Row> teams, Figures total) {

    public static final String KPI_BAND = "158–398";

    /**
     * A person in a team at a campus ({@code userId} and {@code name} null on a team row). {@code teamId} "-" and
     * {@code teamName} 无团队: credit of someone in no sales team of that campus (a renewal sold by customer service).
     * {@code policies}: the policies the credits were split by (首单, 尾单, 均单; several when the table changed within
     * the period); empty when the row has only reversals.
     */
    public record Row(String campusCode, String campusName, String teamId, String teamName, String userId,
            String name, String policies, Figures figures) {
    }

    /**
     * {@code orders} (成单数): deals credited, each once even when several people share it; {@code credited} (业绩):
     * credit recorded; {@code reversed} (退费冲减): credit taken back by refunds paid out; {@code net} = credited −
     * reversed; {@code renewalOrders} and {@code renewalNet} (续费业绩): the same for renewals alone; {@code newNet}
     * (新签业绩) = net − renewalNet; {@code perOrder} (单均业绩) = credited ÷ orders, null ("no data") without orders.
     */
    public record Figures(long orders, long renewalOrders, BigDecimal credited, BigDecimal reversed, BigDecimal net,
            BigDecimal renewalNet, BigDecimal newNet, BigDecimal perOrder) {

        static Figures of(long orders, long renewalOrders, BigDecimal credited, BigDecimal reversed,
                BigDecimal renewalNet) {
            BigDecimal net = credited.subtract(reversed);
            return new Figures(orders, renewalOrders, money(credited), money(reversed), money(net), money(renewalNet),
                    money(net.subtract(renewalNet)), orders == 0 ? null
                            : credited.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP));
        }

        private static BigDecimal money(BigDecimal amount) {
            return amount.setScale(2, RoundingMode.HALF_UP);
        }
    }
}
