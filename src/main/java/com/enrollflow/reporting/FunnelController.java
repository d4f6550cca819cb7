package com.enrollflow.reporting;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.common.InputRules;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.Channel;
import com.enrollflow.reference.Scope;
import com.enrollflow.reference.BusinessTime;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * Funnel counts straight from the opportunities' stage timestamps: each stage counts the opportunities
 * that reached it within [from, to]. Leads and valid leads count enquiries (an opportunity split off at
 * intent is not a second lead); intent onward counts every opportunity.
 */
@RestController
@RequestMapping("/api/reports/funnel")
class FunnelController {


    private final JdbcClient jdbc;
    private final CampusScope scope;
    private final Campuses campuses;

    FunnelController(JdbcClient jdbc, CampusScope scope, Campuses campuses) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.campuses = campuses;
    }

    @Operation(summary = "销售漏斗：各阶段数量与转化率（按日期、校区、渠道、活动筛选）")
    @GetMapping
    FunnelReport funnel(@RequestParam("from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam("to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "校区：代码或名称（BJ-HD、北京海淀校区、海淀）")
            @RequestParam(name = "campus", required = false) String campusGiven,
            @Parameter(description = "渠道：代码或中文（PHONE、电话接访、电话）")
            @RequestParam(name = "channel", required = false) String channelGiven,
            @RequestParam(name = "campaign", required = false) String campaign) {
        InputRules rules = new InputRules();
        if (to.isBefore(from)) {
            rules.problem("to", "结束日期不能早于开始日期");
        }
        Campus campusFound = null;
        if (campusGiven != null && !campusGiven.isBlank()) {
            Campuses.Match match = campuses.find(campusGiven);
            if (match.found()) {
                campusFound = match.campus();
            } else {
                rules.problem("campus", match.problem());
            }
        }
        Channel channelFound = rules.code("channel", channelGiven, Channel.class, false);
        rules.throwIfAny();
        String campus = campusFound == null ? null : campusFound.code();
        String channel = channelFound == null ? null : channelFound.name();
        if (campus != null && !scope.current().seesCampus(campus)) {
            throw new NotFoundException("您负责的校区中没有校区 " + campus + " 的报表");
        }
        OffsetDateTime start = from.atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
        long leads = count("received_at", true, start, end, campus, channel, campaign);
        long valid = count("valid_at", true, start, end, campus, channel, campaign);
        long intent = count("intent_at", false, start, end, campus, channel, campaign);
        long agreed = count("agreed_at", false, start, end, campus, channel, campaign);
        long visited = count("visited_at", false, start, end, campus, channel, campaign);
        long planned = count("planned_at", false, start, end, campus, channel, campaign);
        long paid = count("paid_at", false, start, end, campus, channel, campaign);
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
        return new FunnelReport(from.toString(), to.toString(), campus,
                campusFound == null ? null : campusFound.name(), channel,
                channelFound == null ? null : channelFound.label(), campaign, stages, rates,
                revenue(start, end, campus, channel, campaign));
    }

    /** Paid orders in the period: one per opportunity paid, at its contract value; cancelled orders excluded. */
    private FunnelReport.Revenue revenue(OffsetDateTime start, OffsetDateTime end, String campus, String channel,
            String campaign) {
        String sql = "select count(*) orders, coalesce(sum(q.final_price), 0) total, "
                + "coalesce(sum(q.lessons), 0) lessons from opportunity o "
                + "join payment_order p on p.opportunity_id = o.id and p.status <> 'CANCELLED' "
                + "join quote q on q.id = p.quote_id where o.paid_at >= :start and o.paid_at < :end";
        return filtered(sql, start, end, campus, channel, campaign).query((rs, n) -> {
            long orders = rs.getLong("orders");
            java.math.BigDecimal total = rs.getBigDecimal("total").setScale(2);
            long lessons = rs.getLong("lessons");
            return new FunnelReport.Revenue(orders, total,
                    orders == 0 ? null : total.divide(java.math.BigDecimal.valueOf(orders), 2,
                            java.math.RoundingMode.HALF_UP),
                    lessons == 0 ? null : total.divide(java.math.BigDecimal.valueOf(lessons), 2,
                            java.math.RoundingMode.HALF_UP),
                    "158–398");
        }).single();
    }

    private long count(String column, boolean leadsOnly, OffsetDateTime start, OffsetDateTime end, String campus,
            String channel, String campaign) {
        String sql = "select count(*) from opportunity o where o." + column + " >= :start and o." + column + " < :end"
                + (leadsOnly ? " and o.split_from_id is null" : "");
        return filtered(sql, start, end, campus, channel, campaign).query(Long.class).single();
    }

    /** The query with the report's optional filters (on opportunity {@code o}) and the period bound. */
    private JdbcClient.StatementSpec filtered(String sql, OffsetDateTime start, OffsetDateTime end, String campus,
            String channel, String campaign) {
        Scope visible = scope.current();
        StringBuilder where = new StringBuilder(sql).append(" and ").append(visible.opportunityCondition("o."));
        if (campus != null) {
            where.append(" and o.campus_code = :campus");
        }
        if (channel != null) {
            where.append(" and o.channel = :channel");
        }
        if (campaign != null) {
            where.append(" and o.campaign = :campaign");
        }
        var spec = visible.bind(jdbc.sql(where.toString())).param("start", start).param("end", end);
        if (campus != null) {
            spec = spec.param("campus", campus);
        }
        if (channel != null) {
            spec = spec.param("channel", channel);
        }
        if (campaign != null) {
            spec = spec.param("campaign", campaign);
        }
        return spec;
    }
}
