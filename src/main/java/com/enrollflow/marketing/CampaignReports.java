package com.enrollflow.marketing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.reference.Channel;
import com.enrollflow.reference.Scope;

/**
 * The campaign and channel ROI figures, from the project's own tables. A lead belongs to the campaign whose name its
 * campaign text matches (case and spaces aside); new leads only (not the second product line of one enquiry, not a
 * renewal). Revenue is counted as the funnel counts it: the contract value of the paid orders. A campaign's cost counts
 * in full in every period its dates overlap.
 */
@Service
public class CampaignReports {

    private final JdbcClient jdbc;

    CampaignReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Leads(long leads, long paid, BigDecimal revenue) {
        static final Leads NONE = new Leads(0, 0, BigDecimal.ZERO);

        Leads plus(Leads other) {
            return new Leads(leads + other.leads, paid + other.paid, revenue.add(other.revenue));
        }
    }

    private record Cost(BigDecimal cost, boolean recorded) {
    }

    @Transactional(readOnly = true)
    public CampaignReport report(Scope visible, String campus, LocalDate from, LocalDate to) {
        LocalDate first = from == null ? LocalDate.of(2000, 1, 1) : from;
        LocalDate last = to == null ? LocalDate.of(2999, 12, 31) : to;
        // leads of the period per campus and campaign text key, and per channel
        Map<Claim, Leads> byCampusKey = new HashMap<>();
        Map<String, Leads> byChannel = new HashMap<>();
        for (Keyed r : leads(visible, campus, first, last)) {
            byChannel.merge(r.channel(), r.leads(), Leads::plus);
            if (r.key() != null) {
                byCampusKey.merge(new Claim(r.campus(), r.key()), r.leads(), Leads::plus);
            }
        }
        // a campus's campaign counts its campus's leads; head office's (no campus) those of every campus without a
        // campaign of its own of that name
        Set<Claim> campusCampaigns = new HashSet<>(jdbc.sql("select campus_code, name_key from campaign "
                + "where campus_code is not null").query((rs, n) -> new Claim(rs.getString(1), rs.getString(2)))
                .list());

        List<CampaignReport.Row> campaigns = new ArrayList<>();
        Map<String, Cost> channelCost = new HashMap<>();
        String sql = "select id, name, name_key, channel, campus_code, cost, starts_on, ends_on from campaign c where "
                + "(c.campus_code is null or " + visible.campusCondition("c.campus_code") + ")"
                + (campus == null ? "" : " and (c.campus_code is null or c.campus_code = :campus)")
                + " order by c.starts_on desc, c.id desc";
        var spec = visible.bind(jdbc.sql(sql));
        if (campus != null) {
            spec = spec.param("campus", campus);
        }
        Set<Claim> matched = new HashSet<>();
        for (Map<String, Object> c : spec.query().listOfRows()) {
            String key = (String) c.get("name_key");
            String own = (String) c.get("campus_code");
            List<Claim> claims = own != null ? List.of(new Claim(own, key))
                    : byCampusKey.keySet().stream().filter(k -> k.key().equals(key) && !campusCampaigns.contains(k))
                            .toList();
            Leads l = claims.stream().map(k -> byCampusKey.getOrDefault(k, Leads.NONE)).reduce(Leads.NONE,
                    Leads::plus);
            LocalDate starts = toDate(c.get("starts_on"));
            LocalDate ends = toDate(c.get("ends_on"));
            boolean overlaps = !starts.isAfter(last) && !ends.isBefore(first);
            if (!overlaps && l.leads() == 0) {
                continue;
            }
            matched.addAll(claims);
            BigDecimal cost = (BigDecimal) c.get("cost");
            Cost counted = new Cost(overlaps && cost != null ? cost : BigDecimal.ZERO, cost != null || !overlaps);
            Channel channel = Channel.valueOf((String) c.get("channel"));
            if (overlaps) {
                channelCost.merge(channel.name(), counted, (a, b) -> new Cost(a.cost().add(b.cost()),
                        a.recorded() && b.recorded()));
            }
            campaigns.add(new CampaignReport.Row(String.valueOf(c.get("id")), (String) c.get("name"), channel.name(),
                    channel.label(), (String) c.get("campus_code"), figures(l, counted)));
        }
        List<CampaignReport.Row> channels = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            Leads l = byChannel.getOrDefault(channel.name(), Leads.NONE);
            Cost cost = channelCost.getOrDefault(channel.name(), new Cost(BigDecimal.ZERO, true));
            if (l.leads() == 0 && cost.cost().signum() == 0) {
                continue;
            }
            channels.add(new CampaignReport.Row(channel.name(), channel.label(), channel.name(), channel.label(), null,
                    figures(l, cost)));
        }
        // a campus's leads whose text neither their own campus's campaign nor head office's claims
        Leads unregistered = byCampusKey.entrySet().stream().filter(e -> !matched.contains(e.getKey()))
                .map(Map.Entry::getValue).reduce(Leads.NONE, Leads::plus);
        return new CampaignReport(from, to, campus, campaigns, channels, figures(unregistered, new Cost(null, false)));
    }

    /** The leads of one campus ('' for a call centre's) that name one campaign text key. */
    private record Claim(String campus, String key) {
    }

    /** The leads of one channel and campaign (the campaign's text key, null: none). */
    private record Keyed(String campus, String channel, String key, Leads leads) {
    }

    /**
     * The period's leads per channel and campaign text key, from the summaries kept by triggers on every write to
     * opportunity: the whole calendar months of the period from campaign_month (V53, one row per campaign and month),
     * the days before and after them from campaign_day (V32, one row per campaign and day) — a few hundred rows a month
     * instead of every lead of the period. A campaign and channel may come in several rows (days, months, call
     * centres); a row counted down to no leads is left out (its paid leads and revenue are none either).
     */
    private List<Keyed> leads(Scope visible, String campus, LocalDate first, LocalDate last) {
        // [wholeFrom, wholeTo): the whole months in [first, last]; none when the period holds no whole month
        LocalDate wholeFrom = first.getDayOfMonth() == 1 ? first : first.withDayOfMonth(1).plusMonths(1);
        LocalDate wholeTo = last.plusDays(1).withDayOfMonth(1);
        if (!wholeFrom.isBefore(wholeTo)) {
            wholeFrom = last.plusDays(1);
            wholeTo = wholeFrom;
        }
        // one whole month at most: the rows as kept, added up by the caller (grouping a month's 1 800 rows in the
        // database, with numeric sums, took longer than reading them); several whole months repeat each campaign
        // once a month and are added up in the database (docs/benchmark.md, decision 511)
        boolean severalMonths = wholeFrom.plusMonths(1).isBefore(wholeTo);
        String sql = "select x.campus_code as s, x.channel as c, x.campaign_key as k, "
                + (severalMonths ? "sum(x.leads) as leads, sum(x.paid) as paid, sum(x.revenue) as revenue"
                        : "x.leads, x.paid, x.revenue")
                + " from (select d.campus_code, d.call_centre, d.channel, d.campaign_key, d.leads, d.paid, d.revenue "
                + "from campaign_day d where (d.received_on >= :from and d.received_on < :wholeFrom "
                + "or d.received_on >= :wholeTo and d.received_on <= :to) union all "
                + "select m.campus_code, m.call_centre, m.channel, m.campaign_key, m.leads, m.paid, m.revenue "
                + "from campaign_month m where m.month_start >= :wholeFrom and m.month_start < :wholeTo) x "
                + "where x.leads <> 0 and " + visible.summaryCondition("x.")
                + (campus == null ? "" : " and x.campus_code = :campus")
                + (severalMonths ? " group by x.campus_code, x.channel, x.campaign_key" : "");
        var spec = visible.bind(jdbc.sql(sql)).param("from", first).param("to", last).param("wholeFrom", wholeFrom)
                .param("wholeTo", wholeTo);
        if (campus != null) {
            spec = spec.param("campus", campus);
        }
        // '' is a lead that names no campaign (lower(trim(campaign)) of none)
        return spec.query((ResultSet rs, int n) -> new Keyed(rs.getString("s"), rs.getString("c"),
                rs.getString("k").isEmpty() ? null : rs.getString("k"),
                new Leads(rs.getLong("leads"), rs.getLong("paid"),
                        rs.getBigDecimal("revenue").setScale(2, RoundingMode.HALF_UP)))).list();
    }

    private static CampaignReport.Figures figures(Leads l, Cost c) {
        BigDecimal cost = c.cost() == null ? null : c.cost().setScale(2, RoundingMode.HALF_UP);
        boolean known = c.recorded() && cost != null;
        return new CampaignReport.Figures(l.leads(), l.paid(), l.leads() == 0 ? null
                : BigDecimal.valueOf(l.paid()).divide(BigDecimal.valueOf(l.leads()), 4, RoundingMode.HALF_UP),
                l.revenue().setScale(2, RoundingMode.HALF_UP), cost, c.recorded(),
                !known || l.paid() == 0 ? null : cost.divide(BigDecimal.valueOf(l.paid()), 2, RoundingMode.HALF_UP),
                !known || cost.signum() == 0 ? null
                        : l.revenue().subtract(cost).divide(cost, 4, RoundingMode.HALF_UP));
    }

    private static LocalDate toDate(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(String.valueOf(value));
    }
}
