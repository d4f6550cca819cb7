package com.enrollflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/**
 * funnel_day, the funnel counted per day that the board reads, stays equal to a recount of the opportunities made
 * here in Java, independently of the triggers (H2: FunnelDayTrigger, PostgreSQL: V26's functions): after whatever
 * the other tests of this database wrote before, and after inserts, moves, stage dates, renewals, splits, deletes,
 * several changes in one transaction and concurrent intakes on the same day. The money of the sales (V28: on each
 * opportunity, and on funnel_day's 'paid' rows) stays the recount from orders, quotes and refunds as they are joined
 * (H2: SaleValueTrigger, PostgreSQL: V29's functions).
 */
@EnrollFlowTest
class FunnelDayTests {

    private static final List<String[]> STAGES = List.of(new String[] {"leads", "received_at"},
            new String[] {"valid", "valid_at"}, new String[] {"intent", "intent_at"},
            new String[] {"agreed", "agreed_at"}, new String[] {"visited", "visited_at"},
            new String[] {"planned", "planned_at"}, new String[] {"paid", "paid_at"});

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    PaymentService payments;

    /** key → count, counted from the opportunities as the summary means them (no renewals, empty codes ''). */
    private Map<String, Long> recount() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select campus_code, call_centre, team_id, split_from_id, received_at, valid_at, intent_at, agreed_at, "
                + "visited_at, planned_at, paid_at from opportunity where renewal_of_id is null").query(rs -> {
                    String campus = rs.getString("campus_code");
                    String centre = campus == null && rs.getString("call_centre") != null ? rs.getString("call_centre")
                            : "";
                    String team = rs.getString("team_id") == null ? "" : rs.getString("team_id");
                    boolean lead = rs.getObject("split_from_id") == null;
                    for (String[] stage : STAGES) {
                        OffsetDateTime at = rs.getObject(stage[1], OffsetDateTime.class);
                        if (at != null) {
                            counts.merge(key(BusinessTime.dateOf(at), stage[0], campus == null ? "" : campus, centre,
                                    team, lead), 1L, Long::sum);
                        }
                    }
                });
        return counts;
    }

    /**
     * Per opportunity with any money: orders, value (what they charge as they stand, decision 580), lessons,
     * refunded, recounted by joining as the reports did.
     */
    private Map<Long, String> moneyRecount() {
        Map<Long, String> money = new TreeMap<>();
        jdbc.sql("select o.id, (select count(*) from payment_order p join quote q on q.id = p.quote_id "
                + "where p.opportunity_id = o.id and p.status <> 'CANCELLED') n, "
                + "(select coalesce(sum(p.total), 0) from payment_order p join quote q on q.id = p.quote_id "
                + "where p.opportunity_id = o.id and p.status <> 'CANCELLED') v, "
                + "(select coalesce(sum(case when q.final_price > 0 then cast(round(q.lessons * p.total "
                + "/ q.final_price) as integer) else q.lessons end), 0) from payment_order p join quote q "
                + "on q.id = p.quote_id "
                + "where p.opportunity_id = o.id and p.status <> 'CANCELLED') l, "
                + "(select coalesce(sum(x.amount), 0) from refund_payout x join refund f on f.id = x.refund_id "
                + "where f.opportunity_id = o.id and f.reason <> 'OVERPAYMENT') r from opportunity o").query(rs -> {
                    String figures = money(rs.getLong("n"), rs.getBigDecimal("v"), rs.getLong("l"),
                            rs.getBigDecimal("r"));
                    if (!figures.equals(money(0, java.math.BigDecimal.ZERO, 0, java.math.BigDecimal.ZERO))) {
                        money.put(rs.getLong("id"), figures);
                    }
                });
        return money;
    }

    private Map<Long, String> moneyKept() {
        Map<Long, String> money = new TreeMap<>();
        jdbc.sql("select id, order_count, order_value, order_lessons, refunded_value from opportunity where "
                + "order_count <> 0 or order_value <> 0 or order_lessons <> 0 or refunded_value <> 0").query(rs -> {
                    money.put(rs.getLong("id"), money(rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4),
                            rs.getBigDecimal(5)));
                });
        return money;
    }

    private static String money(long orders, java.math.BigDecimal value, long lessons, java.math.BigDecimal refunded) {
        return orders + " orders ¥" + value.setScale(2) + " " + lessons + " lessons, ¥" + refunded.setScale(2)
                + " refunded";
    }

    /** funnel_day's money by day, campus, team and lead: what its 'paid' rows carry, and the recount of it. */
    private Map<String, String> paidMoney(boolean kept) {
        Map<String, String> money = new TreeMap<>();
        String sql = kept ? "select reached_on d, campus_code c, call_centre cc, team_id t, is_lead l, orders n, "
                + "order_value v, order_lessons ls, refunded_value r from funnel_day where stage = 'paid' "
                + "and (orders <> 0 or order_value <> 0 or order_lessons <> 0 or refunded_value <> 0)"
                : "select paid_at, campus_code, call_centre, team_id, split_from_id, order_count, order_value, "
                        + "order_lessons, refunded_value from opportunity where renewal_of_id is null "
                        + "and paid_at is not null";
        Map<String, Object[]> sums = new TreeMap<>();
        jdbc.sql(sql).query(rs -> {
            String key;
            if (kept) {
                key = key(rs.getObject("d", LocalDate.class), "paid", rs.getString("c"), rs.getString("cc"),
                        rs.getString("t"), rs.getBoolean("l"));
            } else {
                String campus = rs.getString("campus_code");
                key = key(BusinessTime.dateOf(rs.getObject("paid_at", OffsetDateTime.class)), "paid",
                        campus == null ? "" : campus, campus == null && rs.getString("call_centre") != null
                                ? rs.getString("call_centre") : "",
                        rs.getString("team_id") == null ? "" : rs.getString("team_id"),
                        rs.getObject("split_from_id") == null);
            }
            Object[] sum = sums.computeIfAbsent(key, k -> new Object[] {0L, java.math.BigDecimal.ZERO, 0L,
                    java.math.BigDecimal.ZERO});
            sum[0] = (Long) sum[0] + rs.getLong(6);
            sum[1] = ((java.math.BigDecimal) sum[1]).add(rs.getBigDecimal(7));
            sum[2] = (Long) sum[2] + rs.getLong(8);
            sum[3] = ((java.math.BigDecimal) sum[3]).add(rs.getBigDecimal(9));
        });
        sums.forEach((key, sum) -> {
            String figures = money((Long) sum[0], (java.math.BigDecimal) sum[1], (Long) sum[2],
                    (java.math.BigDecimal) sum[3]);
            if (!figures.equals(money(0, java.math.BigDecimal.ZERO, 0, java.math.BigDecimal.ZERO))) {
                money.put(key, figures);
            }
        });
        return money;
    }

    private void assertMoneyIsTheRecount(String after) {
        assertThat(moneyKept()).as("each opportunity's money after " + after).isEqualTo(moneyRecount());
        assertThat(paidMoney(true)).as("funnel_day's money after " + after).isEqualTo(paidMoney(false));
        assertThat(months(true)).as("funnel_month after " + after).isEqualTo(months(false));
        assertThat(campaigns(true)).as("campaign_day after " + after).isEqualTo(campaigns(false));
        assertThat(campaignMonths(true)).as("campaign_month after " + after).isEqualTo(campaignMonths(false));
    }

    private Map<String, Long> summary() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select reached_on, stage, campus_code, call_centre, team_id, is_lead, opportunities from funnel_day "
                + "where opportunities <> 0").query(rs -> {
                    counts.put(key(rs.getObject("reached_on", LocalDate.class), rs.getString("stage"),
                            rs.getString("campus_code"), rs.getString("call_centre"), rs.getString("team_id"),
                            rs.getBoolean("is_lead")), rs.getLong("opportunities"));
                });
        return counts;
    }

    private static String key(LocalDate day, String stage, String campus, String centre, String team, boolean lead) {
        return day + " " + stage + " " + campus + "/" + centre + " " + team + (lead ? " lead" : " split");
    }

    private void assertSummaryIsTheRecount(String after) {
        assertThat(summary()).as("funnel_day after " + after).isEqualTo(recount());
        assertThat(months(true)).as("funnel_month after " + after).isEqualTo(months(false));
        assertThat(campaigns(true)).as("campaign_day after " + after).isEqualTo(campaigns(false));
        assertThat(campaignMonths(true)).as("campaign_month after " + after).isEqualTo(campaignMonths(false));
    }

    /**
     * funnel_month (V46; a table kept by a trigger on PostgreSQL, a view on H2) as kept, or funnel_day grouped here by
     * Beijing month, campus, stage and lead mark:
     * "opportunities, orders, value"; all-zero rows left out.
     */
    private Map<String, String> months(boolean kept) {
        Map<String, Object[]> sums = new TreeMap<>();
        jdbc.sql(kept ? "select month_start as on_day, campus_code, stage, is_lead, opportunities, orders, order_value "
                + "from funnel_month" : "select reached_on as on_day, campus_code, stage, is_lead, opportunities, orders, "
                        + "order_value from funnel_day").query(rs -> {
                            Object[] sum = sums.computeIfAbsent(rs.getObject("on_day", LocalDate.class).withDayOfMonth(1)
                                    + " " + rs.getString("campus_code") + " " + rs.getString("stage") + " "
                                    + rs.getBoolean("is_lead"), k -> new Object[] {0L, 0L, BigDecimal.ZERO});
                            sum[0] = (Long) sum[0] + rs.getLong("opportunities");
                            sum[1] = (Long) sum[1] + rs.getLong("orders");
                            sum[2] = ((BigDecimal) sum[2]).add(rs.getBigDecimal("order_value"));
                        });
        Map<String, String> shown = new TreeMap<>();
        sums.forEach((key, sum) -> {
            if ((Long) sum[0] != 0 || (Long) sum[1] != 0 || ((BigDecimal) sum[2]).signum() != 0) {
                shown.put(key, sum[0] + ", " + sum[1] + ", " + ((BigDecimal) sum[2]).stripTrailingZeros()
                        .toPlainString());
            }
        });
        return shown;
    }

    /**
     * campaign_day (V32) as kept, or recounted here from the new leads (no split, no renewal): per Beijing day,
     * campus, call centre, channel and campaign key (lower case, spaces trimmed), "leads, paid, revenue"; all-zero
     * rows left out.
     */
    private Map<String, String> campaigns(boolean kept) {
        Map<String, Object[]> sums = new TreeMap<>();
        String sql = kept ? "select received_on, campus_code, call_centre, channel, campaign_key, leads, paid, revenue "
                + "from campaign_day"
                : "select received_at, campus_code, call_centre, channel, campaign, paid_at, order_value "
                        + "from opportunity where split_from_id is null and renewal_of_id is null";
        jdbc.sql(sql).query(rs -> {
            Object[] sum;
            if (kept) {
                sum = sums.computeIfAbsent(rs.getObject("received_on", LocalDate.class) + " "
                        + rs.getString("campus_code") + "/" + rs.getString("call_centre") + " "
                        + rs.getString("channel") + " '" + rs.getString("campaign_key") + "'",
                        k -> new Object[] {0L, 0L, BigDecimal.ZERO});
                sum[0] = (Long) sum[0] + rs.getLong("leads");
                sum[1] = (Long) sum[1] + rs.getLong("paid");
                sum[2] = ((BigDecimal) sum[2]).add(rs.getBigDecimal("revenue"));
            } else {
                String campus = rs.getString("campus_code");
                String campaign = rs.getString("campaign");
                boolean paid = rs.getObject("paid_at") != null;
                sum = sums.computeIfAbsent(BusinessTime.dateOf(rs.getObject("received_at", OffsetDateTime.class)) + " "
                        + (campus == null ? "" : campus) + "/"
                        + (campus == null && rs.getString("call_centre") != null ? rs.getString("call_centre") : "")
                        + " " + rs.getString("channel") + " '"
                        + (campaign == null ? "" : campaign.strip().toLowerCase(java.util.Locale.ROOT)) + "'",
                        k -> new Object[] {0L, 0L, BigDecimal.ZERO});
                sum[0] = (Long) sum[0] + 1;
                sum[1] = (Long) sum[1] + (paid ? 1 : 0);
                sum[2] = ((BigDecimal) sum[2]).add(paid ? rs.getBigDecimal("order_value") : BigDecimal.ZERO);
            }
        });
        Map<String, String> figures = new TreeMap<>();
        sums.forEach((key, sum) -> {
            if ((Long) sum[0] != 0 || (Long) sum[1] != 0 || ((BigDecimal) sum[2]).signum() != 0) {
                figures.put(key, sum[0] + " leads, " + sum[1] + " paid, ¥" + ((BigDecimal) sum[2]).setScale(2));
            }
        });
        return figures;
    }

    /**
     * campaign_month (V53; a table kept by a trigger on PostgreSQL, a view on H2) as kept, or campaign_day grouped
     * here by month: per month, campus, call centre, channel and campaign key, "leads, paid, revenue"; all-zero rows
     * left out.
     */
    private Map<String, String> campaignMonths(boolean kept) {
        Map<String, Object[]> sums = new TreeMap<>();
        jdbc.sql("select " + (kept ? "month_start" : "received_on") + " as on_day, campus_code, call_centre, channel, "
                + "campaign_key, leads, paid, revenue from " + (kept ? "campaign_month" : "campaign_day")).query(rs -> {
                    Object[] sum = sums.computeIfAbsent(rs.getObject("on_day", LocalDate.class).withDayOfMonth(1)
                            + " " + rs.getString("campus_code") + "/" + rs.getString("call_centre") + " "
                            + rs.getString("channel") + " '" + rs.getString("campaign_key") + "'",
                            k -> new Object[] {0L, 0L, BigDecimal.ZERO});
                    sum[0] = (Long) sum[0] + rs.getLong("leads");
                    sum[1] = (Long) sum[1] + rs.getLong("paid");
                    sum[2] = ((BigDecimal) sum[2]).add(rs.getBigDecimal("revenue"));
                });
        Map<String, String> figures = new TreeMap<>();
        sums.forEach((key, sum) -> {
            if ((Long) sum[0] != 0 || (Long) sum[1] != 0 || ((BigDecimal) sum[2]).signum() != 0) {
                figures.put(key, sum[0] + " leads, " + sum[1] + " paid, ¥" + ((BigDecimal) sum[2]).setScale(2));
            }
        });
        return figures;
    }

    private long opportunity(String campus, String team, OffsetDateTime received, Long splitFrom, Long renewalOf) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into customer (name, phone, created_at, updated_at) values ('汇总', ?, ?, ?)")
                .params("+86" + Leads.newPhone(), received, received).update(keys, "id");
        long customer = keys.getKey().longValue();
        keys = new GeneratedKeyHolder();
        jdbc.sql("insert into opportunity (customer_id, status, stage, channel, campus_code, call_centre, owner_group, "
                + "team_id, split_from_id, renewal_of_id, received_at) values (?, 'OPEN', 'RECEIVED', 'PHONE', ?, "
                + "?, 'callCenter', ?, ?, ?, ?)")
                .params(customer, campus, campus == null ? "CC-BJ" : null, team, splitFrom, renewalOf, received)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    @Test
    void shouldStayTheRecountThroughEveryKindOfWrite() {
        assertSummaryIsTheRecount("the other tests' writes");
        // 23:30 in Beijing is 15:30 UTC: the Beijing day counts, not the UTC one
        OffsetDateTime late = OffsetDateTime.parse("1996-05-31T23:30:00+08:00");
        long a = opportunity("BJ-HD", null, late, null, null);
        long b = opportunity(null, null, late.plusHours(1), null, null);
        assertSummaryIsTheRecount("two leads, one of a call centre without a campus");
        jdbc.sql("update opportunity set valid_at = ?, intent_at = ?, team_id = 'BJHD1V1' where id = ?")
                .params(late.plusDays(1), late.plusDays(2), a).update();
        jdbc.sql("update opportunity set campus_code = 'SH-PD', team_id = 'SHPD1V1' where id = ?").param(b).update();
        assertSummaryIsTheRecount("stage dates, a team, a campus set at intent");
        long split = opportunity("BJ-HD", "BJHDCLASS", late, a, null);
        jdbc.sql("update opportunity set intent_at = ? where id = ?").params(late.plusDays(2), split).update();
        long renewal = opportunity("BJ-HD", "BJHD1V1", late, null, a);
        jdbc.sql("update opportunity set paid_at = ? where id = ?").params(late.plusDays(3), renewal).update();
        assertSummaryIsTheRecount("a split (no second lead) and a renewal (never in the funnel)");
        // an owner, a status or a contact attempt counts nothing: the summary does not move
        Map<String, Long> before = summary();
        jdbc.sql("update opportunity set owner_user = 'liwei', status = 'LOST', contact_attempts = 3 where id = ?")
                .param(a).update();
        assertThat(summary()).isEqualTo(before);
        // several changes of one row in one transaction, and a coalesce that rewrites a date unchanged
        transaction.executeWithoutResult(t -> {
            jdbc.sql("update opportunity set agreed_at = ? where id = ?").params(late.plusDays(4), a).update();
            jdbc.sql("update opportunity set team_id = 'BJHDCLASS' where id = ?").param(a).update();
            jdbc.sql("update opportunity set agreed_at = coalesce(agreed_at, ?) where id = ?")
                    .params(late.plusDays(9), a).update();
        });
        assertSummaryIsTheRecount("three changes in one transaction");
        jdbc.sql("update opportunity set split_from_id = null where id = ?").param(split).update();
        jdbc.sql("delete from opportunity where id = ?").param(renewal).update();
        assertSummaryIsTheRecount("a split made a lead of its own, a renewal deleted");
        // 活动 ROI's keys: a campaign named with other case and spaces is the same campaign; a channel corrected
        jdbc.sql("update opportunity set channel = 'CAMPAIGN', campaign = '  Spring 开学季 ' where id = ?").param(a)
                .update();
        jdbc.sql("update opportunity set channel = 'CAMPAIGN', campaign = 'spring 开学季' where id = ?").param(split)
                .update();
        assertSummaryIsTheRecount("a campaign named twice alike, channels corrected");
        assertThat(jdbc.sql("select leads from campaign_day where campaign_key = 'spring 开学季' and received_on = ?")
                .param(late.toLocalDate()).query(Long.class).single()).isEqualTo(2);
        jdbc.sql("update opportunity set paid_at = ?, order_value = 4200.00 where id = ?").params(late.plusDays(5), a)
                .update();
        assertSummaryIsTheRecount("a campaign's lead paid");
        jdbc.sql("delete from opportunity where id = ?").param(a).update();
        assertSummaryIsTheRecount("a paid lead deleted");
    }

    /**
     * An order opened before the payment and one after it, a cancelled order, a refund paid out and taken back: each
     * opportunity's money and funnel_day's 'paid' rows stay the recount from orders, quotes and refunds.
     */
    @Test
    void shouldKeepTheMoneyOfEverySaleAsTheOrdersAndRefundsSay() {
        assertMoneyIsTheRecount("the other tests' writes");
        TeachingTestSupport.Taught first = teaching.contractWithSchedule(1, 0, 1).contract();
        TeachingTestSupport.Taught second = teaching.contractWithSchedule(1, 0, 1).contract();
        OffsetDateTime paidAt = OffsetDateTime.parse("1996-08-01T21:00:00+08:00");
        // the first: its order opened, then the opportunity paid
        PaymentOrder before = payments.openOrder(first.opportunityId(), first.quoteId(), first.contractId(), "BJ-HD",
                new BigDecimal("9000.00"), InstallmentPlan.FULL, LocalDate.of(1996, 8, 1));
        jdbc.sql("update opportunity set paid_at = ?, renewal_of_id = null where id = ?").params(paidAt,
                first.opportunityId()).update();
        assertMoneyIsTheRecount("an order, then the payment");
        // the second: paid first, its order opened after, both in one transaction
        transaction.executeWithoutResult(t -> {
            jdbc.sql("update opportunity set paid_at = ?, renewal_of_id = null where id = ?").params(paidAt,
                    second.opportunityId()).update();
            payments.openOrder(second.opportunityId(), second.quoteId(), second.contractId(), "BJ-HD",
                    new BigDecimal("6000.00"), InstallmentPlan.FULL, LocalDate.of(1996, 8, 1));
        });
        assertMoneyIsTheRecount("the payment, then an order, in one transaction");
        assertThat(jdbc.sql("select order_count from opportunity where id = ?").param(second.opportunityId())
                .query(Integer.class).single()).isOne();
        // what an order charges changes: a 转课's difference added (补差价), unpaid installments taken off
        payments.addInstallment(second.contractId(), new BigDecimal("800.00"), LocalDate.of(1996, 9, 1));
        assertMoneyIsTheRecount("a difference added to an order");
        assertThat(moneyKept().get(second.opportunityId())).startsWith("1 orders ¥6800.00 ");
        assertThat(payments.reduceUnpaid(second.contractId(), new BigDecimal("500.00")))
                .isEqualByComparingTo("500.00");
        assertMoneyIsTheRecount("unpaid installments taken off");
        assertThat(moneyKept().get(second.opportunityId())).startsWith("1 orders ¥6300.00 ");
        // a refund paid out on the first, then the first's order cancelled: its value goes, the refund stays
        jdbc.sql("insert into payment (order_id, method, amount, status, external_ref, recorded_by, "
                + "received_at) values (?, 'CASH', 9000.00, 'CONFIRMED', ?, 'test', ?)")
                .params(before.id(), "FD" + System.nanoTime(), paidAt).update();
        long paymentId = jdbc.sql("select max(id) from payment where order_id = ?").param(before.id())
                .query(Long.class).single();
        long refundId = paidRefund(first, "PERSONAL", "1200.00", paymentId, paidAt);
        assertMoneyIsTheRecount("a refund paid out");
        // an overpayment paid back (多付款退还) was never the contract's value: not refunded value
        paidRefund(first, "OVERPAYMENT", "300.00", paymentId, paidAt);
        assertMoneyIsTheRecount("an overpayment paid back");
        assertThat(moneyKept().get(first.opportunityId())).endsWith("¥1200.00 refunded");
        payments.cancel(before.id());
        assertMoneyIsTheRecount("the order cancelled");
        assertThat(moneyKept().get(first.opportunityId())).isEqualTo("0 orders ¥0.00 0 lessons, ¥1200.00 refunded");
        jdbc.sql("update refund_payout set amount = 800.00 where refund_id = ?").param(refundId)
                .update();
        jdbc.sql("update opportunity set team_id = 'BJHDCLASS' where id = ?").param(first.opportunityId()).update();
        assertMoneyIsTheRecount("a payout corrected, a team moved");
        jdbc.sql("delete from refund_payout where refund_id = ?").param(refundId).update();
        assertMoneyIsTheRecount("a payout deleted");
    }

    /** A refund of {@code reason} paid out of {@code paymentId} (written as an operator's SQL would, by anyone). */
    private long paidRefund(TeachingTestSupport.Taught contract, String reason, String amount, long paymentId,
            OffsetDateTime paidAt) {
        KeyHolder refund = new GeneratedKeyHolder();
        jdbc.sql("insert into refund (refund_no, contract_id, opportunity_id, customer_id, campus_code, reason, "
                + "status, paid, consumed_value, fees, fee_name, amount, shortfall, consumed_lessons, "
                + "purchased_lessons, unit_price, computation, requested_by, requested_at) "
                + "select ?, ?, o.id, o.customer_id, 'BJ-HD', "
                + "?, 'PAID', 9000.00, 0, 0, '无', ?, 0, 0, 1, 9000.00, '测试', 'test', ? from opportunity o "
                + "where o.id = ?").params("TF" + (System.nanoTime() % 100000000L), contract.contractId(), reason,
                        new BigDecimal(amount), paidAt, contract.opportunityId()).update(refund, "id");
        long id = refund.getKey().longValue();
        jdbc.sql("insert into refund_payout (refund_id, payment_id, channel, amount, voucher, paid_by, paid_at) "
                + "values (?, ?, 'CASH', ?, ?, 'test', ?)").params(id, paymentId, new BigDecimal(amount),
                        "V" + System.nanoTime(), paidAt).update();
        return id;
    }

    /**
     * V28's statements (with V65's and V82's) are also the rebuild (docs/operations.md): run on today's data, they
     * give the recount.
     */
    @Test
    void shouldRebuildToTheRecount() throws java.io.IOException {
        List<String> statements = com.enrollflow.bench.BoardLoad.funnelDayRebuild();
        String insert = statements.get(statements.size() - 1);
        String rebuild = insert.substring(insert.indexOf("select reached_on, stage"));
        opportunity("BJ-CY", "BJCY1V1", OffsetDateTime.parse("1996-07-01T00:10:00+08:00"), null, null);
        Map<String, Long> rebuilt = new TreeMap<>();
        jdbc.sql(rebuild).query(rs -> {
            rebuilt.put(key(rs.getObject("reached_on", LocalDate.class), rs.getString("stage"),
                    rs.getString("campus_code"), rs.getString("call_centre"), rs.getString("team_id"),
                    rs.getBoolean("is_lead")), rs.getLong(7));
        });
        assertThat(rebuilt).isEqualTo(recount());
        // the money's statements, in one transaction as the docs say: they give the recount too
        transaction.executeWithoutResult(t -> statements.subList(0, statements.size() - 1)
                .forEach(money -> jdbc.sql(money).update()));
        assertMoneyIsTheRecount("the money rebuilt");
        jdbc.sql("delete from campaign_day").update();
        jdbc.sql(com.enrollflow.bench.BoardLoad.campaignDayRebuild()).update();
        assertThat(campaigns(true)).as("campaign_day rebuilt by V34's statement").isEqualTo(campaigns(false));
    }

    @Test
    void shouldCountEveryLeadOfConcurrentIntakesOnTheSameDay() throws Exception {
        OffsetDateTime day = OffsetDateTime.parse("1996-06-15T10:00:00+08:00");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Long>> intakes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                intakes.add(() -> transaction.execute(t -> opportunity("SH-XH", null, day, null, null)));
            }
            for (Future<Long> intake : pool.invokeAll(intakes)) {
                intake.get();
            }
        } finally {
            pool.shutdown();
        }
        long counted = jdbc.sql("select opportunities from funnel_day where reached_on = ? and stage = 'leads' "
                + "and campus_code = 'SH-XH' and team_id = '' and is_lead").param(day.toLocalDate())
                .query(Long.class).single();
        assertThat(counted).as("40 leads of 上海徐汇 taken at once, none lost to a race on the day's row")
                .isEqualTo(jdbc.sql("select count(*) from opportunity where campus_code = 'SH-XH' and received_at = ?")
                        .param(day).query(Long.class).single());
        assertSummaryIsTheRecount("concurrent intakes");
    }
}
