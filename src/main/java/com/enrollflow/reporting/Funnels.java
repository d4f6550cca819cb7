package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.enrollflow.common.InputRules;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.Channel;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Scope;

/**
 * The sales funnel (销售漏斗) of DOMAIN.md, counted straight from the opportunities' stage timestamps: each stage
 * counts the opportunities that reached it within [from, to]. Leads and valid leads count enquiries (an opportunity
 * split off at intent is not a second lead); intent onward counts every opportunity. Always within the acting
 * user's campuses ({@link CampusScope}); one place for the formulas, whoever asks (/api, the Cockpit board, Excel).
 */
@Service
public class Funnels {

    private final JdbcClient jdbc;
    private final CampusScope scope;
    private final Campuses campuses;
    private final CampusRepository campusRepository;

    Funnels(JdbcClient jdbc, CampusScope scope, Campuses campuses, CampusRepository campusRepository) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.campuses = campuses;
        this.campusRepository = campusRepository;
    }

    /** The filters as a caller typed them: dates required, the rest optional (codes or Chinese words). */
    public record Filter(LocalDate from, LocalDate to, String campus, String channel, String campaign,
            String productLine) {
    }

    /** A choice of a filter: its code and what staff read. */
    public record Option(String code, String label) {
    }

    /** What the acting user may filter by: their own campuses, every channel and product line. */
    public record Options(List<Option> campuses, List<Option> channels, List<Option> productLines) {
    }

    public Options options() {
        Scope visible = scope.current();
        return new Options(
                campusRepository.findActive().stream().filter(c -> visible.seesCampus(c.code()))
                        .map(c -> new Option(c.code(), c.name())).toList(),
                Arrays.stream(Channel.values()).map(c -> new Option(c.name(), c.label())).toList(),
                Arrays.stream(ProductLine.values()).map(p -> new Option(p.name(), p.label())).toList());
    }

    /**
     * The funnel for the filters, within the acting user's campuses; a campus outside them is "not found" (as if it
     * did not exist), a filter that names nothing is a field problem (400).
     */
    public FunnelReport report(Filter filter) {
        InputRules rules = new InputRules();
        if (filter.from() == null) {
            rules.problem("from", "请填写开始日期");
        }
        if (filter.to() == null) {
            rules.problem("to", "请填写结束日期");
        }
        if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
            rules.problem("to", "结束日期不能早于开始日期");
        }
        Campus campusFound = null;
        Campuses.Match match = campuses.find(filter.campus());
        if (match.found()) {
            campusFound = match.campus();
        } else if (match.problem() != null) {
            rules.problem("campus", match.problem());
        }
        Channel channelFound = rules.code("channel", filter.channel(), Channel.class, false);
        ProductLine lineFound = rules.code("productLine", filter.productLine(), ProductLine.class, false);
        rules.throwIfAny();
        String campaign = filter.campaign() == null || filter.campaign().isBlank() ? null : filter.campaign().trim();
        Where where = new Where(campusFound == null ? null : campusFound.code(),
                channelFound == null ? null : channelFound.name(), campaign,
                lineFound == null ? null : lineFound.name(), scope.current());
        if (where.campus != null && !where.visible.seesCampus(where.campus)) {
            throw new NotFoundException("您负责的校区中没有校区 " + where.campus + " 的报表");
        }
        OffsetDateTime start = filter.from().atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
        OffsetDateTime end = filter.to().plusDays(1).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
        long leads = count("received_at", true, start, end, where);
        long valid = count("valid_at", true, start, end, where);
        long intent = count("intent_at", false, start, end, where);
        long agreed = count("agreed_at", false, start, end, where);
        long visited = count("visited_at", false, start, end, where);
        long planned = count("planned_at", false, start, end, where);
        long paid = count("paid_at", false, start, end, where);
        List<FunnelReport.Stage> stages = List.of(
                new FunnelReport.Stage("leads", "总线索量", leads),
                new FunnelReport.Stage("valid", "有效信息量", valid),
                new FunnelReport.Stage("intent", "意向商机量", intent),
                new FunnelReport.Stage("agreed", "同意到访量", agreed),
                new FunnelReport.Stage("visited", "实际到访量", visited),
                new FunnelReport.Stage("planned", "方案规划量", planned),
                new FunnelReport.Stage("paid", "成单缴费量", paid));
        List<FunnelReport.Rate> rates = new ArrayList<>();
        rates.add(new FunnelReport.Rate("validRate", "信息有效率", "valid / leads", FunnelReport.percent(valid, leads)));
        rates.add(new FunnelReport.Rate("intentConversion", "意向客户转化率", "intent / valid",
                FunnelReport.percent(intent, valid)));
        rates.add(new FunnelReport.Rate("intentRate", "意向客户率", "intent / leads", FunnelReport.percent(intent, leads)));
        rates.add(new FunnelReport.Rate("agreeConversion", "同意到访转化率", "agreed / intent",
                FunnelReport.percent(agreed, intent)));
        rates.add(new FunnelReport.Rate("agreeRate", "同意到访率", "agreed / leads", FunnelReport.percent(agreed, leads)));
        rates.add(new FunnelReport.Rate("visitConversion", "实际到访转化率", "visited / agreed",
                FunnelReport.percent(visited, agreed)));
        rates.add(new FunnelReport.Rate("visitRate", "实际到访率", "visited / leads", FunnelReport.percent(visited, leads)));
        rates.add(new FunnelReport.Rate("closeConversion", "成单转化率", "paid / visited",
                FunnelReport.percent(paid, visited)));
        rates.add(new FunnelReport.Rate("closeRate", "成单率", "paid / leads", FunnelReport.percent(paid, leads)));
        return new FunnelReport(filter.from().toString(), filter.to().toString(), where.campus,
                campusFound == null ? null : campusFound.name(), where.channel,
                channelFound == null ? null : channelFound.label(), campaign, where.productLine,
                lineFound == null ? null : lineFound.label(), stages, rates, revenue(start, end, where));
    }

    /** The report's filters as codes, and the acting user's scope. */
    private record Where(String campus, String channel, String campaign, String productLine, Scope visible) {
    }

    /**
     * Paid orders in the period: one per opportunity paid, at its contract value; cancelled orders excluded. Refunds
     * of those orders are subtracted for the net, in the period the order was paid (the sale's cohort).
     */
    private FunnelReport.Revenue revenue(OffsetDateTime start, OffsetDateTime end, Where where) {
        String sql = "select count(*) orders, coalesce(sum(q.final_price), 0) total, "
                + "coalesce(sum(q.lessons), 0) lessons from opportunity o "
                + "join payment_order p on p.opportunity_id = o.id and p.status <> 'CANCELLED' "
                + "join quote q on q.id = p.quote_id where o.paid_at >= :start and o.paid_at < :end";
        BigDecimal refunded = filtered("select coalesce(sum(x.amount), 0) from refund_payout x "
                + "join refund f on f.id = x.refund_id join opportunity o on o.id = f.opportunity_id "
                + "where o.paid_at >= :start and o.paid_at < :end", start, end, where).query(BigDecimal.class).single()
                .setScale(2, RoundingMode.HALF_UP);
        return filtered(sql, start, end, where).query((rs, n) -> {
            long orders = rs.getLong("orders");
            BigDecimal total = rs.getBigDecimal("total").setScale(2);
            long lessons = rs.getLong("lessons");
            return new FunnelReport.Revenue(orders, total,
                    orders == 0 ? null : total.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP),
                    lessons == 0 ? null : total.divide(BigDecimal.valueOf(lessons), 2, RoundingMode.HALF_UP),
                    "158–398", refunded, total.subtract(refunded));
        }).single();
    }

    private long count(String column, boolean leadsOnly, OffsetDateTime start, OffsetDateTime end, Where where) {
        String sql = "select count(*) from opportunity o where o." + column + " >= :start and o." + column + " < :end"
                + (leadsOnly ? " and o.split_from_id is null" : "");
        return filtered(sql, start, end, where).query(Long.class).single();
    }

    /** The query with the report's optional filters (on opportunity {@code o}), the scope and the period bound. */
    private JdbcClient.StatementSpec filtered(String sql, OffsetDateTime start, OffsetDateTime end, Where where) {
        // renewals (续费) are sold to families already won: they have their own report, never the new-lead funnel
        StringBuilder text = new StringBuilder(sql).append(" and o.renewal_of_id is null and ")
                .append(where.visible.opportunityCondition("o."));
        if (where.campus != null) {
            text.append(" and o.campus_code = :campus");
        }
        if (where.channel != null) {
            text.append(" and o.channel = :channel");
        }
        if (where.campaign != null) {
            text.append(" and o.campaign = :campaign");
        }
        if (where.productLine != null) {
            text.append(" and o.product_line = :productLine");
        }
        var spec = where.visible.bind(jdbc.sql(text.toString())).param("start", start).param("end", end);
        if (where.campus != null) {
            spec = spec.param("campus", where.campus);
        }
        if (where.channel != null) {
            spec = spec.param("channel", where.channel);
        }
        if (where.campaign != null) {
            spec = spec.param("campaign", where.campaign);
        }
        if (where.productLine != null) {
            spec = spec.param("productLine", where.productLine);
        }
        return spec;
    }
}
